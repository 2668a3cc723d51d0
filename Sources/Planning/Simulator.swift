import Foundation
import Forecasting

/// The outcome for one indicator: the data used, the fitted trend, and the projection under each scenario.
public struct IndicatorOutcome: Sendable {
    public let indicator: Indicator
    /// Observations up to the as-of year (the data the trend was fitted to).
    public let history: [Observation]
    /// Observations after the as-of year (for comparison and backtests; never used for fitting).
    public let laterActuals: [Observation]
    /// The fitted model that projects the indicator (nil when there is no projection).
    public let model: FittedProjection?
    /// The trend shapes compared by AICc (`model: aicc`), empty otherwise.
    public let candidates: [CandidateResult]
    /// A note about the model choice (e.g. a fallback), for the report.
    public let note: String?
    /// Why there is no projection, when there is none.
    public let problem: String?
    /// Projection rows by scenario name: the history, then the projected years.
    public let projections: [String: [ProjectionRow]]
    /// Adjustments of each scenario that touch this indicator, in words.
    public let adjustments: [String: [String]]
    /// Why there is no projection, as data (`problem` is its English wording).
    public var problemReason: ProjectionProblem? = nil
    /// The model the file named, when it could not take the data and another projects the indicator.
    public var fallback: ModelFallback? = nil

    public init(indicator: Indicator, history: [Observation], laterActuals: [Observation], model: FittedProjection?,
                candidates: [CandidateResult], note: String?, problem: String?, projections: [String: [ProjectionRow]],
                adjustments: [String: [String]]) {
        self.indicator = indicator
        self.history = history
        self.laterActuals = laterActuals
        self.model = model
        self.candidates = candidates
        self.note = note
        self.problem = problem
        self.projections = projections
        self.adjustments = adjustments
    }

    /// An outcome projected by a trend (or by nothing, when `fit` is nil).
    public init(indicator: Indicator, history: [Observation], laterActuals: [Observation], fit: FittedTrend?,
                candidates: [CandidateResult], note: String?, problem: String?, projections: [String: [ProjectionRow]],
                adjustments: [String: [String]]) {
        self.init(indicator: indicator, history: history, laterActuals: laterActuals, model: fit.map { .trend($0) },
                  candidates: candidates, note: note, problem: problem, projections: projections, adjustments: adjustments)
    }

    /// The fitted trend, when the indicator names a trend model.
    public var fit: FittedTrend? { model?.trend }
    /// The planning forecast, for `model: auto`.
    public var planning: FittedPlanningForecast? { model?.planning }
}

/// Everything a run produced: the report value every renderer reads.
public struct PlanResult: Sendable {
    public let plan: Plan
    /// The as-of year used: data after it were not fitted.
    public let asOf: Int
    /// The last year projected: the plan's horizon, or the as-of year when that is later.
    public let horizon: Int
    public let scenarioNames: [String]
    /// The simulated paths per indicator used.
    public let draws: Int
    /// The random seed used.
    public let seed: UInt64
    /// The levels (percent) of the central intervals of every projected row, in increasing order.
    public let levels: [Double]
    public let outcomes: [IndicatorOutcome]
    /// Target × scenario, in file order of targets, then scenario order.
    public let assessments: [TargetAssessment]
    /// The position in `assessments` of each target's assessment under each scenario.
    private let assessmentPositions: [AssessmentKey: Int]

    /// The position in `plan.scenarios` of each scenario by name (the first of a repeated name).
    private let scenarioPositions: [String: Int]

    /// The position in `outcomes` of each indicator by id (the first of a repeated id).
    private let outcomePositions: [String: Int]

    private struct AssessmentKey: Hashable, Sendable { let target: String, scenario: String }

