import Foundation

/// The batch method for short annual series (model `auto` of the batch forecast command): a weighted mean
/// of three simple forecasts, its trend scaled by the series' trend strength, and prediction intervals
/// from the method's own rolling-origin errors.
///
/// The point forecast starts from a weighted mean of
/// - an additive damped trend (`DampedTrendSmoothing`, φ = 0.85, α and β on a grid),
/// - a robust trend (`RobustTrend`: last value plus the median yearly change), and
/// - the Theta method (`ThetaMethod`, SES with drift), on the log scale when every value is positive.
///
/// Each damps or discounts the trend in its own way; their mean is more accurate than any of them. The
/// weights are the series' own: each member's forecasts from the rolling origins below are compared
/// with the values that followed, and a member weighs the inverse of its mean `|error|^1.5` (each error
/// divided by `h^p`, as in the intervals), normalised to add up to 1 (`memberErrorPower`; shrunk towards
/// 1/3 each with `memberWeightShrinkage`, 0 by default; 1/3 each before the first error). Nothing is
/// pooled across series. The weighted mean's change from the last value is then multiplied by
/// `λ = a + b·ln(max(T, 0.1))`, kept in 0.3…1.25, where T, the trend strength, is `|mean| / sd` of the
/// one-step changes (of the logarithms for a positive series): a steady trend is followed (up to 1.25×),
/// a noisy series' trend is damped towards the last value (M3 yearly test: sMAPE 15.41 and OWA 0.830,
/// against 15.57 / 0.834 with equal weights, 15.81 / 0.845 for the plain mean, 16.2 / 0.878 for
/// StatsForecast's AutoETS; M1 yearly: OWA 0.710 against 0.716 and 0.756).
///
/// The intervals come from the combination's own forecast errors inside the data: refitted at every
/// origin from `firstOrigin` points on (at most `maximumOrigins` origins, the latest; weights and λ from
/// that origin's data only), it forecasts up to `errorHorizon` steps and its errors are compared with the
/// values that followed. Errors are relative (`y/ŷ − 1`, each capped at `relativeErrorCap`) for a
/// positive series, else in the series' units.
/// Their scale is the mean of `|eₕ| / h^p` over all origins and steps, shrunk towards the naive scale (the
/// mean `|ln(yₜ/yₜ₋₁)|`, or the mean one-step change in units) as if that were `naiveScaleWeight` more
/// errors: a short series, with few
/// errors of its own, still gets a sensible width. The standard deviation at step `h` is taken as
/// `s·h^p`, and the interval at level L is `ŷ·(1 − a·q·s·h^p)` to `ŷ·(1 + q·s·h^p/a)` with
/// `q = c·t_ν((1 + L)/2)` (relative), or `ŷ − a·q·s·h^p` to `ŷ + q·s·h^p/a` (units): with the
/// asymmetry a < 1 the interval reaches further up than down, as growth errors do. The global constants were tuned on the M3 and M1 yearly training data
/// only, with the last 6 points of each series held out (`Benchmarks/tune_annual.py`,
/// `Benchmarks/tune_annual_cross.py`; see `Benchmarks/README.md`).
///
/// ```swift
/// let fit = try AnnualForecaster().fit(series)
/// let forecast = fit.forecast(horizon: 6)         // 80% and 95% intervals
/// forecast.points[0].interval(95)?.upper
/// ```
public struct AnnualForecaster: Sendable, Hashable, Codable {
    /// φ of the damped-trend component.
    public var damping: Double
    /// The fewest points an origin of the rolling-origin errors is fitted to (fewer for a series too short to have one).
    public var firstOrigin: Int
    /// The most origins used (the latest ones): bounds the work on long series and keeps the errors recent.
    public var maximumOrigins: Int
    /// The furthest step ahead scored at each origin.
    public var errorHorizon: Int
    /// p in `s·h^p`, the growth of the error with the horizon.
    public var horizonExponent: Double
    /// How many rolling-origin errors the naive scale counts as when the error scale is shrunk towards it.
    public var naiveScaleWeight: Double
    /// c, the multiplier of the Student-t quantile.
    public var intervalScale: Double
    /// ν, the degrees of freedom of the Student-t quantile (heavy tails: 80% intervals are narrower
    /// relative to 95% ones than under a normal law, as the errors are).
    public var degreesOfFreedom: Double
    /// a and b of the trend scale `λ = a + b·ln(max(T, trendStrengthFloor))`, clamped to `trendScaleRange`:
    /// the combination's change from the last value is multiplied by λ. T, the trend strength, is
    /// `|mean| / standard deviation` of the one-step changes (of the logarithms for a positive series).
    public var trendScaleIntercept: Double
    public var trendScaleSlope: Double
    /// The smallest T used in the trend scale (a series without trend would otherwise get ln 0).
    public var trendStrengthFloor: Double
    /// The smallest and the largest trend scale λ.
    public var trendScaleRange: ClosedRange<Double>
    /// The largest relative rolling-origin error counted (`|y/ŷ − 1|` is capped at it): one forecast
    /// near zero must not blow up a series' whole error scale.
    public var relativeErrorCap: Double
    /// a: the lower half of an interval is a times, the upper half 1/a times the symmetric width.
    public var intervalAsymmetry: Double
    /// The power of the members' absolute errors whose inverse mean weights them (2 would be inverse MSE).
    public var memberErrorPower: Double
    /// How many errors the equal weights (1/3 each) count as when the members' weights are shrunk towards them.
    public var memberWeightShrinkage: Double

