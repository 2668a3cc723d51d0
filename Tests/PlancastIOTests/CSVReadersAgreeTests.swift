import Foundation
import Testing
import PlancastTestSupport
@testable import DataFiles
@testable import Reports

/// Issue 11: one tokenizer under every CSV reader. The same bytes, fed to each reader, give the
/// same fields on the same lines, or the same error naming the same file and line.
@Suite("Every CSV reader reads the same bytes alike")
struct CSVReadersAgreeTests {
    /// A data row after the header (line 1); the cases below spoil or dress it.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The rows after the header.
        var body: String
        /// The (series, year, value) triples every reader reads, in file order; nil when it is an error.
        var expected: [Triple]?
        /// The error every reader throws: its line and message (the file is the one read).
        var error: (line: Int, message: String)?
        /// A byte-order mark before the header.
        var byteOrderMark = false
        var testDescription: String { name }
    }

    struct Triple: Equatable, Sendable, CustomStringConvertible {
        var id: String, year: Int, value: Double, line: Int
        var description: String { "\(id.debugDescription) \(year) \(value) line \(line)" }
    }

    static let quoteInside = "a quote inside an unquoted field; put the whole field in quotes and double the inner quote (\"\")"
    static let textAfterQuote = "text after a closing quote; put the whole field in quotes and double the inner quotes (\"\")"
    static let neverClosed = "a quoted field is never closed; add the closing quote"

    static let cases: [Case] = [
        Case(name: "plain", body: "a,2020,1\nb,2021,2\n", expected: [Triple(id: "a", year: 2020, value: 1, line: 2), Triple(id: "b", year: 2021, value: 2, line: 3)]),
        Case(name: "text after a closing quote (\"a\"b)", body: "x,2019,0\n\"a\"b,2020,1\n", error: (3, textAfterQuote)),
        Case(name: "a second quoted part (\"a\" \"b\")", body: "\"a\" \"b\",2020,1\n", error: (2, textAfterQuote)),
        Case(name: "a quote inside an unquoted field (a\"b)", body: "x,2019,0\na\"b,2020,1\n", error: (3, quoteInside)),
        Case(name: "a quote inside an unquoted field, another quote later", body: "a\"b,2020,1\nc,2021,\"2\"\n", error: (2, quoteInside)),
        Case(name: "a quote never closed", body: "x,2019,0\n\"a,2020,1\nb,2021,2\n", error: (3, neverClosed)),
        Case(name: "a NUL byte", body: "x,2019,0\na,2020,1\u{0}\n", error: (3, nulByteError(file: "", line: 0).message)),
        Case(name: "a doubled quote inside quotes", body: "\"say \"\"hi\"\"\",2020,1\n", expected: [Triple(id: "say \"hi\"", year: 2020, value: 1, line: 2)]),
        Case(name: "spaces around a quoted field are not part of it", body: "  \"a,b\"  ,2020, 1 \n", expected: [Triple(id: "a,b", year: 2020, value: 1, line: 2)]),
        Case(name: "no-break spaces around unquoted fields are trimmed", body: "\u{A0}a\u{A0},\u{2003}2020,1\u{3000}\n",
             expected: [Triple(id: "a", year: 2020, value: 1, line: 2)]),
        Case(name: "a line break inside quotes moves the next lines", body: "\"a\nb\",2020,1\nc,2021,2\n",
             expected: [Triple(id: "a\nb", year: 2020, value: 1, line: 2), Triple(id: "c", year: 2021, value: 2, line: 4)]),
        Case(name: "CRLF line ends, also inside quotes (read as LF)", body: "\"a\r\nb\",2020,1\r\nc,2021,2\r\n",
             expected: [Triple(id: "a\nb", year: 2020, value: 1, line: 2), Triple(id: "c", year: 2021, value: 2, line: 4)]),
        Case(name: "lone CR line ends (old Mac)", body: "a,2020,1\rb,2021,2\r",
             expected: [Triple(id: "a", year: 2020, value: 1, line: 2), Triple(id: "b", year: 2021, value: 2, line: 3)]),
        Case(name: "blank and white-space lines are skipped", body: "\n   \na,2020,1\n\"\"\n\nb,2021,2",
             expected: [Triple(id: "a", year: 2020, value: 1, line: 4), Triple(id: "b", year: 2021, value: 2, line: 7)]),
        Case(name: "a byte-order mark", body: "a,2020,1\n", expected: [Triple(id: "a", year: 2020, value: 1, line: 2)], byteOrderMark: true),
        Case(name: "Vietnamese names, quoted with a comma", body: "\"Khách, lượt\",2020,1.5\nLạng Sơn,2021,2\n",
             expected: [Triple(id: "Khách, lượt", year: 2020, value: 1.5, line: 2), Triple(id: "Lạng Sơn", year: 2021, value: 2, line: 3)]),
    ]

    /// A fresh file holding the case under `header` (the caller removes it).
    static func file(_ header: String, _ c: Case) throws -> String {
        try makeTemporaryFile("agree", text: (c.byteOrderMark ? "\u{FEFF}" : "") + header + "\n" + c.body)
    }

    /// What a reader made of a file: its triples, or its error.
    enum Outcome: Equatable, CustomStringConvertible {
        case read([Triple])
        case failed(InputError)
        var description: String {
            switch self {
            case .read(let triples): return "\(triples)"
            case .failed(let error): return "\(error)"
            }
        }
    }

    static func outcome(_ body: () throws -> [Triple]) -> Outcome {
        do { return .read(try body()) } catch let error as InputError { return .failed(error) } catch { return .failed(InputError(file: "?", "\(error)")) }
    }

    static func expected(_ c: Case, file: String) -> Outcome {
        if let error = c.error { return .failed(InputError(file: file, line: error.line, error.message)) }
        return .read(c.expected!)
    }

    /// Triples from fields (series, year, value) on a line.
    static func triple(_ fields: [String], line: Int) -> Triple {
        Triple(id: fields[0], year: Int(fields[1]) ?? -1, value: plainDecimal(fields[2]) ?? .nan, line: line)
    }

    @Test("parseCSV, readCSV and forEachCSVRecord (in chunks of 1, 2, 3, 5 bytes and whole) read the same records", arguments: cases)
    func tokenizers(_ c: Case) throws {
        let path = try Self.file("series,year,value", c)
        defer { unlink(path) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Self.outcome {
            let table = try parseCSV(text, file: path)
            return zip(table.rows, table.lines).map { Self.triple($0, line: $1) }
        } == Self.expected(c, file: path), "parseCSV")
        #expect(Self.outcome {
            let table = try readCSV(at: path)
            return zip(table.rows, table.lines).map { Self.triple($0, line: $1) }
        } == Self.expected(c, file: path), "readCSV")
        for chunk in [1, 2, 3, 5, 1 << 20] {
            #expect(Self.outcome {
                var triples: [Triple] = []
                var header = true
                try forEachCSVRecord(at: path, chunkSize: chunk) { record in
                    if header { header = false; return }
                    triples.append(Self.triple(record.strings, line: record.line))
                }
                return triples
            } == Self.expected(c, file: path), "forEachCSVRecord, chunks of \(chunk) bytes")
        }
    }

    /// Fuzzing finding F6 (7 Dec, `scripts/fuzz 240 csv`): text starting "s\0\0\0", which the file reader
    /// had just learnt to call UTF-16, was "a NUL byte" to parseCSV. Every reader now checks the first
    /// bytes for UTF-16 alike.
    @Test("text that starts like UTF-16 is refused with the same error by every reader", arguments: ["s\u{0}\u{0}\u{0}\u{0}ar;value\nx;3;1\n", "s\u{0}e\u{0}r,year\n"])
    func utf16Start(_ text: String) throws {
        let path = try makeTemporaryFile("agree-utf16", text: text)
        defer { unlink(path) }
        func error(_ body: () throws -> Void) -> String {
            do { try body(); return "read" } catch { return "\(error)" }
        }
        let parsed = error { _ = try parseCSV(text, file: path) }
        #expect(parsed.contains("is UTF-16 text (UTF-16LE, without a byte-order mark)"), "\(parsed)")
        #expect(error { _ = try readCSV(at: path) } == parsed, "readCSV")
        for chunk in [1, 3, 1 << 20] {
            #expect(error { try forEachCSVRecord(at: path, chunkSize: chunk) { _ in } } == parsed, "forEachCSVRecord, chunks of \(chunk)")
        }
    }

    @Test("in the Vietnamese dialect (semicolons) parseCSV, readCSV and forEachCSVRecord split alike", arguments: [
        "series;year;value\n\"Khách; lượt\";2020;1,5\r\nb;2021;\"2\"\n",
        "series;year;value\nx;2019;0\n\"a\"b;2020;1\n",
        "series;year;value\nx;2019;0\na\"b;2020;1\n",
        "series;year;value\n\"a;2020;1\n",
    ])
    func vietnameseDialect(_ text: String) throws {
        let path = try makeTemporaryFile("agree-vi", text: text)
        defer { unlink(path) }
        func records(_ body: () throws -> [[String]]) -> String {
            do { return "\(try body())" } catch { return "\(error)" }
        }
        let parsed = records {
            let table = try parseCSV(text, file: path, separator: ";")
            return [table.header] + zip(table.rows, table.lines).map { [String($1)] + $0 }
        }
        #expect(records {
            let table = try readCSV(at: path, dialect: .vietnamese)
            return [table.header] + zip(table.rows, table.lines).map { [String($1)] + $0 }
        } == parsed, "readCSV")
        for chunk in [1, 3, 1 << 20] {
            #expect(records {
                var all: [[String]] = []
                try forEachCSVRecord(at: path, separator: ";", chunkSize: chunk) { record in
                    all.append(all.isEmpty ? record.strings : [String(record.line)] + record.strings)
                }
                return all
            } == parsed, "forEachCSVRecord, chunks of \(chunk) bytes")
        }
    }

    @Test("the data reader (SeriesTable), the batch readers, readForecastFile and the tests' readLongCSV read the same values or throw the same error",
          arguments: cases)
    func readers(_ c: Case) throws {
        let data = try Self.file("series,year,value", c)
        let long = try Self.file("series_id,t,value", c)
        let forecasts = try Self.file("series_id,t,mean", c)
        defer { for path in [data, long, forecasts] { unlink(path) } }
        #expect(Self.outcome {
            let table = try readDataFile(at: data)
            return table.order.flatMap { name in
                table.series[name]!.observations.map { Triple(id: name, year: $0.year, value: $0.value, line: table.locations[name]![$0.year]!.line!) }
            }.sorted { $0.line < $1.line }
        } == Self.expected(c, file: data), "readDataFile")
        // The batch readers keep no lines: compare the values.
        func withoutLines(_ outcome: Outcome) -> Outcome {
            guard case .read(let triples) = outcome else { return outcome }
            return .read(triples.map { var t = $0; t.line = 0; return t }.sorted { ($0.id, $0.year) < ($1.id, $1.year) })
        }
        #expect(withoutLines(Self.outcome {
            try readLongSeries(at: long).entries.flatMap { entry in
                zip(entry.times, entry.values).map { Triple(id: entry.id, year: $0, value: $1, line: 0) }
            }
        }) == withoutLines(Self.expected(c, file: long)), "readLongSeries")
        #expect(withoutLines(Self.outcome {
            var triples: [Triple] = []
            try streamLongSeries(at: long) { entry, _ in
                triples += zip(entry.times, entry.values).map { Triple(id: entry.id, year: $0, value: $1, line: 0) }
            }
            return triples
        }) == withoutLines(Self.expected(c, file: long)), "streamLongSeries")
        #expect(withoutLines(Self.outcome {
            try readLongCSV(URL(fileURLWithPath: long)).flatMap { id, series in
                zip(series.times, series.values).map { Triple(id: id, year: $0, value: $1, line: 0) }
            }
        }) == withoutLines(Self.expected(c, file: long)), "readLongCSV (the tests' reader of reference data)")
        #expect(withoutLines(Self.outcome {
            try readForecastFile(forecasts).rows.map { Triple(id: $0.key.id, year: $0.key.t, value: $0.value.values[0], line: 0) }
        }) == withoutLines(Self.expected(c, file: forecasts)), "readForecastFile")
    }
}
