import Foundation
import Forecasting
import Planning

/// Series read from a data file (CSV or workbook, long or wide layout), with where each value came from.
public struct SeriesTable: Sendable {
    public var file: String
    public var series: [String: Series]
    /// Where each (series, year) came from, for messages: a CSV line or a workbook cell.
    public var locations: [String: [Int: DataLocation]]
    /// Series names in the order they first appear.
    public var order: [String]
    /// The unit each series gives (a `unit` column), with where it is written.
    public var units: [String: (unit: String, location: DataLocation)]
    /// The layout the file was read in.
    public var layout: DataLayout
    /// The CSV dialect the file was read in, and whether it was detected (nil for a workbook).
    public var dialect: (CSVDialect, detected: Bool)? = nil
    /// Lines (or sheet rows) of rows with neither a value nor a source (unfilled rows of
    /// `plancast data template`), skipped: an empty value is never read as zero.
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

/// How a data file lays out its series.
public enum DataLayout: String, Sendable {
    /// One row per series and year: `series, year, value, …`.
    case long
    /// One row per series, one column per year, as a statistical yearbook prints them.
    case wide
}

/// Reads the series of a data file: a workbook (`.xlsx`, the first sheet or `sheet`) or a CSV file,
/// in the long or the wide layout (see `readSeriesTable(_:)` for a grid).
///
/// - Throws: `InputError` naming the file and line (or sheet and cell) and what to do.
///
/// - Parameter dialect: the CSV dialect; nil to detect it (see `readCSV(at:maximumBytes:dialect:)`).
public func readDataFile(at path: String, sheet: String? = nil, dialect: CSVDialect? = nil) throws -> SeriesTable {
    if isWorkbookPath(path) { return try readSeriesTable(try readWorkbook(at: path, sheet: sheet)) }
    if let sheet { throw InputError(file: path, key: sheet, "a sheet is named, but this is not an .xlsx workbook; name a sheet only for a workbook", category: .usage) }
    let csv = try readCSV(at: path, dialect: dialect)
    var table = try readSeriesTable(csv)
    table.dialect = (csv.dialect, csv.dialectDetected)
    return table
}

extension SeriesTable {
    /// A note for a dialect that was detected rather than given, for the person running the command.
    public var dialectNote: String? {
        guard let (dialect, detected) = dialect else { return nil }
        return csvDialectNote(file: file, dialect: dialect, detected: detected)
    }
}

/// Reads the series of a CSV table; see `readSeriesTable(_:)` for a grid.
public func readSeriesTable(_ table: CSVTable) throws -> SeriesTable {
    try readSeriesTable(DataGrid(table))
}

/// Reads series from a data file's cells, in either layout:
///
/// - **long**: columns `series` (or `series_id`, `indicator`), `year` (or `t`) and `value`,
///   optionally `kind` (actual | estimate; rows of kind `target` are skipped), `unit` and `source`;
///   rows with neither a value nor a source or quote are skipped (`linesWithoutValue`): an unfilled
///   template row;
/// - **wide** (a yearbook table): a name column (`series`, `indicator`, `chỉ tiêu`, or the first
///   text column), an optional `unit` (`đơn vị tính`) column, then one column per year: `2015`,
///   `2016`, …, with `2024*`, `Sơ bộ 2024`, `Ước 2024` or `2024 (est.)` marking estimates.
///
/// In a CSV file the header is the first row; in a workbook, the first row that reads as either
/// header (title rows above it are skipped; merged header cells count for every column they span).
/// Blank rows are skipped everywhere, and so are rows of a wide table with a name but no values
/// (section headings, notes).
///
/// - Throws: `InputError` naming the file and line (or sheet and cell): a missing column, no data
///   rows, a bad number or year, an unknown kind, a duplicate (series, year), a unit that changes
///   within a series.
public func readSeriesTable(_ grid: DataGrid) throws -> SeriesTable {
    var reader = SeriesTableReader(grid: grid)
    let candidates = grid.sheet == nil ? Array(grid.rows.indices.prefix(1)) : Array(grid.rows.indices.prefix(40))
    for index in candidates where !grid.rows[index].isBlank {
        let header = (0..<grid.columnCount).map { grid.headerText(row: index, column: $0) }
        if grid.sheet == nil { try checkHeader(header, file: grid.file, line: grid.rows[index].number) }
        if let long = LongHeader(header) {
            try reader.readLong(header: index, long)
            return try reader.table(layout: .long)
        }
        if let wide = try WideHeader(header, grid: grid, row: index) {
            try reader.readWide(header: index, wide)
            return try reader.table(layout: .wide)
        }
        if grid.sheet == nil { try reader.refuseHeader(header, row: index) }
    }
    if grid.sheet == nil {
        throw InputError(file: grid.file, "is empty; it needs a header row (for example series,year,value) and data rows")
    }
    throw InputError(file: grid.file, key: grid.sheet,
                     "no header row found in the first rows: plancast reads a long table (columns series, year, value) or a yearbook table (a name column, then year columns such as 2015 2016 … 2024); add such a header row, or choose another sheet")
}

/// The columns of a long header.
private struct LongHeader {
    var name: Int, year: Int, value: Int
    var kind: Int?, unit: Int?, source: Int?, quote: Int?

