import Foundation

/// The default forecaster of a plan (`model: auto` in `run`, `fit` and `backtest`): a random walk
/// from the last actual with a combined, shrunk and damped drift, whose uncertainty is calibrated
/// across many annual series instead of read off the residuals of one trend shape.
///
/// On the series' own scale `z` — the logarithm of a positive series, the logit between two bounds,
/// the level otherwise (a growth rate, a series with zeros) —
///
/// 1. **candidates** estimate the yearly drift: the mean change (first to last value, a random walk
///    with drift), the least-squares trend slope (a linear or exponential trend) and the median yearly
///    change (a robust trend); their weighted mean is the data's drift `d̂`;
/// 2. **shrinkage**: `d̂` is combined with a prior drift learned across annual series, each weighted by
///    its precision (the data's is `span/σ²`), so a drift read off three points counts for little;
/// 3. **damping**: the drift of year `j` ahead is multiplied by `φ^j`;
/// 4. **volatility**: σ² is drawn from its posterior — the squared deviations of the yearly changes
///    from the mean drift (per year elapsed, so irregular years count correctly) with `n − 2` degrees
///    of freedom, plus a prior of `priorDegreesOfFreedom` learned across annual series;
/// 5. each **path** draws σ², then the drift given σ², then yearly innovations (Student-t with
///    `noiseDegreesOfFreedom`, scaled so their cumulative spread grows as `h^horizonExponent`) and
///    accumulates them from the last actual. Paths are mapped back to the data scale, so a logit
///    path stays between its bounds.
///
/// The prior and the scale constants were chosen on one half of the M3 and M1 yearly series and checked
/// on the other (`Benchmarks/tune_planning.py`, `Benchmarks/planning/`): P(meet) of level, annual-flow
/// and average-growth targets is reliable and the 80% and 95% intervals cover 80% and 95% at horizons
/// 1–10. The prior is on the relative (log) scale; on the logit scale it is carried over by the local
/// slope `dz/d ln d` at the last value, d its distance to the nearer bound (`PlanningScale.logSlope`).
///
/// ```swift
/// let fitted = try PlanningForecaster().fit(series)
/// let paths = fitted.simulate(years: Array(2021...2025), draws: 10_000, seed: 1)
/// paths.quantile(0.9, yearIndex: 4)      // the upper end of the 80% interval in 2025
/// ```
public struct PlanningForecaster: Sendable, Hashable, Codable {
    /// Weights of the drift candidates: mean change, trend slope, median change (they sum to 1).
    public var candidateWeights: DriftCandidates
    /// The prior drift, per year on the log scale (0.03 is 3% a year).
    public var priorDrift: Double
    /// The prior's standard deviation of the drift, per year on the log scale.
    public var priorDriftStandardDeviation: Double
    /// φ: the drift of year `j` ahead is multiplied by `φ^j`.
    public var damping: Double
    /// ν₀, the weight of the volatility prior in degrees of freedom.
    public var priorDegreesOfFreedom: Double
    /// s₀, the prior yearly volatility on the log scale.
    public var priorVolatility: Double
    /// Multiplier of the drift's posterior standard deviation.
    public var driftUncertainty: Double
    /// Multiplier of the innovations' standard deviation.
    public var inflation: Double
    /// ν of the Student-t innovations (0 for normal ones).
    public var noiseDegreesOfFreedom: Double
    /// p: the cumulative spread of the innovations grows as `h^p` (½ is a random walk).
    public var horizonExponent: Double

    /// The name written in `model` columns and reports.
    public static let name = "planning"
    /// The fewest points a series needs.
    public static let minimumPoints = 3

    /// The settings chosen on the tuning half of the M3 and M1 yearly series.
    public init(candidateWeights: DriftCandidates = DriftCandidates(meanChange: 1, trendSlope: 0, medianChange: 0),
                priorDrift: Double = 0.04, priorDriftStandardDeviation: Double = 0.08, damping: Double = 0.9,
                priorDegreesOfFreedom: Double = 2, priorVolatility: Double = 0.08, driftUncertainty: Double = 1,
                inflation: Double = 0.93, noiseDegreesOfFreedom: Double = 4, horizonExponent: Double = 0.6) {
        self.candidateWeights = candidateWeights
        self.priorDrift = priorDrift
        self.priorDriftStandardDeviation = priorDriftStandardDeviation
        self.damping = damping
        self.priorDegreesOfFreedom = priorDegreesOfFreedom
        self.priorVolatility = priorVolatility
        self.driftUncertainty = driftUncertainty
        self.inflation = inflation
        self.noiseDegreesOfFreedom = noiseDegreesOfFreedom
        self.horizonExponent = horizonExponent
    }

