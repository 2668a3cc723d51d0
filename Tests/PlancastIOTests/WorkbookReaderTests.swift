import Foundation
import Testing
import PlancastTestSupport
@testable import Forecasting
@testable import DataFiles
@testable import Reports

/// The fixtures in Workbooks/ were written by openpyxl, LibreOffice and msoffcrypto-tool
/// (Workbooks/make_workbooks.py); each good one has a CSV twin read by the CSV reader.
enum Workbooks {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Workbooks")
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static let repository = Fixtures.repository
}

/// The series of two tables as comparable values: name → [(year, value, kind, source)].
private func contents(_ table: SeriesTable) -> [String: [String]] {
    table.series.mapValues { series in
        series.observations.map { "\($0.year) \($0.value.bitPattern) \($0.kind.rawValue) \($0.source ?? "-")" }
    }
}

@Suite("Reading workbooks")
struct WorkbookReaderTests {
    @Test("a long workbook written by openpyxl reads to exactly the series, kinds, sources and units of its CSV")
    func longEqualsCSV() throws {
        let csv = try readDataFile(at: Workbooks.repository.appendingPathComponent("Scenarios/data/langson.csv").path)
        let workbook = try readDataFile(at: Workbooks.path("langson-long.xlsx"))
        #expect(workbook.layout == .long)
        #expect(workbook.order == csv.order)
        #expect(contents(workbook) == contents(csv))
        #expect(workbook.units.mapValues(\.unit) == csv.units.mapValues(\.unit))
        #expect(csv.series.count > 20)
    }

    @Test("a yearbook table (merged title and header, blank rows, headings, Sơ bộ 2024) reads to the series of its CSV")
    func wideEqualsCSV() throws {
        let csv = try readDataFile(at: Workbooks.path("yearbook.csv"))
        let workbook = try readDataFile(at: Workbooks.path("yearbook-wide.xlsx"))
        #expect(workbook.layout == .wide)
        #expect(workbook.order == csv.order)
        #expect(contents(workbook) == contents(csv))
        #expect(workbook.units.mapValues(\.unit) == csv.units.mapValues(\.unit))
        let tourists = try #require(workbook.series["Khách du lịch"])
        #expect(tourists.observations.last?.kind == .estimate)
        #expect(tourists.observations.first?.kind == .actual)
        #expect(workbook.units["Khách du lịch"]?.location.cell == "'Niên giám'!B6")
    }

    @Test("a workbook saved by LibreOffice gives the saved results of its formulas")
    func libreOfficeFormulas() throws {
        let csv = try readDataFile(at: Workbooks.path("yearbook-total.csv"))
        let workbook = try readDataFile(at: Workbooks.path("yearbook-libreoffice.xlsx"))
        #expect(contents(workbook) == contents(csv))
        #expect(workbook.series["Tổng kim ngạch"]?.observations.map(\.value) == [1700, 1550.5, 1900, 2050, 2400, 2700])
    }

    @Test("the same yearbook as a CSV file in the wide layout reads the same")
    func wideCSV() throws {
        let text = "chỉ tiêu,đơn vị tính,2019,2020,Sơ bộ 2021\nKhách du lịch,nghìn lượt,2600.5,1300,1100.25\n"
        let table = try readSeriesTable(try parseCSV(text, file: "wide.csv"))
        #expect(table.layout == .wide)
        #expect(table.series["Khách du lịch"]?.observations.map(\.value) == [2600.5, 1300, 1100.25])
        #expect(table.series["Khách du lịch"]?.observations.map(\.kind) == [.actual, .actual, .estimate])
        #expect(table.units["Khách du lịch"]?.unit == "nghìn lượt")
    }

    @Test("inline strings, a namespace prefix and absolute part paths are read; a boolean is text")
    func inlineStrings() throws {
        let grid = try readWorkbook(at: Workbooks.path("inline-strings.xlsx"))
        #expect(grid.sheet == "Long")
        #expect(grid.rows[1].cells == [.text("khách du lịch"), .number(2018), .number(10), .text("TRUE")])
        let table = try readSeriesTable(grid)
        #expect(table.series["khách du lịch"]?.observations.map(\.value) == [10, 11, 11.5, 12])
    }

