import Forecasting

/// An indicator of a plan: the series that measures it, its model, bounds and targets.
public struct Indicator: Sendable, Hashable, Codable {
    public var id: String
    /// The name as the plan writes it (Vietnamese names are kept exactly).
    public var name: String?
    public var nameEnglish: String?
    /// The data series that measures it; `nil` when there is none.
    public var series: String?
    public var unit: String?
    public var model: ModelSpecification
    public var lowerBound: Double?
    public var upperBound: Double?
    public var targets: [Target]
    /// What data would be needed where there is none.
    public var dataNeeded: String?

    public init(id: String, name: String? = nil, nameEnglish: String? = nil, series: String? = nil, unit: String? = nil,
                model: ModelSpecification = ModelSpecification(), lowerBound: Double? = nil, upperBound: Double? = nil,
                targets: [Target] = [], dataNeeded: String? = nil) {
        self.id = id
        self.name = name
        self.nameEnglish = nameEnglish
        self.series = series
        self.unit = unit
        self.model = model
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.targets = targets
        self.dataNeeded = dataNeeded
    }

    /// Whether the series is itself a yearly growth rate in percent (its unit has "%" and "year" or "năm").
    public var isGrowthRate: Bool {
        guard let unit = unit?.lowercased(), unit.contains("%") else { return false }
        return unit.contains("year") || unit.contains("năm") || unit.contains("/yr")
    }

    /// The bounds as a closed range, when any bound is set or implied: an indicator with a share
    /// target is a share, kept within 0–100, and one with a cumulative-count target a count, kept at
    /// or above 0 (as their data are checked), whatever wider bounds the file gives or when it gives
    /// none — without this, their paths left them (coverage projected at 102.8%, a count at −0.12).
    /// An implied bound is not imposed where it would cross the other (an upper bound of −5 on a share:
    /// `Plan.validate` reports that), and bounds that cross give nil instead of a range that cannot exist.
    public var bounds: ClosedRange<Double>? {
        var lower = lowerBound, upper = upperBound
        if targets.contains(where: { $0.kind == .share }) {
            if lower.map({ $0 < 0 }) ?? true, upper.map({ $0 > 0 }) ?? true { lower = 0 }
            if upper.map({ $0 > 100 }) ?? true, lower.map({ $0 < 100 }) ?? true { upper = 100 }
        }
        if targets.contains(where: { $0.kind == .cumulativeCount }), lower.map({ $0 < 0 }) ?? true,
           upper.map({ $0 > 0 }) ?? true { lower = 0 }
        guard lower != nil || upper != nil, (lower ?? -.infinity) <= (upper ?? .infinity) else { return nil }
        return (lower ?? -.infinity)...(upper ?? .infinity)
    }
}
