import Foundation
import Forecasting

/// Assesses one target from the history and the (adjusted) paths of its indicator: a milestone by the
/// status set by hand; otherwise the target's quantity — observed when the data hold it, else on each
/// simulated path — then its gap and its historical and required growth.
///
/// - Parameter projected: the projected rows of `paths`, one per year, when known: a target whose
///   quantity is one projected year's value takes that row's median and 80% interval instead of
///   selecting them again.
func assess(_ target: Target, indicator: Indicator, scenario: String, plan: Plan, history: [Observation],
            paths: SimulatedPaths?, problem: String?, projected: [ProjectionRow] = []) -> TargetAssessment {
    var a = TargetAssessment(targetID: target.id, indicatorID: indicator.id, scenario: scenario, targetYear: target.year,
                             comparison: target.comparison?.rawValue ?? "milestone", target: target.value,
                             targetHigh: target.valueHigh, projected: nil, lo80: nil, hi80: nil,
                             probabilityOfMeeting: nil, gap: nil, gapPercent: nil, historicalGrowth: nil,
                             requiredGrowth: nil, growthRatio: nil, progressClass: nil, status: .noData,
                             explanation: "", observed: false)
    a.beforeTerm = target.kind != .milestone && target.year <= (plan.baseYear ?? plan.asOf)
    if target.kind == .milestone {
        a.recordMilestone(target)
        return a
    }
    if let problem, history.isEmpty || paths == nil, !history.contains(where: { $0.year == target.year }) {
        a.explanation = problem
        return a
    }
    let quantity = TargetQuantity(target, indicator: indicator, plan: plan, history: history, paths: paths)
    if let observed = quantity.value(draw: nil) {
        a.recordObserved(observed, estimate: quantity.readsEstimate(in: history))
    } else if let base = quantity.nonPositiveObservedBase {
        a.explanation = "no average growth from \(base.year): its value in the data is \(formatNumber(base.value)), and a growth rate needs a value above 0"
        a.reason = .growthFromNonPositiveBase(year: base.year, value: base.value)
        return a
    } else if paths != nil || problem == nil, let year = quantity.yearMissingFromData {
        a.explanation = "no value for \(year) in the data, which the target needs (the base year of an average growth, or a year of the term); add it, or correct the base year"
        a.reason = .noValueInData(year: year)
        return a
    } else if let paths {
        guard a.recordSimulated(quantity, paths: paths, projected: projected, lastActual: history.last) else { return a }
    } else {
        a.explanation = problem ?? "no projection reaches \(target.year)"
        if problem == nil { a.reason = .projectionDoesNotReach(year: target.year) }
        return a
    }
    a.recordGap(target)
    a.recordGrowth(target, indicator: indicator, plan: plan, history: history)
    return a
}

/// The quantity a target is about — a year's value, every year's value of the term (an annual flow) or
/// an average growth — read from the observations where they have the year, else from a column of the
/// paths. Where each year is found is looked up once, not once per draw.
struct TargetQuantity {
    enum Source { case observed(Double), column(Int), none }
    let target: Target
    let isGrowthRate: Bool
    let baseYear: Int
    let termStart: Int
    let firstYear: Int
    let lastYear: Int
    let sources: [Source]
    let paths: SimulatedPaths?

    init(_ target: Target, indicator: Indicator, plan: Plan, history: [Observation], paths: SimulatedPaths?) {
        self.target = target
        self.paths = paths
        isGrowthRate = indicator.isGrowthRate
        baseYear = plan.baseYear ?? plan.asOf
        termStart = baseYear + 1
        firstYear = min(termStart, baseYear, target.year)
        lastYear = max(termStart, target.year)
        let byYear = Dictionary(uniqueKeysWithValues: history.map { ($0.year, $0.value) })
        sources = (firstYear...lastYear).map { year in
            if let v = byYear[year] { return .observed(v) }
            if let k = paths?.years.firstIndex(of: year) { return .column(k) }
            return .none
        }
    }

    /// The value of `year` on path `draw`, or observed (nil when neither has it).
    private func value(in year: Int, draw: Int?) -> Double? {
        guard year >= firstYear, year <= lastYear else { return nil }
        switch sources[year - firstYear] {
        case .observed(let v): return v
        case .column(let k): guard let paths, let draw else { return nil }; return paths[draw, k]
        case .none: return nil
        }
    }