    @Test("the Lạng Sơn scenario run on its data as a workbook gives the targets.csv and projections.csv committed in Results/")
    func langsonFromWorkbook() throws {
        let scenario = Workbooks.repository.appendingPathComponent("Scenarios/langson-2025.yaml")
        let yaml = try String(contentsOf: scenario, encoding: .utf8)
        #expect(yaml.contains("\ndata: data/langson.csv\n"))
        let folder = try makeTemporaryFolder("xlsx-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("langson-2025.yaml")
        try yaml.replacingOccurrences(of: "\ndata: data/langson.csv\n", with: "\ndata: \(Workbooks.path("langson-long.xlsx"))\nsheet: Dữ liệu\n")
            .write(to: path, atomically: true, encoding: .utf8)
        let result = try LoadedScenario(contentsOf: path.path).run()
        let results = Workbooks.repository.appendingPathComponent("Results/langson-2025")
        #expect(result.targetsCSV(language: result.plan.language) == (try Data(contentsOf: results.appendingPathComponent("targets.csv"))))
        #expect(result.projectionsCSV() == (try Data(contentsOf: results.appendingPathComponent("projections.csv"))))
    }

    @Test("the batch reader (forecast --input FILE.xlsx) reads series_id,t,value from a sheet; a bad cell fails only its series, naming the cell")
    func batchReader() throws {
        let good = try readLongSeries(workbook: Workbooks.path("inline-strings.xlsx"))
        #expect(good.entries.map(\.id) == ["khách du lịch"])
        #expect(good.entries[0].times == [2018, 2019, 2020, 2021])
        #expect(good.entries[0].values == [10, 11, 11.5, 12])
        let bad = try readLongSeries(workbook: Workbooks.path("inline-strings.xlsx"), sheet: "Errors")
        #expect(bad.entries.count == 1)
        #expect(bad.entries[0].problem?.contains("Errors!C3: holds the Excel error #N/A") == true)
    }

    @Test("heading years: plain, starred, Sơ bộ, Ước, Prel., (est.); other headings are not years",
          arguments: [("2024", 2024, false), ("2024*", 2024, true), ("Sơ bộ 2024", 2024, true), ("sơ bộ năm 2024", 2024, true),
                      ("Ước 2024", 2024, true), ("Ước tính 2024", 2024, true), ("Prel. 2024", 2024, true), ("2024 (est.)", 2024, true),
                      ("Năm 2020", 2020, false)])
    func yearHeadings(_ text: String, _ year: Int, _ estimate: Bool) {
        let heading = yearHeading(text, cell: .text(text))
        #expect(heading?.year == year)
        #expect(heading?.estimate == estimate)
    }

    @Test("not year headings", arguments: ["2024-2025", "Tổng 2020", "202", "đơn vị", "20245"])
    func notYearHeadings(_ text: String) {
        #expect(yearHeading(text, cell: .text(text)) == nil)
    }
}

@Suite("Bad workbooks: a clear message, exit status 65 or 66")
struct BadWorkbookTests {
    func failure(_ path: String, sheet: String? = nil, limits: WorkbookLimits = WorkbookLimits()) -> InputError? {
        do {
            _ = try readSeriesTable(try readWorkbook(at: path, sheet: sheet, limits: limits))
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("not an InputError: \(error)")
            return nil
        }
    }

    @Test("a number stored as text is refused naming Sheet1!D7 and what to do")
    func textInNumber() throws {
        let error = try #require(failure(Workbooks.path("text-in-number.xlsx")))
        #expect(error.key == "Sheet1!D7")
        #expect(error.description.contains("text-in-number.xlsx: Sheet1!D7: '12,5'"))
        #expect(error.message.contains("decimal comma"))
        #expect(error.exitStatus == 65)
    }

    @Test("a formula without a saved result (openpyxl) is refused naming its cell")
    func formulaWithoutResult() throws {
        let error = try #require(failure(Workbooks.path("yearbook-formulas.xlsx")))
        #expect(error.key == "'Niên giám'!C14")
        #expect(error.message.contains("formula whose result was never saved"))
    }

    @Test("an Excel error value (#N/A) is refused naming its cell")
    func excelError() throws {
        let error = try #require(failure(Workbooks.path("inline-strings.xlsx"), sheet: "Errors"))
        #expect(error.key == "Errors!C3")
        #expect(error.message.contains("#N/A"))
    }

    @Test("a password-protected workbook (msoffcrypto-tool) is named as such")
    func passwordProtected() throws {
        let error = try #require(failure(Workbooks.path("password-protected.xlsx")))
        #expect(error.message.contains("password-protected"))
        #expect(error.exitStatus == 65)
    }

    @Test("a zip archive without a workbook")
    func zipWithoutWorkbook() throws {
        let error = try #require(failure(Workbooks.path("not-a-workbook.xlsx")))
        #expect(error.message.contains("not an Excel workbook (it has no xl/workbook.xml)"))
        #expect(error.exitStatus == 65)
    }

