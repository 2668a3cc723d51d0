import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a CSV file, valid only inside the `forEachCSVRecord` call that passes it.
public struct CSVRecord {
    /// The 1-based line on which the record starts.
    public let line: Int
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let fields: UnsafeBufferPointer<CSVFieldRange>

    /// The number of fields.
    public var count: Int { fields.count }

    /// Field `i` as text: unquoted fields trimmed of spaces, quoted ones as written with `""` read as `"`.
    public func string(_ i: Int) -> String {
        let field = fields[i]
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
        return field.hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Whether field `i` is empty.
    public func isEmpty(_ i: Int) -> Bool { fields[i].start == fields[i].end }

    /// Whether field `i` holds exactly `other`'s bytes (no escaped quotes in either).
    func bytesEqual(_ i: Int, _ other: [UInt8]) -> Bool {
        let field = fields[i]
        guard !field.hasEscapedQuotes, field.end - field.start == other.count else { return false }
        var k = 0
        for j in field.start..<field.end {
            if bytes[j] != other[k] { return false }
            k += 1
        }
        return true
    }

    func rawBytes(_ i: Int) -> [UInt8] { Array(bytes[fields[i].start..<fields[i].end]) }

    /// Field `i` as a finite number, or nil when it is empty.
    ///
    /// A plain decimal number (`plainDecimal(_:)`) is read from the bytes directly; anything else
    /// goes through `parseNumber`, which names the line and column and says what to write instead.
    public func number(_ i: Int, file: String, column: String) throws -> Double? {
        let field = fields[i]
        if field.start == field.end { return nil }
        if !field.hasEscapedQuotes, let value = plainDecimal(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])),
           value.isFinite, abs(value) <= largestInputMagnitude {
            return value
        }
        return try parseNumber(string(i), file: file, line: line, column: column)
    }

    /// Field `i` as a whole number (a year or a period number).
    public func integer(_ i: Int, file: String, column: String) throws -> Int {
        let field = fields[i]
        var j = field.start
        var negative = false
        if j < field.end, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
            negative = bytes[j] == UInt8(ascii: "-"); j += 1
        }
        var value = 0, digits = 0
        while j < field.end, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"), digits < 15 {
            value = value * 10 + Int(bytes[j] - UInt8(ascii: "0")); j += 1; digits += 1
        }
        if j == field.end, digits > 0 { return negative ? -value : value }
        let text = string(i)
        if text.isEmpty {
            throw InputError(file: file, line: line, key: column, "\(column) is missing; every row needs a whole-number \(column)")
        }
        if let number = plainDecimal(text), number == number.rounded(), abs(number) < 1e15 {
            throw InputError(file: file, line: line, key: column, "'\(excerpt(text))' is not written as a whole number; write \(Int(number))")
        }
        throw InputError(file: file, line: line, key: column, "'\(excerpt(text))' is not a whole number; \(column) must be an integer such as a year (2020) or a period number (1, 2, 3, …)")
    }
}

fileprivate struct CSVFieldRange {
    var start: Int
    var end: Int
    var hasEscapedQuotes: Bool
}