    /// - Parameter horizon: the last year projected (default the later of the plan's horizon and `asOf`).
    /// - Parameter levels: the interval levels of the projected rows (default 80 and 95).
    public init(plan: Plan, asOf: Int, horizon: Int? = nil, scenarioNames: [String], draws: Int, seed: UInt64,
                outcomes: [IndicatorOutcome], assessments: [TargetAssessment], levels: [Double] = projectionLevels([])) {
        self.plan = plan
        self.levels = levels
        self.asOf = asOf
        self.horizon = horizon ?? max(plan.horizon, asOf)
        self.scenarioNames = scenarioNames
        self.draws = draws
        self.seed = seed
        self.outcomes = outcomes
        self.assessments = assessments
        var positions: [AssessmentKey: Int] = [:]
        positions.reserveCapacity(assessments.count)
        for (index, a) in assessments.enumerated() {
            let key = AssessmentKey(target: a.targetID, scenario: a.scenario)
            if positions[key] == nil { positions[key] = index }
        }
        assessmentPositions = positions
        var scenarios: [String: Int] = [:]
        for (index, scenario) in plan.scenarios.enumerated() where scenarios[scenario.name] == nil { scenarios[scenario.name] = index }
        scenarioPositions = scenarios
        var indicators: [String: Int] = [:]
        for (index, outcome) in outcomes.enumerated() where indicators[outcome.indicator.id] == nil { indicators[outcome.indicator.id] = index }
        outcomePositions = indicators
    }

    /// The target an assessment is about (found through its indicator, not by scanning every target).
    public func target(of assessment: TargetAssessment) -> Target? {
        outcome(assessment.indicatorID)?.indicator.targets.first { $0.id == assessment.targetID }
    }

    /// The outcome of the indicator with id `indicatorID`.
    ///
    /// - Complexity: O(1) on average.
    public func outcome(_ indicatorID: String) -> IndicatorOutcome? {
        outcomePositions[indicatorID].map { outcomes[$0] }
    }

    /// The scenario of the plan called `name`.
    ///
    /// - Complexity: O(1) on average.
    public func scenario(_ name: String) -> Scenario? {
        scenarioPositions[name].map { plan.scenarios[$0] }
    }

    /// The assessment of target `targetID` under `scenario` (the first, if a target id is repeated).
    ///
    /// - Complexity: O(1) on average: renderers ask for every target under every scenario.
    public func assessment(_ targetID: String, _ scenario: String) -> TargetAssessment? {
        assessmentPositions[AssessmentKey(target: targetID, scenario: scenario)].map { assessments[$0] }
    }
}

/// Runs a plan: fits each indicator's trend on data through `asOf`, simulates seeded paths, applies each
/// scenario's adjustments to every path, and assesses every target.
///
/// A pure function of its inputs: the same plan, data and seed give the same result.
///
/// - Parameters:
///   - plan: the validated plan.
///   - data: the series by name.
///   - asOf: overrides the plan's as-of year.
///   - scenarios: the scenarios to run (default all, in file order).
///   - forecaster: the settings of the planning forecaster that serves `model: auto`.
/// - Throws: `PlanningError` for an unknown scenario name or an invalid plan.
public func runPlan(_ plan: Plan, data: [String: Series], asOf: Int? = nil, scenarios: [String]? = nil,
                    draws: Int? = nil, seed: UInt64? = nil,
                    forecaster: PlanningForecaster = PlanningForecaster(), levels: [Double] = []) throws -> PlanResult {
    try plan.validate()
    if let level = levels.first(where: { !($0 > 0 && $0 < 100) }) {
        throw PlanningError(key: "levels", "an interval level must be a percentage between 0 and 100, not \(formatNumber(level))")
    }
    let levels = projectionLevels(levels)
    let asOf = asOf ?? plan.asOf
    let draws = draws ?? plan.draws
    let seed = seed ?? plan.seed
    let names = scenarios ?? plan.scenarios.map(\.name)
    var asked = Set<String>()
    if let repeated = names.first(where: { !asked.insert($0).inserted }) {
        throw PlanningError(key: "scenarios", "scenario '\(repeated)' is asked for twice; give each scenario once",
                            requestedScenario: repeated)
    }
    let defined = Set(plan.scenarios.map(\.name))
    for name in names where !defined.contains(name) {
        let hint = nearestName(name, among: plan.scenarios.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
        throw PlanningError(key: "scenarios", "no scenario '\(name)' in the file\(hint)", requestedScenario: name)
    }
    // Scenario → indicator → adjustments, so that each indicator finds its own without a scan.
    let adjustmentsByScenario = try plan.scenarios.resolvedAdjustments(of: names).mapValues { Dictionary(grouping: $0, by: \.indicator) }
    let horizon = max(plan.horizon, asOf)

    // Indicators are independent: each gets its own random stream, so they can run in parallel.
    let outcomes = ParallelMap.map(plan.indicators) { indicator -> (IndicatorOutcome, [TargetAssessment]) in
        simulateIndicator(indicator, plan: plan, data: data, asOf: asOf, horizon: horizon, draws: draws,
                          seed: seed, scenarioNames: names, adjustments: adjustmentsByScenario, forecaster: forecaster,
                          levels: levels)
    }
    var assessments: [TargetAssessment] = []
    for (_, a) in outcomes { assessments += a }
    return PlanResult(plan: plan, asOf: asOf, horizon: horizon, scenarioNames: names, draws: draws, seed: seed,
                      outcomes: outcomes.map(\.0), assessments: assessments, levels: levels)
}

/// The interval levels a run projects: 80% and 95% — the report's bands and the targets' 80% interval —
/// and any others asked for, in increasing order.
public func projectionLevels(_ asked: [Double]) -> [Double] { Array(Set([80, 95] + asked)).sorted() }

/// A stable 64-bit hash (FNV-1a) of a string, to give each indicator its own random stream.
func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return hash
}

