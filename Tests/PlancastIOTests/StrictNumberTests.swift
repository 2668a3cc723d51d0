import Foundation
import Testing
@testable import DataFiles
@testable import Reports

// Issue 16: numbers and years are read by one strict parser. `Double(String)` reads hexadecimal
// (`0x6A` = 106, `0x1p-2` = 0.25), `inf` and `nan` in any case, and stops at a NUL byte
// (`1\0 99` = 1); `Int(String)` takes `201` as a year. These pin down what is accepted.

@Suite("Strict numbers and years")
struct StrictNumberTests {
    @Test("plain decimal numbers are read with the value Double(_:) gives them", arguments: [
        "0", "7", "-7", "+7", "12.5", "-0.25", "1e3", "1E-3", "2.5e+10", "007", "1000000000000000000",
    ])
    func plain(_ text: String) throws {
        #expect(plainDecimal(text) == Double(text))
    }

    @Test("anything else is not a number, whatever Double(_:) makes of it", arguments: [
        "0x6A", "0x1p-2", "0X10", "inf", "-Inf", "INFINITY", "nan", "NaN", "-nan", "nan(1)",
        ".5", "5.", "-.5", "1e", "1e+", "e5", "+", "-", "", " 1", "1 ", "1\u{0}99", "1_000", "1,5", "١٢", "１２",
    ])
    func notPlain(_ text: String) {
        #expect(plainDecimal(text) == nil, "'\(text)' read as \(String(describing: plainDecimal(text)))")
    }

    @Test("a number too large to compute with is refused with the units hint")
    func tooLarge() {
        #expect(plainDecimal("1e400") == .infinity)
        #expect(throws: InputError(file: "d.csv", line: 4, key: "value", "'1e400' is too large to compute with (more than 10^18); check the units, e.g. write billions instead of units")) {
            try parseNumber("1e400", file: "d.csv", line: 4, column: "value")
        }
    }

    @Test("the hint for a number that is not plain says what to write", arguments: [
        ("0x6A", "is written in hexadecimal; give a plain decimal number (106)"),
        ("0x1p-2", "is written in hexadecimal; give a plain decimal number (0.25)"),
        (".31", "has no digit before the point; write 0.31"),
        ("-.5", "has no digit before the point; write -0.5"),
        ("5.", "ends with a point; write 5"),
        ("-Infinity", "is not a number; leave the row out when there is no value"),
        ("1\u{0}99", "is not a number; give a plain decimal number such as 12.5"),
        ("57.5%", "is not a number; write it without '%': 57.5"),
        ("6*", "is not a number: an asterisk marks an estimate in a yearbook; write 6 and estimate in the kind column"),
        ("12.5 **", "is not a number: an asterisk marks an estimate in a yearbook; write 12.5 and estimate in the kind column"),
        ("48 000", "has spaces as thousands separators; write it without them (48000)"),
        ("1\u{A0}234\u{A0}567.5", "has spaces as thousands separators; write it without them (1234567.5)"),
        ("-3 %", "is not a number; write it without '%': -3"),
    ])
    func hints(_ text: String, _ advice: String) {
        do {
            _ = try parseNumber(text, file: "d.csv", line: 4, column: "value")
            Issue.record("'\(text)' was accepted")
        } catch let error as InputError {
            #expect(error.message.hasSuffix(advice), "\(error.message)")
            #expect(error.line == 4 && error.key == "value")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("a year is four digits, 1000–9999", arguments: [("1000", 1000), ("2020", 2020), ("9999", 9999), (" 2015 ", 2015)])
    func year(_ text: String, _ year: Int) throws {
        #expect(try parseYear(text, file: "d.csv", line: 2, column: "year") == year)
    }

    @Test("any other year is refused with the line and what to write", arguments: [
        ("201", "'201' is not a four-digit calendar year (1000–9999); correct the year"),
        ("0", "'0' is not a four-digit calendar year (1000–9999); correct the year"),
        ("-5", "'-5' is not a four-digit calendar year (1000–9999); correct the year"),
        ("10000", "'10000' is not a four-digit calendar year (1000–9999); correct the year"),
        ("02015", "'02015' is not a four-digit calendar year (1000–9999); write 2015"),
        ("+2015", "'+2015' is not a four-digit calendar year (1000–9999); write 2015"),
        ("2015.0", "'2015.0' is not a whole year; write 2015"),
        ("0x7DF", "'0x7DF' is not a year; give one calendar year per row (ranges and partial years cannot be used)"),
        ("2016-2020", "'2016-2020' is not a year; give one calendar year per row (ranges and partial years cannot be used)"),
        ("2020*", "'2020*' is not a plain year; write 2020 and estimate in the kind column (the mark says it is one)"),
        ("Sơ bộ 2024", "'Sơ bộ 2024' is not a plain year; write 2024 and estimate in the kind column (the mark says it is one)"),
        ("Năm 2020", "'Năm 2020' is not a plain year; write 2020"),
    ])
    func badYear(_ text: String, _ message: String) {
        #expect(throws: InputError(file: "d.csv", line: 2, key: "year", message)) {
            try parseYear(text, file: "d.csv", line: 2, column: "year")
        }
    }

    @Test("a header naming a column twice is refused with both columns; unnamed columns are not names")
    func repeatedColumn() throws {
        #expect(throws: InputError(file: "d.csv", line: 1, "the header names 'value' twice (columns 3 and 5); rename or remove one, so that it is clear which is read")) {
            try parseCSV("series,year,value,kind,Value \n", file: "d.csv")
        }
        #expect(try parseCSV("series,year,value,,\nx,2020,1,,\n", file: "d.csv").rows.count == 1)
    }

    @Test("a NUL byte anywhere in a CSV file is refused with its line")
    func nulByte() {
        for text in ["series,year,value\nx,2020,1\u{0}99\n", "series,year,value\nx,2020,\"1\u{0}\"\n"] {
            #expect(throws: nulByteError(file: "d.csv", line: 2)) { try parseCSV(text, file: "d.csv") }
        }
    }

    @Test("an excerpt of the input is one line and short")
    func excerpts() {
        #expect(excerpt("2025\nis\tthe\u{0}horizon") == #"2025\nis\tthe\u{0}horizon"#)
        #expect(excerpt(String(repeating: "x", count: 500)) == String(repeating: "x", count: 80) + "…")
        #expect(excerpt("Lạng Sơn") == "Lạng Sơn")
    }
}