    /// The name written in the `model` column.
    public static let name = "annual"
    /// The fewest points a series needs.
    public static let minimumPoints = 3

    /// The settings tuned on the M3 and M1 yearly training data (the last 6 points of each series held out).
    public init(damping: Double = 0.85, firstOrigin: Int = 4, maximumOrigins: Int = 40, errorHorizon: Int = 6,
                horizonExponent: Double = 0.75, naiveScaleWeight: Double = 5, intervalScale: Double = 1.00,
                degreesOfFreedom: Double = 5, trendScaleIntercept: Double = 1.5, trendScaleSlope: Double = 0.65,
                trendStrengthFloor: Double = 0.1, trendScaleRange: ClosedRange<Double> = 0.3...1.25,
                relativeErrorCap: Double = 1, intervalAsymmetry: Double = 0.85, memberErrorPower: Double = 1.5,
                memberWeightShrinkage: Double = 0) {
        self.damping = damping
        self.firstOrigin = firstOrigin
        self.maximumOrigins = maximumOrigins
        self.errorHorizon = errorHorizon
        self.horizonExponent = horizonExponent
        self.naiveScaleWeight = naiveScaleWeight
        self.intervalScale = intervalScale
        self.degreesOfFreedom = degreesOfFreedom
        self.trendScaleIntercept = trendScaleIntercept
        self.trendScaleSlope = trendScaleSlope
        self.trendStrengthFloor = trendStrengthFloor
        self.trendScaleRange = trendScaleRange
        self.relativeErrorCap = relativeErrorCap
        self.intervalAsymmetry = intervalAsymmetry
        self.memberErrorPower = memberErrorPower
        self.memberWeightShrinkage = memberWeightShrinkage
    }

    /// `|error|^memberErrorPower`, without a call to `pow` for the powers 1, 1.5 and 2 (it is the inner loop).
    @inline(__always)
    func memberError(_ error: Double) -> Double {
        let size = abs(error)
        switch memberErrorPower {
        case 1: return size
        case 1.5: return size * size.squareRoot()
        case 2: return size * size
        default: return pow(size, memberErrorPower)
        }
    }

    /// The members' weights from their errors so far: the inverse mean `|error|^power` of each, normalised,
    /// then shrunk towards 1/3 as if `memberWeightShrinkage` more errors were equal; 1/3 each without errors,
    /// or when a member's sum is 0 or not finite.
    func memberWeights(_ errors: MemberErrors) -> MemberWeights {
        guard errors.count > 0, errors.damped > 0, errors.robust > 0, errors.theta > 0,
              errors.damped.isFinite, errors.robust.isFinite, errors.theta.isFinite else { return .equal }
        let damped = 1 / errors.damped, robust = 1 / errors.robust, theta = 1 / errors.theta
        let total = damped + robust + theta
        let own = Double(errors.count) / (Double(errors.count) + memberWeightShrinkage)
        let equal = (1 - own) / 3
        return MemberWeights(damped: own * (damped / total) + equal, robust: own * (robust / total) + equal,
                             theta: own * (theta / total) + equal)
    }

    /// λ for the one-step changes `changes` (of the logarithms for a positive series).
    func trendScale(changes: UnsafeBufferPointer<Double>) -> Double {
        let m = Double(changes.count)
        var sum = 0.0
        for c in changes { sum += c }
        let mean = sum / m
        var squares = 0.0
        for c in changes { squares += (c - mean) * (c - mean) }
        let deviation = (squares / m).squareRoot()
        let strength = deviation > 0 ? abs(mean) / deviation : 10
        let scale = trendScaleIntercept + trendScaleSlope * log(max(strength, trendStrengthFloor))
        return min(max(scale, trendScaleRange.lowerBound), trendScaleRange.upperBound)
    }

