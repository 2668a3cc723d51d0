import Forecasting

/// What kind of quantity a target fixes.
public enum TargetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A value in the target year (turnover, arrivals).
    case level
    /// A percentage, bounded by 0 and 100.
    case share
    /// A count that accumulates (communes meeting a standard), bounded by a total.
    case cumulativeCount = "cumulative_count"
    /// A yearly flow that must reach the target in every year of the term (hectares planted a year).
    case annualFlow = "annual_flow"
    /// The average yearly growth over the term, from a series of yearly growth rates in percent.
    case averageGrowth = "average_growth"
    /// A qualitative milestone: no projection, status set by hand.
    case milestone
}

/// How a value is compared with a target.
public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
    case atLeast = "at_least"
    case moreThan = "more_than"
    case atMost = "at_most"
    /// Strictly below the value ("dưới 5%").
    case lessThan = "less_than"
    /// Within a tolerance (default 5%) of the target.
    case about
    /// Between `value` and `valueHigh`, both included.
    case between
}

/// A status set by hand for a milestone.
public enum MilestoneStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case achieved, onTrack = "on_track", atRisk = "at_risk", offTrack = "off_track", unknown
}

/// One numeric (or milestone) target of a plan.
public struct Target: Sendable, Hashable, Codable {
    public var id: String
    public var programme: Int?
    public var kind: TargetKind
    public var year: Int
    public var comparison: Comparison?
    public var value: Double?
    public var valueHigh: Double?
    /// Relative tolerance of `about` (0.05 = 5%).
    public var tolerance: Double
    public var note: String?
    public var milestoneStatus: MilestoneStatus?
    public var statusDate: String?
    public var statusSource: String?

    public init(id: String, programme: Int? = nil, kind: TargetKind, year: Int, comparison: Comparison? = nil,
                value: Double? = nil, valueHigh: Double? = nil, tolerance: Double = 0.05, note: String? = nil,
                milestoneStatus: MilestoneStatus? = nil, statusDate: String? = nil, statusSource: String? = nil) {
        self.id = id
        self.programme = programme
        self.kind = kind
        self.year = year
        self.comparison = comparison
        self.value = value
        self.valueHigh = valueHigh
        self.tolerance = tolerance
        self.note = note
        self.milestoneStatus = milestoneStatus
        self.statusDate = statusDate
        self.statusSource = statusSource
    }

    /// Whether `x` meets the target.
    public func isMet(by x: Double) -> Bool {
        guard let comparison, let value else { return false }
        switch comparison {
        case .atLeast: return x >= value
        case .moreThan: return x > value
        case .atMost: return x <= value
        case .lessThan: return x < value
        case .about: return abs(x - value) <= tolerance * abs(value)
        case .between: return x >= value && x <= (valueHigh ?? value)
        }
    }

    /// The signed distance from the target: positive when above it (for `between`, 0 inside the range,
    /// else the distance to the nearer end).
    public func gap(_ x: Double) -> Double? {
        guard let comparison, let value else { return nil }
        switch comparison {
        case .between:
            let high = valueHigh ?? value
            if x < value { return x - value }
            if x > high { return x - high }
            return 0
        default: return x - value
        }
    }

    /// The value a growth requirement aims at: the target, or the lower end of a range.
    var referenceValue: Double? {
        guard let value else { return nil }
        return value
    }

    /// The target in words, e.g. "≥ 115", "≈ 6650 (±5%)", "3–3.5".
    public var statement: String {
        guard let comparison, let value else { return "milestone" }
        switch comparison {
        case .atLeast: return "≥ \(formatNumber(value))"
        case .moreThan: return "> \(formatNumber(value))"
        case .atMost: return "≤ \(formatNumber(value))"
        case .lessThan: return "< \(formatNumber(value))"
        case .about: return "≈ \(formatNumber(value)) (±\(formatNumber(tolerance * 100))%)"
        case .between: return "\(formatNumber(value))–\(formatNumber(valueHigh ?? value))"
        }
    }
}
