import Foundation

/// Simple exponential smoothing (SES): `ℓₜ = ℓₜ₋₁ + α(yₜ − ℓₜ₋₁)`, started at `ℓ₁ = y₁`, with the
/// smoothing weight α chosen on a grid by the in-sample sum of squared one-step errors.
///
/// A grid instead of a numerical optimiser: it is deterministic, cannot fail to converge, and costs
/// a few microseconds for a short series (39 weights × n steps).
///
/// ```swift
/// let fit = try SimpleExponentialSmoothing().fit([10, 12, 11, 13])
/// fit.forecast(1)   // the last level, the same for every horizon
/// ```
public struct SimpleExponentialSmoothing: Sendable, Hashable, Codable {
    /// The smoothing weights tried, in order; the first of equally good weights wins.
    public var grid: [Double]

    /// 0.05, 0.075, …, 1 (39 weights), as `numpy.linspace(0.05, 1, 39)`.
    public static let defaultGrid = evenlySpaced(from: 0.05, through: 1, count: 39)

    public init(grid: [Double] = SimpleExponentialSmoothing.defaultGrid) {
        self.grid = grid
    }

    /// Fits the weight and the final level.
    ///
    /// - Throws: `ForecastingError.tooFewPoints` for fewer than 2 values.
    /// - Complexity: O(grid × n).
    public func fit(_ values: [Double], seriesName: String = "values") throws -> FittedSimpleExponentialSmoothing {
        guard values.count >= 2 else {
            throw ForecastingError.tooFewPoints(series: seriesName, model: "exponential smoothing", have: values.count, need: 2)
        }
        return values.withUnsafeBufferPointer { prefixFits($0, from: $0.count) }.last!
    }

    /// The fits to every prefix `values[0..<k]` for `k` in `shortest...values.count`, in one pass
    /// per weight (the state after `k` values depends on those values only).
    func prefixFits(_ values: UnsafeBufferPointer<Double>, from shortest: Int) -> [FittedSimpleExponentialSmoothing] {
        let n = values.count
        precondition(shortest >= 1 && shortest <= n, "prefix lengths must lie in 1...count")
        var best = [FittedSimpleExponentialSmoothing](
            repeating: FittedSimpleExponentialSmoothing(alpha: .nan, level: .nan, sumOfSquaredErrors: .infinity, count: 0),
            count: n - shortest + 1)
        for alpha in grid {
            var level = values[0], sse = 0.0
            if shortest == 1, sse < best[0].sumOfSquaredErrors {
                best[0] = FittedSimpleExponentialSmoothing(alpha: alpha, level: level, sumOfSquaredErrors: sse, count: 1)
            }
            var t = 1
            while t < n {
                let error = values[t] - level
                sse += error * error
                level += alpha * error
                t += 1
                if t >= shortest, sse < best[t - shortest].sumOfSquaredErrors {
                    best[t - shortest] = FittedSimpleExponentialSmoothing(alpha: alpha, level: level, sumOfSquaredErrors: sse, count: t)
                }
            }
        }
        return best
    }
}

/// A fitted simple exponential smoothing: its weight and final level.
public struct FittedSimpleExponentialSmoothing: Sendable, Hashable, Codable {
    public let alpha: Double
    /// The level after the last value: the forecast for every horizon.
    public let level: Double
    /// The in-sample sum of squared one-step errors.
    public let sumOfSquaredErrors: Double
    /// The number of values fitted.
    public let count: Int

    /// The forecast `horizon` steps ahead (flat).
    public func forecast(_ horizon: Int) -> Double { level }
}

/// Additive damped-trend exponential smoothing (Gardner & McKenzie): with damping φ,
/// `ŷₜ = ℓₜ₋₁ + φbₜ₋₁`, `ℓₜ = ŷₜ + αeₜ`, `bₜ = φbₜ₋₁ + αβeₜ`, started at `ℓ₁ = y₁`, `b₁ = y₂ − y₁`.
/// φ is fixed; α and β are chosen on a grid (β ≤ α) by the in-sample sum of squared one-step errors.
///
/// ```swift
/// let fit = try DampedTrendSmoothing(damping: 0.85).fit([10, 12, 13, 15, 16])
/// fit.forecast(3)   // ℓ + b(φ + φ² + φ³)
/// ```
public struct DampedTrendSmoothing: Sendable, Hashable, Codable {
    /// φ in (0, 1]: 1 is Holt's linear trend.
    public var damping: Double
    /// (α, β) pairs tried, in order; the first of equally good pairs wins.
    public var grid: [SmoothingWeights]