    /// The interval multipliers for `levels` (in percent): `c·t_ν((1 + L/100)/2)`. Compute them once
    /// for a batch and pass them to `FittedAnnualForecast.forecast(horizon:quantiles:)`.
    public func quantiles(levels: [Double]) -> IntervalQuantiles {
        IntervalQuantiles(levels: levels, multipliers: levels.map {
            intervalScale * studentTQuantile(0.5 + $0 / 200, degreesOfFreedom: degreesOfFreedom)
        })
    }

    /// Fits a series with one value per year.
    ///
    /// - Throws: `ForecastingError.tooFewPoints` below 3 points; `.invalidModel` when a year is missing.
    public func fit(_ series: Series) throws -> FittedAnnualForecast {
        let years = series.years
        for (previous, next) in zip(years, years.dropFirst()) where next != previous + 1 {
            let missing = next - previous == 2 ? "\(previous + 1)" : "\(previous + 1)–\(next - 1)"
            throw ForecastingError.invalidModel(
                "series '\(series.name)' has no value for \(missing); the \(Self.name) method needs one value per period without gaps; fill the gap or use a trend model such as linear")
        }
        guard let last = series.lastYear else {
            throw ForecastingError.tooFewPoints(series: series.name, model: Self.name, have: 0, need: Self.minimumPoints)
        }
        return try fit(values: series.values, lastYear: last, seriesName: series.name)
    }

    /// Fits consecutive values, the last one observed in `lastYear`.
    ///
    /// - Throws: `ForecastingError.tooFewPoints` below 3 values, `.nonFiniteValue` for NaN or ±∞,
    ///   `.invalidModel` for settings out of range.
    /// - Complexity: O(n) for the fits (one pass per grid point for all origins at once), plus
    ///   O(min(n, maximumOrigins) · n) for the medians.
    public func fit(values: [Double], lastYear: Int, seriesName: String) throws -> FittedAnnualForecast {
        let n = values.count
        guard n >= Self.minimumPoints else {
            throw ForecastingError.tooFewPoints(series: seriesName, model: Self.name, have: n, need: Self.minimumPoints)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ForecastingError.nonFiniteValue(series: seriesName, year: lastYear - (n - 1 - bad))
        }
        guard damping > 0, damping <= 1, firstOrigin >= 2, maximumOrigins >= 1, errorHorizon >= 1,
              intervalScale > 0, degreesOfFreedom > 0, horizonExponent.isFinite, naiveScaleWeight >= 0,
              trendScaleIntercept.isFinite, trendScaleSlope.isFinite, trendStrengthFloor > 0,
              trendScaleRange.lowerBound >= 0, trendScaleRange.upperBound.isFinite, relativeErrorCap > 0,
              intervalAsymmetry > 0, intervalAsymmetry.isFinite, memberErrorPower > 0, memberErrorPower.isFinite,
              memberWeightShrinkage >= 0 else {
            throw ForecastingError.invalidModel("the \(Self.name) method's settings are out of range: \(self)")
        }
        let positive = values.allSatisfy { $0 > 0 }
        let thetaScale = positive ? values.map { log($0) } : values
        // Origins: prefixes of `first..<n` points; the last prefix (all n points) is the final fit.
        let first = max(2, min(firstOrigin, n - 1), n - maximumOrigins)
        let smoothing = thetaScale.withUnsafeBufferPointer { SimpleExponentialSmoothing().prefixFits($0, from: first) }
        let slopes = thetaScale.withUnsafeBufferPointer { prefixSlopes($0, from: first) }
        let damped = values.withUnsafeBufferPointer { DampedTrendSmoothing(damping: damping).prefixFits($0, from: first) }
        let robust = values.withUnsafeBufferPointer { prefixRobustTrends($0, from: first) }
        let changes = (1..<n).map { thetaScale[$0] - thetaScale[$0 - 1] }

        // One pass over the origins (prefix lengths k). The state at k weights the members by their errors
        // whose targets lie inside the prefix (forecasts from earlier origins), then forecasts the next
        // steps; their errors go into the interval scale, and each member's error is kept for the prefix
        // that will contain its target.
        var relativeSum = 0.0, absoluteSum = 0.0, errorCount = 0
        var relativeUsable = positive
        let weights = (0...errorHorizon).map { pow(Double($0), -horizonExponent) }   // 1/h^p
        var known = MemberErrors()
        var revealed = [MemberErrors](repeating: MemberErrors(), count: n + 1)   // by the prefix length that contains the target
        var states: [CombinationState] = []
        states.reserveCapacity(n - first + 1)
        for k in first...n {
            known.add(revealed[k])
            let i = k - first
            let scale = changes.withUnsafeBufferPointer { trendScale(changes: UnsafeBufferPointer(rebasing: $0[0..<(k - 1)])) }
            let state = CombinationState(damped: damped[i], robust: robust[i],
                                         theta: FittedTheta(theta: 2, smoothing: smoothing[i], slope: slopes[i]), logScale: positive,
                                         lastValue: values[k - 1], trendScale: scale, weights: memberWeights(known))
            states.append(state)
            guard k < n else { break }
            for h in 1...min(errorHorizon, n - k) {
                let c = state.components(h)
                let predicted = state.mean(c)
                let actual = values[k + h - 1]
                let weight = weights[h]
                if predicted > 0 { relativeSum += min(abs(actual / predicted - 1), relativeErrorCap) * weight } else { relativeUsable = false }
                absoluteSum += abs(actual - predicted) * weight
                errorCount += 1
                revealed[k + h].add(damped: memberError(actual - c.damped) * weight,
                                    robust: memberError(actual - c.robust) * weight,
                                    theta: memberError(actual - c.theta) * weight)
            }
        }
        let final = states[n - first]
        // A positive series whose forecast reaches zero within the scored steps gets errors in units.
        if relativeUsable {
            for h in 1...errorHorizon where !(final.mean(h) > 0) { relativeUsable = false }
        }
        let errors: FittedAnnualForecast.ErrorScale = relativeUsable ? .relative : .units
        var naiveSum = 0.0
        for t in 1..<n {
            naiveSum += relativeUsable ? abs(log(values[t] / values[t - 1])) : abs(values[t] - values[t - 1])
        }
        let naiveScale = naiveSum / Double(n - 1)
        let scale = ((relativeUsable ? relativeSum : absoluteSum) + naiveScaleWeight * naiveScale)
            / (Double(errorCount) + naiveScaleWeight)
        return FittedAnnualForecast(forecaster: self, seriesName: seriesName, lastYear: lastYear, count: n,
                                    lastValue: values[n - 1], isPositive: positive, state: final,
                                    errorScale: errors, scale: scale, rollingErrorCount: errorCount)
    }
}

