import Foundation
import Forecasting
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Reads a whole input file read-only, refusing folders, unreadable files and files over `maximumBytes`.
///
/// The file is opened once (`O_RDONLY | O_NONBLOCK`, so a named pipe without a writer cannot hang
/// the run) and checked through that descriptor: the size limit holds for a symbolic link to a large
/// file too, and a pipe or device is read only up to the limit.
///
/// - Parameter maximumBytes: the largest file accepted; injectable so tests need not write large files.
/// - Throws: `InputError` naming the file: missing, a folder or unreadable (category `.noInput`, exit
///   status 66), larger than the limit (`.data`, 65).
public func readInputFile(at path: String, maximumBytes: Int,
                          whenTooLarge advice: String = "split it or keep only the series you need") throws -> Data {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
        let code = errno
        switch code {
        case ENOENT:
            throw InputError(file: path, "no such file; check the path", category: .noInput)
        case ENOTDIR:
            throw InputError(file: path, "no such file (a part of the path is a file, not a folder); check the path", category: .noInput)
        case EACCES, EPERM:
            throw InputError(file: path, "cannot be read (permission denied); check its permissions", category: .noInput)
        default:
            throw InputError(file: path, "cannot be opened (\(String(cString: strerror(code)))); check the path", category: .noInput)
        }
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
        throw InputError(file: path, "cannot be read (\(String(cString: strerror(errno)))); check the path", category: .noInput)
    }
    if status.st_mode & S_IFMT == S_IFDIR {
        throw InputError(file: path, "is a folder, not a file; give the path of a file inside it", category: .noInput)
    }
    let isRegular = status.st_mode & S_IFMT == S_IFREG
    if isRegular { InputFiles.register(status) }
    if isRegular, Int(status.st_size) > maximumBytes {
        throw tooLarge(path, size: Int(status.st_size), maximumBytes: maximumBytes, advice: advice)
    }
    // Blocking reads from here on: a pipe with a writer (`<(…)`) is read to its end.
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    var data = Data()
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunk) }
        if count == 0 { break }
        if count < 0 {
            if errno == EINTR { continue }
            if errno == EAGAIN { break }
            throw InputError(file: path, "could not be read (\(String(cString: strerror(errno)))); check the file", category: .noInput)
        }
        data.append(contentsOf: buffer[0..<count])
        if data.count > maximumBytes { throw tooLarge(path, size: data.count, maximumBytes: maximumBytes, advice: advice, atLeast: true) }
    }
    return data
}

private func tooLarge(_ path: String, size: Int, maximumBytes: Int, advice: String, atLeast: Bool = false) -> InputError {
    let what = atLeast ? "holds more than" : "is \(formatByteCount(size)), more than"
    return InputError(file: path, "\(what) the \(formatByteCount(maximumBytes)) plancast reads; \(advice)")
}

/// A size in bytes as a person reads it: `200 MB`, `1.5 MB`, `12 KB`, `300 bytes`.
func formatByteCount(_ bytes: Int) -> String {
    let megabytes = Double(bytes) / Double(1 << 20)
    if megabytes >= 1 { return formatNumber((megabytes * 10).rounded() / 10) + " MB" }
    if bytes >= 1 << 10 { return formatNumber((Double(bytes) / 1024 * 10).rounded() / 10) + " KB" }
    return "\(bytes) bytes"
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
        var hint = "quote fields that contain commas"
        if row.count > header.count, let split = decimalCommaSplit(row, header: header) {
            hint = "'\(split)' looks like a number with a decimal comma; write it with a dot (\(split.replacingOccurrences(of: ",", with: ".")))"
        }
        throw InputError(file: file, line: rowLine, "has \(row.count) fields but the header has \(header.count); \(hint)")
    }
    return CSVTable(file: file, header: header, rows: rows, lines: Array(lines.dropFirst()))
}

/// Two neighbouring fields that read as one number with a decimal comma (`1` and `31` from `1,31`):
/// at the `value` column when the header has one, else the rightmost such pair.
private func decimalCommaSplit(_ row: [String], header: [String]) -> String? {
    func isWhole(_ text: String) -> Bool { text.range(of: #"^-?\d+$"#, options: .regularExpression) != nil }
    func isDigits(_ text: String) -> Bool { text.range(of: #"^\d+$"#, options: .regularExpression) != nil }
    let candidates: [Int]
    if let value = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "value" }) {
        candidates = [value]
    } else {
        candidates = Array(row.indices.dropLast().reversed())
    }
    for i in candidates where i + 1 < row.count && isWhole(row[i]) && isDigits(row[i + 1]) {
        return "\(row[i]),\(row[i + 1])"
    }
    return nil
}

/// The largest magnitude accepted in a data or scenario file. Beyond it, sums of squares in a fit
/// lose all precision or overflow; no planning figure comes near it (10^18 đồng is a hundred times
/// Viet Nam's GDP).
public let largestInputMagnitude = 1e18

/// Writes `value` as a CSV field, quoting when needed: for a comma, quote or line break, and for
/// leading or trailing spaces (which `parseCSV` trims from unquoted fields).
public func csvField(_ value: String) -> String {
    let padded = [value.unicodeScalars.first, value.unicodeScalars.last].contains { $0.map(CharacterSet.whitespaces.contains) ?? false }
    // Scalars, not Characters: a comma followed by a combining mark is one Character that is not ","
    // but still a separator to the reader (found by fuzzing).
    if padded || value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
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
    if let value = Double(text) {
        if value.isNaN || (value.isInfinite && !text.contains(where: \.isNumber)) {
            throw InputError(file: file, line: line, key: column, "'\(text)' is not a number; leave the row out when there is no value")
        }
        guard value.isFinite, abs(value) <= largestInputMagnitude else {
            throw InputError(file: file, line: line, key: column, "'\(text)' is too large to compute with (more than 10^18); check the units, e.g. write billions instead of units")
        }
        return value
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
