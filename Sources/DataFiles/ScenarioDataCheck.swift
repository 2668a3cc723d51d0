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
///   the data file and line, and what to do; `InputProblems` when there are several (see
///   `scenarioDataProblems(_:_:currentYear:)`).
public func checkScenarioData(_ document: ScenarioDocument, _ table: SeriesTable,
                              currentYear: Int = currentCalendarYear()) throws {
    try InputProblems.throwIfAny(scenarioDataProblems(document, table, currentYear: currentYear))
}

/// Every problem `checkScenarioData(_:_:currentYear:)` finds, indicator by indicator: a missing
/// series, then its unit (or, when the units agree, its targets' scale), its targets' years, and its
/// values (for each kind of problem with the values, the first one, with how many more there are).
public func scenarioDataProblems(_ document: ScenarioDocument, _ table: SeriesTable,
                                 currentYear: Int = currentCalendarYear()) -> [InputError] {
    var problems: [InputError] = []
    for (i, indicator) in document.plan.indicators.enumerated() {
        guard let name = indicator.series else { continue }
        let seriesKey = "indicators[\(i)].series"
        guard let series = table.series[name] else {
            let hint = nearestName(name, among: table.order).map { "did you mean '\($0)'? " } ?? ""
            problems.append(InputError(file: document.path, line: document.line(of: seriesKey), key: seriesKey,
                                       "the data file \(table.file) has no series '\(name)'; \(hint)correct the name, or remove 'series:' when there is no data"))
            continue
        }
        let units = unitProblems(of: indicator, index: i, series: name, document: document, table: table)
        // Targets measured against values in the wrong unit would all look out of scale: the units come first.
        problems += units.isEmpty ? targetScaleProblems(of: indicator, index: i, series: series, document: document) : units
        problems += targetYearProblems(of: indicator, index: i, series: series, document: document)
        problems += valueProblems(of: indicator, index: i, series: series, document: document, table: table, currentYear: currentYear)
    }
    return problems
}

/// Values dated after `currentYear`, below the indicator's lowest value, above its highest: the first
/// of each, with how many more.
private func valueProblems(of indicator: Indicator, index i: Int, series: Series, document: ScenarioDocument,
                           table: SeriesTable, currentYear: Int) -> [InputError] {
    let name = series.name
    let locations = table.locations[name] ?? [:]
    let (lower, lowerKey, upper, upperKey) = impliedBounds(of: indicator, index: i)
    /// The problem of the first of `observations`, located, saying how many more there are.
    func located(_ observations: [Observation], key: String, _ message: (Observation, _ more: String) -> String) -> [InputError] {
        guard let first = observations.first else { return [] }
        let location = locations[first.year] ?? DataLocation(line: nil, cell: nil)
        let more = observations.count > 1 ? " (and \(observations.count - 1) more like it)" : ""
        return [location.error(file: table.file, key: key, message(first, more))]
    }
    let future = series.observations.filter { $0.year > currentYear }
    let low = lower.map { lower in series.observations.filter { $0.value < lower } } ?? []
    let high = upper.map { upper in series.observations.filter { $0.value > upper } } ?? []
    return located(future, key: "year") { observation, more in
        "series '\(name)' has a value for \(observation.year)\(more), a year still to come (it is \(currentYear)); correct the year, and put planned values in the scenario file as targets"
    } + located(low, key: "value") { observation, more in
        "series '\(name)' has \(formatNumber(observation.value)) in \(observation.year)\(more), below \(formatNumber(lower!)), the lowest value indicator '\(indicator.id)' can take (\(document.path): \(lowerKey)); correct the value, or the bound"
    } + located(high, key: "value") { observation, more in
        "series '\(name)' has \(formatNumber(observation.value)) in \(observation.year)\(more), above \(formatNumber(upper!)), the highest value indicator '\(indicator.id)' can take (\(document.path): \(upperKey)); correct the value, or the bound"
    }
}

/// No target for a year before the series' first value: it could never be assessed.
private func targetYearProblems(of indicator: Indicator, index i: Int, series: Series, document: ScenarioDocument) -> [InputError] {
    guard let first = series.firstYear else { return [] }
    return indicator.targets.enumerated().filter { $0.element.kind != .milestone && $0.element.year < first }.map { j, target in
        let key = "indicators[\(i)].targets[\(j)].year"
        return InputError(file: document.path, line: document.line(of: key), key: key,
                          "target \(target.id) is for \(target.year), before the first value of series '\(series.name)' (\(first)); it can never be assessed: correct the year")
    }
}