    /// The years whose values the quantity reads: the target year; every year of the term for an annual
    /// flow or the average of a growth-rate series; the base and target years for the average growth
    /// of a level.
    var yearsRead: [Int] {
        switch target.kind {
        case .annualFlow: return Array(termStart...max(termStart, target.year))
        case .averageGrowth where !isGrowthRate: return [baseYear, target.year]
        case .averageGrowth: return Array(termStart...max(termStart, target.year))
        default: return [target.year]
        }
    }

    /// The base year and its observed value when the quantity is the average growth of a level and that
    /// value is 0 or below (a count that starts at 0): no path can give it a growth rate.
    var nonPositiveObservedBase: (year: Int, value: Double)? {
        guard target.kind == .averageGrowth, !isGrowthRate, target.year > baseYear,
              case let .observed(v) = sources[baseYear - firstYear], v <= 0 else { return nil }
        return (baseYear, v)
    }

    /// The first year the quantity reads that lies before the projection and is not in the data (a base
    /// year before the series starts, a gap in an annual flow's term): no path can supply it.
    var yearMissingFromData: Int? {
        let firstProjected = paths?.years.first ?? Int.max
        return yearsRead.first { year in
            guard year < firstProjected, year >= firstYear, year <= lastYear else { return false }
            if case .none = sources[year - firstYear] { return true }
            return false
        }
    }

    /// Whether an observation the quantity reads is flagged an estimate.
    func readsEstimate(in history: [Observation]) -> Bool {
        let years = Set(yearsRead)
        return history.contains { $0.kind == .estimate && years.contains($0.year) }
    }

    /// The quantity on path `draw` (the observed data alone when `draw` is nil) and whether it meets
    /// the target; nil when a year it needs is in neither.
    func value(draw: Int?) -> (value: Double, met: Bool)? {
        switch target.kind {
        case .annualFlow:
            var met = true
            var last = Double.nan
            for year in termStart...max(termStart, target.year) {
                guard let v = value(in: year, draw: draw) else { return nil }
                met = met && target.isMet(by: v)
                last = v
            }
            return (last, met)
        case .averageGrowth where !isGrowthRate:
            // Compound growth of a level series from the base year to the target year, in percent.
            guard let start = value(in: baseYear, draw: draw), let end = value(in: target.year, draw: draw), start > 0,
                  target.year > baseYear else { return nil }
            // A path that falls to zero (or below, on a trend without a lower bound) has lost everything: −100%.
            let average = end > 0 ? (pow(end / start, 1 / Double(target.year - baseYear)) - 1) * 100 : -100
            return (average, target.isMet(by: average))
        case .averageGrowth:
            // Geometric mean of the yearly growth rates (in percent) over the term.
            var product = 1.0
            var count = 0
            for year in termStart...max(termStart, target.year) {
                guard let g = value(in: year, draw: draw) else { return nil }
                product *= 1 + g / 100
                count += 1
            }
            let average = (pow(product, 1 / Double(count)) - 1) * 100
            return (average, target.isMet(by: average))
        default:
            guard let v = value(in: target.year, draw: draw) else { return nil }
            return (v, target.isMet(by: v))
        }
    }

    /// The column of the paths whose values the quantity is — a level, share or count in the target
    /// year; an annual flow with every term year present, which reports its last — so that its
    /// quantiles are that year's; nil for an average growth.
    func valueColumn(known: Int) -> Int? {
        guard case let .column(k) = sources[target.year - firstYear], k < known else { return nil }
        switch target.kind {
        case .averageGrowth: return nil
        case .annualFlow:
            let everyYear = (termStart...max(termStart, target.year)).allSatisfy {
                if case .none = sources[$0 - firstYear] { return false } else { return true }
            }
            return target.year >= termStart && everyYear ? k : nil
        default: return k
        }
    }

    /// How many paths meet an annual flow with every term year present: the observed years decide
    /// once, the projected ones on each path.
    func annualFlowMeetCount(_ paths: SimulatedPaths) -> Int {
        var observedMet = true
        var columns: [Int] = []
        for year in termStart...target.year {
            switch sources[year - firstYear] {
            case .observed(let v): observedMet = observedMet && target.isMet(by: v)
            case .column(let c): columns.append(c)
            case .none: break
            }
        }
        guard observedMet else { return 0 }
        var met = 0
        for d in 0..<paths.draws where columns.allSatisfy({ target.isMet(by: paths[d, $0]) }) { met += 1 }
        return met
    }
}

