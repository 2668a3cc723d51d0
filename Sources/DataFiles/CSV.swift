import Foundation
import Forecasting
import Planning
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a CSV file separates fields and writes decimals.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// Commas between fields, a dot as decimal mark (RFC 4180; Excel's "CSV UTF-8" on an English machine).
    case standard
    /// Semicolons between fields and a decimal comma (`1.234,5`): what Excel writes on a Vietnamese
    /// (vi-VN) machine.
    case vietnamese = "vi"
}

/// A parsed CSV file: a header and rows of fields, each row remembering its line in the file.
public struct CSVTable: Sendable {
    public var file: String
    public var header: [String]
    public var rows: [[String]]
    /// The 1-based line on which each row starts.
    public var lines: [Int]
    /// The dialect the file was read in.
    public var dialect: CSVDialect = .standard
    /// Whether the dialect was detected from the header rather than given.
    public var dialectDetected = false

    /// The index of the first header column among `names` (case-insensitive), if any.
    public func column(_ names: String...) -> Int? {
        for name in names {
            if let i = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == name }) { return i }
        }
        return nil
    }
}

/// Reads a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks; a UTF-8
/// byte-order mark and CRLF line ends are accepted; see `CSVTokenizer.swift` for the grammar every
/// CSV reader shares).
///
/// - Parameter dialect: the dialect; nil to detect it: a header with semicolons and no comma is read
///   as `.vietnamese` (and `dialectDetected` says so), any other as `.standard`.
/// - Throws: `InputError` naming the file and line: missing or unreadable file, a folder, UTF-16 or
///   another encoding than UTF-8 (named, with the command that converts it), empty, malformed quoting
///   (a quote never closed, a quote inside an unquoted field, text after a closing quote), a row with
///   the wrong number of fields, or semicolon separators in a standard file.
public func readCSV(at path: String, maximumBytes: Int = 100 << 20, dialect: CSVDialect? = nil) throws -> CSVTable {
    let data = try readInputFile(at: path, maximumBytes: maximumBytes)
    try checkEncoding(data, file: path)
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, "is not UTF-8 text; save it as \"CSV UTF-8\"")
    }
    let chosen = dialect ?? csvDialect(ofLeadingBytes: data)
    let detected = dialect == nil && chosen == .vietnamese
    var table = try parseCSV(text, file: path, separator: chosen == .vietnamese ? ";" : ",", refusingComments: true)
    table.dialect = chosen
    table.dialectDetected = detected
    return table
}

/// Refuses text that is not UTF-8, naming the encoding and the command that converts it: UTF-16
/// (with a byte-order mark, or ASCII with every other byte zero), and the legacy Vietnamese Windows
/// code page 1258 (bytes that are not UTF-8, among them its Vietnamese letters and tone marks).
func checkEncoding(_ data: Data, file: String) throws {
    try checkNotUTF16(data.prefix(4), file: file)
    guard String(data: data, encoding: .utf8) == nil else { return }
    // Windows-1258: Ă ă Â â Đ đ Ê ê Ô ô Ơ ơ Ư ư and the combining tone marks (0xCC 0xEC 0xD2 0xDE 0xF2).
    let vietnamese: Set<UInt8> = [0xC3, 0xE3, 0xC2, 0xE2, 0xD0, 0xF0, 0xCA, 0xEA, 0xD4, 0xF4, 0xD5, 0xF5, 0xDD, 0xFD,
                                  0xCC, 0xEC, 0xD2, 0xDE, 0xF2]
    let high = data.filter { $0 >= 0x80 }
    if !high.isEmpty, Double(high.filter { vietnamese.contains($0) }.count) >= 0.5 * Double(high.count) {
        throw InputError(file: file, "is not UTF-8 text; it looks like Windows-1258 (the Vietnamese Windows code page); \(convertCommand(file, from: "WINDOWS-1258"))")
    }
    throw notUTF8Error(file: file)
}

/// What to do with a file in another encoding: Excel's "CSV UTF-8", or the iconv command.
func convertCommand(_ file: String, from encoding: String) -> String {
    let converted = (file.hasSuffix(".csv") ? String(file.dropLast(4)) : file) + "-utf8.csv"
    return "save it in Excel as \"CSV UTF-8 (Comma delimited)\", or convert it: iconv -f \(encoding) -t UTF-8 '\(file)' > '\(converted)'"
}

