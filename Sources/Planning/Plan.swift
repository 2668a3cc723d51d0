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
    /// - Throws: the first `PlanningError`, with its key path.
    public func validate() throws {
        // Years are four-digit calendar years: beyond that, year arithmetic in the simulation could
        // overflow and a horizon could ask for millions of projected years.
        for (key, year) in [("as_of", asOf), ("horizon", horizon)] + (baseYear.map { [("base_year", $0)] } ?? []) {
            guard Plan.years.contains(year) else {
                throw PlanningError(key: key, "\(year) is not a four-digit calendar year; write the year, e.g. 2025")
            }
        }
        guard horizon - asOf <= Plan.longestHorizon else {
            throw PlanningError(key: "horizon", "the horizon \(horizon) is \(horizon - asOf) years after as_of \(asOf); plancast projects at most \(Plan.longestHorizon) years ahead")
        }
        let ids = indicators.map(\.id)
        var seenIndicators = Set<String>()
        for (i, indicator) in indicators.enumerated() {
            let key = "indicators[\(i)]"
            if !seenIndicators.insert(indicator.id).inserted {
                throw PlanningError(key: "\(key).id", "indicator '\(indicator.id)' is defined twice; merge the two entries")
            }
            if let lower = indicator.lowerBound, let upper = indicator.upperBound, lower >= upper {
                throw PlanningError(key: "\(key).bounds", "the lower bound \(lower) is not below the upper bound \(upper)")
            }
            for (j, target) in indicator.targets.enumerated() {
                let tkey = "\(key).targets[\(j)]"
                if target.kind == .milestone { continue }
                guard target.comparison != nil else {
                    throw PlanningError(key: "\(tkey).comparison", "target \(target.id) needs a comparison (at_least, more_than, at_most, less_than, about, between)")
                }
                guard let value = target.value else {
                    throw PlanningError(key: "\(tkey).value", "target \(target.id) needs a value")
                }
                if target.comparison == .between {
                    guard let high = target.valueHigh, high >= value else {
                        throw PlanningError(key: "\(tkey).value_high", "target \(target.id) compares 'between' and needs value_high ≥ value")
                    }
                }
                if target.year < asOf - 50 || target.year > horizon {
                    throw PlanningError(key: "\(tkey).year", "target \(target.id) is for \(target.year), outside the horizon \(horizon); raise horizon or correct the year")
                }
                if target.kind == .share {
                    if value < 0 || value > 100 {
                        throw PlanningError(key: "\(tkey).value", "target \(target.id) is a share but its value \(value) is outside 0–100")
                    }
                    if let upper = indicator.upperBound, upper > 100 {
                        throw PlanningError(key: "\(key).bounds.upper", "indicator '\(indicator.id)' has a share target but an upper bound of \(upper); a share is at most 100")
                    }
                }
                if target.kind == .cumulativeCount, let upper = indicator.upperBound, value > upper {
                    throw PlanningError(key: "\(tkey).value", "target \(target.id) asks for \(value) but the indicator's total is \(upper)")
                }
                if !(target.tolerance >= 0 && target.tolerance < 1) {
                    throw PlanningError(key: "\(tkey).tolerance", "the tolerance is a fraction between 0 and 1 (0.05 = 5%)")
                }
            }
        }
        guard horizon >= asOf else {
            throw PlanningError(key: "horizon", "the horizon \(horizon) is before as_of \(asOf)")
        }
        guard Plan.acceptedDraws.contains(draws) else {
            throw PlanningError(key: "simulation.draws", "draws must be between 100 and 1,000,000 (more paths do not fit in 500 MB of memory), not \(draws)")
        }
        var seenScenarios = Set<String>()
        for scenario in scenarios where !seenScenarios.insert(scenario.name).inserted {
            throw PlanningError(key: "scenarios.\(scenario.name)", "scenario '\(scenario.name)' is defined twice")
        }
        // Every chain of extends at once: an unknown parent or a cycle, for the first scenario in file order.
        _ = try scenarios.checkExtends()
        let indicatorIDs = Set(ids)
        for scenario in scenarios {
            for (a, adjustment) in scenario.adjustments.enumerated() {
                let akey = "scenarios.\(scenario.name).adjustments[\(a)]"
                if !indicatorIDs.contains(adjustment.indicator) {
                    let hint = nearestName(adjustment.indicator, among: ids).map { "; did you mean '\($0)'?" } ?? ""
                    throw PlanningError(key: "\(akey).indicator", "unknown indicator '\(adjustment.indicator)'\(hint)")
                }
                func checkYear(_ year: Int, _ key: String) throws {
                    guard Plan.years.contains(year) else {
                        throw PlanningError(key: "\(akey).\(key)", "\(year) is not a four-digit calendar year; write the year, e.g. 2025")
                    }
                }
                switch adjustment {
                case let .shock(_, years, change):
                    if years.isEmpty { throw PlanningError(key: "\(akey).years", "a shock needs at least one year") }
                    for year in years { try checkYear(year, "years") }
                    if change <= -1 { throw PlanningError(key: "\(akey).change", "a shock of \(change) would make values zero or negative; use a fraction above −1 (−0.6 is a 60% fall)") }
                case let .level(_, from, _):
                    try checkYear(from, "from")
                case let .growth(_, from, change):
                    try checkYear(from, "from")
                    if change <= -100 { throw PlanningError(key: "\(akey).change", "growth of \(change) percentage points would make values zero or negative; use more than −100") }
                case let .recovery(_, from, years):
                    try checkYear(from, "from")
                    if years < 1 || years > Plan.longestHorizon {
                        throw PlanningError(key: "\(akey).years", "a recovery takes 1 to \(Plan.longestHorizon) years, not \(years)")
                    }
                case let .override(_, values):
                    for year in values.keys.sorted() { try checkYear(year, "values") }
                case .cap, .floor: break
                }
            }
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

/// The candidate closest to `word` by edit distance, when it is close enough to be a plausible typo.
public func nearestName(_ word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= Swift.max(2, word.count / 3) ? best.0 : nil
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