    /// α in 0.1, 0.2, …, 1 and β in 0.01, 0.05, 0.1, 0.2, 0.3, 0.5 with β ≤ α (45 pairs).
    public static let defaultGrid: [SmoothingWeights] = {
        var pairs: [SmoothingWeights] = []
        for alpha in evenlySpaced(from: 0.1, through: 1, count: 10) {
            for beta in [0.01, 0.05, 0.1, 0.2, 0.3, 0.5] where beta <= alpha {
                pairs.append(SmoothingWeights(alpha: alpha, beta: beta))
            }
        }
        return pairs
    }()

    public init(damping: Double, grid: [SmoothingWeights] = DampedTrendSmoothing.defaultGrid) {
        self.damping = damping
        self.grid = grid
    }

    /// Fits the weights, the final level and the final slope.
    ///
    /// - Throws: `ForecastingError.tooFewPoints` for fewer than 2 values; `.invalidModel` for φ outside (0, 1].
    /// - Complexity: O(grid × n).
    public func fit(_ values: [Double], seriesName: String = "values") throws -> FittedDampedTrend {
        guard damping > 0, damping <= 1 else {
            throw ForecastingError.invalidModel("damping must lie in (0, 1], not \(formatNumber(damping))")
        }
        guard values.count >= 2 else {
            throw ForecastingError.tooFewPoints(series: seriesName, model: "damped trend", have: values.count, need: 2)
        }
        return values.withUnsafeBufferPointer { prefixFits($0, from: $0.count) }.last!
    }

    /// The fits to every prefix `values[0..<k]` for `k` in `shortest...values.count` (shortest ≥ 2).
    func prefixFits(_ values: UnsafeBufferPointer<Double>, from shortest: Int) -> [FittedDampedTrend] {
        let n = values.count
        precondition(shortest >= 2 && shortest <= n, "prefix lengths must lie in 2...count")
        let phi = damping
        var best = [FittedDampedTrend](
            repeating: FittedDampedTrend(alpha: .nan, beta: .nan, damping: phi, level: .nan, slope: .nan, sumOfSquaredErrors: .infinity, count: 0),
            count: n - shortest + 1)
        for weights in grid {
            let alpha = weights.alpha, slopeWeight = weights.alpha * weights.beta
            var level = values[0], slope = values[1] - values[0], sse = 0.0
            var t = 1
            while t < n {
                let prediction = level + phi * slope
                let error = values[t] - prediction
                sse += error * error
                level = prediction + alpha * error
                slope = phi * slope + slopeWeight * error
                t += 1
                if t >= shortest, sse < best[t - shortest].sumOfSquaredErrors {
                    best[t - shortest] = FittedDampedTrend(alpha: alpha, beta: weights.beta, damping: phi, level: level,
                                                           slope: slope, sumOfSquaredErrors: sse, count: t)
                }
            }
        }
        return best
    }
}

/// A pair of smoothing weights: α for the level, β for the slope (the slope moves by αβ·error).
public struct SmoothingWeights: Sendable, Hashable, Codable {
    public var alpha: Double
    public var beta: Double
    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }
}

/// A fitted damped trend: its weights and final state.
public struct FittedDampedTrend: Sendable, Hashable, Codable {
    public let alpha: Double
    public let beta: Double
    public let damping: Double
    public let level: Double
    public let slope: Double
    public let sumOfSquaredErrors: Double
    public let count: Int

    /// `ℓ + b(φ + φ² + … + φʰ)`.
    public func forecast(_ horizon: Int) -> Double {
        var sum = 0.0, power = 1.0
        for _ in 0..<max(0, horizon) { power *= damping; sum += power }
        return level + slope * sum
    }
}

/// `count` evenly spaced numbers from `start` through `stop`, computed as `numpy.linspace` does
/// (`start + i·step`, the last one exactly `stop`).
func evenlySpaced(from start: Double, through stop: Double, count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { start + Double($0) * step }
    values[count - 1] = stop
    return values
}