private func simulateIndicator(_ indicator: Indicator, plan: Plan, data: [String: Series], asOf: Int, horizon: Int,
                               draws: Int, seed: UInt64, scenarioNames: [String],
                               adjustments: [String: [String: [Adjustment]]],
                               forecaster: PlanningForecaster, levels: [Double]) -> (IndicatorOutcome, [TargetAssessment]) {
    let touching = Dictionary(uniqueKeysWithValues: scenarioNames.map { name in
        (name, (adjustments[name]?[indicator.id] ?? []).map(\.summary))
    })
    func noProjection(_ history: [Observation], _ later: [Observation], _ reason: ProjectionProblem) -> (IndicatorOutcome, [TargetAssessment]) {
        unprojected(indicator, plan: plan, history: history, later: later, reason: reason, scenarioNames: scenarioNames,
                    adjustments: touching)
    }

    guard let seriesName = indicator.series, let full = data[seriesName] else {
        return noProjection([], [], indicator.series.map { .seriesNotInData($0) } ?? .noSeries)
    }
    let series = full.through(asOf)
    let history = series.observations
    let later = full.after(asOf).observations
    let fitted: (selection: ProjectionFit, fallback: ModelFallback?)
    switch fitIndicator(indicator, series: series, forecaster: forecaster) {
    case let .success(result): fitted = result
    case let .failure(error): return noProjection(history, later, .cannotFit(points: history.count, asOf: asOf, error: error))
    }
    let selection = fitted.selection
    let fit = selection.projection
    let years = fit.lastYear < horizon ? Array((fit.lastYear + 1)...horizon) : []
    var trendPaths: SimulatedPaths?
    if !years.isEmpty {
        do {
            trendPaths = try fit.simulate(years: years, draws: draws, seed: seed ^ stableHash(indicator.id))
        } catch {
            return noProjection(history, later, .covariance("\(error)"))
        }
    }
    var projections: [String: [ProjectionRow]] = [:]
    var assessments: [TargetAssessment] = []
    let historyRows = observedRows(history)
    // Scenarios that leave this indicator alone share one set of paths, rows and assessments: the
    // same numbers as computing them again, at a fraction of the cost in plans with many scenarios.
    var unadjusted: (rows: [ProjectionRow], assessments: [TargetAssessment])?
    for scenario in scenarioNames {
        let mine = adjustments[scenario]?[indicator.id] ?? []
        if mine.isEmpty, let shared = unadjusted {
            projections[scenario] = shared.rows
            assessments += shared.assessments.map { var a = $0; a.scenario = scenario; return a }
            continue
        }
        let paths = trendPaths.map { $0.adjusted(by: mine, bounds: indicator.bounds) }
        let projected = paths.map { projectionRows($0, levels: levels) } ?? []
        let rows = historyRows + projected
        projections[scenario] = rows
        let mineAssessed = indicator.targets.map {
            assess($0, indicator: indicator, scenario: scenario, plan: plan, history: history, paths: paths, problem: nil,
                   projected: projected)
        }
        assessments += mineAssessed
        if mine.isEmpty { unadjusted = (rows, mineAssessed) }
    }
    var outcome = IndicatorOutcome(indicator: indicator, history: history, laterActuals: later, model: fit,
                                   candidates: selection.candidates,
                                   note: modelNote(selection, fallback: fitted.fallback, paths: trendPaths), problem: nil,
                                   projections: projections, adjustments: touching)
    outcome.fallback = fitted.fallback
    return (outcome, assessments)
}

