import Foundation
import Forecasting

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
    return p == p.rounded() ? String(Int(p)) : printfFormat("%.1f", p)
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
        try resolvedAdjustments(of: [name])[name]!
    }

    /// The adjustments of each scenario in `names` (default every scenario), each with those of the
    /// scenarios it extends first.
    ///
    /// Each scenario is resolved once, on top of its already resolved parent, so a chain of n
    /// `extends` costs n steps plus the adjustments copied, not n² or n³.
    ///
    /// - Throws: `PlanningError` for an unknown parent or a cycle of `extends` (see `checkExtends()`).
    /// - Complexity: O(n + a), n scenarios and a adjustments in the result.
    public func resolvedAdjustments(of names: [String]? = nil) throws -> [String: [Adjustment]] {
        let parents = try checkExtends()
        let byName = indexByName
        var resolved: [Int: [Adjustment]] = [:]
        var result: [String: [Adjustment]] = [:]
        for name in names ?? map(\.name) {
            guard let start = byName[name] else {
                throw PlanningError(key: "scenarios", "no scenario '\(name)' in the file")
            }
            var chain: [Int] = []
            var current: Int? = start
            while let index = current, resolved[index] == nil {
                chain.append(index)
                current = parents[index]
            }
            var above = current.flatMap { resolved[$0] } ?? []
            for index in chain.reversed() {
                above += self[index].adjustments
                resolved[index] = above
            }
            result[name] = resolved[start]
        }
        return result
    }

    /// Checks every chain of `extends` and returns each scenario's parent (by index), walking each
    /// scenario once.
    ///
    /// - Throws: `PlanningError` for the first scenario in file order whose chain names an unknown
    ///   scenario (keyed at the `extends` that names it) or returns to itself (the cycle in words).
    /// - Complexity: O(n) for n scenarios.
    public func checkExtends() throws -> [Int?] {
        let byName = indexByName
        var parents = [Int?](repeating: nil, count: count)
        var checked = [Bool](repeating: false, count: count)
        for (start, scenario) in enumerated() where !checked[start] {
            var chain: [Int] = []
            var onChain = Set<Int>()
            var index = start
            while !checked[index] {
                if !onChain.insert(index).inserted {
                    let path = (chain + [index]).map { self[$0].name }
                    throw PlanningError(key: "scenarios.\(scenario.name).extends",
                                        "the scenarios extend each other in a cycle (\(path.joined(separator: " → "))); remove one extends")
                }
                chain.append(index)
                guard let parent = self[index].extends else { break }
                guard let next = byName[parent] else {
                    let known = map(\.name).joined(separator: ", ")
                    throw PlanningError(key: "scenarios.\(self[index].name).extends",
                                        "extends unknown scenario '\(parent)'; the file defines \(known)")
                }
                parents[index] = next
                index = next
            }
            for index in chain { checked[index] = true }
        }
        return parents
    }

    /// The position of each scenario by name (the first, when a name is given twice).
    private var indexByName: [String: Int] {
        var byName: [String: Int] = [:]
        for (index, scenario) in enumerated() where byName[scenario.name] == nil { byName[scenario.name] = index }
        return byName
    }
}
