import Forecasting

/// One row of a projection table: an observed value, or the summary of a projected distribution — its
/// median and its central intervals at the levels the run asked for.
public struct ProjectionRow: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case actual, estimate, projected }
    public var year: Int
    public var kind: Kind
    /// The central value: the observation, or the median of the simulated paths.
    public var central: Double
    /// The central intervals of a projected year, narrowest first (80% and 95% at least in a run); none
    /// for an observation.
    public var intervals: [PredictionInterval]

    public init(year: Int, kind: Kind, central: Double, intervals: [PredictionInterval] = []) {
        self.year = year
        self.kind = kind
        self.central = central
        self.intervals = intervals
    }

    /// A row with the 80% and 95% intervals given end by end.
    public init(year: Int, kind: Kind, central: Double, lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?) {
        var intervals: [PredictionInterval] = []
        if let lo80, let hi80 { intervals.append(PredictionInterval(level: 80, lower: lo80, upper: hi80)) }
        if let lo95, let hi95 { intervals.append(PredictionInterval(level: 95, lower: lo95, upper: hi95)) }
        self.init(year: year, kind: kind, central: central, intervals: intervals)
    }

    /// The central interval at `level` percent, if the row has it.
    public func interval(_ level: Double) -> PredictionInterval? { intervals.first { $0.level == level } }

    public var lo80: Double? { interval(80)?.lower }
    public var hi80: Double? { interval(80)?.upper }
    public var lo95: Double? { interval(95)?.lower }
    public var hi95: Double? { interval(95)?.upper }
}

extension ProjectionRow: Codable {
    /// `year`, `kind`, `central`, then `loL` and `hiL` for each level L (`lo80`, `hi80`, `lo95`, `hi95`, …).
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(year, forKey: Key("year"))
        try container.encode(kind, forKey: Key("kind"))
        try container.encode(central, forKey: Key("central"))
        for interval in intervals {
            let level = formatNumber(interval.level)
            try container.encode(interval.lower, forKey: Key("lo" + level))
            try container.encode(interval.upper, forKey: Key("hi" + level))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        year = try container.decode(Int.self, forKey: Key("year"))
        kind = try container.decode(Kind.self, forKey: Key("kind"))
        central = try container.decode(Double.self, forKey: Key("central"))
        var found: [PredictionInterval] = []
        for key in container.allKeys where key.stringValue.hasPrefix("lo") {
            guard let level = Double(key.stringValue.dropFirst(2)),
                  let upper = try container.decodeIfPresent(Double.self, forKey: Key("hi" + key.stringValue.dropFirst(2))) else { continue }
            found.append(PredictionInterval(level: level, lower: try container.decode(Double.self, forKey: key), upper: upper))
        }
        intervals = found.sorted { $0.level < $1.level }
    }
}

extension Adjustment {
    /// Applies this adjustment to one path.
    ///
    /// - Parameters:
    ///   - path: the adjusted values so far, one per year of `years`.
    ///   - trend: the same draw before any adjustment (what `recovery` returns to).
    ///   - years: the projected years.
    func apply(to path: inout [Double], trend: [Double], years: [Int]) {
        let resolved = ResolvedAdjustment(self, years: years)
        trend.withUnsafeBufferPointer { trend in
            path.withUnsafeMutableBufferPointer { resolved.apply(to: $0, trend: trend) }
        }
    }
}

extension Adjustment {
    /// Whether this adjustment changes any of `years`, the projected years of its indicator: a shock
    /// or an override in none of them, a level or growth change from after the last, or a recovery whose
    /// year before `from` is not projected (the gap it closes is measured there) changes nothing.
    ///
    /// ```swift
    /// Adjustment.shock(indicator: "grdp", years: [2031], change: -0.05).changesAny(of: Array(2021...2025))   // false
    /// Adjustment.recovery(indicator: "grdp", from: 2021, years: 2).changesAny(of: Array(2021...2025))        // false
    /// ```
    public func changesAny(of years: [Int]) -> Bool {
        ResolvedAdjustment(self, years: years).changesAnyYear
    }
}

