import Foundation

/// One candidate of an automatic choice, with its score or the reason it was not fitted.
public struct CandidateResult: Sendable, Hashable, Codable {
    public var model: String
    public var parameters: Int
    public var aicc: Double?
    public var skipped: String?
}

/// The outcome of choosing a trend automatically.
public struct TrendSelection: Sendable {
    /// The chosen fit.
    public let fit: FittedTrend
    /// Every candidate considered, in the order tried.
    public let candidates: [CandidateResult]
    /// A note when the choice fell back to a simpler model, for the report.
    public let note: String?

    public init(fit: FittedTrend, candidates: [CandidateResult], note: String?) {
        self.fit = fit
        self.candidates = candidates
        self.note = note
    }
}

/// Chooses a trend among candidates by AICc, with small-sample guards.
///
/// Guards: a candidate needs at least `parameters + 2` points (never more parameters than n − 2), a
/// quadratic at least 8, and values inside its domain; when no candidate passes, the linear trend is
/// used if it can be fitted at all, and the note says so.
///
/// - Parameters:
///   - series: the data.
///   - upperBound: a known cap (100 for a percentage, 181 for communes): adds logistic and Gompertz
///     trends with that cap to the candidates.
///   - interventions, weighting: applied to every candidate.
/// - Throws: `ForecastingError.tooFewPoints` when not even a line can be fitted.
public func selectTrend(_ series: Series, upperBound: Double? = nil, interventions: [Intervention] = [],
                        weighting: Weighting = .equal, damping: Double? = nil) throws -> TrendSelection {
    var shapes: [TrendShape] = [.linear, .exponential, .polynomial(degree: 2)]
    if let cap = upperBound { shapes += [.logistic(cap: cap), .gompertz(cap: cap)] }
    var results: [CandidateResult] = []
    var best: FittedTrend?
    for shape in shapes {
        let model = TrendModel(shape: shape, interventions: interventions, weighting: weighting,
                               damping: shape == .polynomial(degree: 2) ? nil : damping)
        let need = max(model.parameterCount + 2, shape == .polynomial(degree: 2) ? 8 : 0)
        if series.count < need {
            results.append(CandidateResult(model: model.name, parameters: model.parameterCount, aicc: nil,
                                           skipped: "needs \(need) points, has \(series.count)"))
            continue
        }
        do {
            let fit = try model.fit(series)
            results.append(CandidateResult(model: model.name, parameters: model.parameterCount, aicc: fit.aicc, skipped: nil))
            if fit.aicc.isFinite, best == nil || fit.aicc < best!.aicc { best = fit }
        } catch let error as ForecastingError {
            results.append(CandidateResult(model: model.name, parameters: model.parameterCount, aicc: nil, skipped: error.description))
        }
    }
    if let best { return TrendSelection(fit: best, candidates: results, note: nil) }
    // Fallback: the simplest trend that can be fitted at all.
    let line = TrendModel(shape: .linear, interventions: interventions, weighting: weighting, damping: damping)
    let fit = try line.fit(series)
    return TrendSelection(fit: fit, candidates: results,
                          note: "only \(series.count) points: no candidate passed the small-sample guard, so a linear trend is used")
}

/// A model as a user asks for it: `auto` (the planning forecaster), `aicc` (the AICc choice of one
/// trend shape), or a named shape.
public enum ModelName: String, Sendable, Hashable, Codable, CaseIterable {
    case auto, planning, aicc, linear, exponential, quadratic, polynomial, logistic, gompertz, damped
}

/// Everything needed to fit a trend to one series as a user specified it.
public struct ModelSpecification: Sendable, Hashable, Codable {
    public var name: ModelName
    public var cap: Double?
    public var degree: Int?
    public var interventions: [Intervention]
    public var weighting: Weighting
    public var damping: Double?
    /// An upper bound of the indicator (100 for a share): the cap of `auto`'s saturating candidates
    /// and of logistic/Gompertz when no cap is given.
    public var upperBound: Double?

    public init(name: ModelName = .auto, cap: Double? = nil, degree: Int? = nil, interventions: [Intervention] = [],
                weighting: Weighting = .equal, damping: Double? = nil, upperBound: Double? = nil) {
        self.name = name
        self.cap = cap
        self.degree = degree
        self.interventions = interventions
        self.weighting = weighting
        self.damping = damping
        self.upperBound = upperBound
    }

    /// The concrete model for a named shape (nil for `auto`).
    public var trendModel: TrendModel? {
        let shape: TrendShape
        var damping = self.damping
        switch name {
        case .auto, .planning, .aicc: return nil
        case .linear: shape = .linear
        case .exponential: shape = .exponential
        case .quadratic: shape = .polynomial(degree: 2)
        case .polynomial: shape = .polynomial(degree: degree ?? 2)
        case .logistic: shape = .logistic(cap: cap ?? upperBound)
        case .gompertz: shape = .gompertz(cap: cap ?? upperBound)
        case .damped:
            shape = .linear
            damping = damping ?? 0.8
        }
        return TrendModel(shape: shape, interventions: interventions, weighting: weighting, damping: damping)
    }

    /// Whether the specification asks for the planning forecaster (`auto` or `planning`).
    public var isPlanning: Bool { name == .auto || name == .planning }

    /// Fits the specified trend, or chooses one by AICc for `aicc` (and, in this trend-only view, for
    /// `auto`, which `fitProjection` serves with the planning forecaster).
    public func fit(_ series: Series) throws -> TrendSelection {
        if let model = trendModel {
            return TrendSelection(fit: try model.fit(series), candidates: [], note: nil)
        }
        return try selectTrend(series, upperBound: upperBound, interventions: interventions, weighting: weighting, damping: damping)
    }

    /// Fits what the specification asks for: the planning forecaster for `auto` and `planning`, a trend
    /// otherwise.
    ///
    /// - Parameters:
    ///   - bounds: the indicator's bounds (the planning forecaster works on the logit scale between two).
    ///   - isRate: the series is a yearly rate that may change sign.
    ///   - forecaster: the planning forecaster's settings.
    public func fitProjection(_ series: Series, bounds: ClosedRange<Double>? = nil, isRate: Bool = false,
                              forecaster: PlanningForecaster = PlanningForecaster()) throws -> ProjectionFit {
        if isPlanning {
            if !interventions.isEmpty || !weighting.isEqual || damping != nil || cap != nil || degree != nil {
                throw ForecastingError.invalidModel(
                    "the planning forecaster (model auto) takes no breaks, weights, damping, cap or degree; name a trend model such as linear or exponential to use them")
            }
            return ProjectionFit(projection: .planning(try forecaster.fit(series, bounds: bounds, isRate: isRate)),
                                 candidates: [], note: nil)
        }
        let selection = try fit(series)
        return ProjectionFit(projection: .trend(selection.fit), candidates: selection.candidates, note: selection.note)
    }
}
