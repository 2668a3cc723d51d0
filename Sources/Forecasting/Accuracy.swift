import Foundation

// Forecast accuracy as the M3 and M4 competitions measure it (M4's `Benchmarks and Evaluation.R`;
// `Benchmarks/score.py` is the reference implementation these functions agree with).

/// sMAPE in percent: the mean of `200·|y − f| / (|y| + |f|)`, a point with `y = f = 0` counting 0.
///
/// ```swift
/// symmetricMAPE(actual: [100, 110], forecast: [90, 110])   // 5.263…: (200·10/190 + 0) / 2
/// ```
public func symmetricMAPE(actual: [Double], forecast: [Double]) -> Double {
    precondition(actual.count == forecast.count && !actual.isEmpty, "sMAPE needs paired, non-empty values")
    var sum = 0.0
    for (y, f) in zip(actual, forecast) {
        let denominator = abs(y) + abs(f)
        sum += denominator == 0 ? 0 : 200 * abs(y - f) / denominator
    }
    return sum / Double(actual.count)
}

/// The MASE scale: the in-sample mean of `|xᵢ − xᵢ₋ₘ|` (m = 1 for yearly data); NaN with `m` or fewer values.
public func naiveScale(_ training: [Double], lag: Int = 1) -> Double {
    guard training.count > lag else { return .nan }
    var sum = 0.0
    for i in lag..<training.count { sum += abs(training[i] - training[i - lag]) }
    return sum / Double(training.count - lag)
}

/// MASE of one series: the mean absolute error divided by `scale` (see `naiveScale`).
public func meanAbsoluteScaledError(actual: [Double], forecast: [Double], scale: Double) -> Double {
    precondition(actual.count == forecast.count && !actual.isEmpty, "MASE needs paired, non-empty values")
    var sum = 0.0
    for (y, f) in zip(actual, forecast) { sum += abs(y - f) }
    return sum / Double(actual.count) / scale
}

/// MSIS of one series (M4): the mean of `U − L + (2/α)(L − y)·1{y < L} + (2/α)(y − U)·1{y > U}`,
/// divided by `scale`; α = 0.05 for the 95% interval.
public func scaledIntervalScore(actual: [Double], lower: [Double], upper: [Double], alpha: Double = 0.05, scale: Double) -> Double {
    precondition(actual.count == lower.count && actual.count == upper.count && !actual.isEmpty, "MSIS needs paired, non-empty values")
    var sum = 0.0
    for i in actual.indices {
        let y = actual[i], l = lower[i], u = upper[i]
        sum += u - l
        if y < l { sum += 2 / alpha * (l - y) }
        if y > u { sum += 2 / alpha * (y - u) }
    }
    return sum / Double(actual.count) / scale
}

/// The share of values inside their intervals (`lower ≤ y ≤ upper`), over every value given: the
/// coverage of an interval at any level, as `summarizeAccuracy` reports it for 80% and 95%.
///
/// ```swift
/// intervalCoverage(actual: [1, 2, 3, 4], lower: [0, 2.5, 2, 5], upper: [2, 3, 3, 6])   // 0.5
/// ```
public func intervalCoverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
    precondition(actual.count == lower.count && actual.count == upper.count && !actual.isEmpty, "coverage needs paired, non-empty values")
    var inside = 0
    for i in actual.indices where actual[i] >= lower[i] && actual[i] <= upper[i] { inside += 1 }
    return Double(inside) / Double(actual.count)
}

/// One series to score: its training values, the values that followed, and the forecasts of them.
public struct ScoredSeries: Sendable, Hashable {
    public var seriesName: String
    public var training: [Double]
    public var actual: [Double]
    public var forecast: [Double]
    /// The 80% interval, if the forecasts have one.
    public var lower80: [Double]?
    public var upper80: [Double]?
    /// The 95% interval, if the forecasts have one.
    public var lower95: [Double]?
    public var upper95: [Double]?

    public init(seriesName: String, training: [Double], actual: [Double], forecast: [Double],
                lower80: [Double]? = nil, upper80: [Double]? = nil, lower95: [Double]? = nil, upper95: [Double]? = nil) {
        self.seriesName = seriesName
        self.training = training
        self.actual = actual
        self.forecast = forecast
        self.lower80 = lower80
        self.upper80 = upper80
        self.lower95 = lower95
        self.upper95 = upper95
    }
}

