// libFuzzer target: the CSV readers (parseCSV, readSeriesTable, the streaming readLongSeries) and
// the number and year readers (plainDecimal, parseNumber, parseYear), and csvField.
// Built and run by scripts/fuzz; not part of `swift build` / `swift test`.
//
// Findings are traps (ASan reports, Swift runtime traps) and broken invariants, checked below with
// `fuzzFailure`: a reader error that is not an `InputError` (it would reach the user as exit 1 with
// no file or line), a parsed table whose rows do not all have the header's width, a table that
// does not read back the same after writing it with `csvField`, a NUL byte that is not refused, a
// number accepted that is not plain decimal (checked against a regular expression and Double(_:)),
// a year accepted that is not four digits 1000–9999, and parseCSV and forEachCSVRecord (in chunks of
// 1 and 3 bytes and whole) reading the same bytes differently (as CSVReadersAgreeTests checks for
// fixed inputs).
import Foundation
import PlancastIO
#if canImport(Glibc)
import Glibc
#endif

/// The grammar of `plainDecimal`, written independently as a regular expression.
private func matchesPlainDecimal(_ text: String) -> Bool {
    text.range(of: #"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\z"#, options: .regularExpression) != nil
}

/// Checks the number and year readers on one field.
private func checkNumberReaders(_ field: String) {
    let plain = plainDecimal(field)
    if (plain != nil) != matchesPlainDecimal(field) {
        fuzzFailure("plainDecimal('\(field.debugDescription)') is \(String(describing: plain)) but the grammar says \(matchesPlainDecimal(field))")
    }
    if let plain, let reference = Double(field), plain != reference {
        fuzzFailure("plainDecimal('\(field)') is \(plain), Double(_:) reads \(reference)")
    }
    let trimmed = field.trimmingCharacters(in: .whitespaces)
    do {
        if let value = try parseNumber(field, file: "fuzz.csv", line: 2, column: "value") {
            if !(value.isFinite && abs(value) <= largestInputMagnitude) { fuzzFailure("parseNumber accepted \(value) from '\(field)'") }
            if !matchesPlainDecimal(trimmed) { fuzzFailure("parseNumber accepted '\(field.debugDescription)', which is not a plain decimal number") }
        }
    } catch is InputError {
    } catch { fuzzFailure("parseNumber threw \(type(of: error))") }
    do {
        let year = try parseYear(field, file: "fuzz.csv", line: 2, column: "year")
        let fourDigits = trimmed.utf8.count == 4 && trimmed.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if !fourDigits || !(1000...9999).contains(year) || Int(trimmed) != year {
            fuzzFailure("parseYear accepted \(year) from '\(field.debugDescription)'")
        }
    } catch is InputError {
    } catch { fuzzFailure("parseYear threw \(type(of: error))") }
}

/// Calls `body` with the path of a file holding `data`, in memory where there can be one (/dev/shm).
private func withFile(_ data: Data, named name: String, _ body: (String) -> Void) {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/plancast-fuzz-\(getpid())-\(name).csv"
    guard FileManager.default.createFile(atPath: path, contents: data) else { return }
    defer { unlink(path) }
    body(path)
}

/// The streaming reader (`forecast`, `accuracy`) on the file `path` holding `data`.
private func checkStreamingReader(_ data: Data, path: String) {
    do {
        let batch = try readLongSeries(at: path)
        if data.contains(0) { fuzzFailure("readLongSeries read a file with a NUL byte") }
        for entry in batch.entries where entry.problem == nil {
            if entry.times.count != entry.values.count { fuzzFailure("series '\(entry.id)': \(entry.times.count) periods, \(entry.values.count) values") }
            for (a, b) in zip(entry.times, entry.times.dropFirst()) where b <= a { fuzzFailure("series '\(entry.id)': periods not ascending: \(entry.times)") }
            for value in entry.values where !(value.isFinite && abs(value) <= largestInputMagnitude) {
                fuzzFailure("readLongSeries accepted \(value) in series '\(entry.id)'")
            }
        }
    } catch is InputError {
    } catch {
        fuzzFailure("readLongSeries threw \(type(of: error)): \(error)")
    }
}

/// One record as a reader passed it: its line and its fields.
private struct Record: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var description: String { "line \(line): \(fields.map(\.debugDescription).joined(separator: ","))" }
}

/// What a reader made of a file: every record (the header first), or the error it threw.
private enum Outcome: Equatable, CustomStringConvertible {
    case read([Record])
    case failed(InputError)
    var description: String {
        switch self {
        case .read(let records): return "\(records.count) records \(records.prefix(8))"
        case .failed(let error): return "error \(error.file ?? "-"):\(error.line.map(String.init) ?? "-"): \(error.message)"
        }
    }
}