    /// Fits a series.
    ///
    /// - Parameters:
    ///   - series: at least 3 observations; years may be irregular.
    ///   - bounds: the indicator's bounds: with both ends finite and every value strictly inside, the
    ///     logit scale; paths are kept inside them.
    ///   - isRate: the series is itself a rate that may change sign (a yearly growth in %): the level scale.
    /// - Throws: `ForecastingError.tooFewPoints` below 3 points, `.invalidModel` for settings out of range.
    public func fit(_ series: Series, bounds: ClosedRange<Double>? = nil, isRate: Bool = false) throws -> FittedPlanningForecast {
        let observations = series.observations
        let n = observations.count
        guard n >= Self.minimumPoints else {
            throw ForecastingError.tooFewPoints(series: series.name, model: Self.name, have: n, need: Self.minimumPoints)
        }
        guard candidateWeights.isValid, priorDriftStandardDeviation > 0, damping > 0, damping <= 1,
              priorDegreesOfFreedom >= 0, priorVolatility > 0, driftUncertainty >= 0, inflation > 0,
              noiseDegreesOfFreedom == 0 || noiseDegreesOfFreedom > 2, horizonExponent > 0, horizonExponent <= 1.5 else {
            throw ForecastingError.invalidModel("the \(Self.name) forecaster's settings are out of range: \(self)")
        }
        let values = observations.map(\.value)
        let scale = PlanningScale.choose(values: values, bounds: bounds, isRate: isRate)
        let z = values.map { scale.forward($0) }
        let t = observations.map { Double($0.year) }
        let span = t[n - 1] - t[0]

        // The drift candidates, per year on the z scale.
        let meanChange = (z[n - 1] - z[0]) / span
        let tMean = t.reduce(0, +) / Double(n), zMean = z.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0
        for i in 0..<n { sxy += (t[i] - tMean) * (z[i] - zMean); sxx += (t[i] - tMean) * (t[i] - tMean) }
        let trendSlope = sxy / sxx
        var yearly: [Double] = []
        for i in 1..<n { yearly.append((z[i] - z[i - 1]) / (t[i] - t[i - 1])) }
        yearly.sort()
        let medianChange = yearly.count % 2 == 1 ? yearly[yearly.count / 2]
            : (yearly[yearly.count / 2 - 1] + yearly[yearly.count / 2]) / 2
        let w = candidateWeights
        let weightedMean: Double = w.meanChange * meanChange
        let weightedSlope: Double = w.trendSlope * trendSlope
        let weightedMedian: Double = w.medianChange * medianChange
        let dataDrift = weightedMean + weightedSlope + weightedMedian

        // Squared deviations of the changes from the mean drift, per year elapsed.
        var sumOfSquares = 0.0
        for i in 1..<n {
            let dt = t[i] - t[i - 1]
            let deviation = z[i] - z[i - 1] - meanChange * dt
            sumOfSquares += deviation * deviation / dt
        }
        // The log-scale prior carried over to this scale by the local slope dz/d ln y at the last value.
        let slope = scale.logSlope(at: values[n - 1], values: values)
        return FittedPlanningForecast(
            forecaster: self, seriesName: series.name, observations: observations, scale: scale,
            anchorYear: observations[n - 1].year, anchorValue: values[n - 1], anchor: z[n - 1],
            candidates: [
                DriftCandidate(name: "mean change", drift: meanChange, weight: w.meanChange),
                DriftCandidate(name: "trend slope", drift: trendSlope, weight: w.trendSlope),
                DriftCandidate(name: "median change", drift: medianChange, weight: w.medianChange),
            ],
            dataDrift: dataDrift, span: span, sumOfSquares: sumOfSquares, dataDegreesOfFreedom: Double(n - 2),
            priorDrift: priorDrift * slope.drift, priorDriftStandardDeviation: priorDriftStandardDeviation * slope.scale,
            priorVolatility: priorVolatility * slope.scale)
    }
}

/// Weights of the three drift estimates of `PlanningForecaster`.
public struct DriftCandidates: Sendable, Hashable, Codable {
    public var meanChange: Double
    public var trendSlope: Double
    public var medianChange: Double

    public init(meanChange: Double, trendSlope: Double, medianChange: Double) {
        self.meanChange = meanChange
        self.trendSlope = trendSlope
        self.medianChange = medianChange
    }

