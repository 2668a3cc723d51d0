import Foundation
import Forecasting
import Planning

/// The rows an analyst must fill so that every indicator of a scenario can be assessed.
///
/// ```swift
/// let csv = dataTemplate(for: document.plan, known: table, from: 2010)
/// // series,year,value,unit,kind,source,quote
/// // xa_dat_chuan_nong_thon_moi,2010,,xã,,,
/// // …
/// ```
///
/// One row per indicator with a numeric target and year from `from` to the plan's `as_of`: the
/// indicator's series (or, when it names none, its id as a slug), an empty value, its unit. Values the
/// data file already has are filled in with their kind and source. Unfilled rows (no value, no source)
/// are skipped by `readSeriesTable`, so a half-filled template validates and runs.
///
/// - Parameters:
///   - plan: the scenario.
///   - known: the series of its data file, when it exists.
///   - from: the first year (by default ten years before `as_of`).
/// - Returns: the template and how many rows it has already filled.
public func dataTemplate(for plan: Plan, known: SeriesTable?, from: Int? = nil) -> (csv: String, rows: Int, filled: Int) {
    let first = from ?? plan.asOf - 10
    var lines = ["series,year,value,unit,kind,source,quote"]
    var filled = 0
    var seen = Set<String>()
    for indicator in plan.indicators where indicator.targets.contains(where: { $0.kind != .milestone }) {
        let series = indicator.series ?? indicatorSlug(indicator.id, words: 12)
        guard seen.insert(series).inserted else { continue }
        let observations = Dictionary(known?.series[series]?.observations.map { ($0.year, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        for year in first...max(first, plan.asOf) {
            var row = [csvField(series), "\(year)", "", csvField(indicator.unit ?? ""), "", "", ""]
            if let observation = observations[year] {
                row[2] = formatNumber(observation.value)
                row[4] = observation.kind.rawValue
                row[5] = csvField(observation.source ?? "")
                filled += 1
            }
            lines.append(row.joined(separator: ","))
        }
    }
    return (lines.joined(separator: "\n") + "\n", lines.count - 1, filled)
}
