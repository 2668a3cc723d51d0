import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Series read from a long CSV file (`series_id,t,value`, rows in any order), kept compact: one
/// array of periods and one of values per series.
public struct LongSeriesBatch: Sendable {
    /// One series, in the order its first row appears.
    public struct Entry: Sendable {
        public var id: String
        /// Periods, ascending, one per value.
        public var times: [Int]
        public var values: [Double]
        /// Why this series cannot be forecast (a bad row, a duplicate period), if so; its data are then dropped.
        public var problem: String?

        public init(id: String, times: [Int], values: [Double], problem: String? = nil) {
            self.id = id
            self.times = times
            self.values = values
            self.problem = problem
        }
    }

    public var file: String
    public var entries: [Entry]
    /// Rows that belong to no series (no id), as messages with their lines.
    public var unattributedProblems: [String]
    /// Data rows read.
    public var rowCount: Int
    /// The CSV dialect the file was read in, and whether it was detected from the header.
    public var dialect: CSVDialect = .standard
    public var dialectDetected = false

    /// The note that the file was read in the Vietnamese dialect because its header says so, if it was.
    public var dialectNote: String? { csvDialectNote(file: file, dialect: dialect, detected: dialectDetected) }
}

/// The note that `file` was read in the Vietnamese dialect because its header says so; nil otherwise.
public func csvDialectNote(file: String, dialect: CSVDialect, detected: Bool) -> String? {
    guard detected, dialect == .vietnamese else { return nil }
    return "\(file): read as CSV in the Vietnamese Excel dialect (semicolons between fields, decimal commas), detected from its header"
}

/// The dialect a CSV file's first bytes show: the Vietnamese one when its first line (after a
/// byte-order mark, up to LF, CR or CRLF) has semicolons and no comma — what Excel writes on a vi-VN
/// machine —, else the standard one. Every reader that detects the dialect asks this.
func csvDialect<Bytes: Collection<UInt8>>(ofLeadingBytes bytes: Bytes) -> CSVDialect {
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes.dropFirst(0)
    let line = text.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
    return line.contains(UInt8(ascii: ";")) && !line.contains(UInt8(ascii: ",")) ? .vietnamese : .standard
}

/// The dialect of the CSV file at `path` as its header shows it (`csvDialect(ofLeadingBytes:)`).
/// Only a regular file is looked at (a pipe cannot be read twice); a file that cannot be read is
/// left to the reader to refuse.
func detectedCSVDialect(at path: String) -> CSVDialect {
    guard let file = try? InputFile(opening: path) else { return .standard }
    defer { file.release() }
    guard file.regularFileSize != nil else { return .standard }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    guard let count = try? buffer.withUnsafeMutableBytes({ try file.readBytes(into: $0) }), count > 0 else { return .standard }
    return csvDialect(ofLeadingBytes: buffer[0..<count])
}

/// Reads long-format series: columns `series_id` (or `series`, `id`, `unique_id`), `t` (or `year`,
/// `ds`, `period`) and `value` (or `y`); other columns are ignored. Rows may come in any order.
///
/// A bad row (a value that is not a number, a missing or fractional `t`, a wrong number of fields)
/// or two rows for one period mark only their series as failed, with the line and what to do; the
/// other series are read as usual.
///
/// - Throws: `InputError` for a missing or unreadable file, a header without the needed columns, or
///   broken quoting.
/// - Complexity: O(rows · log(rows per series)) time; memory about 16 bytes per row plus the ids.
public func readLongSeries(at path: String, dialect: CSVDialect? = nil) throws -> LongSeriesBatch {
    let chosen = dialect ?? detectedCSVDialect(at: path)
    var reader = LongSeriesAccumulator(file: path, lastRows: nil, dialect: chosen)
    try forEachCSVRecord(at: path, separator: chosen.separator) { record in try reader.take(record) }
    var entries = try reader.finish()
    entries.sort { $0.order < $1.order }
    var batch = LongSeriesBatch(file: path, entries: entries.map(\.entry), unattributedProblems: reader.unattributed, rowCount: reader.rows)
    batch.dialect = chosen
    batch.dialectDetected = dialect == nil && chosen == .vietnamese
    return batch
}

extension CSVDialect {
    /// The field separator: `,`, or `;` in the Vietnamese dialect.
    var separator: Unicode.Scalar { self == .vietnamese ? ";" : "," }
}

/// What `streamLongSeries` read besides the series it passed on.
public struct LongSeriesSummary: Sendable {
    /// Series passed on (forecastable or with a problem).
    public var seriesCount: Int
    /// Rows that belong to no series (no id), as messages with their lines.
    public var unattributedProblems: [String]
    /// Data rows read.
    public var rowCount: Int
    /// The CSV dialect the file was read in, and whether it was detected from the header.
    public var dialect: CSVDialect = .standard
    public var dialectDetected = false