    var isValid: Bool {
        let all = [meanChange, trendSlope, medianChange]
        return all.allSatisfy { $0 >= 0 && $0.isFinite } && abs(all.reduce(0, +) - 1) < 1e-9
    }
}

/// One drift estimate, its value (per year on the forecaster's scale) and its weight.
public struct DriftCandidate: Sendable, Hashable, Codable {
    public var name: String
    public var drift: Double
    public var weight: Double
}

/// The scale a planning forecast works on.
public enum PlanningScale: Sendable, Hashable, Codable {
    /// `ln y`: a positive series.
    case log
    /// `ln((y − L)/(U − y))`: a series strictly inside two finite bounds.
    case logit(lower: Double, upper: Double)
    /// `y`: a rate that changes sign, or a series with zeros or negative values.
    case level

    /// The log scale for a positive series, the logit between two finite bounds that hold every value
    /// strictly inside, the level for a rate or a series with values at or below 0.
    static func choose(values: [Double], bounds: ClosedRange<Double>?, isRate: Bool) -> PlanningScale {
        if isRate { return .level }
        if let b = bounds, b.lowerBound.isFinite, b.upperBound.isFinite,
           values.allSatisfy({ $0 > b.lowerBound && $0 < b.upperBound }) {
            return .logit(lower: b.lowerBound, upper: b.upperBound)
        }
        return values.allSatisfy { $0 > 0 } ? .log : .level
    }

    public var name: String {
        switch self {
        case .log: return "log"
        case let .logit(lower, upper): return "logit(\(formatNumber(lower))–\(formatNumber(upper)))"
        case .level: return "level"
        }
    }

    @inlinable
    public func forward(_ y: Double) -> Double {
        switch self {
        case .log: return Foundation.log(y)
        case let .logit(lower, upper): return Foundation.log((y - lower) / (upper - y))
        case .level: return y
        }
    }

    @inlinable
    public func inverse(_ z: Double) -> Double {
        switch self {
        case .log: return exp(z)
        case let .logit(lower, upper):
            // y = L + (U − L)·σ(z), written so that neither end overflows.
            return z >= 0 ? lower + (upper - lower) / (1 + exp(-z)) : lower + (upper - lower) * exp(z) / (1 + exp(z))
        case .level: return z
        }
    }

    /// The slope by which the log-scale prior is carried over at `y`: `dz/d ln y` = 1 on the log scale.
    /// On the logit scale it is `dz/d ln d`, with d the distance from `y` to the nearer bound:
    /// `1 + near/far`, between 1 and 2. The logit treats both bounds alike, and so does the prior: a
    /// share at 99.6% of 100 gets the prior of one at 0.4% seen from the other end (a yearly volatility
    /// of about 8% of the gap), not 8% of its level carried over by `dz/d ln y` = 250, which gave it an
    /// 80% interval of 0–100 one year ahead. Below the midpoint, with a lower bound of 0, the two agree.
    /// The level scale serves rates and series with zeros, which have no relative growth to carry over:
    /// no prior drift, and a volatility prior relative to the last value (the mean absolute value when
    /// that is 0).
    func logSlope(at y: Double, values: [Double]) -> (drift: Double, scale: Double) {
        switch self {
        case .log: return (1, 1)
        case let .logit(lower, upper):
            let below = y - lower, above = upper - y
            let s = 1 + min(below, above) / max(below, above)
            return (s, s)
        case .level:
            let typical = values.map(abs).reduce(0, +) / Double(values.count)
            return (0, abs(y) > 0 ? abs(y) : max(typical, 1))
        }
    }
}

/// A series fitted by `PlanningForecaster`: the drift candidates, the posterior of drift and volatility,
/// and the paths they imply.
public struct FittedPlanningForecast: Sendable, Hashable, Codable {
    public let forecaster: PlanningForecaster
    public let seriesName: String
    public let observations: [Observation]
    public let scale: PlanningScale
    /// The last actual: every path starts from it.
    public let anchorYear: Int
    public let anchorValue: Double
    /// The last actual on the forecaster's scale.
    public let anchor: Double
    public let candidates: [DriftCandidate]
    /// The weighted mean of the candidates, per year on the forecaster's scale.
    public let dataDrift: Double
    /// Years from the first to the last observation.
    public let span: Double
    /// Σ (Δz − d·Δt)²/Δt over the yearly changes.
    public let sumOfSquares: Double
    /// n − 2: the degrees of freedom of the data's volatility.
    public let dataDegreesOfFreedom: Double
    /// The prior drift and its standard deviation, and the prior volatility, on this scale.
    public let priorDrift: Double
    public let priorDriftStandardDeviation: Double
    public let priorVolatility: Double