/// The interval multipliers of `AnnualForecaster` for a set of levels.
public struct IntervalQuantiles: Sendable, Hashable, Codable {
    /// Levels in percent.
    public let levels: [Double]
    /// `c·t_ν((1 + L/100)/2)` for each level.
    public let multipliers: [Double]
}

/// The three component fits at one origin, and their combined forecast.
struct CombinationState: Sendable, Hashable, Codable {
    let damped: FittedDampedTrend
    let robust: FittedRobustTrend
    let theta: FittedTheta
    /// Whether the Theta component was fitted to the logarithms.
    let logScale: Bool
    /// The last value of the prefix.
    let lastValue: Double
    /// λ: the weighted mean of the components' changes from the last value is multiplied by it.
    let trendScale: Double
    /// The components' weights, from their own errors before this origin.
    let weights: MemberWeights

    func components(_ h: Int) -> (damped: Double, robust: Double, theta: Double) {
        let thetaValue = theta.forecast(h)
        return (damped.forecast(h), robust.forecast(h), logScale ? exp(thetaValue) : thetaValue)
    }

    /// `last + λ·(weighted mean of the components − last)`.
    func mean(_ c: (damped: Double, robust: Double, theta: Double)) -> Double {
        let combined = weights.damped * c.damped + weights.robust * c.robust + weights.theta * c.theta
        return lastValue + trendScale * (combined - lastValue)
    }

    func mean(_ h: Int) -> Double { mean(components(h)) }
}

/// The weights of the three components in `AnnualForecaster`'s combination (they add up to 1).
public struct MemberWeights: Sendable, Hashable, Codable {
    public let damped: Double
    public let robust: Double
    public let theta: Double

    /// 1/3 each: the weights before a series has errors of its own.
    public static let equal = MemberWeights(damped: 1.0 / 3, robust: 1.0 / 3, theta: 1.0 / 3)
}