    public init(seriesCount: Int, unattributedProblems: [String], rowCount: Int) {
        self.seriesCount = seriesCount
        self.unattributedProblems = unattributedProblems
        self.rowCount = rowCount
    }

    /// The note that the file was read in the Vietnamese dialect because its header says so, if it was.
    public func dialectNote(file: String) -> String? { csvDialectNote(file: file, dialect: dialect, detected: dialectDetected) }
}

/// Reads the same long-format series as `readLongSeries(at:)` but passes each one on as soon as its
/// last row is read, with its position in the order of first appearance, so that a file of any size
/// is never held whole.
///
/// A regular file is read twice: the first pass notes the last row of every series (its id and a
/// number per series are all that is kept), the second collects each series' rows and hands the
/// series over at its last row. In a file whose series each come in one block (the usual layout),
/// only one series is open at a time; rows in any other order are still read correctly, with the
/// series that are open kept in memory. Anything that is not a regular file (a pipe) is read once,
/// whole, and its series passed on at the end.
///
/// ```swift
/// let summary = try streamLongSeries(at: "long.csv") { entry, order in
///     print(order, entry.id, entry.values.count)      // 0 S1 20, 1 S2 18, …
/// }
/// ```
///
/// - Parameter body: called with each series (periods ascending, or its problem) and its 0-based
///   position among the series in order of first appearance; it may throw to stop the reading.
/// - Throws: what `readLongSeries(at:)` throws, and what `body` throws.
/// - Complexity: O(rows · log(rows per series)) time; memory O(series) for the ids plus the rows of
///   the series that are open.
@discardableResult
public func streamLongSeries(at path: String, dialect: CSVDialect? = nil,
                             _ body: (LongSeriesBatch.Entry, Int) throws -> Void) throws -> LongSeriesSummary {
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        let batch = try readLongSeries(at: path, dialect: dialect)
        for (order, entry) in batch.entries.enumerated() { try body(entry, order) }
        var summary = LongSeriesSummary(seriesCount: batch.entries.count, unattributedProblems: batch.unattributedProblems, rowCount: batch.rowCount)
        (summary.dialect, summary.dialectDetected) = (batch.dialect, batch.dialectDetected)
        return summary
    }
    let chosen = dialect ?? detectedCSVDialect(at: path)
    // First pass: the last data row of each series, by order of first appearance.
    var survey = LongSeriesAccumulator(file: path, lastRows: nil, keepRows: false, dialect: chosen)
    try forEachCSVRecord(at: path, separator: chosen.separator) { record in try survey.take(record) }
    _ = try survey.finish()
    var reader = LongSeriesAccumulator(file: path, lastRows: survey.lastRows, index: survey.index, dialect: chosen)
    survey = LongSeriesAccumulator(file: path, lastRows: nil)
    var passed = 0
    try forEachCSVRecord(at: path, separator: chosen.separator) { record in
        try reader.take(record)
        while let (entry, order) = reader.completed.popLast() {
            passed += 1
            try body(entry, order)
        }
    }
    // Rows the first pass did not see (the file grew in between) leave series open: pass them on too.
    for (entry, order) in try reader.finish().sorted(by: { $0.order < $1.order }) {
        passed += 1
        try body(entry, order)
    }
    var summary = LongSeriesSummary(seriesCount: passed, unattributedProblems: reader.unattributed, rowCount: reader.rows)
    (summary.dialect, summary.dialectDetected) = (chosen, dialect == nil && chosen == .vietnamese)
    return summary
}

/// Collects the rows of long-format series record by record (the header first).
private struct LongSeriesAccumulator {
    let file: String
    var idColumn = -1, timeColumn = -1, valueColumn = -1, headerCount = 0
    /// Series id → position in order of first appearance.
    var index: [String: Int]
    /// The series still collecting rows, by position, with the line of each row (for messages).
    var open: [Int: (entry: LongSeriesBatch.Entry, lines: [Int])] = [:]
    /// The series of the latest row, outside `open` while its rows come one after another.
    var current: (order: Int, entry: LongSeriesBatch.Entry, lines: [Int])?
    /// Series whose last row was read (only with `lastRows`), waiting to be taken.
    var completed: [(LongSeriesBatch.Entry, Int)] = []
    /// The number of the last data row of each series; kept up to date in a survey.
    var lastRows: [Int]
    /// Whether a series is complete at its last row (known from a survey) or only at the end.
    let knowsLastRows: Bool
    /// Whether rows are kept (false for the survey, which only notes the last rows).
    let keepRows: Bool
    var unattributed: [String] = []
    var rows = 0
    var sawHeader = false
    var previousID: [UInt8] = []
    var previousIndex = -1

    /// The CSV dialect: the separator, and whether values have a decimal comma.
    let dialect: CSVDialect