extension SimulatedPaths {
    /// These paths with a scenario's adjustments applied to every path (each resolved against the
    /// years once), then held inside `bounds`.
    func adjusted(by adjustments: [Adjustment], bounds: ClosedRange<Double>?) -> SimulatedPaths {
        guard !adjustments.isEmpty || bounds != nil else { return self }
        var p = self
        let resolved = adjustments.map { ResolvedAdjustment($0, years: years) }
        let width = years.count
        var trend = [Double](repeating: 0, count: width)
        p.values.withUnsafeMutableBufferPointer { values in
            trend.withUnsafeMutableBufferPointer { trend in
                for d in 0..<(resolved.isEmpty ? 0 : draws) {
                    let path = UnsafeMutableBufferPointer(rebasing: values[(d * width)..<((d + 1) * width)])
                    for k in 0..<width { trend[k] = path[k] }
                    for adjustment in resolved { adjustment.apply(to: path, trend: UnsafeBufferPointer(trend)) }
                }
                if let bounds {
                    for i in values.indices { values[i] = min(max(values[i], bounds.lowerBound), bounds.upperBound) }
                }
            }
        }
        return p
    }
}

/// An adjustment resolved against the projected years once — which year indices it touches and by how
/// much — so that applying it to each of 10,000 paths is arithmetic only. The arithmetic is the one of
/// the adjustment's definition, value for value (`growth`'s compound factor is computed once per year
/// instead of once per path: the same number).
struct ResolvedAdjustment: Sendable {
    private enum Step: Sendable {
        /// path[k] ×= factor.
        case multiply([(index: Int, factor: Double)])
        /// path[k] += change.
        case add([(index: Int, change: Double)])
        /// path[k] = trend[k] + (path[start] − trend[start])·remaining.
        case recover(start: Int, [(index: Int, remaining: Double)])
        /// path[k] = value.
        case replace([(index: Int, value: Double)])
        case cap(Double)
        case floor(Double)
        /// The adjustment touches none of the years.
        case nothing
    }
    private let step: Step

    init(_ adjustment: Adjustment, years: [Int]) {
        switch adjustment {
        case let .shock(_, shockYears, change):
            step = .multiply(years.enumerated().filter { shockYears.contains($0.element) }.map { ($0.offset, 1 + change) })
        case let .level(_, from, change):
            step = .add(years.enumerated().filter { $0.element >= from }.map { ($0.offset, change) })
        case let .growth(_, from, change):
            let factor = 1 + change / 100
            step = .multiply(years.enumerated().filter { $0.element >= from }
                .map { ($0.offset, pow(factor, Double($0.element - from + 1))) })
        case let .recovery(_, from, span):
            // The gap to the trend in the year before `from` closes linearly over `span` years.
            if let k0 = years.firstIndex(of: from - 1) {
                step = .recover(start: k0, years.enumerated().filter { $0.element >= from }
                    .map { ($0.offset, max(0, 1 - Double($0.element - from + 1) / Double(span))) })
            } else {
                step = .nothing
            }
        case let .override(_, values):
            step = .replace(years.enumerated().compactMap { k, year in values[year].map { (k, $0) } })
        case let .cap(_, value): step = .cap(value)
        case let .floor(_, value): step = .floor(value)
        }
    }

    /// False when applying it leaves every path as it is, whatever the path.
    var changesAnyYear: Bool {
        switch step {
        case let .multiply(factors): return !factors.isEmpty
        case let .add(changes): return !changes.isEmpty
        case let .recover(_, remaining): return !remaining.isEmpty
        case let .replace(values): return !values.isEmpty
        case .cap, .floor: return true
        case .nothing: return false
        }
    }

    /// Applies the adjustment to one path; `trend` is the same draw before any adjustment.
    func apply(to path: UnsafeMutableBufferPointer<Double>, trend: UnsafeBufferPointer<Double>) {
        switch step {
        case let .multiply(factors):
            // 0 · ∞ has no value: a path at 0 stays 0 under a compound factor that overflowed, a path that
            // overflowed stays ∞ under a factor that underflowed to 0 — never NaN.
            for (k, factor) in factors {
                let product = path[k] * factor
                if !product.isNaN { path[k] = product }
            }
        case let .add(changes): for (k, change) in changes { path[k] += change }
        case let .recover(k0, remaining):
            // Where the arithmetic has no value the path is the trend: a draw that overflowed to infinity
            // (an exponential trend far beyond few points) has no gap to its infinite trend (∞ − ∞), a
            // finite path (capped, say) below an infinite trend has an infinite gap, and closing any part
            // of it reaches the trend (∞ − ∞ again), and an infinite gap is closed where nothing remains (∞ · 0).
            let gap = path[k0] - trend[k0]
            for (k, share) in remaining {
                let recovered = share == 0 ? trend[k] : trend[k] + gap * share
                path[k] = recovered.isNaN ? trend[k] : recovered
            }
        case let .replace(values): for (k, value) in values { path[k] = value }
        case let .cap(value): for k in path.indices { path[k] = min(path[k], value) }
        case let .floor(value): for k in path.indices { path[k] = max(path[k], value) }
        case .nothing: break
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
