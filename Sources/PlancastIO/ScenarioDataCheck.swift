import Foundation
import Forecasting
import Planning

/// Checks a scenario file against its data file before anything is fitted, so that a mistake in
/// either is reported with its file and line instead of turning into "no data" or a clamped interval.
///
/// For every indicator:
/// - the series it names exists in the data file (with the nearest name as a hint);
/// - no value of that series is dated after `currentYear` (an actual cannot come from the future;
///   planned values belong in the scenario file as targets);
/// - every value lies inside the indicator's bounds: `bounds`, 0–100 when it has a `share` target,
///   at least 0 when it has a `cumulative_count` target;
/// - no target is for a year before the series' first value (it could never be assessed).
///
/// ```swift
/// try checkScenarioData(document, table)   // throws for "series 'visitorz'", a share of 162, …
/// ```
///
/// - Parameter currentYear: the calendar year now (injectable for tests).
/// - Throws: `InputError` (category `.data`, exit status 65) naming the scenario file and key path or
///   the data file and line, and what to do.
public func checkScenarioData(_ document: ScenarioDocument, _ table: SeriesTable,
                              currentYear: Int = currentCalendarYear()) throws {
    let scenarioFile = document.path
    for (i, indicator) in document.plan.indicators.enumerated() {
        guard let name = indicator.series else { continue }
        let seriesKey = "indicators[\(i)].series"
        guard let series = table.series[name] else {
            let hint = nearestName(name, among: table.order).map { "did you mean '\($0)'? " } ?? ""
            throw InputError(file: scenarioFile, line: document.line(of: seriesKey), key: seriesKey,
                             "the data file \(table.file) has no series '\(name)'; \(hint)correct the name, or remove 'series:' when there is no data")
        }
        let locations = table.locations[name] ?? [:]
        let (lower, lowerKey, upper, upperKey) = impliedBounds(of: indicator, index: i)
        for observation in series.observations {
            let location = locations[observation.year] ?? DataLocation(line: nil, cell: nil)
            if observation.year > currentYear {
                throw location.error(file: table.file, key: "year",
                                 "series '\(name)' has a value for \(observation.year), a year still to come (it is \(currentYear)); correct the year, and put planned values in the scenario file as targets")
            }
            if let lower, observation.value < lower {
                throw location.error(file: table.file, key: "value",
                                 "series '\(name)' has \(formatNumber(observation.value)) in \(observation.year), below \(formatNumber(lower)), the lowest value indicator '\(indicator.id)' can take (\(scenarioFile): \(lowerKey)); correct the value, or the bound")
            }
            if let upper, observation.value > upper {
                throw location.error(file: table.file, key: "value",
                                 "series '\(name)' has \(formatNumber(observation.value)) in \(observation.year), above \(formatNumber(upper)), the highest value indicator '\(indicator.id)' can take (\(scenarioFile): \(upperKey)); correct the value, or the bound")
            }
        }
        if let first = series.firstYear {
            for (j, target) in indicator.targets.enumerated() where target.kind != .milestone && target.year < first {
                let key = "indicators[\(i)].targets[\(j)].year"
                throw InputError(file: scenarioFile, line: document.line(of: key), key: key,
                                 "target \(target.id) is for \(target.year), before the first value of series '\(name)' (\(first)); it can never be assessed: correct the year")
            }
        }
    }
}

/// The bounds a value of `indicator` must respect, each with the key that sets it (for messages).
private func impliedBounds(of indicator: Indicator, index i: Int) -> (Double?, String, Double?, String) {
    var lower = indicator.lowerBound
    var lowerKey = "indicators[\(i)].bounds.lower"
    var upper = indicator.upperBound
    var upperKey = "indicators[\(i)].bounds.upper"
    if let j = indicator.targets.firstIndex(where: { $0.kind == .share }) {
        let key = "indicators[\(i)].targets[\(j)].kind: share"
        if lower.map({ $0 < 0 }) ?? true { lower = 0; lowerKey = key }
        if upper.map({ $0 > 100 }) ?? true { upper = 100; upperKey = key }
    }
    if let j = indicator.targets.firstIndex(where: { $0.kind == .cumulativeCount }), lower.map({ $0 < 0 }) ?? true {
        lower = 0
        lowerKey = "indicators[\(i)].targets[\(j)].kind: cumulative_count (a count is never negative)"
    }
    return (lower, lowerKey, upper, upperKey)
}

/// The calendar year now (UTC).
public func currentCalendarYear() -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar.component(.year, from: Date())
}
