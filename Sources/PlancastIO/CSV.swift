import Foundation

/// A parsed CSV file: a header and rows of fields, each row remembering its line in the file.
public struct CSVTable: Sendable {
    public var file: String
    public var header: [String]
    public var rows: [[String]]
    /// The 1-based line on which each row starts.
    public var lines: [Int]

    /// The index of the first header column among `names` (case-insensitive), if any.
    public func column(_ names: String...) -> Int? {
        for name in names {
            if let i = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == name }) { return i }
        }
        return nil
    }
}

/// Reads a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks; a UTF-8
/// byte-order mark and CRLF line ends are accepted).
///
/// - Throws: `InputError` naming the file and line: missing or unreadable file, a folder, not UTF-8,
///   empty, an unterminated quote, a row with the wrong number of fields, or semicolon separators.
public func readCSV(at path: String, maximumBytes: Int = 100 << 20) throws -> CSVTable {
    let data = try readInputFile(at: path, maximumBytes: maximumBytes)
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, "is not UTF-8 text; save it as \"CSV UTF-8\"")
    }
    return try parseCSV(text, file: path)
}

/// Reads a whole input file, refusing folders, unreadable files and files over `maximumBytes`.
public func readInputFile(at path: String, maximumBytes: Int) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(file: path, "no such file; check the path", category: .noInput)
    }
    if isDirectory.boolValue {
        throw InputError(file: path, "is a folder, not a file; give the path of a file inside it", category: .noInput)
    }
    guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
        throw InputError(file: path, "cannot be read (permission denied); check its permissions", category: .noInput)
    }
    defer { try? handle.close() }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = attributes?[.size] as? Int, size > maximumBytes {
        throw InputError(file: path, "is \(size / (1 << 20)) MB, more than the \(maximumBytes / (1 << 20)) MB plancast reads; split it or keep only the series you need")
    }
    do {
        return try handle.readToEnd() ?? Data()
    } catch {
        throw InputError(file: path, "could not be read: \(error.localizedDescription)", category: .noInput)
    }
}

/// Parses CSV text; see `readCSV(at:)`.
public func parseCSV(_ input: String, file: String) throws -> CSVTable {
    var text = Substring(input)
    if text.first == "\u{FEFF}" { text = text.dropFirst() }
    var records: [[String]] = []
    var lines: [Int] = []
    var field = ""
    var record: [String] = []
    var inQuotes = false
    var quotedField = false
    var line = 1
    var recordLine = 1
    var quoteLine = 1
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func endField() { record.append(quotedField ? field : field.trimmingCharacters(in: .whitespaces)); field = ""; quotedField = false }
    func endRecord() {
        endField()
        if !(record.count == 1 && record[0].isEmpty) { records.append(record); lines.append(recordLine) }
        record = []
    }
    while let c = pending ?? iterator.next() {
        pending = nil
        if inQuotes {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else { inQuotes = false }
            } else {
                if c == "\n" { line += 1 }
                if c == "\r" { continue }
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"":
            if field.trimmingCharacters(in: .whitespaces).isEmpty { field = ""; inQuotes = true; quotedField = true; quoteLine = line }
            else { throw InputError(file: file, line: line, "a quote inside an unquoted field; put the whole field in quotes and double the inner quote (\"\")") }
        case ",": endField()
        case "\r":
            if let next = iterator.next(), next != "\n" { pending = next }
            endRecord(); line += 1; recordLine = line
        case "\n":
            endRecord(); line += 1; recordLine = line
        default:
            field.unicodeScalars.append(c)
        }
    }
    if inQuotes { throw InputError(file: file, line: quoteLine, "a quoted field is never closed; add the closing quote") }
    if !field.isEmpty || !record.isEmpty { endRecord() }
    guard let header = records.first else {
        throw InputError(file: file, "is empty; it needs a header row (for example series,year,value) and data rows")
    }
    if header.count == 1, header[0].contains(";") {
        throw InputError(file: file, line: lines[0], "the header is separated by semicolons; plancast reads comma-separated files with a dot as decimal mark (in Excel: save as \"CSV UTF-8 (comma delimited)\")")
    }
    if header.count == 1, header[0].contains("\t") {
        throw InputError(file: file, line: lines[0], "the header is separated by tabs; plancast reads comma-separated files")
    }
    let rows = Array(records.dropFirst())
    for (row, rowLine) in zip(rows, lines.dropFirst()) where row.count != header.count {
        throw InputError(file: file, line: rowLine, "has \(row.count) fields but the header has \(header.count); quote fields that contain commas")
    }
    return CSVTable(file: file, header: header, rows: rows, lines: Array(lines.dropFirst()))
}

/// Writes `value` as a CSV field, quoting when needed.
public func csvField(_ value: String) -> String {
    if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
}

/// Parses a number as written in a data file, with hints for the usual spreadsheet mistakes.
///
/// - Returns: the value, or `nil` for an empty field.
/// - Throws: `InputError` for text that is not a plain decimal number.
public func parseNumber(_ raw: String, file: String, line: Int, column: String) throws -> Double? {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { return nil }
    let lowered = text.lowercased()
    if ["nan", "na", "n/a", "null", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lowered) {
        throw InputError(file: file, line: line, key: column, "'\(text)' is not a number; leave the row out when there is no value")
    }
    if let value = Double(text), value.isFinite {
        if abs(value) > 1e300 {
            throw InputError(file: file, line: line, key: column, "'\(text)' is too large to compute with; check the units")
        }
        return value
    }
    if Double(text) != nil {
        throw InputError(file: file, line: line, key: column, "'\(text)' is too large to compute with; check the units")
    }
    if text.range(of: #"^-?\d{1,3}(,\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil {
        throw InputError(file: file, line: line, key: column, "'\(text)' has a thousands separator; write it without separators (\(text.replacingOccurrences(of: ",", with: "")))")
    }
    if text.range(of: #"^-?\d{1,3}(\.\d{3})+(,\d+)?$"#, options: .regularExpression) != nil
        || text.range(of: #"^-?\d+,\d+$"#, options: .regularExpression) != nil {
        throw InputError(file: file, line: line, key: column, "'\(text)' uses a decimal comma or dot thousands separators; write numbers with a dot as decimal mark and no separators")
    }
    throw InputError(file: file, line: line, key: column, "'\(text)' is not a number; give a plain number such as 12.5")
}

/// Parses a year: a whole number, with a hint for `2020.0` and ranges such as `2016-2020`.
public func parseYear(_ raw: String, file: String, line: Int, column: String) throws -> Int {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if let year = Int(text) { return year }
    if let value = Double(text), value == value.rounded(), abs(value) < 1e6 {
        throw InputError(file: file, line: line, key: column, "'\(text)' is not a whole year; write \(Int(value))")
    }
    if text.isEmpty { throw InputError(file: file, line: line, key: column, "the year is missing; every row needs a year") }
    throw InputError(file: file, line: line, key: column, "'\(text)' is not a year; give one calendar year per row (ranges and partial years cannot be used)")
}