/// Reads a CSV file record by record, a chunk at a time, so a large file is never held whole.
///
/// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; a UTF-8 byte-order mark
/// and CRLF line ends are accepted; blank lines are skipped. The first record passed is the header.
///
/// - Parameters:
///   - path: the file.
///   - chunkSize: bytes read at a time (injectable so tests can cut records across chunks).
///   - body: called with each record; it must not keep it.
/// - Throws: `InputError` naming the file (and line): missing, a folder, unreadable, an unterminated
///   quote, or a quote inside an unquoted field; and whatever `body` throws.
/// - Complexity: O(file size); memory O(chunk size + longest record).
public func forEachCSVRecord(at path: String, chunkSize: Int = 1 << 20, _ body: (CSVRecord) throws -> Void) throws {
    let descriptor = try openForReading(path)
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: max(chunkSize, 64))
    var filled = 0            // bytes of `buffer` holding data
    var recordStart = 0       // start of the record being scanned
    var scan = 0              // next byte to scan
    var inQuotes = false
    var line = 1              // line of the byte at `scan`
    var recordLine = 1
    var atFileStart = true
    var endOfFile = false
    var fields: [CSVFieldRange] = []

    func emit(_ start: Int, _ end: Int, line: Int) throws {
        var stop = end
        if stop > start, buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        try buffer.withUnsafeBufferPointer { bytes in
            try splitFields(bytes, start, stop, into: &fields, file: path, line: line)
            if fields.count == 1, fields[0].start == fields[0].end { return }   // a blank line
            try fields.withUnsafeBufferPointer { ranges in
                try body(CSVRecord(line: line, bytes: bytes, fields: ranges))
            }
        }
    }

    while true {
        // Scan what is buffered for complete records.
        while scan < filled {
            let byte = buffer[scan]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: "\n") {
                if !inQuotes {
                    try emit(recordStart, scan, line: recordLine)
                    recordStart = scan + 1
                    recordLine = line + 1
                }
                line += 1
            } else if byte == 0 {
                throw nulByteError(file: path, line: line)
            }
            scan += 1
        }
        if endOfFile { break }
        // Keep the unfinished record, then read more behind it.
        if recordStart > 0 {
            let remaining = filled - recordStart
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + recordStart, remaining)
                }
            }
            scan -= recordStart
            filled = remaining
            recordStart = 0
        }
        if buffer.count - filled < max(1, chunkSize / 2) { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let got = try readSome(descriptor, into: &buffer, at: filled, path: path)
        if got == 0 {
            endOfFile = true
        } else {
            if atFileStart {
                atFileStart = false
                if got >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { recordStart = 3; scan = 3 }
            }
            filled += got
        }
    }
    if inQuotes {
        throw InputError(file: path, line: recordLine, "a quoted field is never closed; add the closing quote")
    }
    if recordStart < filled { try emit(recordStart, filled, line: recordLine) }
}

/// Splits `bytes[start..<end]` into fields.
private func splitFields(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into fields: inout [CSVFieldRange],
                         file: String, line: Int) throws {
    fields.removeAll(keepingCapacity: true)
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    var i = start
    while true {
        while i < end, bytes[i] == space || bytes[i] == tab { i += 1 }
        if i < end, bytes[i] == quote {
            let contentStart = i + 1
            var j = contentStart
            var escaped = false
            var lineOffset = 0
            while true {
                guard j < end else { throw InputError(file: file, line: line, "a quoted field is never closed; add the closing quote") }
                if bytes[j] == quote {
                    if j + 1 < end, bytes[j + 1] == quote { escaped = true; j += 2; continue }
                    break
                }
                if bytes[j] == UInt8(ascii: "\n") { lineOffset += 1 }
                j += 1
            }
            fields.append(CSVFieldRange(start: contentStart, end: j, hasEscapedQuotes: escaped))
            i = j + 1
            while i < end, bytes[i] == space || bytes[i] == tab { i += 1 }
            if i < end, bytes[i] != comma {
                throw InputError(file: file, line: line + lineOffset, "text after a closing quote; put the whole field in quotes and double the inner quotes (\"\")")
            }
        } else {
            var j = i
            while j < end, bytes[j] != comma {
                if bytes[j] == quote {
                    throw InputError(file: file, line: line, "a quote inside an unquoted field; put the whole field in quotes and double the inner quote (\"\")")
                }
                j += 1
            }
            var stop = j
            while stop > i, bytes[stop - 1] == space || bytes[stop - 1] == tab { stop -= 1 }
            fields.append(CSVFieldRange(start: i, end: stop, hasEscapedQuotes: false))
            i = j
        }
        if i >= end { break }
        i += 1   // past the comma
        if i == end { fields.append(CSVFieldRange(start: end, end: end, hasEscapedQuotes: false)); break }
    }
}

/// Opens a file read-only with clear errors for a missing file, a folder or no permission.
private func openForReading(_ path: String) throws -> Int32 {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        let code = errno
        switch code {
        case ENOENT: throw InputError(file: path, "no such file; check the path", category: .noInput)
        case EACCES, EPERM: throw InputError(file: path, "cannot be read (permission denied); check its permissions", category: .noInput)
        default: throw InputError(file: path, "cannot be opened (\(String(cString: strerror(code)))); check the path", category: .noInput)
        }
    }
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        close(descriptor)
        throw InputError(file: path, "is a folder, not a file; give the path of a file inside it", category: .noInput)
    }
    if status.st_mode & S_IFMT == S_IFREG { InputFiles.register(status) }
    return descriptor
}

