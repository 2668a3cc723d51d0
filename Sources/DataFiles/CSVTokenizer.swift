import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one CSV tokenizer: `parseCSV`/`readCSV` (scenario data, targets.csv), `forEachCSVRecord` (the
// batch files of `forecast` and `accuracy`, forecast files) and the tests' readers all split text into
// records and fields here, so that they read every input alike.
//
// The grammar is RFC 4180's, with what spreadsheets write:
// - fields are separated by `,` (`;` in the Vietnamese dialect); records end at LF, CRLF or a lone CR;
//   a UTF-8 byte-order mark at the start is skipped; blank lines (nothing, or only spaces) are skipped;
// - an unquoted field is trimmed of white space (space, tab, no-break and the other Unicode spaces);
// - a field may be quoted: `"…"`, with `""` for a quote; it may hold separators and line breaks, and
//   white space may stand around it; a carriage return inside it is dropped (CRLF read as LF);
// - malformed quoting is an error naming the file and line, never a guess: a quote inside an
//   unquoted field (`a"b`), text after a closing quote (`"a"b`), a quote never closed;
// - a NUL byte anywhere is an error (the file is binary or UTF-16), and so is a byte that is not
//   UTF-8 (a legacy code page such as Windows-1258), which would otherwise become U+FFFD and could
//   make two different names one.

/// One record of a CSV file, valid only inside the `forEachCSVRecord` call that passes it.
public struct CSVRecord {
    /// The 1-based line on which the record starts.
    public let line: Int
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let fields: UnsafeBufferPointer<CSVFieldRange>

    /// The number of fields.
    public var count: Int { fields.count }

    /// Field `i` as text: unquoted fields trimmed of white space, quoted ones as written with `""`
    /// read as `"` (and carriage returns dropped).
    public func string(_ i: Int) -> String {
        let field = fields[i]
        let slice = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.hasEscapes else { return String(decoding: slice, as: UTF8.self) }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(slice.count)
        var k = 0
        while k < slice.count {
            let byte = slice[k]
            if byte == CSVByte.quote { k += 1 }        // the first of a doubled quote
            if byte != CSVByte.carriageReturn { cleaned.append(slice[k]) }
            k += 1
        }
        return String(decoding: cleaned, as: UTF8.self)
    }

    /// Every field as text.
    public var strings: [String] { (0..<count).map(string) }

    /// Whether field `i` is empty.
    public func isEmpty(_ i: Int) -> Bool { fields[i].start == fields[i].end }

    /// Whether field `i` holds exactly `other`'s bytes (no escaped quotes in either).
    func bytesEqual(_ i: Int, _ other: [UInt8]) -> Bool {
        let field = fields[i]
        guard !field.hasEscapes, field.end - field.start == other.count else { return false }
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
        if !field.hasEscapes, let value = plainDecimal(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])),
           value.isFinite, abs(value) <= largestInputMagnitude {
            return value
        }
        return try parseNumber(string(i), file: file, line: line, column: column)
    }

    /// Field `i` as a number written in the Vietnamese dialect (`1.234,5`, or plain), or nil when it
    /// is empty; anything else goes through `parseNumber` for its message.
    public func decimalCommaNumber(_ i: Int, file: String, column: String) throws -> Double? {
        if isEmpty(i) { return nil }
        let text = string(i)
        if let value = DataFiles.decimalCommaNumber(text) { return value }
        return try parseNumber(text, file: file, line: line, column: column)
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

/// Where a field's bytes are in the buffer, and whether they hold `""` or a carriage return to clean.
fileprivate struct CSVFieldRange {
    var start: Int
    var end: Int
    var hasEscapes: Bool

    mutating func shift(by offset: Int) { start -= offset; end -= offset }
}

private enum CSVByte {
    static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
}

/// Reads a CSV file record by record, a chunk at a time, so a large file is never held whole.
///
/// The file is opened as every input is (`InputFile`) and split by the one tokenizer that
/// `parseCSV` uses too (see the grammar at the top of this file). The first record passed is the header.
///
/// - Parameters:
///   - path: the file.
///   - separator: `,`, or `;` for the Vietnamese dialect.
///   - chunkSize: bytes read at a time (injectable so tests can cut records across chunks).
///   - body: called with each record; it must not keep it.
/// - Throws: `InputError` naming the file (and line): missing, a folder, unreadable, a NUL byte, a
///   quote never closed, a quote inside an unquoted field or text after a closing quote; and
///   whatever `body` throws.
/// - Complexity: O(file size); memory O(chunk size + longest record).
public func forEachCSVRecord(at path: String, separator: Unicode.Scalar = ",", chunkSize: Int = 1 << 20,
                             _ body: (CSVRecord) throws -> Void) throws {
    let file = try InputFile(opening: path)
    defer { file.release() }
    let chunk = max(chunkSize, 1)
    var buffer = [UInt8](repeating: 0, count: chunk)
    var filled = 0              // bytes of `buffer` holding data
    var scanned = 0             // bytes already passed to the tokenizer
    var tokenizer = CSVTokenizer(file: path, separator: separator)
    var atFileStart = true
    while true {
        if buffer.count - filled < max(1, chunk / 2) { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let got = try buffer.withUnsafeMutableBytes { raw in
            try file.readBytes(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<min(raw.count, filled + chunk)]))
        }
        if got == 0 { break }
        filled += got
        if atFileStart {
            if filled < 4 { continue }      // too little to tell a byte-order mark or UTF-16 yet
            atFileStart = false
            try checkNotUTF16(buffer[0..<filled], file: path)
            if hasByteOrderMark(buffer[0..<3]) { scanned = 3; tokenizer.start(at: 3) }
        }
        try buffer.withUnsafeBufferPointer { try tokenizer.scan($0, from: scanned, to: filled, body) }
        scanned = filled
        // Keep only the record not finished yet, at the front of the buffer.
        let finished = tokenizer.recordStart
        if finished > 0 {
            let remaining = filled - finished
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { b in _ = memmove(b.baseAddress!, b.baseAddress! + finished, remaining) }
            }
            filled = remaining
            scanned = remaining
            tokenizer.shift(by: finished)
        }
    }
    if atFileStart {
        try checkNotUTF16(buffer[0..<filled], file: path)
        let start = filled >= 3 && hasByteOrderMark(buffer[0..<3]) ? 3 : 0
        tokenizer.start(at: start)
        try buffer.withUnsafeBufferPointer { try tokenizer.scan($0, from: start, to: filled, body) }
    }
    try buffer.withUnsafeBufferPointer { try tokenizer.finish($0, end: filled, body) }
}

