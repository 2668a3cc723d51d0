import Forecasting

/// A target's status in plain words.
public enum TargetStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case achieved
    case onTrack = "on track"
    case atRisk = "at risk"
    case offTrack = "off track"
    /// The target year is in the data and the data miss the target: an outcome, not a trajectory.
    case missed
    case noData = "no data"
}

/// The Statistics Canada / Open SDG progress classes from the ratio of historical to required growth.
public enum ProgressClass: String, Sendable, Hashable, Codable, CaseIterable {
    case alreadyMet = "target already met"
    case onTrack = "on track"
    case needsAcceleration = "needs acceleration"
    case limitedProgress = "limited progress"
    case deterioration = "deterioration"

    /// The class of `ratio` = historical ÷ required growth: ≥ 0.95 on track, 0.60–0.95 needs
    /// acceleration, 0–0.60 limited progress, < 0 deterioration.
    public init(ratio: Double) {
        if ratio >= 0.95 { self = .onTrack }
        else if ratio >= 0.60 { self = .needsAcceleration }
        else if ratio >= 0 { self = .limitedProgress }
        else { self = .deterioration }
    }
}

/// Thresholds on the probability of meeting a target that turn it into a status.
public enum StatusThresholds {
    /// P(meet) at or above this is "on track".
    public static let onTrack = 0.75
    /// P(meet) below this is "off track"; between the two, "at risk".
    public static let offTrack = 0.25
}

/// The assessment of one target under one scenario.
public struct TargetAssessment: Sendable, Hashable, Codable {
    public var targetID: String
    public var indicatorID: String
    public var scenario: String
    public var targetYear: Int
    public var comparison: String
    public var target: Double?
    public var targetHigh: Double?
    /// Central projection (median of the paths) of the quantity the target is about, or the observed value.
    public var projected: Double?
    public var lo80: Double?
    public var hi80: Double?
    public var probabilityOfMeeting: Double?
    public var gap: Double?
    public var gapPercent: Double?
    /// Compound yearly growth from the base year to the last actual.
    public var historicalGrowth: Double?
    /// Compound yearly growth needed from the last actual to reach the target.
    public var requiredGrowth: Double?
    public var growthRatio: Double?
    public var progressClass: ProgressClass?
    public var status: TargetStatus
    /// Why the status is what it is, in a sentence.
    public var explanation: String
    /// True when the target year is already observed in the data used.
    public var observed: Bool
    /// The years `historicalGrowth` covers (first and last observation used), when it is known.
    public var historicalFrom: Int? = nil
    public var historicalTo: Int? = nil
    /// True when the target year is not after the base year: the target lies before the plan's term.
    public var beforeTerm: Bool = false
    /// Why the status is what it is, as data: the reports word it in their own language.
    public var reason: AssessmentReason = .noProjection

    /// True when the target is decided by the data and a value it reads is an estimate.
    public var observedFromEstimate: Bool {
        if case .observed(_, _, true?) = reason { return true }
        return false
    }
}

/// Why a target has its status, for the reports to put in words (`explanation` is the English wording).
public enum AssessmentReason: Sendable, Hashable, Codable {
    /// A milestone's status set by hand, with the date and source when given.
    case milestone(date: String?, source: String?)
    /// A milestone without a recorded status.
    case milestoneWithoutStatus
    /// The indicator has no projection; its outcome's `problem` says why.
    case noProjection
    /// Everything the target needs is in the data: `value` met it or not. `estimate` is true when a
    /// value it reads is flagged an estimate in the data (nil otherwise), so that no report calls an
    /// estimate "actual".
    case observed(value: Double, met: Bool, estimate: Bool? = nil)
    /// The share of simulated paths that meet the target.
    case simulated(probability: Double, draws: Int)
    /// A count that already meets an at-least target (counts do not fall).
    case countAlreadyMet(year: Int, value: Double)
    /// The projection does not reach the target year.
    case projectionDoesNotReach(year: Int)
    /// The average growth of a level from a base year whose value in the data is 0 or below: no growth
    /// rate exists.
    case growthFromNonPositiveBase(year: Int, value: Double)
    /// A year the target needs lies before the projection and is not in the data (a base year before
    /// the series starts, a gap in an annual flow's term).
    case noValueInData(year: Int)
}