/// Reads up to the free space of `buffer` after `offset`; 0 at the end of the file.
private func readSome(_ descriptor: Int32, into buffer: inout [UInt8], at offset: Int, path: String) throws -> Int {
    while true {
        let count = buffer.withUnsafeMutableBytes { raw in
            read(descriptor, raw.baseAddress! + offset, raw.count - offset)
        }
        if count >= 0 { return count }
        if errno == EINTR { continue }
        throw InputError(file: path, "could not be read (\(String(cString: strerror(errno)))); check the file", category: .noInput)
    }
}

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
public func readLongSeries(at path: String) throws -> LongSeriesBatch {
    var reader = LongSeriesAccumulator(file: path, lastRows: nil)
    try forEachCSVRecord(at: path) { record in try reader.take(record) }
    var entries = try reader.finish()
    entries.sort { $0.order < $1.order }
    return LongSeriesBatch(file: path, entries: entries.map(\.entry), unattributedProblems: reader.unattributed, rowCount: reader.rows)
}

/// What `streamLongSeries` read besides the series it passed on.
public struct LongSeriesSummary: Sendable {
    /// Series passed on (forecastable or with a problem).
    public var seriesCount: Int
    /// Rows that belong to no series (no id), as messages with their lines.
    public var unattributedProblems: [String]
    /// Data rows read.
    public var rowCount: Int

    public init(seriesCount: Int, unattributedProblems: [String], rowCount: Int) {
        self.seriesCount = seriesCount
        self.unattributedProblems = unattributedProblems
        self.rowCount = rowCount
    }
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
public func streamLongSeries(at path: String, _ body: (LongSeriesBatch.Entry, Int) throws -> Void) throws -> LongSeriesSummary {
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        let batch = try readLongSeries(at: path)
        for (order, entry) in batch.entries.enumerated() { try body(entry, order) }
        return LongSeriesSummary(seriesCount: batch.entries.count, unattributedProblems: batch.unattributedProblems, rowCount: batch.rowCount)
    }
    // First pass: the last data row of each series, by order of first appearance.
    var survey = LongSeriesAccumulator(file: path, lastRows: nil, keepRows: false)
    try forEachCSVRecord(at: path) { record in try survey.take(record) }
    _ = try survey.finish()
    var reader = LongSeriesAccumulator(file: path, lastRows: survey.lastRows, index: survey.index)
    survey = LongSeriesAccumulator(file: path, lastRows: nil)
    var passed = 0
    try forEachCSVRecord(at: path) { record in
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
    return LongSeriesSummary(seriesCount: passed, unattributedProblems: reader.unattributed, rowCount: reader.rows)
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

    init(file: String, lastRows: [Int]?, index: [String: Int] = [:], keepRows: Bool = true) {
        self.file = file
        self.lastRows = lastRows ?? []
        self.knowsLastRows = lastRows != nil
        self.index = index
        self.keepRows = keepRows
    }

    mutating func take(_ record: CSVRecord) throws {
        if !sawHeader {
            sawHeader = true
            let names = (0..<record.count).map { record.string($0).lowercased() }
            try checkHeader(names, file: file, line: record.line)
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
                guard let value = try record.number(valueColumn, file: file, column: "value") else {
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
        switch row[timeColumn] {
        case .number(let v) where v == v.rounded() && abs(v) < 1e15: t = Int(v)
        case .text(let text) where Int(text.trimmingCharacters(in: .whitespaces)) != nil: t = Int(text.trimmingCharacters(in: .whitespaces))!
        case .empty: problem = "\(cell(timeColumn)): t is missing; every row needs a whole-number t"
        default: problem = "\(cell(timeColumn)): '\(excerpt(row[timeColumn].text))' is not a whole number; t must be an integer such as a year (2020) or a period number (1, 2, 3, …)"
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

/// The header names accepted for each column of a batch file (series_id,t,value and plancast's own
/// forecast files), lowercased: one table for every reader of that layout.
let batchColumnNames = (seriesID: ["series_id", "series", "id", "unique_id"],
                        time: ["t", "year", "ds", "period"],
                        value: ["value", "y"])
