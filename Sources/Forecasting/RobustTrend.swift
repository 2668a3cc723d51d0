/// A robust trend: the last value plus the median of the one-step changes per step ahead. Close to
/// the "Robust-Trend" entry of the M3 competition (the best yearly MASE of its 22 methods); one
/// outlying change does not move the slope.
///
/// ```swift
/// let fit = try RobustTrend().fit([10, 12, 13, 30, 16])
/// fit.slope        // 1.5, the median of 2, 1, 17, −14
/// fit.forecast(2)  // 19
/// ```
public struct RobustTrend: Sendable, Hashable, Codable {
    public init() {}

    /// - Throws: `ForecastingError.tooFewPoints` for fewer than 2 values.
    public func fit(_ values: [Double], seriesName: String = "values") throws -> FittedRobustTrend {
        guard values.count >= 2 else {
            throw ForecastingError.tooFewPoints(series: seriesName, model: "robust trend", have: values.count, need: 2)
        }
        return values.withUnsafeBufferPointer { prefixRobustTrends($0, from: $0.count) }.last!
    }
}

/// A fitted robust trend.
public struct FittedRobustTrend: Sendable, Hashable, Codable {
    public let lastValue: Double
    /// The median one-step change.
    public let slope: Double

    public func forecast(_ horizon: Int) -> Double { lastValue + slope * Double(horizon) }
}

/// The robust trend of every prefix `values[0..<k]`, `k` in `shortest...count` (shortest ≥ 2): the
/// changes are kept sorted and each new one inserted, O(n log n + (n − shortest)·n) in all.
func prefixRobustTrends(_ values: UnsafeBufferPointer<Double>, from shortest: Int) -> [FittedRobustTrend] {
    let n = values.count
    precondition(shortest >= 2 && shortest <= n, "prefix lengths must lie in 2...count")
    var changes = (1..<shortest).map { values[$0] - values[$0 - 1] }
    changes.sort()
    var fits: [FittedRobustTrend] = []
    fits.reserveCapacity(n - shortest + 1)
    var k = shortest
    while true {
        fits.append(FittedRobustTrend(lastValue: values[k - 1], slope: sortedMedian(changes)))
        if k == n { break }
        let change = values[k] - values[k - 1]
        var low = 0, high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle] < change { low = middle + 1 } else { high = middle }
        }
        changes.insert(change, at: low)
        k += 1
    }
    return fits
}

/// The median of sorted numbers (the mean of the middle two for an even count).
func sortedMedian(_ sorted: [Double]) -> Double {
    let m = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}