/// Why a set of forecasts cannot be scored.
public enum AccuracyError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSeries
    case mismatchedLengths(series: String)
    case undefinedScale(series: String, count: Int)

    public var description: String {
        switch self {
        case .noSeries:
            return "there is nothing to score; the test file has no series"
        case let .mismatchedLengths(series):
            return "series '\(series)' has a different number of test values and forecasts"
        case let .undefinedScale(series, count) where count < 2:
            return "series '\(series)' cannot be scaled: it has \(count) training value\(count == 1 ? "" : "s") and no change between two, so MASE and MSIS are undefined; leave it out of the scoring"
        case let .undefinedScale(series, count):
            return "series '\(series)' cannot be scaled: its \(count) training values never change, so MASE and MSIS divide by 0; leave it out of the scoring"
        }
    }
}

/// The accuracy of a set of forecasts, with Naive2 (the last training value) for reference.
public struct AccuracySummary: Sendable, Hashable, Codable {
    public let series: Int
    public let points: Int
    /// Mean over series (= over points for a fixed horizon) of sMAPE, in percent.
    public let sMAPE: Double
    /// Mean over series of MASE.
    public let MASE: Double
    /// `½(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2)` from the dataset-level means.
    public let OWA: Double
    /// Share of test values inside the 80% interval; nil without intervals.
    public let coverage80: Double?
    /// Share of test values inside the 95% interval; nil without intervals.
    public let coverage95: Double?
    /// Mean over series of MSIS (α = 0.05, the 95% interval); nil without it.
    public let MSIS: Double?
    public let naive2SMAPE: Double
    public let naive2MASE: Double
    /// The seasonal lag of the MASE scale.
    public let lag: Int
}

/// Scores forecasts of several series: sMAPE, MASE, OWA against Naive2, 80%/95% coverage and MSIS,
/// exactly as `Benchmarks/score.py` (series-level means, then means over series).
///
/// Naive2 is the last training value: for yearly data (m = 1) the M4 definition reduces to that.
/// Coverage and MSIS are reported only when every series has the interval.
///
/// - Throws: `AccuracyError` for an empty set, unequal lengths, or a series whose scale is 0 or undefined.
public func summarizeAccuracy(_ items: [ScoredSeries], lag: Int = 1) throws -> AccuracySummary {
    guard !items.isEmpty else { throw AccuracyError.noSeries }
    var smape = 0.0, mase = 0.0, naiveSMAPE = 0.0, naiveMASE = 0.0, msis = 0.0
    var inside80 = 0, inside95 = 0, points = 0
    let has80 = items.allSatisfy { $0.lower80 != nil && $0.upper80 != nil }
    let has95 = items.allSatisfy { $0.lower95 != nil && $0.upper95 != nil }
    for item in items {
        let h = item.actual.count
        guard h > 0, item.forecast.count == h,
              [item.lower80, item.upper80, item.lower95, item.upper95].allSatisfy({ $0 == nil || $0!.count == h }) else {
            throw AccuracyError.mismatchedLengths(series: item.seriesName)
        }
        let scale = naiveScale(item.training, lag: lag)
        guard scale > 0, scale.isFinite else {
            throw AccuracyError.undefinedScale(series: item.seriesName, count: item.training.count)
        }
        let naive = Array(repeating: item.training.last!, count: h)
        smape += symmetricMAPE(actual: item.actual, forecast: item.forecast)
        mase += meanAbsoluteScaledError(actual: item.actual, forecast: item.forecast, scale: scale)
        naiveSMAPE += symmetricMAPE(actual: item.actual, forecast: naive)
        naiveMASE += meanAbsoluteScaledError(actual: item.actual, forecast: naive, scale: scale)
        if has80, let lower = item.lower80, let upper = item.upper80 {
            for i in 0..<h where item.actual[i] >= lower[i] && item.actual[i] <= upper[i] { inside80 += 1 }
        }
        if has95, let lower = item.lower95, let upper = item.upper95 {
            for i in 0..<h where item.actual[i] >= lower[i] && item.actual[i] <= upper[i] { inside95 += 1 }
            msis += scaledIntervalScore(actual: item.actual, lower: lower, upper: upper, alpha: 0.05, scale: scale)
        }
        points += h
    }
    let count = Double(items.count)
    smape /= count; mase /= count; naiveSMAPE /= count; naiveMASE /= count
    return AccuracySummary(
        series: items.count, points: points, sMAPE: smape, MASE: mase,
        OWA: 0.5 * (smape / naiveSMAPE + mase / naiveMASE),
        coverage80: has80 ? Double(inside80) / Double(points) : nil,
        coverage95: has95 ? Double(inside95) / Double(points) : nil,
        MSIS: has95 ? msis / count : nil,
        naive2SMAPE: naiveSMAPE, naive2MASE: naiveMASE, lag: lag)
}