/// Splits UTF-8 text in memory into records, as `forEachCSVRecord(at:)` splits a file.
func forEachCSVRecord(in text: UnsafeBufferPointer<UInt8>, file: String, separator: Unicode.Scalar = ",",
                      _ body: (CSVRecord) throws -> Void) throws {
    // As the file reader does with its first chunk: every reader names UTF-16 the same way.
    try checkNotUTF16(text, file: file)
    var tokenizer = CSVTokenizer(file: file, separator: separator)
    var start = 0
    if text.count >= 3, hasByteOrderMark(text[0..<3]) { start = 3; tokenizer.start(at: 3) }
    try tokenizer.scan(text, from: start, to: text.count, body)
    try tokenizer.finish(text, end: text.count, body)
}

private func hasByteOrderMark<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    bytes.elementsEqual([0xEF, 0xBB, 0xBF])
}

/// The state of splitting bytes into records, kept between the chunks of a file.
///
/// Positions are indices into the caller's buffer; when the caller moves the unfinished record to
/// the front of its buffer, `shift(by:)` moves them with it.
private struct CSVTokenizer {
    enum State {
        /// At the start of a field, only spaces or tabs read so far.
        case fieldStart
        /// Inside an unquoted field.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// A quote inside a quoted field: the first of `""`, or the closing quote.
        case quoteInQuoted
        /// After a quoted field's closing quote; only white space may come before the separator.
        case afterQuoted
    }

    let file: String
    let separator: UInt8
    var state = State.fieldStart
    /// The line of the next byte, the line the current record starts on, and where the open quote is.
    var line = 1, recordLine = 1, quoteLine = 1
    /// The first byte of the record being read: everything before it has been passed on.
    var recordStart = 0
    /// The first byte of the current field (after the opening quote when it is quoted), or of the
    /// text after a closing quote.
    var fieldStart = 0
    /// The position of the quote that may close the current field.
    var closingQuote = 0
    var fieldHasEscapes = false
    /// Whether the last byte was a carriage return that ended a record (an LF after it belongs to it).
    var afterCarriageReturn = false
    var fields: [CSVFieldRange] = []
    /// The continuation bytes still expected of the UTF-8 sequence being read, and the range of the next.
    var utf8Pending = 0
    var utf8Next: ClosedRange<UInt8> = 0x80...0xBF

    init(file: String, separator: Unicode.Scalar) {
        precondition(separator.isASCII && separator != "\"" && separator != "\n" && separator != "\r", "a CSV separator is one ASCII character")
        self.file = file
        self.separator = UInt8(separator.value)
    }

    /// Starts reading at `position` (after a byte-order mark).
    mutating func start(at position: Int) { recordStart = position; fieldStart = position }