    init?(_ header: [String]) {
        func column(_ names: [String]) -> Int? {
            for name in names { if let i = header.firstIndex(of: name) { return i } }
            return nil
        }
        guard let name = column(longColumnNames.series), let year = column(longColumnNames.year),
              let value = column(longColumnNames.value) else { return nil }
        self.name = name; self.year = year; self.value = value
        kind = column(["kind", "flag"])
        unit = column(unitNames)
        source = column(["source", "source_url", "nguồn"])
        quote = column(["quote"])
    }
}

/// The header names accepted for the columns of the long layout, lowercased: one table for the
/// header reader and the error that says which column is missing. (Batch files of `forecast` have
/// their own layout and table, `batchColumnNames`.)
private let longColumnNames = (series: ["series", "series_id", "indicator"], year: ["year", "t", "năm"], value: ["value", "giá trị"])
private let unitNames = ["unit", "units", "đơn vị", "đơn vị tính", "đvt", "dvt"]
private let nameColumnNames = ["series", "series_id", "indicator", "name", "chỉ tiêu", "tên chỉ tiêu"]

/// The columns of a wide (yearbook) header.
private struct WideHeader {
    var name: Int
    var unit: Int?
    /// Year columns: the column, its year and whether the header marks it as an estimate.
    var years: [(column: Int, year: Int, estimate: Bool)]

    init?(_ header: [String], grid: DataGrid, row: Int) throws {
        var years: [(column: Int, year: Int, estimate: Bool)] = []
        for (column, text) in header.enumerated() {
            guard let (year, estimate) = yearHeading(text, cell: grid.headerCell(row: row, column: column)) else { continue }
            if let previous = years.first(where: { $0.year == year }) {
                throw grid.error(row: grid.rows[row], column: column, name: text,
                                 "the header gives \(year) twice (columns \(columnLetters(previous.column)) and \(columnLetters(column))); keep one column per year")
            }
            years.append((column, year, estimate))
        }
        guard !years.isEmpty else { return nil }
        let yearColumns = Set(years.map(\.column))
        let unit = header.indices.first { unitNames.contains(header[$0]) && !yearColumns.contains($0) }
        self.unit = unit
        if let named = header.indices.first(where: { nameColumnNames.contains(header[$0]) }) {
            name = named
        } else if let first = header.indices.first(where: { !yearColumns.contains($0) && $0 != unit && !header[$0].isEmpty
                                                            && !["stt", "no", "no.", "#", "tt"].contains(header[$0]) }) {
            name = first
        } else {
            return nil
        }
        self.years = years
        // A column headed like a year that is not read as one ("2020.0", "2021e", "2021 ước") would
        // silently leave its values out: refused when it holds numbers.
        for (column, text) in header.enumerated() where !yearColumns.contains(column) && column != name && column != unit {
            guard let year = unreadYearHeading(text),
                  grid.rows[(row + 1)...].contains(where: { holdsNumber($0[column]) }) else { continue }
            let written = grid.headerCell(row: row, column: column).text
            throw grid.error(row: grid.rows[row], column: column, name: written,
                             "the heading '\(excerpt(written))' names \(year) but is not a year heading plancast reads, so the values below it would be left out; write \(year) (or \(year)*, Ước \(year) or Sơ bộ \(year) for an estimate), or rename the column if its values are not those of \(year)")
        }
    }
}

/// The year a header names when the heading is not one `yearHeading` reads but looks like one: a
/// single four-digit year with little else (`2020.0`, `2021e`, `2021 ước`, `năm 2021 (tr.)`); nil for
/// other headings, and for comparisons of two years (`2024/2023`, `2024 so với 2023`).
func unreadYearHeading(_ text: String) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces)
    let matches = regexMatches(#"(?<!\d)(?:19|20)\d\d(?!\d)"#, in: t)
    guard matches.count == 1, let year = Int((t as NSString).substring(with: matches[0].range)),
          (t as NSString).length <= 16, !t.contains("/") else { return nil }
    return year
}