/// parseCSV on `text` and forEachCSVRecord on the file `path` holding text's UTF-8 bytes, in chunks of
/// 1 and 3 bytes and whole, read the same records on the same lines, or throw the same error.
///
/// parseCSV refuses more than the tokenizer (an empty file, a bad header, a row of another width than
/// the header's): where the records stream but parseCSV throws, the error must be that check's,
/// worked out here from the streamed records, on the same file and line.
private func checkReadersAgree(_ text: String, path: String, separator: Unicode.Scalar) {
    var streamed: [(chunk: Int, outcome: Outcome)] = []
    for chunk in [1, 3, 1 << 20] {
        var records: [Record] = []
        do {
            try forEachCSVRecord(at: path, separator: separator, chunkSize: chunk) { records.append(Record(line: $0.line, fields: $0.strings)) }
            streamed.append((chunk, .read(records)))
        } catch let error as InputError {
            streamed.append((chunk, .failed(error)))
        } catch {
            fuzzFailure("forEachCSVRecord (chunks of \(chunk) bytes) threw \(type(of: error)): \(error)")
        }
    }
    let whole = streamed.last!.outcome
    for (chunk, outcome) in streamed.dropLast() where outcome != whole {
        fuzzFailure("separator '\(separator)': forEachCSVRecord in chunks of \(chunk) bytes read \(outcome), whole it read \(whole)")
    }
    let parsed: Outcome
    do {
        let table = try parseCSV(text, file: path, separator: separator)
        parsed = .read([Record(line: 0, fields: table.header)] + zip(table.lines, table.rows).map { Record(line: $0, fields: $1) })
    } catch let error as InputError {
        parsed = .failed(error)
    } catch {
        fuzzFailure("parseCSV threw \(type(of: error)): \(error)")
    }
    func disagree() -> Never { fuzzFailure("separator '\(separator)': parseCSV read \(parsed), forEachCSVRecord \(whole)") }
    switch (whole, parsed) {
    case (.failed(let streamError), .failed(let parseError)):
        if streamError != parseError { disagree() }
    case (.failed, .read):
        disagree()
    case (.read(let records), .read(var table)):
        table[0].line = records.first?.line ?? -1      // CSVTable keeps no line for the header
        if table != records { disagree() }
    case (.read(let records), .failed(let parseError)):
        // The error must be one of parseCSV's own checks on these records.
        guard let header = records.first else {
            if parseError.file != path || parseError.line != nil { disagree() }
            return
        }
        do {
            try checkHeader(header.fields, file: path, line: header.line, separator: separator)
        } catch let headerError as InputError {
            if headerError != parseError { disagree() }
            return
        } catch { fuzzFailure("checkHeader threw \(type(of: error)): \(error)") }
        guard let row = records.dropFirst().first(where: { $0.fields.count != header.fields.count }),
              parseError.file == path, parseError.line == row.line else { disagree() }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    // readCSV refuses text that is not UTF-8; also feed the lossy decoding so that parseCSV sees U+FFFD.
    let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    withFile(data, named: "input") { path in checkStreamingReader(data, path: path) }
    // The tokenizer, whole and in chunks, on exactly the bytes parseCSV sees; in the Vietnamese dialect
    // too when the first line would make readCSV detect it (semicolons, no comma).
    withFile(Data(text.utf8), named: "text") { path in
        checkReadersAgree(text, path: path, separator: ",")
        let firstLine = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        if firstLine.contains(";"), !firstLine.contains(",") { checkReadersAgree(text, path: path, separator: ";") }
    }
    let table: CSVTable
    do {
        table = try parseCSV(text, file: "fuzz.csv")
        if text.unicodeScalars.contains("\0") { fuzzFailure("parseCSV read text with a NUL byte") }
    } catch is InputError {
        return 0
    } catch {
        fuzzFailure("parseCSV threw \(type(of: error)): \(error)")
    }
    for row in table.rows where row.count != table.header.count { fuzzFailure("a row of \(row.count) fields under a header of \(table.header.count)") }
    if table.lines.count != table.rows.count { fuzzFailure("\(table.lines.count) line numbers for \(table.rows.count) rows") }
    for (line, next) in zip(table.lines, table.lines.dropFirst()) where next <= line { fuzzFailure("line numbers not increasing: \(table.lines)") }

    // Writing the table with csvField and reading it again gives the same table. (A header whose first
    // field starts with a second byte-order mark cannot survive: the reader drops one mark at the start.)
    if table.header.first?.unicodeScalars.first != "\u{FEFF}" {
        let written = ([table.header] + table.rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
        do {
            let again = try parseCSV(written, file: "again.csv")
            if again.header != table.header || again.rows != table.rows {
                fuzzFailure("round trip through csvField changed the table:\n\(table.header) \(table.rows)\n→ \(again.header) \(again.rows)")
            }
        } catch {
            fuzzFailure("the table written with csvField cannot be read again: \(error)")
        }
    }

    do {
        _ = try readSeriesTable(table)
    } catch is InputError {
    } catch {
        fuzzFailure("readSeriesTable threw \(type(of: error)): \(error)")
    }
    for row in table.rows.prefix(50) {
        for field in row { checkNumberReaders(field) }
    }
    return 0
}
