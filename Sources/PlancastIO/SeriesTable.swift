import Forecasting
import Planning

/// Series read from a long CSV file (`series,year,value[,kind][,source]…`), with each row's line.
public struct SeriesTable: Sendable {
    public var file: String
    public var series: [String: Series]
    /// Where each (series, year) came from, for messages.
    public var lines: [String: [Int: Int]]
    /// Series names in the order they first appear.
    public var order: [String]
    /// Lines of rows with neither a value nor a source (unfilled rows of `plancast data template`),
    /// skipped: an empty value is never read as zero.
    public var linesWithoutValue: [Int] = []

    /// The series a file names at `key` (a scenario file's `indicators[0].series`), or a data error
    /// (exit status 65) that names the file and the nearest names.
    public func series(named name: String, key: String? = nil) throws -> Series {
        if let s = series[name] { return s }
        throw unknownSeries(name, key: key, category: .data, subject: nil)
    }

    /// The series the caller asked for by name, or a usage error (exit status 64) with subject
    /// `.requestedSeries(name)`, so that the command layer can name its own option.
    public func series(requested name: String) throws -> Series {
        if let s = series[name] { return s }
        throw unknownSeries(name, key: nil, category: .usage, subject: .requestedSeries(name))
    }

    private func unknownSeries(_ name: String, key: String?, category: InputError.Category,
                               subject: InputError.Subject?) -> InputError {
        let hint = nearestName(name, among: order).map { "; did you mean '\($0)'?" } ?? "; the file has \(order.count) series"
        return InputError(file: file, key: key, "has no series '\(name)'\(hint)", category: category, subject: subject)
    }
}

/// Reads long-format series: columns `series` (or `series_id`, `indicator`), `year` (or `t`) and
/// `value`, optionally `kind` (actual | estimate) and `source`. Other columns are kept in the file
/// and ignored here. Rows with kind `target` are skipped (targets belong in the scenario file), and
/// so are rows with neither a value nor a source (`linesWithoutValue`): an unfilled template row.
///
/// - Throws: `InputError` with file and line for a missing column, no data rows, a bad number or
///   year, an unknown kind, or a duplicate (series, year).
public func readSeriesTable(_ table: CSVTable) throws -> SeriesTable {
    let file = table.file
    guard let nameColumn = table.column("series", "series_id", "indicator") else {
        throw InputError(file: file, line: 1, "has no 'series' column; the header needs series,year,value")
    }
    guard let yearColumn = table.column("year", "t") else {
        throw InputError(file: file, line: 1, "has no 'year' column; the header needs series,year,value")
    }
    guard let valueColumn = table.column("value") else {
        throw InputError(file: file, line: 1, "has no 'value' column; the header needs series,year,value")
    }
    guard !table.rows.isEmpty else {
        throw InputError(file: file, line: 1, "has a header but no data rows; add one row per series and year (series,year,value)")
    }
    let kindColumn = table.column("kind", "flag")
    let sourceColumn = table.column("source", "source_url")
    let quoteColumn = table.column("quote")
    var observations: [String: [Observation]] = [:]
    var lines: [String: [Int: Int]] = [:]
    var order: [String] = []
    var skipped: [Int] = []
    for (row, line) in zip(table.rows, table.lines) {
        let name = row[nameColumn].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw InputError(file: file, line: line, key: "series", "the series name is empty") }
        var kind = ObservationKind.actual
        if let kindColumn {
            let text = row[kindColumn].trimmingCharacters(in: .whitespaces).lowercased()
            if text == "target" { continue }
            if !text.isEmpty {
                guard let k = ObservationKind(rawValue: text) else {
                    throw InputError(file: file, line: line, key: "kind", "'\(excerpt(row[kindColumn]))' is not a kind; use actual or estimate")
                }
                kind = k
            }
        }
        let year = try parseYear(row[yearColumn], file: file, line: line, column: "year")
        if row[valueColumn].trimmingCharacters(in: .whitespaces).isEmpty,
           [sourceColumn, quoteColumn].allSatisfy({ $0.map { row[$0].trimmingCharacters(in: .whitespaces).isEmpty } ?? true }) {
            // A row still to be filled: no value and nothing that says where one came from.
            skipped.append(line)
            continue
        }
        guard let value = try parseNumber(row[valueColumn], file: file, line: line, column: "value") else {
            throw InputError(file: file, line: line, key: "value", "the value is empty; leave the row out when there is no value")
        }
        if let previous = lines[name]?[year] {
            throw InputError(file: file, line: line, "series '\(name)' already has a value for \(year) on line \(previous); keep one row per series and year")
        }
        if observations[name] == nil { order.append(name) }
        observations[name, default: []].append(Observation(year: year, value: value, kind: kind,
                                                           source: sourceColumn.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }))
        lines[name, default: [:]][year] = line
    }
    var series: [String: Series] = [:]
    for name in order {
        series[name] = try Series(name: name, observations: observations[name]!)
    }
    var result = SeriesTable(file: file, series: series, lines: lines, order: order)
    result.linesWithoutValue = skipped
    return result
}