    init(file: String, lastRows: [Int]?, index: [String: Int] = [:], keepRows: Bool = true, dialect: CSVDialect = .standard) {
        self.file = file
        self.lastRows = lastRows ?? []
        self.knowsLastRows = lastRows != nil
        self.index = index
        self.keepRows = keepRows
        self.dialect = dialect
    }

    mutating func take(_ record: CSVRecord) throws {
        if !sawHeader {
            sawHeader = true
            let names = (0..<record.count).map { record.string($0).lowercased() }
            try checkHeader(names, file: file, line: record.line, separator: dialect.separator)
            func find(_ candidates: [String], _ what: String) throws -> Int {
                if let i = names.firstIndex(where: { candidates.contains($0) }) { return i }
                throw InputError(file: file, line: record.line,
                                 "has no '\(what)' column (the header is \(excerpt(names.joined(separator: ",")))); the header needs series_id,t,value")
            }
            idColumn = try find(batchColumnNames.seriesID, "series_id")
            timeColumn = try find(batchColumnNames.time, "t")
            valueColumn = try find(batchColumnNames.value, "value")
            headerCount = names.count
            return
        }
        rows += 1
        guard idColumn < record.count, !record.isEmpty(idColumn) else {
            if keepRows { unattributed.append("line \(record.line): the series_id is missing; every row needs one") }
            return
        }
        let order: Int
        if previousIndex >= 0, record.bytesEqual(idColumn, previousID) {
            order = previousIndex
        } else {
            let id = record.string(idColumn)
            if let known = index[id] {
                order = known
            } else {
                order = index.count
                index[id] = order
                if !knowsLastRows { lastRows.append(0) }
            }
            previousID = record.rawBytes(idColumn)
            previousIndex = order
        }
        guard keepRows else {
            lastRows[order] = rows
            return
        }
        if current?.order != order {
            if let previous = current { open[previous.order] = (previous.entry, previous.lines) }
            current = open.removeValue(forKey: order).map { (order, $0.entry, $0.lines) }
                ?? (order, LongSeriesBatch.Entry(id: record.string(idColumn), times: [], values: [], problem: nil), [])
        }
        if current!.entry.problem == nil {
            do {
                guard record.count == headerCount else {
                    throw InputError(file: file, line: record.line,
                                     "has \(record.count) fields but the header has \(headerCount); quote fields that contain commas")
                }
                let t = try record.integer(timeColumn, file: file, column: "t")
                let read = dialect == .vietnamese ? try record.decimalCommaNumber(valueColumn, file: file, column: "value")
                                                  : try record.number(valueColumn, file: file, column: "value")
                guard let value = read else {
                    throw InputError(file: file, line: record.line, key: "value", "the value is empty; leave the row out when there is no value")
                }
                current!.entry.times.append(t)
                current!.entry.values.append(value)
                current!.lines.append(record.line)
            } catch let error as InputError {
                current!.entry.problem = error.description
                current!.entry.times = []
                current!.entry.values = []
                current!.lines = []
            }
        }
        if knowsLastRows, order < lastRows.count, lastRows[order] == rows, let done = current {
            completed.append((finished((done.entry, done.lines)), order))
            current = nil
        }
    }

    /// A series with its rows sorted by period and a repeated period marked.
    private func finished(_ series: (entry: LongSeriesBatch.Entry, lines: [Int])) -> LongSeriesBatch.Entry {
        var (entry, lines) = series
        if entry.problem == nil { sortByTime(&entry, lines: &lines, file: file) }
        return entry
    }

    /// Every series still open, finished.
    ///
    /// - Throws: `InputError` for a file without even a header.
    mutating func finish() throws -> [(entry: LongSeriesBatch.Entry, order: Int)] {
        guard sawHeader else {
            throw InputError(file: file, "is empty; it needs a header row series_id,t,value and data rows")
        }
        if let last = current { open[last.order] = (last.entry, last.lines) }
        current = nil
        let rest = open.map { (finished($0.value), $0.key) }
        open = [:]
        return rest
    }
}

/// Sorts one series by period (when it is not sorted already) and marks a repeated period.
func sortByTime(_ entry: inout LongSeriesBatch.Entry, lines: inout [Int], file: String) {
    var sorted = true
    for k in entry.times.indices.dropFirst() where entry.times[k] <= entry.times[k - 1] { sorted = false; break }
    if !sorted {
        let order = entry.times.indices.sorted { (entry.times[$0], lines[$0]) < (entry.times[$1], lines[$1]) }
        entry.times = order.map { entry.times[$0] }
        entry.values = order.map { entry.values[$0] }
        lines = order.map { lines[$0] }
        for k in entry.times.indices.dropFirst() where entry.times[k] == entry.times[k - 1] {
            entry.problem = "\(file): lines \(lines[k - 1]) and \(lines[k]) both give t = \(entry.times[k]); keep one row per series and t"
            entry.times = []
            entry.values = []
            return
        }
    }
}

