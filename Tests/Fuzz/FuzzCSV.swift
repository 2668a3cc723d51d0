// libFuzzer target: the CSV reader (parseCSV, readSeriesTable, parseNumber, parseYear, csvField).
// Built and run by scripts/fuzz; not part of `swift build` / `swift test`.
//
// Findings are traps (ASan reports, Swift runtime traps) and broken invariants, checked below with
// `fuzzFailure`: a reader error that is not an `InputError` (it would reach the user as exit 1 with
// no file or line), a parsed table whose rows do not all have the header's width, and a table that
// does not read back the same after writing it with `csvField`.
import Foundation
import PlancastIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    // readCSV refuses text that is not UTF-8; also feed the lossy decoding so that parseCSV sees U+FFFD.
    let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    let table: CSVTable
    do {
        table = try parseCSV(text, file: "fuzz.csv")
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
        for field in row {
            do {
                if let value = try parseNumber(field, file: "fuzz.csv", line: 2, column: "value"), !(value.isFinite && abs(value) <= largestInputMagnitude) {
                    fuzzFailure("parseNumber accepted \(value) from '\(field)'")
                }
            } catch is InputError {
            } catch { fuzzFailure("parseNumber threw \(type(of: error))") }
            do { _ = try parseYear(field, file: "fuzz.csv", line: 2, column: "year") } catch is InputError {} catch { fuzzFailure("parseYear threw \(type(of: error))") }
        }
    }
    return 0
}
