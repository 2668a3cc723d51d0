/// A plan as a scenario file describes it: data, the as-of year, indicators with their targets, scenarios.
public struct Plan: Sendable, Hashable, Codable {
    public var title: String
    public var description: String?
    /// Report language: "vi" or "en".
    public var language: String
    /// The data file as the scenario file names it (relative to that file).
    public var data: String
    /// The last year of data used for fitting.
    public var asOf: Int
    /// The start of the term: historical growth runs from here to the last actual.
    public var baseYear: Int?
    public var horizon: Int
    public var draws: Int
    public var seed: UInt64
    public var indicators: [Indicator]
    public var scenarios: [Scenario]

    public init(title: String, description: String? = nil, language: String = "en", data: String, asOf: Int,
                baseYear: Int? = nil, horizon: Int, draws: Int = 10_000, seed: UInt64 = 1,
                indicators: [Indicator], scenarios: [Scenario]) {
        self.title = title
        self.description = description
        self.language = language
        self.data = data
        self.asOf = asOf
        self.baseYear = baseYear
        self.horizon = horizon
        self.draws = draws
        self.seed = seed
        self.indicators = indicators
        self.scenarios = scenarios.isEmpty ? [Scenario(name: "baseline")] : scenarios
    }

    /// Every target with its indicator, in file order.
    public var targets: [(indicator: Indicator, target: Target)] {
        indicators.flatMap { indicator in indicator.targets.map { (indicator, $0) } }
    }

    /// Semantic checks that need no data: references, years, kinds that fit their indicator.
    ///
    /// - Throws: the `PlanningError` of the one problem found, with its key path, or
    ///   `PlanningProblems` with every problem when there are several (see `problems`).
    public func validate() throws {
        try PlanningProblems.throwIfAny(problems)
    }

    /// Every independent problem of the plan, each with its key path (at most one per key), in the
    /// order of the checks: the years of the plan, then each indicator and its targets, then the
    /// scenarios and their adjustments. Empty for a valid plan.
    public var problems: [PlanningError] {
        var seenKeys = Set<String>()
        return (yearProblems() + indicatorProblems() + scenarioProblems()).filter { seenKeys.insert($0.key).inserted }
    }
}

// MARK: - The checks of `Plan.problems`

extension Plan {
    /// Four-digit years, a horizon after `as_of` and not too far from it, a number of draws that fits.
    func yearProblems() -> [PlanningError] {
        var problems: [PlanningError] = []
        // Years are four-digit calendar years: beyond that, year arithmetic in the simulation could
        // overflow and a horizon could ask for millions of projected years.
        for (key, year) in [("as_of", asOf), ("horizon", horizon)] + (baseYear.map { [("base_year", $0)] } ?? []) where !Plan.years.contains(year) {
            problems.append(PlanningError(key: key, "\(year) is not a four-digit calendar year; write the year, e.g. 2025"))
        }
        if Plan.years.contains(asOf) && Plan.years.contains(horizon) {
            if horizon - asOf > Plan.longestHorizon {
                problems.append(PlanningError(key: "horizon", "the horizon \(horizon) is \(horizon - asOf) years after as_of \(asOf); plancast projects at most \(Plan.longestHorizon) years ahead"))
            } else if horizon < asOf {
                problems.append(PlanningError(key: "horizon", "the horizon \(horizon) is before as_of \(asOf)"))
            }
        }
        if !Plan.acceptedDraws.contains(draws) {
            problems.append(PlanningError(key: "simulation.draws", "draws must be between 100 and 1,000,000 (more paths do not fit in 500 MB of memory), not \(draws)"))
        }
        return problems
    }