    public var count: Int { observations.count }
    public var lastYear: Int { anchorYear }

    /// The data's own yearly volatility on the forecaster's scale (nil with fewer than 3 points).
    public var dataVolatility: Double? {
        dataDegreesOfFreedom > 0 ? (sumOfSquares / dataDegreesOfFreedom).squareRoot() : nil
    }

    /// The volatility's posterior point: √((ν₀s₀² + SS)/(ν₀ + n − 2)).
    public var volatility: Double {
        let nu = forecaster.priorDegreesOfFreedom + dataDegreesOfFreedom
        return ((forecaster.priorDegreesOfFreedom * priorVolatility * priorVolatility + sumOfSquares) / nu).squareRoot()
    }

    /// The weight of the data's drift against the prior at the posterior volatility, 0…1.
    public var dataDriftWeight: Double {
        let prior = 1 / (priorDriftStandardDeviation * priorDriftStandardDeviation)
        let data = span / (volatility * volatility)
        return data / (prior + data)
    }

    /// The drift after shrinkage at the posterior volatility, per year on the forecaster's scale.
    public var drift: Double { dataDriftWeight * dataDrift + (1 - dataDriftWeight) * priorDrift }

    /// Simulates `draws` paths for `years` (each after the last actual).
    ///
    /// - Complexity: O(draws · years.count).
    public func simulate(years: [Int], draws: Int, seed: UInt64) -> SimulatedPaths {
        precondition(draws > 0, "draws must be positive")
        precondition(years.allSatisfy { $0 > anchorYear }, "projected years must follow the last actual")
        var rng = SeededGenerator(seed: seed)
        let f = forecaster
        let steps = years.map { Double($0 - anchorYear) }
        let horizon = Int(steps.last ?? 0)
        // Cumulative damped drift multiplier Σ_{j≤h} φ^j and innovation scale per year.
        var dampedSum = [Double](repeating: 0, count: horizon + 1)
        var stepScale = [Double](repeating: 0, count: horizon + 1)
        var power = 1.0
        for j in stride(from: 1, through: horizon, by: 1) {
            power *= f.damping
            dampedSum[j] = dampedSum[j - 1] + power
            let a = pow(Double(j), 2 * f.horizonExponent), b = pow(Double(j - 1), 2 * f.horizonExponent)
            stepScale[j] = (a - b).squareRoot()
        }
        let nu = f.priorDegreesOfFreedom + dataDegreesOfFreedom
        let priorSS = f.priorDegreesOfFreedom * priorVolatility * priorVolatility
        let priorPrecision = 1 / (priorDriftStandardDeviation * priorDriftStandardDeviation)
        let noiseDF = f.noiseDegreesOfFreedom
        let tScale = noiseDF > 0 ? ((noiseDF - 2) / noiseDF).squareRoot() : 1
        var values = [Double](repeating: 0, count: draws * years.count)
        var cumulative = [Double](repeating: 0, count: horizon + 1)
        for d in 0..<draws {
            let variance = (priorSS + sumOfSquares) / rng.nextChiSquaredFast(degreesOfFreedom: nu)
            let sigma = variance.squareRoot()
            let dataPrecision = span / variance
            let posteriorVariance = 1 / (priorPrecision + dataPrecision)
            let posteriorMean = posteriorVariance * (priorPrecision * priorDrift + dataPrecision * dataDrift)
            let drift = posteriorMean + f.driftUncertainty * posteriorVariance.squareRoot() * rng.nextNormal()
            let innovation = f.inflation * sigma
            for j in stride(from: 1, through: horizon, by: 1) {
                let e = noiseDF > 0 ? tScale * rng.nextStudentT(degreesOfFreedom: noiseDF) : rng.nextNormal()
                cumulative[j] = cumulative[j - 1] + innovation * stepScale[j] * e
            }
            for (k, step) in steps.enumerated() {
                let h = Int(step)
                values[d * years.count + k] = scale.inverse(anchor + drift * dampedSum[h] + cumulative[h])
            }
        }
        return SimulatedPaths(years: years, draws: draws, values: values)
    }

    /// A drift on this scale as a change of the series in its first projected year: a relative change on
    /// the log scale (0.05 is +5%), else in the series' units.
    public func yearlyChange(_ z: Double) -> Double {
        switch scale {
        case .log: return exp(z) - 1
        default: return scale.inverse(anchor + z) - anchorValue
        }
    }

