import Foundation

/// The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form Hyndman & Billah (2003)
/// showed it to be: simple exponential smoothing with a drift of half the slope of the linear trend
/// (θ = 2). The forecast `h` steps ahead is
/// `ℓₙ + (1 − 1/θ)·b·(h − 1 + 1/α − (1 − α)ⁿ/α)`, with `ℓₙ` and α from SES and `b` the
/// least-squares slope of the values on time.
///
/// ```swift
/// let fit = try ThetaMethod().fit([10, 12, 11, 13, 14])
/// fit.forecast(2)
/// ```
public struct ThetaMethod: Sendable, Hashable, Codable {
    /// θ: 2 is the classic method; 1 is SES without drift.
    public var theta: Double
    public var smoothing: SimpleExponentialSmoothing

    public init(theta: Double = 2, smoothing: SimpleExponentialSmoothing = SimpleExponentialSmoothing()) {
        self.theta = theta
        self.smoothing = smoothing
    }

    /// Fits SES and the trend slope.
    ///
    /// - Throws: `ForecastingError.tooFewPoints` for fewer than 2 values.
    public func fit(_ values: [Double], seriesName: String = "values") throws -> FittedTheta {
        let ses = try smoothing.fit(values, seriesName: seriesName)
        let slope = values.withUnsafeBufferPointer { prefixSlopes($0, from: $0.count) }.last!
        return FittedTheta(theta: theta, smoothing: ses, slope: slope)
    }
}

/// A fitted Theta method.
public struct FittedTheta: Sendable, Hashable, Codable {
    public let theta: Double
    public let smoothing: FittedSimpleExponentialSmoothing
    /// The least-squares slope of the values on time (per step).
    public let slope: Double

    /// The forecast `horizon` steps ahead.
    public func forecast(_ horizon: Int) -> Double {
        let alpha = smoothing.alpha, n = Double(smoothing.count)
        let drift = (1 - 1 / theta) * slope
        return smoothing.level + drift * (Double(horizon) - 1 + 1 / alpha - pow(1 - alpha, n) / alpha)
    }
}

/// The least-squares slope of `values[0..<k]` on time `0..<k`, for every `k` in `shortest...count`
/// (shortest ≥ 2), from running sums: O(n) in all.
func prefixSlopes(_ values: UnsafeBufferPointer<Double>, from shortest: Int) -> [Double] {
    let n = values.count
    precondition(shortest >= 2 && shortest <= n, "prefix lengths must lie in 2...count")
    var slopes: [Double] = []
    slopes.reserveCapacity(n - shortest + 1)
    var sumY = 0.0, sumTY = 0.0
    for t in 0..<n {
        sumY += values[t]
        sumTY += Double(t) * values[t]
        let k = t + 1
        if k >= shortest {
            let kd = Double(k)
            let meanT = (kd - 1) / 2
            let sxx = kd * (kd * kd - 1) / 12
            slopes.append((sumTY - meanT * sumY) / sxx)
        }
    }
    return slopes
}
