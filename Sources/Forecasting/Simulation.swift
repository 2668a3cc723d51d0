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

    /// The distribution of the draws in year index `k`.
    public func distribution(yearIndex k: Int) -> ForecastDistribution { .sample(column(k)) }

    /// `distribution(yearIndex: k).summary(levels:)`, selecting in the one copy of the year's draws.
    public func summary(yearIndex k: Int, levels: [Double]) -> (median: Double, intervals: [PredictionInterval]) {
        var draws = column(k)
        return ForecastDistribution.summary(ofDraws: &draws, levels: levels)
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
/// the same numbers as `empiricalQuantile(values.sorted(), q)`.
///
/// Below 2,048 values one multiple selection finds every order statistic needed (O(n·log k) on
/// average for k levels); from 2,048 on, the values are first distributed over 64 buckets cut by a
/// sorted sample of 256 (a branch-free binary search each), and only the few buckets that hold a
/// wanted rank are gathered and selected in — about a tenth of the values (`bucketedOrderStatistics`).
/// Either way the answer is exact: the sample only decides how fast it is found.
///
/// `values` may be reordered. NaN must not occur (it has no place in an order).
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
    let statistics = values.withUnsafeMutableBufferPointer { orderStatistics($0, ranks) }
    func statistic(_ rank: Int) -> Double { statistics[ranks.firstIndex(of: rank)!] }
    return levels.map { level in
        let h = Double(n - 1) * level
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, n - 1)
        let a = statistic(lo), b = statistic(hi)
        return hi == lo || a == b ? a : a + (h - Double(lo)) * (b - a)
    }
}

/// The values of rank `ranks` (sorted, distinct, inside the buffer) in the order of `buffer`.
private func orderStatistics(_ buffer: UnsafeMutableBufferPointer<Double>, _ ranks: [Int]) -> [Double] {
    if buffer.count >= 2048 { return bucketedOrderStatistics(buffer, ranks) }
    selectRanks(buffer, ranks[...], left: 0, right: buffer.count - 1)
    return ranks.map { buffer[$0] }
}

/// Order statistics through 64 buckets: 63 splitters from a sorted, evenly strided sample of 256
/// values; one pass tags every value with its bucket (the number of splitters below it, by a
/// branch-free binary search) and counts them; a second pass gathers only the buckets that hold a
/// wanted rank; each is searched by `selectRanks` for its ranks. Ties and infinities land in buckets
/// like any value, so the result is exact whatever the sample; a bucket swollen by ties (paths held at
/// a bound) only costs a larger selection. The buffer is read, not reordered.
private func bucketedOrderStatistics(_ buffer: UnsafeMutableBufferPointer<Double>, _ ranks: [Int]) -> [Double] {
    let n = buffer.count
    let sampleSize = 256, bucketCount = 64
    let stride = n / sampleSize
    var sample = (0..<sampleSize).map { buffer[$0 * stride + stride / 2] }
    sample.sort()
    // splitters[j] is the largest value of bucket j; the last, +∞, is never below a value.
    var splitters = [Double](repeating: .infinity, count: bucketCount)
    for j in 0..<(bucketCount - 1) { splitters[j] = sample[(j + 1) * (sampleSize / bucketCount) - 1] }
    var tags = [UInt8](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: bucketCount)
    splitters.withUnsafeBufferPointer { s in
        tags.withUnsafeMutableBufferPointer { tag in
            counts.withUnsafeMutableBufferPointer { count in
                for i in 0..<n {
                    let x = buffer[i]
                    var b = 0
                    b += s[b + 31] < x ? 32 : 0
                    b += s[b + 15] < x ? 16 : 0
                    b += s[b + 7] < x ? 8 : 0
                    b += s[b + 3] < x ? 4 : 0
                    b += s[b + 1] < x ? 2 : 0
                    b += s[b] < x ? 1 : 0
                    tag[i] = UInt8(truncatingIfNeeded: b)
                    count[b] += 1
                }
            }
        }
    }
    // The first rank of each bucket, and the buckets that hold a wanted rank.
    var firstRank = [Int](repeating: 0, count: bucketCount + 1)
    for b in 0..<bucketCount { firstRank[b + 1] = firstRank[b] + counts[b] }
    var bucketOfRank: [Int] = []
    var slot = [Int](repeating: -1, count: bucketCount)
    var gathered: [Int] = []          // the wanted buckets, in order
    for rank in ranks {
        var b = 0
        while firstRank[b + 1] <= rank { b += 1 }
        bucketOfRank.append(b)
        if slot[b] < 0 { slot[b] = gathered.count; gathered.append(b) }
    }
    var offset = [Int](repeating: 0, count: gathered.count + 1)
    for (k, b) in gathered.enumerated() { offset[k + 1] = offset[k] + counts[b] }
    var scratch = [Double](repeating: 0, count: offset[gathered.count])
    var fill = Array(offset.dropLast())
    scratch.withUnsafeMutableBufferPointer { out in
        for i in 0..<n {
            let k = slot[Int(tags[i])]
            if k >= 0 { out[fill[k]] = buffer[i]; fill[k] += 1 }
        }
        for (k, b) in gathered.enumerated() {
            let local = ranks.indices.filter { bucketOfRank[$0] == b }.map { ranks[$0] - firstRank[b] + offset[k] }
            selectRanks(out, local[...], left: offset[k], right: offset[k + 1] - 1)
        }
    }
    return ranks.indices.map { i in
        let b = bucketOfRank[i]
        return scratch[ranks[i] - firstRank[b] + offset[slot[b]]]
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