    /// Each indicator once, bounds in order, and the problems of every target.
    func indicatorProblems() -> [PlanningError] {
        var problems: [PlanningError] = []
        var seenIndicators = Set<String>()
        for (i, indicator) in indicators.enumerated() {
            let key = "indicators[\(i)]"
            if !seenIndicators.insert(indicator.id).inserted {
                problems.append(PlanningError(key: "\(key).id", "indicator '\(indicator.id)' is defined twice; merge the two entries"))
            }
            if let lower = indicator.lowerBound, let upper = indicator.upperBound, lower >= upper {
                problems.append(PlanningError(key: "\(key).bounds", "the lower bound \(lower) is not below the upper bound \(upper)"))
            }
            // A share lies in 0–100 and a count at or above 0: bounds that leave them no room.
            let isShare = indicator.targets.contains { $0.kind == .share }
            if let upper = indicator.upperBound, upper <= 0, isShare || indicator.targets.contains(where: { $0.kind == .cumulativeCount }) {
                let what = isShare ? "a share target (a share lies in 0–100)" : "a cumulative-count target (a count is at least 0)"
                problems.append(PlanningError(key: "\(key).bounds.upper", "indicator '\(indicator.id)' has \(what) but an upper bound of \(upper); raise the bound or correct the target's kind"))
            }
            if isShare, let lower = indicator.lowerBound, lower >= 100 {
                problems.append(PlanningError(key: "\(key).bounds.lower", "indicator '\(indicator.id)' has a share target (a share lies in 0–100) but a lower bound of \(lower); lower the bound or correct the target's kind"))
            }
            for (j, target) in indicator.targets.enumerated() where target.kind != .milestone {
                problems += targetProblems(target, of: indicator, key: key, targetKey: "\(key).targets[\(j)]")
            }
        }
        return problems
    }