/// Compound yearly growth from `a` to `b` over `years` years, nil when undefined.
func compoundGrowth(from a: Double, to b: Double, years: Int) -> Double? {
    guard years > 0, a > 0, b > 0 else { return nil }
    return pow(b / a, 1 / Double(years)) - 1
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A target's growth in context: the yearly growth the data show over a stated period (`from`–`to`)
/// against the yearly growth still needed from the last actual, as fractions (0.08 = 8%/year).
struct GrowthContext: Equatable {
    var historical: Double?
    var from: Int
    var to: Int
    var required: Double?
}

/// The shortest span of years the historical growth is measured over, so one noisy year never stands
/// for a trend: from the base year when the data run at least this far past it, else over the five
/// years (or as many as there are) up to the last actual.
let shortestHistoricalSpan = 3

/// The historical and required growth of `target`, for every numeric kind:
///
/// - level, share, cumulative count: compound growth of the data over the period; required, the
///   compound growth from the last actual to the target value in the target year;
/// - annual flow: the same for the flow; required, the growth that brings the last actual to the
///   target by the first year of the term not yet in the data;
/// - average growth of a level series: historical, the compound growth over the period; required, the
///   yearly growth from the last actual that gives the target's average over the term
///   (from the base year's value);
/// - average growth of a series of growth rates: historical, the geometric mean of the rates over the
///   period; required, the mean rate the years of the term not yet in the data need.
///
/// Nil for milestones, a target without value, or fewer than two observations.
func growthContext(_ target: Target, indicator: Indicator, plan: Plan, history: [Observation]) -> GrowthContext? {
    guard target.kind != .milestone, let goal = target.value, let last = history.last, history.count >= 2 else { return nil }
    let baseYear = plan.baseYear ?? plan.asOf
    let termStart = baseYear + 1
    // The period: from the base year when the data run long enough past it, else the last five years.
    let start: Observation
    if let base = history.first(where: { $0.year >= baseYear }), last.year - base.year >= shortestHistoricalSpan {
        start = base
    } else {
        start = history.last { $0.year <= last.year - 5 } ?? history.first!
    }
    var context = GrowthContext(historical: nil, from: start.year, to: last.year, required: nil)
    let rates = target.kind == .averageGrowth && indicator.isGrowthRate
    if rates {
        // Geometric mean of the observed rates after the period's first year.
        let used = history.filter { $0.year > start.year && $0.year <= last.year }
        if !used.isEmpty {
            let product = used.reduce(1.0) { $0 * (1 + $1.value / 100) }
            context.historical = product > 0 ? pow(product, 1 / Double(used.count)) - 1 : nil
            context.from = used.first!.year
        }
        let termYears = target.year - baseYear
        let observed = history.filter { $0.year >= termStart && $0.year <= target.year }
        let remaining = termYears - observed.count
        if termYears > 0, remaining > 0 {
            let achieved = observed.reduce(1.0) { $0 * (1 + $1.value / 100) }
            let needed = pow(1 + goal / 100, Double(termYears)) / achieved
            context.required = needed > 0 ? pow(needed, 1 / Double(remaining)) - 1 : nil
        }
        return context
    }
    context.historical = compoundGrowth(from: start.value, to: last.value, years: last.year - start.year)
    switch target.kind {
    case .averageGrowth:
        guard target.year > last.year else { break }
        if let base = history.first(where: { $0.year == baseYear }), target.year > baseYear {
            let needed = base.value * pow(1 + goal / 100, Double(target.year - baseYear))
            context.required = compoundGrowth(from: last.value, to: needed, years: target.year - last.year)
        } else {
            context.required = goal / 100
        }
    case .annualFlow:
        let first = max(termStart, last.year + 1)
        if first <= target.year {
            context.required = compoundGrowth(from: last.value, to: goal, years: first - last.year)
        }
    default:
        if target.year > last.year {
            context.required = compoundGrowth(from: last.value, to: goal, years: target.year - last.year)
        }
    }
    return context
}