/// Refuses UTF-16 text from its first bytes (at least 4 when the file has them): a UTF-16 byte-order
/// mark, or ASCII with every other byte zero. The readers that stream a file check its first chunk
/// with this, so that UTF-16 is named as such and not as an unknown code page.
func checkNotUTF16<C: Collection>(_ first: C, file: String) throws where C.Element == UInt8 {
    let bytes = Array(first.prefix(4))
    func convert(_ encoding: String) -> String { convertCommand(file, from: encoding) }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
        let order = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
        throw InputError(file: file, "is UTF-16 text (\(order), it starts with a UTF-16 byte-order mark), not UTF-8; \(convert("UTF-16"))")
    }
    if bytes.count >= 4, bytes[1] == 0, bytes[3] == 0, bytes[0] != 0 {
        throw InputError(file: file, "is UTF-16 text (UTF-16LE, without a byte-order mark), not UTF-8; \(convert("UTF-16LE"))")
    }
    if bytes.count >= 4, bytes[0] == 0, bytes[2] == 0, bytes[1] != 0 {
        throw InputError(file: file, "is UTF-16 text (UTF-16BE, without a byte-order mark), not UTF-8; \(convert("UTF-16BE"))")
    }
}

/// The error for text that is not UTF-8 and whose code page is not known: the file (and the line
/// of the first byte that is not UTF-8, when it is streamed), with the command that converts it.
func notUTF8Error(file: String, line: Int? = nil) -> InputError {
    InputError(file: file, line: line, "is not UTF-8 text but a legacy code page (Windows-1258 for Vietnamese, Windows-1252 for Western text, …); \(convertCommand(file, from: "CODEPAGE")), with CODEPAGE the one it was saved in")
}

/// Parses CSV text; see `readCSV(at:)`. `separator` is `,` (standard) or `;` (the Vietnamese dialect).
///
/// The text is split by the tokenizer every CSV reader uses (`forEachCSVRecord`), so that it reads
/// exactly what the streaming readers read.
///
/// - Parameter refusingComments: refuse a line that starts with `#` (a comment in other formats, a
///   data row here) with a message that says so.
public func parseCSV(_ input: String, file: String, separator: Unicode.Scalar = ",", refusingComments: Bool = false) throws -> CSVTable {
    var text = input
    var records: [[String]] = []
    var lines: [Int] = []
    try text.withUTF8 { bytes in
        try forEachCSVRecord(in: bytes, file: file, separator: separator) { record in
            records.append(record.strings)
            lines.append(record.line)
        }
    }
    guard let header = records.first else {
        throw InputError(file: file, "is empty; it needs a header row (for example series,year,value) and data rows")
    }
    if refusingComments, let k = records.firstIndex(where: { $0.first?.hasPrefix("#") == true }) {
        throw InputError(file: file, line: lines[k], "starts with '#', but a CSV file has no comment lines (this one would be read as data); delete the line, or put the note in the source or quote column")
    }
    try checkHeader(header, file: file, line: lines[0], separator: separator)
    let rows = Array(records.dropFirst())
    for (row, rowLine) in zip(rows, lines.dropFirst()) where row.count != header.count {
        var hint = "quote fields that contain commas"
        if separator == ",", row.count > header.count, let split = decimalCommaSplit(row, header: header) {
            hint = "'\(split)' looks like a number with a decimal comma; write it with a dot (\(split.replacingOccurrences(of: ",", with: ".")))"
        }
        throw InputError(file: file, line: rowLine, "has \(row.count) fields but the header has \(header.count); \(hint)")
    }
    return CSVTable(file: file, header: header, rows: rows, lines: Array(lines.dropFirst()))
}

/// Refuses a header that is separated by semicolons or tabs, or that names a column twice (case and
/// spaces aside, as the readers compare names): the readers would silently use the first.
///
/// - Throws: `InputError` naming the file and line, and for a repeated name both columns (1-based).
public func checkHeader(_ header: [String], file: String, line: Int, separator: Unicode.Scalar = ",") throws {
    if header.count == 1, header[0].contains(","), separator == ";" {
        throw InputError(file: file, line: line, "the header is separated by commas, but the file is read as the Vietnamese dialect (semicolons, decimal commas); read it as a standard CSV file")
    }
    if header.count == 1, header[0].contains(";"), separator == "," {
        throw InputError(file: file, line: line, "the header is separated by semicolons; plancast reads comma-separated files with a dot as decimal mark (in Excel: save as \"CSV UTF-8 (comma delimited)\")")
    }
    if header.count == 1, header[0].contains("\t") {
        throw InputError(file: file, line: line, "the header is separated by tabs; plancast reads comma-separated files")
    }
    var firstColumn: [String: Int] = [:]
    for (column, raw) in header.enumerated() {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if name.isEmpty { continue }   // unnamed columns (trailing commas from a spreadsheet) are ignored
        if let first = firstColumn[name] {
            throw InputError(file: file, line: line, "the header names '\(excerpt(name))' twice (columns \(first + 1) and \(column + 1)); rename or remove one, so that it is clear which is read")
        }
        firstColumn[name] = column
    }
}

