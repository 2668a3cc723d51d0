/// The distribution of a forecast value in one year, analytic or simulated, that answers quantiles and
/// central intervals at any level — as fable's `dist_student_t` and `dist_sample` stand in for each other.
///
/// A trend's projection is a Student-t on its fitting scale mapped back through the trend's transform
/// (`FittedTrend.predictiveDistribution(year:bounds:)`); a simulated projection is the empirical
/// distribution of its paths in that year (`SimulatedPaths.distribution(yearIndex:)`). Tables ask it for
/// the levels they show.
///
/// ```swift
/// let draws = ForecastDistribution.sample([3, 1, 4, 1, 5, 9, 2, 6])
/// draws.median                        // 3.5
/// draws.interval(50)                  // 1.75 ... 5.25
/// let t = ForecastDistribution.studentT(location: 10, scale: 2, degreesOfFreedom: 4)
/// t.interval(95).upper                // 15.55 (10 + 2.776·2)
/// ```
public struct ForecastDistribution: Sendable, Hashable {
    enum Form: Sendable, Hashable {
        /// transform⁻¹(location + scale·T_ν), ν = ∞ for a normal.
        case studentT(location: Double, scale: Double, degreesOfFreedom: Double, transform: ResponseTransform)
        /// Draws, in any order (R's type 7 quantiles).
        case sample([Double])
    }
    let form: Form
    /// Hard bounds every quantile is held inside.
    public let bounds: ClosedRange<Double>?

    init(_ form: Form, bounds: ClosedRange<Double>? = nil) {
        self.form = form
        self.bounds = bounds
    }

    /// A Student-t distribution (a normal when `degreesOfFreedom` is infinite).
    public static func studentT(location: Double, scale: Double, degreesOfFreedom: Double,
                                bounds: ClosedRange<Double>? = nil) -> ForecastDistribution {
        ForecastDistribution(.studentT(location: location, scale: scale, degreesOfFreedom: degreesOfFreedom,
                                       transform: .identity), bounds: bounds)
    }

    /// The empirical distribution of `draws` (NaN must not occur).
    public static func sample(_ draws: [Double], bounds: ClosedRange<Double>? = nil) -> ForecastDistribution {
        ForecastDistribution(.sample(draws), bounds: bounds)
    }

    /// Whether the distribution is that of simulated draws.
    public var isSampled: Bool {
        if case .sample = form { return true }
        return false
    }

    /// The median: for a trend on the log or logit scale, the back-transformed central value.
    public var median: Double { quantiles([0.5])[0] }

    /// The `p`-quantile, 0 ≤ p ≤ 1.
    public func quantile(_ p: Double) -> Double { quantiles([p])[0] }

    /// The quantiles at `probabilities`, each 0…1, in their order (draws are selected once for all of them).
    ///
    /// - Complexity: O(n) on average for n draws, O(1) per level for an analytic distribution.
    public func quantiles(_ probabilities: [Double]) -> [Double] {
        switch form {
        case let .sample(draws):
            var copy = draws
            return selectQuantiles(&copy, probabilities).map(clamp)
        case let .studentT(location, scale, nu, transform):
            return probabilities.map { p in
                if p == 0.5 { return clamp(transform.inverse(location)) }
                // Symmetric: the lower tail from the upper quantile, as a t interval is written.
                let q = studentTQuantile(p > 0.5 ? p : 1 - p, degreesOfFreedom: nu)
                return clamp(transform.inverse(p > 0.5 ? location + q * scale : location - q * scale))
            }
        }
    }

    /// The central interval at `level` percent: the (50 − level/2)% and (50 + level/2)% quantiles.
    public func interval(_ level: Double) -> PredictionInterval { summary(levels: [level]).intervals[0] }

    /// The median and the central intervals at `levels` (percent), from one selection of the draws.
    public func summary(levels: [Double]) -> (median: Double, intervals: [PredictionInterval]) {
        summary(levels: levels, tQuantiles: nil)
    }

    /// `summary(levels:)`, with the Student-t quantiles at 50 + level/2 % given when the caller already has
    /// them (a trend projects many years with the same degrees of freedom).
    func summary(levels: [Double], tQuantiles: [Double]?) -> (median: Double, intervals: [PredictionInterval]) {
        if case let .studentT(location, scale, nu, transform) = form {
            // One quantile per level, used on both sides: the interval is exactly symmetric on the fitting scale.
            let multipliers = tQuantiles ?? levels.map { studentTQuantile(0.5 + $0 / 200, degreesOfFreedom: nu) }
            let intervals = zip(levels, multipliers).map { level, q in
                PredictionInterval(level: level, lower: clamp(transform.inverse(location - q * scale)),
                                   upper: clamp(transform.inverse(location + q * scale)))
            }
            return (clamp(transform.inverse(location)), intervals)
        }
        guard case let .sample(draws) = form else { preconditionFailure("a distribution is analytic or sampled") }
        var copy = draws
        return Self.summary(ofDraws: &copy, levels: levels, bounds: bounds)
    }

    /// The summary of `.sample(draws, bounds:)` at `levels` — the median and the central intervals —
    /// selected in `draws` itself (reordering them) instead of in a copy: for a caller that made the
    /// array for this alone.
    public static func summary(ofDraws draws: inout [Double], levels: [Double],
                               bounds: ClosedRange<Double>? = nil) -> (median: Double, intervals: [PredictionInterval]) {
        var probabilities = [0.5]
        for level in levels { probabilities += [(100 - level) / 200, (100 + level) / 200] }
        let q = selectQuantiles(&draws, probabilities).map { clamp($0, into: bounds) }
        return (q[0], levels.indices.map { PredictionInterval(level: levels[$0], lower: q[1 + 2 * $0], upper: q[2 + 2 * $0]) })
    }

    private func clamp(_ value: Double) -> Double { Self.clamp(value, into: bounds) }

    private static func clamp(_ value: Double, into bounds: ClosedRange<Double>?) -> Double {
        guard let bounds else { return value }
        return min(max(value, bounds.lowerBound), bounds.upperBound)
    }
}