/// Reads long-format series from one sheet of an `.xlsx` workbook, as `readLongSeries(at:)` reads a
/// CSV file: columns `series_id` (or `series`, `id`, `unique_id`), `t` (or `year`, `ds`, `period`)
/// and `value` (or `y`) in the first non-blank row; a bad cell marks only its series as failed,
/// naming the sheet and cell.
///
/// - Throws: `InputError` for a workbook that cannot be read (see `readWorkbook(at:sheet:limits:)`)
///   or a header without the needed columns.
public func readLongSeries(workbook path: String, sheet: String? = nil) throws -> LongSeriesBatch {
    let grid = try readWorkbook(at: path, sheet: sheet)
    guard let headerIndex = grid.rows.firstIndex(where: { !$0.isBlank }) else {
        throw InputError(file: path, key: grid.sheet, "the sheet is empty; it needs a header row series_id,t,value and data rows")
    }
    let names = (0..<grid.columnCount).map { grid.headerText(row: headerIndex, column: $0) }
    func find(_ candidates: [String], _ what: String) throws -> Int {
        if let i = names.firstIndex(where: { candidates.contains($0) }) { return i }
        throw InputError(file: path, key: grid.sheet, "has no '\(what)' column (the header row \(grid.rows[headerIndex].number) is \(excerpt(names.joined(separator: ",")))); the header needs series_id,t,value")
    }
    let idColumn = try find(batchColumnNames.seriesID, "series_id")
    let timeColumn = try find(batchColumnNames.time, "t")
    let valueColumn = try find(batchColumnNames.value, "value")
    var index: [String: Int] = [:]
    var entries: [LongSeriesBatch.Entry] = []
    var lines: [[Int]] = []
    var unattributed: [String] = []
    var rows = 0
    for row in grid.rows[(headerIndex + 1)...] where !row.isBlank {
        rows += 1
        func cell(_ column: Int) -> String { grid.location(row: row, column: column, name: "").cell ?? "" }
        let id = row[idColumn].text
        guard !id.isEmpty else {
            unattributed.append("\(cell(idColumn)): the series_id is missing; every row needs one")
            continue
        }
        let k: Int
        if let known = index[id] { k = known } else {
            k = entries.count
            index[id] = k
            entries.append(LongSeriesBatch.Entry(id: id, times: [], values: [], problem: nil))
            lines.append([])
        }
        if entries[k].problem != nil { continue }
        var problem: String?
        var t = 0, value = 0.0
        if let whole = row[timeColumn].wholeNumber {
            t = whole
        } else if row[timeColumn] == .empty {
            problem = "\(cell(timeColumn)): t is missing; every row needs a whole-number t"
        } else {
            problem = "\(cell(timeColumn)): '\(excerpt(row[timeColumn].text))' is not a whole number; t must be an integer such as a year (2020) or a period number (1, 2, 3, …)"
        }
        switch row[valueColumn] {
        case .number(let v) where v.isFinite && abs(v) <= largestInputMagnitude: value = v
        case .empty: problem = problem ?? "\(cell(valueColumn)): the value is empty; leave the row out when there is no value"
        case .error(let code): problem = problem ?? "\(cell(valueColumn)): holds the Excel error \(code); correct the formula, or leave the row out"
        case .formulaWithoutValue: problem = problem ?? "\(cell(valueColumn)): holds a formula whose result was never saved; open the workbook in Excel or LibreOffice and save it again"
        default: problem = problem ?? "\(cell(valueColumn)): '\(excerpt(row[valueColumn].text))' is not a number a cell can hold; enter the number"
        }
        if let problem {
            entries[k].problem = "\(path): \(problem)"
            entries[k].times = []
            entries[k].values = []
            lines[k] = []
            continue
        }
        entries[k].times.append(t)
        entries[k].values.append(value)
        lines[k].append(row.number)
    }
    for k in entries.indices where entries[k].problem == nil {
        sortByTime(&entries[k], lines: &lines[k], file: path)
    }
    return LongSeriesBatch(file: path, entries: entries, unattributedProblems: unattributed, rowCount: rows)
}

extension DataCell {
    /// The cell as a period `t`: a whole number, or text that is one; nil otherwise.
    var wholeNumber: Int? {
        switch self {
        case .number(let v) where v == v.rounded() && abs(v) < 1e15: return Int(v)
        case .text(let text): return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }
}

/// The header names accepted for each column of a batch file (series_id,t,value and plancast's own
/// forecast files), lowercased: one table for every reader of that layout.
let batchColumnNames = (seriesID: ["series_id", "series", "id", "unique_id"],
                        time: ["t", "year", "ds", "period"],
                        value: ["value", "y"])
