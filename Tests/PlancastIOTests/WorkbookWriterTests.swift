import Foundation
import Testing
import PlancastTestSupport
@testable import Planning
@testable import DataFiles
@testable import Reports

/// `results.xlsx`: the same rows as targets.csv and projections.csv, read back by plancast's own
/// reader here and by openpyxl and LibreOffice (scripts/check-results-xlsx.py) where they are installed.
@Suite("Writing workbooks")
struct WorkbookWriterTests {
    static let onCI: Bool = {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !["", "0", "false"].contains(value.lowercased())
    }()

    static let hasOpenpyxl = programSucceeds(["python3", "-c", "import openpyxl"])
    static let hasLibreOffice = programSucceeds(["soffice", "--version"])

    /// The cells of a CSV as the workbook should hold them.
    func expectedCells(_ csv: Data) throws -> [[DataCell]] {
        let table = try parseCSV(String(decoding: csv, as: UTF8.self), file: "t.csv")
        let header = table.header.map { DataCell.text($0) }
        return [header] + table.rows.map { row in
            var cells = row.map { field -> DataCell in
                if field.isEmpty { return .empty }
                if let v = plainDecimal(field), v.isFinite { return .number(v) }
                return .text(field)
            }
            while cells.last == .empty { cells.removeLast() }
            return cells
        }
    }

    func folderWithResults() throws -> URL {
        let result = try ReportFixture.result()
        let folder = try makeTemporaryFolder("xlsx-out")
        try result.resultsWorkbook().write(to: folder.appendingPathComponent("results.xlsx"))
        try result.targetsCSV().write(to: folder.appendingPathComponent("targets.csv"))
        try result.projectionsCSV().write(to: folder.appendingPathComponent("projections.csv"))
        return folder
    }

    @Test("targets and projections sheets hold the CSV rows cell for cell, numbers as numbers, Vietnamese intact")
    func readsBack() throws {
        let result = try ReportFixture.result()
        let folder = try folderWithResults()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("results.xlsx").path
        #expect(try workbookSheetNames(at: path) == ["targets", "projections", "data", "models"])
        for (sheet, csv) in [("targets", result.targetsCSV()), ("projections", result.projectionsCSV())] {
            let grid = try readWorkbook(at: path, sheet: sheet)
            let expected = try expectedCells(csv)
            #expect(grid.rows.map(\.cells) == expected, "sheet \(sheet)")
            #expect(grid.rows.count > 3)
        }
        let data = try readWorkbook(at: path, sheet: "data")
        let fitted = result.outcomes.reduce(0) { $0 + $1.history.count + $1.laterActuals.count }
        #expect(data.rows.count == fitted + 1)
        let targets = try readWorkbook(at: path, sheet: "targets")
        #expect(targets.rows.contains { $0.cells.contains(.text(ExcelCSVTests.vietnamese)) })
    }

    @Test("the same result gives the same bytes")
    func deterministic() throws {
        let result = try ReportFixture.result()
        #expect(try result.resultsWorkbook() == (try result.resultsWorkbook()))
    }

    @Test("openpyxl reads results.xlsx as targets.csv and projections.csv, header frozen, widths set; LibreOffice converts it to CSV",
          .enabled(if: hasOpenpyxl || onCI, "python3 with openpyxl is not installed (pip install openpyxl); on CI this fails instead"))
    func realReaders() throws {
        guard Self.hasOpenpyxl else {
            Issue.record("CI is set but python3 cannot import openpyxl: .ci/run must install python3-openpyxl")
            return
        }
        if Self.onCI, !Self.hasLibreOffice { Issue.record("CI is set but soffice is missing: .ci/run must install libreoffice-calc-nogui") }
        let folder = try folderWithResults()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = Workbooks.repository.appendingPathComponent("scripts/check-results-xlsx.py").path
        var arguments = ["python3", script, folder.path]
        if Self.hasLibreOffice { arguments.append("--libreoffice") }
        let run = try runProgram(arguments)
        let text = run.output
        #expect(run.status == 0, "\(text)")
        #expect(text.contains("equal targets.csv and projections.csv"))
        if Self.hasLibreOffice { #expect(text.contains("converted results.xlsx to CSV without error")) }
        print(text)
    }

    @Test("XML escapes: &, <, >, quotes; control characters XML cannot hold are dropped")
    func escaping() {
        #expect(xmlEscaped("a & b < c > \"d\"") == "a &amp; b &lt; c &gt; &quot;d&quot;")
        #expect(xmlEscaped("x\u{1}y\tz") == "xy\tz")
        #expect(xmlEscaped("Lạng Sơn") == "Lạng Sơn")
    }

    @Test("a sheet with more rows than Excel shows is refused, not written for Excel to cut short")
    func rowLimit() throws {
        // 100,000 series forecast 11 years ahead: 1,100,000 rows and the header; it used to be written.
        let sheet = WorkbookSheet(name: "forecasts", header: ["series_id"],
                                  rows: Array(repeating: [.number(1)], count: workbookRowLimit))
        #expect(throws: InputError("the sheet 'forecasts' would have 1048577 rows, more than the 1048576 rows of a sheet in Excel and LibreOffice, which would not show the rest; write a CSV file instead, or fewer rows",
                                   category: .cannotCreate)) {
            try workbookData([sheet])
        }
    }
}