/// Whether a data cell holds a number (as a workbook number, or as text in either decimal style).
private func holdsNumber(_ cell: DataCell) -> Bool {
    switch cell {
    case .number: return true
    case let .text(text):
        let t = text.trimmingCharacters(in: .whitespaces)
        return plainDecimal(t) != nil || decimalCommaNumber(t) != nil
    default: return false
    }
}

/// The year a wide header cell names, and whether it marks an estimate: `2024`, `2024*`,
/// `Sơ bộ 2024`, `Ước 2024`, `Prel. 2024`, `2024 (est.)`; nil for any other heading.
func yearHeading(_ text: String, cell: DataCell) -> (year: Int, estimate: Bool)? {
    if case .number(let v) = cell {
        guard v == v.rounded(), Plan.years.contains(Int(v)) else { return nil }
        return (Int(v), false)
    }
    let t = text.precomposedStringWithCanonicalMapping
    let marks = "sơ bộ|sb|ước tính|ước thực hiện|ước|uth|prel\\.?|preliminary|est\\.?|estimate|estimated"
    let patterns: [(String, Bool)] = [
        (#"^(?:năm|year)?\s*(\d{4})$"#, false),
        (#"^(\d{4})\s*\*+$"#, true),
        ("^(?:\(marks))\\s*(?:năm\\s*)?(\\d{4})$", true),
        ("^(\\d{4})\\s*\\((?:\(marks))\\)$", true),
    ]
    for (pattern, estimate) in patterns {
        guard let match = t.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { continue }
        let digits = t[match].filter(\.isASCII).filter(\.isNumber)
        guard let year = Int(digits.suffix(4)), Plan.years.contains(year) else { return nil }
        return (year, estimate)
    }
    return nil
}

/// Reads rows into series, in either layout.
private struct SeriesTableReader {
    let grid: DataGrid
    var observations: [String: [Observation]] = [:]
    var locations: [String: [Int: DataLocation]] = [:]
    var order: [String] = []
    var units: [String: (unit: String, location: DataLocation)] = [:]
    var rowOfName: [String: DataLocation] = [:]
    var linesWithoutValue: [Int] = []

    init(grid: DataGrid) { self.grid = grid }

    var file: String { grid.file }

    /// The error for a header that is neither layout (CSV files, whose header is the first row).
    func refuseHeader(_ header: [String], row: Int) throws {
        let line = grid.rows[row].number
        // A yearbook whose year headings are all written as decimals (pandas writes float years as 2018.0).
        if !header.contains(where: longColumnNames.year.contains), let column = header.firstIndex(where: { unreadYearHeading($0) != nil }) {
            let year = unreadYearHeading(header[column])!
            throw InputError(file: file, line: line, key: header[column],
                             "names \(year) but is not a year heading plancast reads; write the year columns as \(year) (a yearbook table: a name column, then one column per year), or give a long table with the header series,year,value")
        }
        guard header.contains(where: longColumnNames.series.contains) else {
            throw InputError(file: file, line: line, "has no 'series' column; the header needs series,year,value")
        }
        guard header.contains(where: longColumnNames.year.contains) else {
            throw InputError(file: file, line: line, "has no 'year' column; the header needs series,year,value")
        }
        throw InputError(file: file, line: line, "has no 'value' column; the header needs series,year,value")
    }

    mutating func readLong(header index: Int, _ header: LongHeader) throws {
        let rows = grid.rows[(index + 1)...].filter { !$0.isBlank }
        guard !rows.isEmpty else {
            throw InputError(file: file, line: grid.sheet == nil ? grid.rows[index].number : nil, key: grid.sheet,
                             "has a header but no data rows; add one row per series and year (series,year,value)")
        }
        for row in rows {
            let nameLocation = grid.location(row: row, column: header.name, name: "series")
            let name = row[header.name].text
            guard !name.isEmpty else { throw nameLocation.error(file: file, "the series name is empty") }
            var kind = ObservationKind.actual
            if let column = header.kind {
                let text = row[column].text.lowercased()
                if text == "target" { continue }
                if !text.isEmpty {
                    guard let k = ObservationKind(rawValue: text) else {
                        throw grid.error(row: row, column: column, name: "kind", "'\(excerpt(row[column].text))' is not a kind; use actual or estimate")
                    }
                    kind = k
                }
            }
            let yearLocation = grid.location(row: row, column: header.year, name: "year")
            let year = try readYear(row[header.year], at: yearLocation)
            if !row[header.value].hasContent, [header.source, header.quote].allSatisfy({ $0.map { !row[$0].hasContent } ?? true }) {
                // A row still to be filled: no value and nothing that says where one came from.
                linesWithoutValue.append(row.number)
                continue
            }
            let valueLocation = grid.location(row: row, column: header.value, name: "value")
            guard let value = try readNumber(row[header.value], at: valueLocation) else {
                throw valueLocation.error(file: file, "the value is empty; leave the row out when there is no value")
            }
            let source = header.source.map { row[$0].text }.flatMap { $0.isEmpty ? nil : $0 }
            try add(name, year: year, value: value, kind: kind, source: source, at: grid.sheet == nil ? yearLocation : valueLocation)
            if let column = header.unit { try noteUnit(row[column].text, of: name, at: grid.location(row: row, column: column, name: "unit")) }
        }
    }

    mutating func readWide(header index: Int, _ header: WideHeader) throws {
        for row in grid.rows[(index + 1)...] where !row.isBlank {
            let present = header.years.filter { row[$0.column].hasContent }
            let name = row[header.name].text
            if present.isEmpty { continue }   // a section heading or a note
            let nameLocation = grid.location(row: row, column: header.name, name: "series")
            guard !name.isEmpty else {
                throw nameLocation.error(file: file, "this row has values but no series name; write the name in column \(columnLetters(header.name))")
            }
            if let previous = rowOfName[name] {
                throw nameLocation.error(file: file, "series '\(excerpt(name))' is named twice (also at \(previous.description)); keep one row per series")
            }
            rowOfName[name] = nameLocation
            for (column, year, estimate) in present {
                let location = grid.location(row: row, column: column, name: String(year))
                guard let value = try readNumber(row[column], at: location) else { continue }
                try add(name, year: year, value: value, kind: estimate ? .estimate : .actual, source: nil, at: location)
            }
            if let column = header.unit { try noteUnit(row[column].text, of: name, at: grid.location(row: row, column: column, name: "unit")) }
        }
        guard !order.isEmpty else {
            throw InputError(file: file, line: grid.sheet == nil ? grid.rows[index].number : nil, key: grid.sheet,
                             "has a header with year columns but no data rows; add one row per series with its values")
        }
    }

    mutating func add(_ name: String, year: Int, value: Double, kind: ObservationKind, source: String?, at location: DataLocation) throws {
        if let previous = locations[name]?[year] {
            let message = "series '\(name)' already has a value for \(year) \(previous.cell.map { "in \($0)" } ?? "on \(previous.description)"); keep one row per series and year"
            throw location.cell == nil ? InputError(file: file, line: location.line, message) : location.error(file: file, message)
        }
        if observations[name] == nil { order.append(name) }
        observations[name, default: []].append(Observation(year: year, value: value, kind: kind, source: source))
        locations[name, default: [:]][year] = location
    }

    mutating func noteUnit(_ unit: String, of name: String, at location: DataLocation) throws {
        guard !unit.isEmpty else { return }
        if let known = units[name] {
            if known.unit != unit {
                throw location.error(file: file, "series '\(name)' is in '\(excerpt(unit))' here but in '\(excerpt(known.unit))' at \(known.location.description); give every value of a series in one unit")
            }
            return
        }
        units[name] = (unit, location)
    }

    /// A number cell, or nil when it is empty.
    func readNumber(_ cell: DataCell, at location: DataLocation) throws -> Double? {
        switch cell {
        case .empty: return nil
        case .number(let value):
            guard value.isFinite, abs(value) <= largestInputMagnitude else {
                throw location.error(file: file, "\(formatNumber(value)) is too large to compute with (more than 10^18); check the units, e.g. write billions instead of units")
            }
            return value
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return nil }
            if grid.decimalComma, let value = decimalCommaNumber(text) { return value }
            guard location.cell != nil else {
                return try parseNumber(text, file: file, line: location.line ?? 0, column: location.column ?? "value")
            }
            if let value = decimalCommaNumber(text), text.contains(",") {
                throw location.error(file: file, "'\(excerpt(text))' is text with a decimal comma, not a number; enter it as a number (\(formatNumber(value))) so Excel stores it as one")
            }
            if plainDecimal(text) != nil {
                throw location.error(file: file, "'\(excerpt(text))' is stored as text, not as a number; convert it (in Excel: the green triangle ▸ Convert to Number) or type it again")
            }
            throw location.error(file: file, "'\(excerpt(text))' is text where a number belongs; enter the number, or clear the cell when there is no value")
        case .error(let code):
            throw location.error(file: file, "holds the Excel error \(code); correct the formula, or clear the cell when there is no value")
        case .formulaWithoutValue:
            throw location.error(file: file, "holds a formula whose result was never saved (the file was written by a program that does not calculate); open it in Excel or LibreOffice and save it again")
        }
    }

    func readYear(_ cell: DataCell, at location: DataLocation) throws -> Int {
        if case .number(let value) = cell {
            guard value == value.rounded(), Plan.years.contains(Int(value)) else {
                throw location.error(file: file, "\(formatNumber(value)) is not a four-digit calendar year (\(Plan.years.lowerBound)–\(Plan.years.upperBound)); correct the year")
            }
            return Int(value)
        }
        do {
            return try parseYear(cell.text, file: file, line: location.line ?? 0, column: location.column ?? "year")
        } catch let error as InputError where location.cell != nil {
            throw location.error(file: file, error.message)
        }
    }

    func table(layout: DataLayout) throws -> SeriesTable {
        var series: [String: Series] = [:]
        for name in order {
            series[name] = try Series(name: name, observations: observations[name]!)
        }
        var table = SeriesTable(file: file, series: series, locations: locations, order: order, units: units, layout: layout)
        table.linesWithoutValue = linesWithoutValue
        return table
    }
}

/// A number written with a decimal comma and optional dot (or space) thousands separators, as
/// Excel writes it on a Vietnamese machine: `1.234,5` → 1234.5, `-0,25` → -0.25; nil otherwise.
public func decimalCommaNumber(_ text: String) -> Double? {
    let t = text.replacingOccurrences(of: "\u{00A0}", with: " ")
    guard t.range(of: #"^[+-]?(\d+|\d{1,3}([. ]\d{3})+)(,\d+)?$"#, options: .regularExpression) != nil else { return nil }
    let plain = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")
    guard let value = plainDecimal(plain), value.isFinite, abs(value) <= largestInputMagnitude else { return nil }
    return value
}