    mutating func shift(by offset: Int) {
        recordStart -= offset
        fieldStart -= offset
        closingQuote -= offset
        for k in fields.indices { fields[k].shift(by: offset) }
    }

    /// Splits `bytes[from..<to]`, passing on every record that ends in it.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, _ body: (CSVRecord) throws -> Void) throws {
        var i = from
        while i < end {
            let byte = bytes[i]
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == CSVByte.lineFeed { i += 1; recordStart = i; fieldStart = i; continue }
            }
            if byte == 0 { throw nulByteError(file: file, line: line) }
            if byte >= 0x80 || utf8Pending > 0 { try takeUTF8(byte) }
            switch state {
            case .unquoted where !isSpecial(byte):
                // The common case first: plain bytes up to the next separator, line end, quote or NUL.
                i += 1
                while i < end, !isSpecial(bytes[i]) { i += 1 }
                continue
            case .fieldStart, .unquoted:
                if byte == separator {
                    endUnquotedField(bytes, at: i)
                    fieldStart = i + 1
                    state = .fieldStart
                } else if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                    endUnquotedField(bytes, at: i)
                    try endRecord(bytes, at: i, lineEnd: byte, body)
                } else if byte == CSVByte.quote {
                    guard state == .fieldStart || isWhiteSpace(bytes, fieldStart, i) else {
                        throw InputError(file: file, line: line, "a quote inside an unquoted field; put the whole field in quotes and double the inner quote (\"\")")
                    }
                    state = .quoted
                    quoteLine = line
                    fieldStart = i + 1
                    fieldHasEscapes = false
                } else if state == .fieldStart, byte != CSVByte.space, byte != CSVByte.tab {
                    state = .unquoted
                }
            case .quoted:
                if byte >= 0x80 { break }       // a byte of a multibyte character, checked above
                // The common case first: plain ASCII bytes up to the next quote, line break, NUL or
                // byte of a multibyte character.
                while i < end, bytes[i] != CSVByte.quote, bytes[i] != CSVByte.lineFeed, bytes[i] != CSVByte.carriageReturn,
                      bytes[i] != 0, bytes[i] < 0x80 { i += 1 }
                guard i < end else { continue }
                switch bytes[i] {
                case CSVByte.quote: state = .quoteInQuoted; closingQuote = i
                case CSVByte.lineFeed: line += 1
                case CSVByte.carriageReturn: fieldHasEscapes = true
                case 0: throw nulByteError(file: file, line: line)
                default: continue               // ≥ 0x80: read at the top of the loop, where it is checked
                }
            case .quoteInQuoted:
                if byte == CSVByte.quote {
                    fieldHasEscapes = true
                    state = .quoted
                } else {
                    fields.append(CSVFieldRange(start: fieldStart, end: closingQuote, hasEscapes: fieldHasEscapes))
                    state = .afterQuoted
                    fieldStart = i
                    // Read this byte again after the closing quote (a byte ≥ 0x80, already checked
                    // as UTF-8, means nothing there but is not read twice).
                    if byte < 0x80 { continue }
                }
            case .afterQuoted:
                if byte == separator || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn || byte == CSVByte.quote {
                    try checkNothingAfterQuote(bytes, at: i, quote: byte == CSVByte.quote)
                    if byte == separator {
                        fieldStart = i + 1
                        state = .fieldStart
                    } else {
                        try endRecord(bytes, at: i, lineEnd: byte, body)
                    }
                }
            }
            i += 1
        }
    }

    /// Whether `byte` ends or breaks an unquoted field, or must be checked as part of a multibyte character.
    private func isSpecial(_ byte: UInt8) -> Bool {
        byte == separator || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn || byte == CSVByte.quote || byte == 0
            || byte >= 0x80
    }

    /// Checks one byte of UTF-8 text: a byte ≥ 0x80, or any byte while a multibyte character is open.
    /// Overlong forms, surrogates and code points past U+10FFFF are refused, as Swift's decoder does.
    ///
    /// - Throws: `InputError` naming the file and line: the text is not UTF-8.
    private mutating func takeUTF8(_ byte: UInt8) throws {
        if utf8Pending > 0 {
            guard utf8Next.contains(byte) else { throw notUTF8Error(file: file, line: line) }
            utf8Pending -= 1
            utf8Next = 0x80...0xBF
            return
        }
        switch byte {
        case 0xC2...0xDF: utf8Pending = 1
        case 0xE0: utf8Pending = 2; utf8Next = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: utf8Pending = 2
        case 0xED: utf8Pending = 2; utf8Next = 0x80...0x9F
        case 0xF0: utf8Pending = 3; utf8Next = 0x90...0xBF
        case 0xF1...0xF3: utf8Pending = 3
        case 0xF4: utf8Pending = 3; utf8Next = 0x80...0x8F
        default: throw notUTF8Error(file: file, line: line)
        }
    }

    /// Passes on the last record, at the end of the input.
    mutating func finish(_ bytes: UnsafeBufferPointer<UInt8>, end: Int, _ body: (CSVRecord) throws -> Void) throws {
        if utf8Pending > 0 { throw notUTF8Error(file: file, line: line) }   // a multibyte character cut short
        switch state {
        case .quoted:
            throw InputError(file: file, line: quoteLine, "a quoted field is never closed; add the closing quote")
        case .quoteInQuoted:
            fields.append(CSVFieldRange(start: fieldStart, end: closingQuote, hasEscapes: fieldHasEscapes))
        case .afterQuoted:
            try checkNothingAfterQuote(bytes, at: end, quote: false)
        case .fieldStart, .unquoted:
            guard recordStart < end || !fields.isEmpty else { return }
            endUnquotedField(bytes, at: end)
        }
        try passRecord(bytes, body)
    }

    /// The unquoted field that ends at `end`, trimmed of white space.
    private mutating func endUnquotedField(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int) {
        let (start, stop) = trimmedWhiteSpace(bytes, fieldStart, end)
        fields.append(CSVFieldRange(start: start, end: stop, hasEscapes: false))
    }

    /// Refuses anything but white space between a closing quote and `end` (a separator, a line end,
    /// the end of the input, or a quote).
    private func checkNothingAfterQuote(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int, quote: Bool) throws {
        if quote || !isWhiteSpace(bytes, fieldStart, end) {
            throw InputError(file: file, line: line, "text after a closing quote; put the whole field in quotes and double the inner quotes (\"\")")
        }
    }

    /// Ends the record at the line end `lineEnd` at `position`.
    private mutating func endRecord(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, lineEnd: UInt8,
                                    _ body: (CSVRecord) throws -> Void) throws {
        try passRecord(bytes, body)
        line += 1
        recordLine = line
        afterCarriageReturn = lineEnd == CSVByte.carriageReturn
        recordStart = position + 1
        fieldStart = position + 1
        state = .fieldStart
    }

    /// Passes on the record of `fields`, unless it is a blank line.
    private mutating func passRecord(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
        defer { fields.removeAll(keepingCapacity: true) }
        try fields.withUnsafeBufferPointer { ranges in
            let record = CSVRecord(line: recordLine, bytes: bytes, fields: ranges)
            if ranges.count == 1, record.isEmpty(0) || (ranges[0].hasEscapes && record.string(0).isEmpty) { return }
            try body(record)
        }
    }
}

