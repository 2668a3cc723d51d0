import Foundation
import LinearAlgebra

/// How future deviations from the trend are drawn.
public enum ResidualNoise: String, Sendable, Hashable, Codable, CaseIterable {
    /// Normal with the fitted σ̂ (drawn, with the parameters, from their joint posterior under a flat prior).
    case normal
    /// Resampled from the fitted residuals (scaled to the residual degrees of freedom).
    case bootstrap
}

/// Simulated future values of a series: `draws` paths over `years`.
public struct SimulatedPaths: Sendable {
    public let years: [Int]
    public let draws: Int
    /// Row-major: path `d`, year index `k` at `values[d * years.count + k]`.
    public var values: [Double]

    public init(years: [Int], draws: Int, values: [Double]) {
        precondition(values.count == years.count * draws, "paths do not fill draws × years")
        self.years = years
        self.draws = draws
        self.values = values
    }

    /// The value of path `draw` in year index `k`.
    @inlinable
    public subscript(draw: Int, yearIndex: Int) -> Double {
        get { values[draw * years.count + yearIndex] }
        set { values[draw * years.count + yearIndex] = newValue }
    }

    /// All draws for the year at index `k`.
    public func column(_ k: Int) -> [Double] {
        (0..<draws).map { values[$0 * years.count + k] }
    }

    /// The `q`-quantile (0…1) of the draws in year index `k` (linear interpolation, R type 7).
    public func quantile(_ q: Double, yearIndex k: Int) -> Double {
        empiricalQuantile(column(k).sorted(), q)
    }
}

/// The `q`-quantile of sorted values, R's type 7 (linear interpolation between order statistics).
public func empiricalQuantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * q
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    // Equal neighbours (infinite ones included, where the interpolation would give NaN) are the answer.
    if sorted[lo] == sorted[hi] { return sorted[lo] }
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

extension FittedTrend {
    /// Simulates future paths: σ² from its scaled inverse-χ² distribution, coefficients from
    /// N(β̂, σ²(XᵀWX)⁻¹) through a Cholesky factor (`dpotrf`), then residual noise in each year.
    ///
    /// With normal noise, the simulated quantiles converge to the analytic Student-t prediction
    /// interval of each year. The same `seed` gives the same paths on every run.
    ///
    /// - Throws: `LinearAlgebraError` when the covariance cannot be factored.
    public func simulate(years: [Int], draws: Int, seed: UInt64, noise: ResidualNoise = .normal) throws -> SimulatedPaths {
        precondition(draws > 0, "draws must be positive")
        var rng = SeededGenerator(seed: seed)
        let factor = try covarianceFactor(unscaledCovariance)
        let p = coefficients.count
        let df = Double(residualDegreesOfFreedom)
        let s = residualStandardDeviation
        let rows = years.map { regressors($0) }
        let scaledResiduals: [Double] = zip(residuals, weights ?? Array(repeating: 1, count: residuals.count))
            .map { $0 * $1.squareRoot() * (Double(count) / df).squareRoot() }
        var values = [Double](repeating: 0, count: draws * years.count)
        var z = [Double](repeating: 0, count: p)
        var beta = [Double](repeating: 0, count: p)
        for d in 0..<draws {
            let sigma = s * (df / rng.nextChiSquared(degreesOfFreedom: df)).squareRoot()
            for j in 0..<p { z[j] = rng.nextNormal() }
            for i in 0..<p {
                var shift = 0.0
                for j in 0...i { shift += factor[i, j] * z[j] }
                beta[i] = coefficients[i] + sigma * shift
            }
            for (k, x) in rows.enumerated() {
                var eta = 0.0
                for j in 0..<x.count { eta += x[j] * beta[j] }
                let epsilon: Double
                switch noise {
                case .normal: epsilon = sigma * rng.nextNormal()
                case .bootstrap:
                    let pick = Int(rng.next() % UInt64(scaledResiduals.count))
                    epsilon = scaledResiduals[pick] * sigma / max(s, .leastNormalMagnitude)
                }
                let value: Double
                if isNonlinear {
                    value = beta[x.count] * saturatingCurve(eta).value + epsilon
                } else {
                    value = transform.inverse(eta + epsilon)
                }
                values[d * years.count + k] = value
            }
        }
        return SimulatedPaths(years: years, draws: draws, values: values)
    }
}

