import Foundation
import DataFiles

/// The periods and values of one series of a long file.
public struct LongSeriesValues: Sendable {
    public var times: [Int] = []
    public var values: [Double] = []
}

/// Reads a long file (`series_id,t,value`) with plancast's own batch reader (`readLongSeries`), so
/// that tests read their reference data as `plancast forecast` and `accuracy` read theirs.
///
/// - Returns: each series by id, periods ascending.
/// - Throws: the reader's `InputError`, or one for the first row that marks its series as failed.
public func readLongCSV(_ url: URL) throws -> [String: LongSeriesValues] {
    let batch = try readLongSeries(at: url.path)
    if let problem = batch.unattributedProblems.first { throw InputError(file: url.path, problem) }
    var series: [String: LongSeriesValues] = [:]
    for entry in batch.entries {
        if let problem = entry.problem { throw InputError(file: nil, "series '\(entry.id)': \(problem)") }
        series[entry.id] = LongSeriesValues(times: entry.times, values: entry.values)
    }
    return series
}

/// Reads a forecast file (`series_id,t,model,mean,lo80,hi80,lo95,hi95`) with `readForecastFile`.
///
/// - Returns: by series id and t, `[mean, lo80, hi80, lo95, hi95]` (NaN for a column the file lacks).
public func readForecastCSV(_ url: URL) throws -> [String: [Int: [Double]]] {
    var rows: [String: [Int: [Double]]] = [:]
    for (key, row) in try readForecastFile(url.path).rows { rows[key.id, default: [:]][key.t] = row.values }
    return rows
}