/// Running sums of the components' weighted `|error|^power` (`AnnualForecaster.memberErrorPower`), and their count.
struct MemberErrors: Sendable, Hashable {
    var damped = 0.0, robust = 0.0, theta = 0.0
    var count = 0

    mutating func add(damped: Double, robust: Double, theta: Double) {
        self.damped += damped
        self.robust += robust
        self.theta += theta
        count += 1
    }

    mutating func add(_ other: MemberErrors) {
        damped += other.damped
        robust += other.robust
        theta += other.theta
        count += other.count
    }
}

/// A series fitted by `AnnualForecaster`: the component fits and the error scale of its intervals.
public struct FittedAnnualForecast: Sendable, Hashable, Codable {
    /// How the rolling-origin errors are measured.
    public enum ErrorScale: String, Sendable, Hashable, Codable {
        /// `y/ŷ − 1`: intervals proportional to the forecast (a positive series).
        case relative
        /// `y − ŷ`, in the series' units.
        case units
    }

    public let forecaster: AnnualForecaster
    public let seriesName: String
    public let lastYear: Int
    public let count: Int
    public let lastValue: Double
    /// Whether every value is positive: then forecasts and interval ends are kept at or above 0.
    public let isPositive: Bool
    let state: CombinationState
    public let errorScale: ErrorScale
    /// s: the mean absolute rolling-origin error per `h^p` (relative, or in units), shrunk towards the naive scale.
    public let scale: Double
    /// The number of rolling-origin errors `scale` is the mean of.
    public let rollingErrorCount: Int

    public var dampedTrend: FittedDampedTrend { state.damped }
    public var robustTrend: FittedRobustTrend { state.robust }
    /// The Theta fit, to the logarithms when `thetaOnLogScale`.
    public var theta: FittedTheta { state.theta }
    public var thetaOnLogScale: Bool { state.logScale }
    /// λ, the factor on the components' weighted mean change from the last value.
    public var trendScale: Double { state.trendScale }
    /// The components' weights in the final forecast.
    public var memberWeights: MemberWeights { state.weights }

    /// The three component forecasts `horizon` steps ahead (the Theta one back on the data scale).
    public func componentForecasts(_ horizon: Int) -> (dampedTrend: Double, robustTrend: Double, theta: Double) {
        let c = state.components(horizon)
        return (c.damped, c.robust, c.theta)
    }

    /// The point forecast `horizon` steps ahead: the last value plus λ times the components' weighted mean
    /// change from it (at least 0 for a positive series).
    public func mean(_ horizon: Int) -> Double {
        let value = state.mean(horizon)
        return isPositive ? max(0, value) : value
    }

    /// Forecasts `horizon` steps with intervals at `levels` (percent).
    public func forecast(horizon: Int, levels: [Double] = [80, 95]) -> TrendForecast {
        forecast(horizon: horizon, quantiles: forecaster.quantiles(levels: levels))
    }

    /// Forecasts `horizon` steps with precomputed interval multipliers (fast in a batch).
    ///
    /// A point has no interval for the trend itself (`confidence` is empty): the intervals are for
    /// new observations.
    public func forecast(horizon: Int, quantiles: IntervalQuantiles) -> TrendForecast {
        var points: [ForecastPoint] = []
        points.reserveCapacity(max(0, horizon))
        for h in stride(from: 1, through: horizon, by: 1) {
            let raw = state.mean(h)
            let deviation = scale * pow(Double(h), forecaster.horizonExponent)
            var intervals: [PredictionInterval] = []
            intervals.reserveCapacity(quantiles.levels.count)
            for (level, q) in zip(quantiles.levels, quantiles.multipliers) {
                let down = q * forecaster.intervalAsymmetry * deviation, up = q / forecaster.intervalAsymmetry * deviation
                var lower: Double, upper: Double
                switch errorScale {
                case .relative where raw > 0:
                    lower = raw * (1 - down)
                    upper = raw * (1 + up)
                case .relative:
                    // The mean reached zero: an interval from 0 as wide as the relative one at the last value.
                    lower = 0
                    upper = up * lastValue
                case .units:
                    lower = raw - down
                    upper = raw + up
                }
                if isPositive { lower = max(0, lower); upper = max(0, upper) }
                intervals.append(PredictionInterval(level: level, lower: lower, upper: upper))
            }
            points.append(ForecastPoint(year: lastYear + h, mean: isPositive ? max(0, raw) : raw,
                                        prediction: intervals, confidence: []))
        }
        return TrendForecast(seriesName: seriesName, modelName: AnnualForecaster.name, points: points)
    }
}
