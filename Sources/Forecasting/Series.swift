/// How an observation was reported.
public enum ObservationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A final, published figure.
    case actual
    /// A preliminary or "ước đạt" figure that may be revised.
    case estimate
}

/// One annual value of a series.
public struct Observation: Sendable, Hashable, Codable {
    public var year: Int
    public var value: Double
    public var kind: ObservationKind
    /// Where the figure comes from (an address), if known.
    public var source: String?

    public init(year: Int, value: Double, kind: ObservationKind = .actual, source: String? = nil) {
        self.year = year
        self.value = value
        self.kind = kind
        self.source = source
    }
}

/// An annual series with possibly irregular years, sorted by year, one value per year.
///
/// ```swift
/// let s = try Series(name: "tourists", observations: [
///     Observation(year: 2015, value: 1.9), Observation(year: 2018, value: 2.7)])
/// s.years   // [2015, 2018]
/// ```
public struct Series: Sendable, Hashable, Codable {
    public var name: String
    public var unit: String?
    public private(set) var observations: [Observation]

    /// Sorts the observations by year.
    ///
    /// - Throws: `ForecastingError.duplicateYear` when a year occurs twice, `.nonFiniteValue` for NaN or ±∞.
    public init(name: String, unit: String? = nil, observations: [Observation]) throws {
        self.name = name
        self.unit = unit
        let sorted = observations.sorted { $0.year < $1.year }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.year == next.year {
            throw ForecastingError.duplicateYear(series: name, year: next.year)
        }
        for o in sorted where !o.value.isFinite {
            throw ForecastingError.nonFiniteValue(series: name, year: o.year)
        }
        self.observations = sorted
    }

    public var years: [Int] { observations.map(\.year) }
    public var values: [Double] { observations.map(\.value) }
    public var count: Int { observations.count }
    public var isEmpty: Bool { observations.isEmpty }
    public var firstYear: Int? { observations.first?.year }
    public var lastYear: Int? { observations.last?.year }

    /// The observations up to and including `year`.
    public func through(_ year: Int) -> Series {
        var copy = self
        copy.observations = observations.filter { $0.year <= year }
        return copy
    }

    /// The observations after `year`.
    public func after(_ year: Int) -> Series {
        var copy = self
        copy.observations = observations.filter { $0.year > year }
        return copy
    }

    /// The value in `year`, if observed.
    public func value(in year: Int) -> Double? {
        observations.first { $0.year == year }?.value
    }
}