/// Whether `bytes[start..<end]` is all white space (see `trimmedWhiteSpace`).
private func isWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let (trimmedStart, _) = trimmedWhiteSpace(bytes, start, end)
    return trimmedStart == end
}

/// `bytes[start..<end]` without white space at either end: what `CharacterSet.whitespaces` holds
/// (tab, space, U+00A0 no-break space, U+1680, U+2000–U+200B, U+202F, U+205F, U+3000), in UTF-8.
private func trimmedWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
    var start = start, end = end
    while start < end {
        let length = whiteSpaceLength(bytes, at: start, end: end)
        if length == 0 { break }
        start += length
    }
    while start < end {
        let last = bytes[end - 1]
        if last == CSVByte.space || last == CSVByte.tab { end -= 1; continue }
        if last < 0x80 { break }
        if end - start >= 2, whiteSpaceLength(bytes, at: end - 2, end: end) == 2 { end -= 2; continue }
        if end - start >= 3, whiteSpaceLength(bytes, at: end - 3, end: end) == 3 { end -= 3; continue }
        break
    }
    return (start, end)
}

/// The length of the white-space character at `i` (1 to 3 bytes), or 0.
private func whiteSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
    let b0 = bytes[i]
    if b0 == CSVByte.space || b0 == CSVByte.tab { return 1 }
    if b0 < 0xC2 || i + 1 >= end { return 0 }
    let b1 = bytes[i + 1]
    if b0 == 0xC2 { return b1 == 0xA0 ? 2 : 0 }                         // U+00A0
    guard i + 2 < end else { return 0 }
    let b2 = bytes[i + 2]
    switch (b0, b1) {
    case (0xE1, 0x9A): return b2 == 0x80 ? 3 : 0                        // U+1680
    case (0xE2, 0x80): return (0x80...0x8B).contains(b2) || b2 == 0xAF ? 3 : 0   // U+2000–U+200B, U+202F
    case (0xE2, 0x81): return b2 == 0x9F ? 3 : 0                        // U+205F
    case (0xE3, 0x80): return b2 == 0x80 ? 3 : 0                        // U+3000
    default: return 0
    }
}
