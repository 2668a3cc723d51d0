import Forecasting

/// A target's status in plain words.
public enum TargetStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case achieved
    case onTrack = "on track"
    case atRisk = "at risk"
    case offTrack = "off track"
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