    @Test("a text file named .xlsx, and an empty file")
    func notAZip() throws {
        let folder = try makeTemporaryFolder("xlsx")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("data.xlsx")
        try Data("series,year,value\nx,2020,1\n".utf8).write(to: text)
        let error = try #require(failure(text.path))
        #expect(error.message.contains("not an .xlsx workbook (not a zip archive); it looks like a text file"))
        let empty = folder.appendingPathComponent("empty.xlsx")
        try Data().write(to: empty)
        #expect(try #require(failure(empty.path)).message.contains("not a zip archive"))
    }

    @Test("a missing file exits 66; a sheet that does not exist names the sheets there are")
    func missingFileAndSheet() throws {
        #expect(failure(Workbooks.path("no-such.xlsx"))?.exitStatus == 66)
        let error = try #require(failure(Workbooks.path("langson-long.xlsx"), sheet: "Data"))
        #expect(error.message == "the workbook has no sheet 'Data'; its sheets are 'Dữ liệu', 'Ghi chú'")
        #expect(error.exitStatus == 65)
        // The second sheet exists but holds a note, not a table.
        let notes = try #require(failure(Workbooks.path("langson-long.xlsx"), sheet: "Ghi chú"))
        #expect(notes.message.contains("no header row found"))
    }

    @Test("a 200 MB file is refused by its size before anything is read")
    func tooLarge() throws {
        let path = temporaryPath("200mb", extension: "xlsx").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("PK\u{3}\u{4}".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 200 << 20)   // sparse: no disk space used
        try handle.close()
        let error = try #require(failure(path))
        #expect(error.message.hasPrefix("is 200 MB, more than the 100 MB plancast reads"))
        #expect(error.exitStatus == 65)
    }

    @Test("a zip bomb whose sheet declares 260 MB is refused before unpacking")
    func zipBombDeclared() throws {
        let error = try #require(failure(Workbooks.path("bomb-declared.xlsx")))
        #expect(error.message.hasPrefix("its part xl/worksheets/sheet1.xml unpacks to 260 MB, more than the 256 MB plancast reads"))
        #expect(error.exitStatus == 65)
    }

    @Test("a zip bomb that declares 1 KB is stopped when what comes out passes the limit", arguments: [16 << 20])
    func zipBombHidden(_ limit: Int) throws {
        let error = try #require(failure(Workbooks.path("bomb-lying.xlsx"), limits: WorkbookLimits(partBytes: limit)))
        #expect(error.message.hasPrefix("its part xl/worksheets/sheet1.xml unpacks to more than the \(limit >> 20) MB plancast reads"))
        #expect(error.exitStatus == 65)
    }

    @Test("a date cell reads as the date the sheet shows, not as Excel's day number (2001-01-01 was 36892)")
    func dates() throws {
        let grid = try readWorkbook(at: Workbooks.path("dates.xlsx"))
        #expect(grid.rows[1][1] == .text("2001-01-01"))              // custom yyyy-mm-dd h:mm:ss
        #expect(grid.rows[2][1] == .text("2002-01-01"))              // built-in format 14
        #expect(grid.rows[3][1] == .text("2003-01-01 12:30:00"))
        #expect(grid.rows[1][2] == .number(1))                       // 0.0 "ha/d": h and d quoted
        // As a t column: named as the CSV reader names '2001-01-01', not forecast at t = 36893.
        let batch = try readLongSeries(workbook: Workbooks.path("dates.xlsx"))
        #expect(batch.entries.first?.problem?.hasSuffix("data!B2: '2001-01-01' is not a whole number; t must be an integer such as a year (2020) or a period number (1, 2, 3, …)") == true,
                "\(batch.entries.first?.problem ?? "no problem")")
    }

    @Test("Excel serial dates, 1900 and 1904 systems, the day that never was and the last day", arguments: [
        (1.0, false, "1900-01-01"), (59, false, "1900-02-28"), (60, false, "1900-02-29"), (61, false, "1900-03-01"),
        (36892, false, "2001-01-01"), (43831.75, false, "2020-01-01 18:00:00"), (2_958_465, false, "9999-12-31"),
        (1, true, "1904-01-02"), (35430, true, "2001-01-01"),
    ])
    func serialDates(_ serial: Double, _ date1904: Bool, _ expected: String) {
        #expect(excelDate(serial, date1904: date1904) == expected)
    }

    @Test("number formats that show dates or times, and those that do not", arguments: [
        ("yyyy-mm-dd", true), ("d/m/yyyy", true), ("[h]:mm", true), ("[$-409]mmm yy", true), ("h:mm AM/PM", true),
        ("General", false), ("0.00", false), ("#,##0 \"đ\"", false), ("0.0 \"ha/d\"", false), ("[Red]0.00", false),
        ("0.00E+00", false), ("#,##0_);(#,##0)", false), ("@", false),
    ])
    func dateFormats(_ code: String, _ isDate: Bool) {
        #expect(isDateFormat(code) == isDate)
    }
}