/// The `levels`-quantiles (each 0…1) of `values`, R's type 7, found by selection instead of a full sort:
/// the same numbers as `empiricalQuantile(values.sorted(), q)`, by one multiple selection in O(n·log k)
/// on average for k levels.
///
/// `values` is reordered. NaN must not occur (it has no place in an order).
///
/// ```swift
/// var draws = [4.0, 1, 3, 2]
/// selectQuantiles(&draws, [0.5, 0.1])   // [2.5, 1.3]
/// ```
public func selectQuantiles(_ values: inout [Double], _ levels: [Double]) -> [Double] {
    guard !values.isEmpty else { return levels.map { _ in .nan } }
    let n = values.count
    // Each level needs the order statistics at ⌊h⌋ and ⌊h⌋ + 1, h = (n − 1)·level.
    var wanted: [Int] = []
    wanted.reserveCapacity(2 * levels.count)
    for level in levels {
        let lo = Int((Double(n - 1) * level).rounded(.down))
        wanted.append(lo)
        wanted.append(min(lo + 1, n - 1))
    }
    let ranks = Array(Set(wanted)).sorted()
    return values.withUnsafeMutableBufferPointer { buffer in
        selectRanks(buffer, ranks[...], left: 0, right: n - 1)
        return levels.map { level in
            let h = Double(n - 1) * level
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, n - 1)
            let a = buffer[lo], b = buffer[hi]
            return hi == lo || a == b ? a : a + (h - Double(lo)) * (b - a)
        }
    }
}

/// Reorders `buffer[left...right]` so that every position in `ranks` (sorted, inside the range) holds the
/// order statistic of that rank: one partition serves every rank on either side of its pivot (Hoare's
/// partition with a median-of-three pivot, insertion sort below 24 values), so k ranks cost about
/// n·log₂(k + 1) comparisons instead of k separate selections.
private func selectRanks(_ buffer: UnsafeMutableBufferPointer<Double>, _ ranks: ArraySlice<Int>, left: Int, right: Int) {
    guard let first = ranks.first, let last = ranks.last, right > left else { return }
    if right - left < 24 {
        for i in (left + 1)...right {
            let x = buffer[i]
            var j = i - 1
            while j >= left && buffer[j] > x { buffer[j + 1] = buffer[j]; j -= 1 }
            buffer[j + 1] = x
        }
        return
    }
    let mid = left + (right - left) / 2
    if buffer[mid] < buffer[left] { buffer.swapAt(mid, left) }
    if buffer[right] < buffer[left] { buffer.swapAt(right, left) }
    if buffer[right] < buffer[mid] { buffer.swapAt(right, mid) }
    let pivot = buffer[mid]
    var i = left, j = right
    while i <= j {
        while buffer[i] < pivot { i += 1 }
        while buffer[j] > pivot { j -= 1 }
        if i <= j { buffer.swapAt(i, j); i += 1; j -= 1 }
    }
    // Now buffer[left...j] ≤ pivot ≤ buffer[i...right], and positions j+1 ..< i hold the pivot's value.
    if first <= j {
        let end = ranks.firstIndex { $0 > j } ?? ranks.endIndex
        selectRanks(buffer, ranks[..<end], left: left, right: j)
    }
    if last >= i {
        let begin = ranks.firstIndex { $0 >= i } ?? ranks.endIndex
        selectRanks(buffer, ranks[begin...], left: i, right: right)
    }
}