    /// A comparison and a value (and `value_high` for `between`), a year in the term, a share within
    /// 0–100, a count within its total, a tolerance that is a fraction.
    func targetProblems(_ target: Target, of indicator: Indicator, key: String, targetKey tkey: String) -> [PlanningError] {
        var problems: [PlanningError] = []
        if target.comparison == nil {
            problems.append(PlanningError(key: "\(tkey).comparison", "target \(target.id) needs a comparison (\(Comparison.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        // Against years that are no calendar years, every target would be out of the term: their problem is reported alone.
        if Plan.years.contains(asOf), Plan.years.contains(horizon), target.year < asOf - 50 || target.year > horizon {
            problems.append(PlanningError(key: "\(tkey).year", "target \(target.id) is for \(target.year), outside the horizon \(horizon); raise horizon or correct the year"))
        }
        if !(target.tolerance >= 0 && target.tolerance < 1) {
            problems.append(PlanningError(key: "\(tkey).tolerance", "the tolerance is a fraction between 0 and 1 (0.05 = 5%)"))
        }
        guard let value = target.value else {
            return problems + [PlanningError(key: "\(tkey).value", "target \(target.id) needs a value")]
        }
        if target.comparison == .between, !(target.valueHigh.map { $0 >= value } ?? false) {
            problems.append(PlanningError(key: "\(tkey).value_high", "target \(target.id) compares 'between' and needs value_high ≥ value"))
        }
        if target.kind == .share {
            if value < 0 || value > 100 {
                problems.append(PlanningError(key: "\(tkey).value", "target \(target.id) is a share but its value \(value) is outside 0–100"))
            }
            if let upper = indicator.upperBound, upper > 100 {
                problems.append(PlanningError(key: "\(key).bounds.upper", "indicator '\(indicator.id)' has a share target but an upper bound of \(upper); a share is at most 100"))
            }
        }
        if target.kind == .cumulativeCount, let upper = indicator.upperBound, value > upper {
            problems.append(PlanningError(key: "\(tkey).value", "target \(target.id) asks for \(value) but the indicator's total is \(upper)"))
        }
        return problems
    }

    /// Each scenario once, chains of `extends` that end (the first problem of them), and the
    /// problems of every adjustment.
    func scenarioProblems() -> [PlanningError] {
        var problems: [PlanningError] = []
        var seenScenarios = Set<String>()
        for scenario in scenarios where !seenScenarios.insert(scenario.name).inserted {
            problems.append(PlanningError(key: "scenarios.\(scenario.name)", "scenario '\(scenario.name)' is defined twice"))
        }
        // Every chain of extends at once: an unknown parent or a cycle, for the first scenario in file order.
        do {
            _ = try scenarios.checkExtends()
        } catch let error as PlanningError {
            problems.append(error)
        } catch {
            problems.append(PlanningError(key: "scenarios", "\(error)"))
        }
        let ids = indicators.map(\.id)
        let indicatorIDs = Set(ids)
        for scenario in scenarios {
            for (a, adjustment) in scenario.adjustments.enumerated() {
                let akey = "scenarios.\(scenario.name).adjustments[\(a)]"
                if !indicatorIDs.contains(adjustment.indicator) {
                    let hint = nearestName(adjustment.indicator, among: ids).map { "; did you mean '\($0)'?" } ?? ""
                    problems.append(PlanningError(key: "\(akey).indicator", "unknown indicator '\(adjustment.indicator)'\(hint)"))
                }
                problems += adjustmentProblems(adjustment, key: akey)
            }
        }
        return problems
    }

    /// Years that are calendar years, a change that keeps values positive, a recovery of sensible length.
    func adjustmentProblems(_ adjustment: Adjustment, key akey: String) -> [PlanningError] {
        func badYears(_ years: [Int], _ key: String) -> [PlanningError] {
            guard years.contains(where: { !Plan.years.contains($0) }) else { return [] }
            let year = years.first { !Plan.years.contains($0) }!
            return [PlanningError(key: "\(akey).\(key)", "\(year) is not a four-digit calendar year; write the year, e.g. 2025")]
        }
        switch adjustment {
        case let .shock(_, years, change):
            var problems = years.isEmpty ? [PlanningError(key: "\(akey).years", "a shock needs at least one year")] : badYears(years, "years")
            if change <= -1 {
                problems.append(PlanningError(key: "\(akey).change", "a shock of \(change) would make values zero or negative; use a fraction above −1 (−0.6 is a 60% fall)"))
            }
            return problems
        case let .level(_, from, _):
            return badYears([from], "from")
        case let .growth(_, from, change):
            let tooLow = change <= -100
                ? [PlanningError(key: "\(akey).change", "growth of \(change) percentage points would make values zero or negative; use more than −100")] : []
            return badYears([from], "from") + tooLow
        case let .recovery(_, from, years):
            let length = years < 1 || years > Plan.longestHorizon
                ? [PlanningError(key: "\(akey).years", "a recovery takes 1 to \(Plan.longestHorizon) years, not \(years)")] : []
            return badYears([from], "from") + length
        case let .override(_, values):
            return badYears(values.keys.sorted(), "values")
        case .cap, .floor:
            return []
        }
    }
}

extension Plan {
    /// The years a plan may name: four-digit calendar years.
    public static let years = 1000...9999
    /// The simulated paths per indicator a plan may ask for: fewer make the reported quantiles and
    /// P(meet) too coarse; every path is kept until its quantiles are read, and on the Lạng Sơn plan
    /// 1,000,000 paths peak at 274 MB and 2,000,000 at 518 MB (Benchmarks/scale/draws.sh), so the
    /// maximum is what fits in 500 MB.
    public static let acceptedDraws = 100...1_000_000
    /// The most years a plan may project beyond its as-of year.
    public static let longestHorizon = 200
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a plausible typo;
/// else the closest candidate that `word` begins or ends as a whole part of (`poverty` for
/// `poverty_rate`, `arrivals` for `tourist_arrivals`), or that is such a part of `word`.
///
/// ```swift
/// nearestName("visitrs", among: ["visitors", "coverage"])          // "visitors"
/// nearestName("poverty", among: ["poverty_rate", "poverty_gap_index"])   // "poverty_rate"
/// nearestName("gdp", among: ["visitors"])                          // nil
/// ```
public func nearestName(_ word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    if best.1 <= Swift.max(2, word.count / 3) { return best.0 }
    return scored.filter { isWholePart(lowered, of: $0.0.lowercased()) || isWholePart($0.0.lowercased(), of: lowered) }
        .min(by: { $0.1 < $1.1 })?.0
}

/// Whether `part` (three characters or more) begins or ends `whole` up to a separator such as `_`,
/// `-`, `.` or a space: `poverty` in `poverty_rate`, not `pov` in `poverty`.
private func isWholePart(_ part: String, of whole: String) -> Bool {
    guard part.count >= 3, whole.count > part.count else { return false }
    let isSeparator = { (c: Character) in !c.isLetter && !c.isNumber }
    if whole.hasPrefix(part), isSeparator(whole[whole.index(whole.startIndex, offsetBy: part.count)]) { return true }
    if whole.hasSuffix(part), isSeparator(whole[whole.index(whole.endIndex, offsetBy: -part.count - 1)]) { return true }
    return false
}

/// Levenshtein distance between two strings.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