/// The data file's unit against the indicator's: equal (case, spaces and Unicode form aside), or
/// converted by a declared `scale:`.
private func unitProblems(of indicator: Indicator, index i: Int, series name: String, document: ScenarioDocument,
                          table: SeriesTable) -> [InputError] {
    let unitKey = "indicators[\(i)].unit", scaleKey = "indicators[\(i)].scale"
    let scale = document.scales[indicator.id]
    guard let unit = indicator.unit, let (dataUnit, location) = table.units[name] else { return [] }
    let same = normalizedUnit(unit) == normalizedUnit(dataUnit)
    if !same, scale == nil {
        return [InputError(file: document.path, line: document.line(of: unitKey), key: unitKey,
                           "indicator '\(indicator.id)' is in '\(excerpt(unit))' but series '\(name)' in \(table.file) is in '\(excerpt(dataUnit))' (\(location.description)); make the two units agree, or declare the factor from the data's unit to the indicator's with 'scale:' (for example scale: 1e-6 from arrivals to million arrivals)")]
    }
    if same, let scale, scale != 1 {
        return [InputError(file: document.path, line: document.line(of: scaleKey), key: scaleKey,
                           "indicator '\(indicator.id)' declares scale: \(formatNumber(scale)), but series '\(name)' in \(table.file) is already in '\(excerpt(dataUnit))' (\(location.description)), the indicator's unit; remove 'scale:' or correct the unit")]
    }
    return []
}

/// A unit as units are compared: NFC, lower case, runs of spaces as one.
func normalizedUnit(_ unit: String) -> String {
    unit.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The largest factor between a target and the last value of its series accepted without
/// `scale_checked: true`: a plan asks for growth, not for twenty times the present.
public let targetScaleTolerance = 20.0

/// Every target in the series' own terms (a level, share, flow or count; a growth rate when the
/// series is one) within `targetScaleTolerance` of the series' last value, or marked `scale_checked`.
private func targetScaleProblems(of indicator: Indicator, index i: Int, series: Series, document: ScenarioDocument) -> [InputError] {
    guard let last = series.observations.last, last.value != 0 else { return [] }
    var problems: [InputError] = []
    for (j, target) in indicator.targets.enumerated() where !document.scaleCheckedTargets.contains(target.id) {
        switch target.kind {
        case .level, .share, .annualFlow, .cumulativeCount: break
        case .averageGrowth where indicator.isGrowthRate: break
        default: continue
        }
        // One problem per target: `value_high` is looked at when `value` is in scale.
        for value in [target.value, target.valueHigh].compactMap({ $0 }) where value != 0 {
            let ratio = abs(value / last.value)
            guard ratio > targetScaleTolerance || ratio < 1 / targetScaleTolerance else { continue }
            let key = "indicators[\(i)].targets[\(j)].value"
            let how = ratio > 1 ? "\(formatNumber(ratio.rounded(toSignificantDigits: 2))) times" : "1/\(formatNumber((1 / ratio).rounded(toSignificantDigits: 2))) of"
            let unit = indicator.unit.map { " \($0)" } ?? ""
            problems.append(InputError(file: document.path, line: document.line(of: key), key: key,
                                       "target \(target.id) (\(formatNumber(value))\(unit)) is \(how) the last value of series '\(series.name)' (\(formatNumber(last.value)) in \(last.year)); the usual cause is a target in other units than its data (thousands against millions, a share written as a fraction such as 0.575 for 57.5%): correct the value or the units, or add 'scale_checked: true' to the target when it is right"))
            break
        }
    }
    return problems
}

extension Double {
    /// The value rounded to `digits` significant digits (1234 → 1200 for 2).
    func rounded(toSignificantDigits digits: Int) -> Double {
        guard self != 0, isFinite else { return self }
        let magnitude = (Foundation.log10(abs(self))).rounded(.down)
        let factor = Foundation.pow(10, Double(digits - 1) - magnitude)
        return (self * factor).rounded() / factor
    }
}

extension SeriesTable {
    /// The table with each indicator's declared `scale:` applied to its series, so that checks and
    /// fits see the data in the indicator's unit.
    ///
    /// - Throws: `InputError` when two indicators declare different scales for one series (its
    ///   values cannot be in two units at once).
    public func applyingScales(of document: ScenarioDocument) throws -> SeriesTable {
        var scaled = self
        var scaleOfSeries: [String: (Double, String)] = [:]
        for (i, indicator) in document.plan.indicators.enumerated() {
            guard let name = indicator.series, let scale = document.scales[indicator.id], let original = series[name] else { continue }
            if let (other, id) = scaleOfSeries[name] {
                guard other == scale else {
                    let key = "indicators[\(i)].scale"
                    throw InputError(file: document.path, line: document.line(of: key), key: key,
                                     "indicators '\(id)' and '\(indicator.id)' read series '\(name)' with different scales (\(formatNumber(other)) and \(formatNumber(scale))); give both the same unit and scale")
                }
                continue
            }
            scaleOfSeries[name] = (scale, indicator.id)
            let observations = original.observations.map {
                Observation(year: $0.year, value: $0.value * scale, kind: $0.kind, source: $0.source)
            }
            scaled.series[name] = try Series(name: name, unit: original.unit, observations: observations)
        }
        return scaled
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