/// The error for a NUL byte in a CSV file: it is binary, or UTF-16 text, and a NUL would cut a value
/// short where C functions read it (`1\u{0}99` read as 1).
func nulByteError(file: String, line: Int) -> InputError {
    InputError(file: file, line: line, "holds a NUL byte (a zero byte), so it is not a text CSV file (perhaps binary, or saved as UTF-16); save it as \"CSV UTF-8\"")
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

/// CSV lines (standard dialect) rewritten in the Vietnamese dialect: semicolons between fields and
/// a decimal comma in every plain number (`1234.5` → `1234,5`); text fields with a semicolon, quote
/// or line break quoted.
///
/// ```swift
/// vietnameseDialect(["id,value", "\"Khách, lượt\",4.25"])   // ["id;value", "Khách, lượt;4,25"]
/// ```
public func vietnameseDialect(_ lines: [String]) -> [String] {
    guard let table = try? parseCSV(lines.joined(separator: "\n"), file: "") else { return lines }
    func field(_ value: String) -> String {
        if plainDecimal(value) != nil { return value.replacingOccurrences(of: ".", with: ",") }
        let padded = [value.unicodeScalars.first, value.unicodeScalars.last].contains { $0.map(CharacterSet.whitespaces.contains) ?? false }
        guard padded || value.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return ([table.header] + table.rows).map { $0.map(field).joined(separator: ";") }
}

/// The value of a plain decimal number, or nil for any other text.
///
/// Plain: an optional sign, digits, optionally a point followed by digits, optionally an exponent
/// (`e` or `E`, an optional sign, digits). Nothing else: no spaces, no hexadecimal (`0x6A`,
/// `0x1p-2`, which `Double(_:)` reads as 106 and 0.25), no `inf` or `nan` in any case, no `.5` or
/// `5.`, no NUL byte (`Double("1\u{0}99")` is 1). Every number read from a data or scenario file
/// goes through this function.
///
/// ```swift
/// plainDecimal("-12.5e3")   // -12500
/// plainDecimal("0x6A")      // nil
/// plainDecimal("1e400")     // +infinity: plain but too large; callers check the magnitude
/// ```
///
/// - Complexity: O(n) in the length of the text.
public func plainDecimal(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { plainDecimal($0) }
}

/// The value of the plain decimal number in `bytes` (UTF-8), or nil; see `plainDecimal(_:)`.
public func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard isPlainDecimal(bytes) else { return nil }
    // Only ASCII digits, a sign, a point and an exponent from here: strtod reads exactly that text.
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
        for k in 0..<bytes.count { buffer[k] = CChar(bitPattern: bytes[k]) }
        buffer[bytes.count] = 0
        return strtod(buffer.baseAddress!, nil)
    }
}

/// Whether `bytes` is `[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
private func isPlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let end = bytes.count
    var i = 0
    func skipSign() { if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 } }
    func skipDigits() -> Bool {
        let start = i
        while i < end, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        return i > start
    }
    skipSign()
    guard skipDigits() else { return false }
    if i < end, bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard skipDigits() else { return false }
    }
    if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        i += 1
        skipSign()
        guard skipDigits() else { return false }
    }
    return i == end
}