/// The rows of the observations: actual or estimate, as flagged.
private func observedRows(_ history: [Observation]) -> [ProjectionRow] {
    history.map { ProjectionRow(year: $0.year, kind: $0.kind == .estimate ? .estimate : .actual, central: $0.value) }
}

/// An indicator without projection: its observations as rows in every scenario, the reason (with the
/// data needed), and each target assessed from the data alone.
private func unprojected(_ indicator: Indicator, plan: Plan, history: [Observation], later: [Observation],
                         reason: ProjectionProblem, scenarioNames: [String],
                         adjustments: [String: [String]]) -> (IndicatorOutcome, [TargetAssessment]) {
    let rows = observedRows(history)
    let problem = reason.description + (indicator.dataNeeded.map { "; needed: \($0)" } ?? "")
    var outcome = IndicatorOutcome(indicator: indicator, history: history, laterActuals: later, model: nil,
                                   candidates: [], note: nil, problem: problem,
                                   projections: Dictionary(uniqueKeysWithValues: scenarioNames.map { ($0, rows) }),
                                   adjustments: adjustments)
    outcome.problemReason = reason
    let assessments = scenarioNames.flatMap { scenario in
        indicator.targets.map { target in
            assess(target, indicator: indicator, scenario: scenario, plan: plan, history: history, paths: nil, problem: problem)
        }
    }
    return (outcome, assessments)
}

/// A projected row for each year of `paths`: the median and central intervals at `levels` of that
/// year's distribution.
private func projectionRows(_ paths: SimulatedPaths, levels: [Double]) -> [ProjectionRow] {
    paths.years.enumerated().map { k, year in
        let summary = paths.summary(yearIndex: k, levels: levels)
        return ProjectionRow(year: year, kind: .projected, central: summary.median, intervals: summary.intervals)
    }
}

/// The note of a projected indicator: a fallback taken, the model's own note, paths that overflow, a
/// trend with too few points for its parameters.
private func modelNote(_ selection: ProjectionFit, fallback: ModelFallback?, paths: SimulatedPaths?) -> String? {
    var note = selection.note
    if let fallback {
        note = fallback.description + (note.map { "; " + $0 } ?? "")
    }
    if let paths, paths.values.contains(where: { !$0.isFinite }) {
        note = (note.map { $0 + "; " } ?? "") + "some simulated paths overflow the largest number a computer holds: the upper interval ends are unbounded (inf); use a model that saturates or more data"
    }
    if let trend = selection.projection.trend, trend.residualDegreesOfFreedom < 3 {
        note = (note.map { $0 + "; " } ?? "") + "only \(trend.count) points for \(trend.coefficients.count) parameters: the intervals are very wide"
    }
    return note
}