    /// A volatility on this scale as a change of the series (relative on the log scale, else in units).
    public func yearlySpread(_ z: Double) -> Double {
        switch scale {
        case .log: return exp(z) - 1
        default: return (scale.inverse(anchor + z) - scale.inverse(anchor - z)) / 2
        }
    }

    /// A one-line account of the forecast: the drift, its candidates and shrinkage, the volatility and
    /// where its prior comes from.
    public var explanation: String {
        func rate(_ z: Double) -> String {
            switch scale {
            case .log: return "\(formatNumber(((exp(z) - 1) * 100 * 10).rounded() / 10))%/yr"
            default: return "\(formatNumber((z * 1000).rounded() / 1000))/yr on the \(scale.name) scale"
            }
        }
        let parts = candidates.filter { $0.weight > 0 }.map { "\($0.name) \(rate($0.drift)) × \(formatNumber($0.weight))" }
        let own = dataVolatility.map { rate($0).replacingOccurrences(of: "/yr", with: "") } ?? "–"
        return "random walk from \(anchorYear) (\(formatNumber(anchorValue))) with drift \(rate(drift)) "
            + "(\(parts.joined(separator: ", ")); \(Int((dataDriftWeight * 100).rounded()))% data, the rest the prior \(rate(priorDrift)) of annual series), "
            + "damped \(formatNumber(forecaster.damping)) a year; yearly volatility \(rate(volatility).replacingOccurrences(of: "/yr", with: "")) "
            + "(own \(own) from \(count - 1) changes, prior \(rate(priorVolatility).replacingOccurrences(of: "/yr", with: "")) worth \(formatNumber(forecaster.priorDegreesOfFreedom)) of them)"
    }
}

/// A fitted model that projects an indicator: a trend of a named shape (`model: linear`, …, or
/// `model: aicc`) or the planning forecaster (`model: auto`).
public enum FittedProjection: Sendable {
    case trend(FittedTrend)
    case planning(FittedPlanningForecast)

    /// The fitted trend, for an explicit trend model.
    public var trend: FittedTrend? {
        if case let .trend(fit) = self { return fit }
        return nil
    }

    /// The planning forecast, for `model: auto`.
    public var planning: FittedPlanningForecast? {
        if case let .planning(fit) = self { return fit }
        return nil
    }

    /// The model's name with its options.
    public var modelName: String {
        switch self {
        case let .trend(fit): return fit.model.name
        case .planning: return PlanningForecaster.name
        }
    }

    public var observations: [Observation] {
        switch self {
        case let .trend(fit): return fit.observations
        case let .planning(fit): return fit.observations
        }
    }

    public var count: Int { observations.count }
    public var firstYear: Int { observations.first!.year }
    public var lastYear: Int { observations.last!.year }

    /// Seeded paths for `years` after the data.
    ///
    /// - Throws: `LinearAlgebraError` when a trend's covariance cannot be factored.
    public func simulate(years: [Int], draws: Int, seed: UInt64) throws -> SimulatedPaths {
        switch self {
        case let .trend(fit): return try fit.simulate(years: years, draws: draws, seed: seed)
        case let .planning(fit): return fit.simulate(years: years, draws: draws, seed: seed)
        }
    }
}

/// How well the planning forecaster's intervals held on planning cases it was not tuned on, as
/// measured by `Benchmarks/tune_planning.py` on the report half of the M3 and M1 yearly series
/// (`PlanningCalibrationTests` measures the Swift forecaster again on committed cases).
public struct PlanningCalibration: Sendable, Hashable, Codable {
    /// The number of planning cases scored.
    public var cases: Int
    /// The data the cases were cut from.
    public var source: String
    /// Horizons scored, in years.
    public var horizons: ClosedRange<Int>
    /// The lowest and highest coverage of the 80% and 95% intervals over those horizons.
    public var coverage80: ClosedRange<Double>
    public var coverage95: ClosedRange<Double>

    /// The record of the default settings.
    public static let measured = PlanningCalibration(cases: 1463, source: "M3 and M1 yearly series", horizons: 1...10,
                                                     coverage80: 0.80...0.824, coverage95: 0.935...0.951)
}

/// A fitted projection with the candidates that were weighed and a note for the report.
public struct ProjectionFit: Sendable {
    public let projection: FittedProjection
    /// The trend shapes compared by AICc (`model: aicc`), empty otherwise.
    public let candidates: [CandidateResult]
    public let note: String?
}
