// libFuzzer target: the CSV readers (parseCSV, readSeriesTable, the streaming readLongSeries) and
// the number and year readers (plainDecimal, parseNumber, parseYear), and csvField.
// Built and run by scripts/fuzz; not part of `swift build` / `swift test`.
//
// Findings are traps (ASan reports, Swift runtime traps) and broken invariants, checked below with
// `fuzzFailure`: a reader error that is not an `InputError` (it would reach the user as exit 1 with
// no file or line), a parsed table whose rows do not all have the header's width, a table that
// does not read back the same after writing it with `csvField`, a NUL byte that is not refused, a
// number accepted that is not plain decimal (checked against a regular expression and Double(_:))
// and a year accepted that is not four digits 1000–9999.
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

/// The streaming reader (`forecast`, `accuracy`) on the same bytes, from a file in memory where
/// there is one (/dev/shm).
private func checkStreamingReader(_ data: Data) {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/plancast-fuzz-\(getpid()).csv"
    guard FileManager.default.createFile(atPath: path, contents: data) else { return }
    defer { unlink(path) }
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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    // readCSV refuses text that is not UTF-8; also feed the lossy decoding so that parseCSV sees U+FFFD.
    let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    checkStreamingReader(data)
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