/// Parses a number as written in a data file, with hints for the usual spreadsheet mistakes.
///
/// - Returns: the value, or `nil` for an empty field.
/// - Throws: `InputError` for text that is not a plain decimal number (see `plainDecimal(_:)`), or a
///   number beyond ±10^18.
public func parseNumber(_ raw: String, file: String, line: Int, column: String) throws -> Double? {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { return nil }
    let shown = excerpt(text)
    if let value = plainDecimal(text) {
        guard value.isFinite, abs(value) <= largestInputMagnitude else {
            throw InputError(file: file, line: line, key: column, "'\(shown)' is too large to compute with (more than 10^18); check the units, e.g. write billions instead of units")
        }
        return value
    }
    let lowered = text.lowercased()
    let unsigned = lowered.first == "+" || lowered.first == "-" ? String(lowered.dropFirst()) : lowered
    if ["nan", "na", "n/a", "null", "inf", "infinity"].contains(unsigned) {
        throw InputError(file: file, line: line, key: column, "'\(shown)' is not a number; leave the row out when there is no value")
    }
    if text.range(of: #"^-?\d{1,3}(,\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil {
        throw InputError(file: file, line: line, key: column, "'\(shown)' has a thousands separator; write it without separators (\(text.replacingOccurrences(of: ",", with: "")))")
    }
    if text.range(of: #"^-?\d{1,3}([ \x{A0}\x{202F}]\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil {
        let plain = text.filter { $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" }
        throw InputError(file: file, line: line, key: column, "'\(shown)' has spaces as thousands separators; write it without them (\(plain))")
    }
    if text.range(of: #"^-?\d{1,3}(\.\d{3})+(,\d+)?$"#, options: .regularExpression) != nil
        || text.range(of: #"^-?\d+,\d+$"#, options: .regularExpression) != nil {
        throw InputError(file: file, line: line, key: column, "'\(shown)' uses a decimal comma or dot thousands separators; write numbers with a dot as decimal mark and no separators")
    }
    if unsigned.hasPrefix("0x") {
        let decimal = Double(text).flatMap { $0.isFinite ? " (\(formatNumber($0)))" : nil } ?? ""
        throw InputError(file: file, line: line, key: column, "'\(shown)' is written in hexadecimal; give a plain decimal number\(decimal)")
    }
    if text.range(of: #"^[+-]?\.\d+$"#, options: .regularExpression) != nil {
        let sign = text.first == "." ? "" : String(text.first!)
        throw InputError(file: file, line: line, key: column, "'\(shown)' has no digit before the point; write \(sign)0\(text.drop { $0 != "." })")
    }
    if text.range(of: #"^[+-]?\d+\.$"#, options: .regularExpression) != nil {
        throw InputError(file: file, line: line, key: column, "'\(shown)' ends with a point; write \(text.dropLast())")
    }
    if text.hasSuffix("*"), let marked = plainDecimal(String(text.prefix { $0 != "*" }).trimmingCharacters(in: .whitespaces)),
       marked.isFinite, text.drop(while: { $0 != "*" }).allSatisfy({ $0 == "*" }) {
        throw InputError(file: file, line: line, key: column, "'\(shown)' is not a number: an asterisk marks an estimate in a yearbook; write \(formatNumber(marked)) and estimate in the kind column")
    }
    if text.hasSuffix("%"), let percent = plainDecimal(String(text.dropLast()).trimmingCharacters(in: .whitespaces)), percent.isFinite {
        throw InputError(file: file, line: line, key: column, "'\(shown)' is not a number; write it without '%': \(formatNumber(percent))")
    }
    throw InputError(file: file, line: line, key: column, "'\(shown)' is not a number; give a plain decimal number such as 12.5")
}

/// Parses a year: four digits, 1000–9999, with hints for `2020.0` and ranges such as `2016-2020`.
///
/// A year of another length is refused rather than read: `201` would sort before 2013 and shift a
/// trend fitted on years by centuries.
public func parseYear(_ raw: String, file: String, line: Int, column: String) throws -> Int {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text.utf8.count == 4, text.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let year = Int(text), Plan.years.contains(year) {
        return year
    }
    if text.isEmpty { throw InputError(file: file, line: line, key: column, "the year is missing; every row needs a year") }
    let shown = excerpt(text)
    if let value = plainDecimal(text), value == value.rounded(), abs(value) < 1e6 {
        let whole = Int(value)
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            let fix = Plan.years.contains(whole) ? "write \(whole)" : "correct the year"
            throw InputError(file: file, line: line, key: column, "'\(shown)' is not a four-digit calendar year (\(Plan.years.lowerBound)–\(Plan.years.upperBound)); \(fix)")
        }
        if Plan.years.contains(whole) {
            throw InputError(file: file, line: line, key: column, "'\(shown)' is not a whole year; write \(whole)")
        }
    }
    // A yearbook's marks: "2020*" (an estimate), "Năm 2020", "Sơ bộ 2020", "Ước 2020".
    if let heading = yearHeading(text, cell: .text(text)) {
        let mark = heading.estimate ? " and estimate in the kind column (the mark says it is one)" : ""
        throw InputError(file: file, line: line, key: column, "'\(shown)' is not a plain year; write \(heading.year)\(mark)")
    }
    throw InputError(file: file, line: line, key: column, "'\(shown)' is not a year; give one calendar year per row (ranges and partial years cannot be used)")
}
