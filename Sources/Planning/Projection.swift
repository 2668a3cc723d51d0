import Forecasting

/// One row of a projection table: an observed value or a projected distribution summary.
public struct ProjectionRow: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case actual, estimate, projected }
    public var year: Int
    public var kind: Kind
    /// The central value: the observation, or the median of the simulated paths.
    public var central: Double
    public var lo80: Double?
    public var hi80: Double?
    public var lo95: Double?
    public var hi95: Double?
}

extension Adjustment {
    /// Applies this adjustment to one path.
    ///
    /// - Parameters:
    ///   - path: the adjusted values so far, one per year of `years`.
    ///   - trend: the same draw before any adjustment (what `recovery` returns to).
    ///   - years: the projected years.
    ///   - lastObservation: the last observed (year, value, trend value there), for a recovery that starts right after the data.
    func apply(to path: inout [Double], trend: [Double], years: [Int]) {
        switch self {
        case let .shock(_, shockYears, change):
            for (k, year) in years.enumerated() where shockYears.contains(year) { path[k] *= 1 + change }
        case let .level(_, from, change):
            for (k, year) in years.enumerated() where year >= from { path[k] += change }
        case let .growth(_, from, change):
            let factor = 1 + change / 100
            for (k, year) in years.enumerated() where year >= from {
                path[k] *= pow(factor, Double(year - from + 1))
            }
        case let .recovery(_, from, span):
            // The gap to the trend in the year before `from` closes linearly over `span` years.
            guard let k0 = years.firstIndex(of: from - 1) else { return }
            let gap = path[k0] - trend[k0]
            for (k, year) in years.enumerated() where year >= from {
                let remaining = max(0, 1 - Double(year - from + 1) / Double(span))
                path[k] = trend[k] + gap * remaining
            }
        case let .override(_, values):
            for (k, year) in years.enumerated() { if let v = values[year] { path[k] = v } }
        case let .cap(_, value):
            for k in path.indices { path[k] = min(path[k], value) }
        case let .floor(_, value):
            for k in path.indices { path[k] = max(path[k], value) }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