/// Why an indicator with a target has no projection.
public enum ProjectionProblem: Sendable, Equatable, CustomStringConvertible {
    /// The indicator names no data series.
    case noSeries
    /// The data file has no series of this name.
    case seriesNotInData(String)
    /// The model cannot be fitted to the `points` observations up to `asOf`.
    case cannotFit(points: Int, asOf: Int, error: ForecastingError)
    /// The fitted trend's covariance could not be factored.
    case covariance(String)

    public var description: String {
        switch self {
        case .noSeries: return "no data series is given for this indicator"
        case let .seriesNotInData(name): return "the data file has no series '\(name)'"
        case let .cannotFit(points, asOf, error):
            let have = points == 0 ? "no data up to \(asOf)" : "\(points) point\(points == 1 ? "" : "s") up to \(asOf)"
            return "\(have): \(error)"
        case let .covariance(detail): return "the trend's covariance could not be factored (\(detail)); use a simpler model"
        }
    }
}

/// A model named in the file that cannot take values at the indicator's bounds (a 0 under a
/// logistic or exponential trend): the indicator is projected by the planning forecaster instead.
public struct ModelFallback: Sendable, Equatable, CustomStringConvertible {
    /// The model the file names.
    public var model: String
    /// The first year and value it cannot take.
    public var year: Int
    public var value: Double
    /// The range (open) of values the model takes.
    public var lower: Double
    public var upper: Double

    public var description: String {
        "\(article(model)) \(model) trend cannot take the value \(formatNumber(value)) of \(year) (it needs values strictly between \(formatNumber(lower)) and \(formatNumber(upper))): projected by the planning forecaster (model auto) instead, which takes values at the bounds"
    }
}

private func article(_ word: String) -> String {
    guard let first = word.lowercased().first else { return "a" }
    return "aeio".contains(first) ? "an" : "a"
}

/// Fits an indicator's model to its series. A trend that cannot take a value at the indicator's own
/// bounds — a 0 (no commune has met the standard yet) under a logistic or exponential trend, a value
/// at the cap — falls back to the planning forecaster, which takes them: zeros and bounds are data.
///
/// - Returns: the fit and the fallback taken, or the error that leaves the indicator without projection.
public func fitIndicator(_ indicator: Indicator, series: Series,
                         forecaster: PlanningForecaster = PlanningForecaster()) -> Result<(selection: ProjectionFit, fallback: ModelFallback?), ForecastingError> {
    var specification = indicator.model
    let bounds = indicator.bounds   // the file's, or implied by a share target
    if specification.upperBound == nil, let upper = bounds?.upperBound, upper.isFinite { specification.upperBound = upper }
    func attempt(_ specification: ModelSpecification) throws -> ProjectionFit {
        try specification.fitProjection(series, bounds: bounds, isRate: indicator.isGrowthRate, forecaster: forecaster)
    }
    do {
        return .success((try attempt(specification), nil))
    } catch let error as ForecastingError {
        let fallback: ModelFallback?
        let lower = bounds.map { $0.lowerBound.isFinite ? $0.lowerBound : 0 } ?? 0, upper = bounds?.upperBound ?? .infinity
        switch error {
        case let .outsideBounds(_, model, year, value, low, high) where value == lower || value == upper:
            fallback = ModelFallback(model: model, year: year, value: value, lower: low, upper: high)
        case let .nonPositiveValue(_, model, year, value) where value == 0 && lower == 0:
            fallback = ModelFallback(model: model, year: year, value: value, lower: 0, upper: .infinity)
        default:
            fallback = nil
        }
        // Only when every value the model cannot take sits at a bound: a cap below the data stays an error.
        guard let fallback, !specification.isPlanning, series.observations.allSatisfy({
            ($0.value > fallback.lower && $0.value < fallback.upper) || $0.value == lower || $0.value == upper
        }) else { return .failure(error) }
        do {
            return .success((try attempt(ModelSpecification(name: .auto)), fallback))
        } catch let second as ForecastingError {
            return .failure(second)
        } catch {
            return .failure(.invalidModel("\(error)"))
        }
    } catch {
        return .failure(.invalidModel("\(error)"))
    }
}
