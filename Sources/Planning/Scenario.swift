import Foundation

/// A change a scenario makes to the projected paths of one indicator.
public enum Adjustment: Sendable, Hashable, Codable {
    /// Multiply by (1 + change) in the given years (−0.6 is a 60% fall).
    case shock(indicator: String, years: [Int], change: Double)
    /// Add `change` from `year` on.
    case level(indicator: String, from: Int, change: Double)
    /// Add `change` percentage points to the yearly growth from `year` on (compounding).
    case growth(indicator: String, from: Int, change: Double)
    /// Return linearly to the trend path over `years` years, starting in `from`.
    case recovery(indicator: String, from: Int, years: Int)
    /// Replace the values of given years (known or planned values).
    case override(indicator: String, values: [Int: Double])
    /// Never above `value`.
    case cap(indicator: String, value: Double)
    /// Never below `value`.
    case floor(indicator: String, value: Double)

    public var indicator: String {
        switch self {
        case let .shock(i, _, _), let .level(i, _, _), let .growth(i, _, _), let .recovery(i, _, _),
             let .override(i, _), let .cap(i, _), let .floor(i, _): return i
        }
    }

    /// A short description, e.g. "shock −60% in 2020, 2021".
    public var summary: String {
        switch self {
        case let .shock(_, years, change):
            return "shock \(change >= 0 ? "+" : "−")\(formatPercent(abs(change)))% in \(years.map(String.init).joined(separator: ", "))"
        case let .level(_, from, change): return "level \(change >= 0 ? "+" : "−")\(abs(change)) from \(from)"
        case let .growth(_, from, change): return "growth \(change >= 0 ? "+" : "−")\(abs(change)) pp from \(from)"
        case let .recovery(_, from, years): return "recovery to trend over \(years) years from \(from)"
        case let .override(_, values): return "override " + values.keys.sorted().map { "\($0)" }.joined(separator: ", ")
        case let .cap(_, value): return "cap \(value)"
        case let .floor(_, value): return "floor \(value)"
        }
    }
}

private func formatPercent(_ x: Double) -> String {
    let p = x * 100
    return p == p.rounded() ? String(Int(p)) : String(format: "%.1f", p)
}

/// A named scenario: adjustments on top of the trend, possibly extending another scenario.
public struct Scenario: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var extends: String?
    public var adjustments: [Adjustment]

    public init(name: String, description: String? = nil, extends: String? = nil, adjustments: [Adjustment] = []) {
        self.name = name
        self.description = description
        self.extends = extends
        self.adjustments = adjustments
    }
}

extension Array where Element == Scenario {
    /// The adjustments of `name` with those of every scenario it extends first.
    ///
    /// - Throws: `PlanningError` for an unknown parent or a cycle of `extends`.
    public func resolvedAdjustments(of name: String) throws -> [Adjustment] {
        var chain: [Scenario] = []
        var seen: [String] = []
        var current: String? = name
        while let n = current {
            if seen.contains(n) {
                throw PlanningError(key: "scenarios.\(name).extends",
                                    "the scenarios extend each other in a cycle (\((seen + [n]).joined(separator: " → "))); remove one extends")
            }
            seen.append(n)
            guard let scenario = first(where: { $0.name == n }) else {
                let known = map(\.name).joined(separator: ", ")
                throw PlanningError(key: "scenarios.\(seen.dropLast().last ?? name).extends",
                                    "extends unknown scenario '\(n)'; the file defines \(known)")
            }
            chain.append(scenario)
            current = scenario.extends
        }
        return chain.reversed().flatMap(\.adjustments)
    }
}
