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