extension TargetAssessment {
    /// A milestone: the status set by hand, with its date and source.
    mutating func recordMilestone(_ target: Target) {
        switch target.milestoneStatus ?? .unknown {
        case .achieved: status = .achieved
        case .onTrack: status = .onTrack
        case .atRisk: status = .atRisk
        case .offTrack: status = .offTrack
        case .unknown: status = .noData
        }
        var words = "milestone: status set by hand"
        if let date = target.statusDate { words += " on \(date)" }
        if let source = target.statusSource { words += " (\(source))" }
        reason = .milestone(date: target.statusDate, source: target.statusSource)
        if target.milestoneStatus == nil || target.milestoneStatus == .unknown {
            words = "milestone: no status recorded"
            reason = .milestoneWithoutStatus
        }
        explanation = words
    }

    /// Everything the target needs is in the data: achieved or missed.
    mutating func recordObserved(_ observed: (value: Double, met: Bool), estimate: Bool = false) {
        self.observed = true
        projected = observed.value
        probabilityOfMeeting = observed.met ? 1 : 0
        status = observed.met ? .achieved : .missed
        let value = formatNumber(observed.value) + (estimate ? ", an estimate" : "")
        explanation = observed.met ? "met in the data (\(value))" : "missed in the data (\(value))"
        reason = .observed(value: observed.value, met: observed.met, estimate: estimate ? true : nil)
    }

    /// The quantity on every path: its median and 80% interval, P(meet) and the status it implies.
    ///
    /// - Returns: false when a path lacks a year the target needs (the projection does not reach it).
    mutating func recordSimulated(_ quantity: TargetQuantity, paths: SimulatedPaths, projected rows: [ProjectionRow],
                                  lastActual: Observation?) -> Bool {
        let target = quantity.target
        let valueColumn = quantity.valueColumn(known: rows.count)
        var summary: (median: Double, intervals: [PredictionInterval])
        var met = 0
        if let k = valueColumn, target.kind != .annualFlow {
            for d in 0..<paths.draws where target.isMet(by: paths[d, k]) { met += 1 }
            summary = (rows[k].central, rows[k].intervals)
        } else if let k = valueColumn {
            met = quantity.annualFlowMeetCount(paths)
            summary = (rows[k].central, rows[k].intervals)
        } else {
            var values = [Double](repeating: 0, count: paths.draws)
            for d in 0..<paths.draws {
                guard let q = quantity.value(draw: d) else {
                    explanation = "the projection does not reach \(target.year)"
                    reason = .projectionDoesNotReach(year: target.year)
                    return false
                }
                values[d] = q.value
                if q.met { met += 1 }
            }
            summary = ForecastDistribution.summary(ofDraws: &values, levels: [80])
        }
        let eighty = summary.intervals.first { $0.level == 80 }!
        projected = summary.median
        lo80 = eighty.lower
        hi80 = eighty.upper
        let p = Double(met) / Double(paths.draws)
        probabilityOfMeeting = p
        if target.kind == .cumulativeCount, let last = lastActual, target.isMet(by: last.value),
           target.comparison == .atLeast || target.comparison == .moreThan {
            status = .achieved
            explanation = "already met in \(last.year) (\(formatNumber(last.value))); counts do not fall"
            reason = .countAlreadyMet(year: last.year, value: last.value)
        } else {
            status = p >= StatusThresholds.onTrack ? .onTrack : (p >= StatusThresholds.offTrack ? .atRisk : .offTrack)
            explanation = "P(meet) = \(printfFormat("%.2f", p)) from \(paths.draws) simulated paths"
            reason = .simulated(probability: p, draws: paths.draws)
        }
        return true
    }

    /// The gap of the projected (or observed) value to the target, and in percent of it.
    mutating func recordGap(_ target: Target) {
        if let projected, let gap = target.gap(projected) {
            self.gap = gap
            if let value = target.value, value != 0 { gapPercent = gap / abs(value) * 100 }
        }
    }

    /// Historical and required growth over their stated periods, their ratio and progress class.
    mutating func recordGrowth(_ target: Target, indicator: Indicator, plan: Plan, history: [Observation]) {
        guard let growth = growthContext(target, indicator: indicator, plan: plan, history: history) else { return }
        historicalGrowth = growth.historical
        if growth.historical != nil {
            historicalFrom = growth.from
            historicalTo = growth.to
        }
        requiredGrowth = growth.required
        if let h = historicalGrowth, let r = requiredGrowth {
            let decreasing = target.comparison == .atMost || target.comparison == .lessThan
            if (!decreasing && r <= 0) || (decreasing && r >= 0) {
                progressClass = .alreadyMet
            } else {
                growthRatio = h / r
                progressClass = ProgressClass(ratio: h / r)
            }
        }
    }
}
