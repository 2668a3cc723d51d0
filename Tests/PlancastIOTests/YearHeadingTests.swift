import Foundation
import Testing
import PlancastTestSupport
@testable import DataFiles

/// A yearbook column headed like a year that plancast does not read as one (`2020.0` as pandas writes
/// float years, `2021e`, `2021 ước`) was passed over like a note column: its values silently left out
/// of the series. It is refused, naming the cell and the heading to write.
@Suite("Yearbook headings that look like years but are not read as one")
struct YearHeadingTests {
    func read(_ csv: String) throws -> SeriesTable {
        try readSeriesTable(parseCSV(csv, file: "yearbook.csv"))
    }

    @Test("a year column headed as a decimal, or with a mark plancast does not know, is refused with the heading to write",
          arguments: [("2020.0", 2020), ("2021e", 2021), ("2021 ước", 2021), ("Năm 2021 (tr.)", 2021)])
    func refused(heading: String, year: Int) throws {
        let csv = "Chỉ tiêu,Đơn vị tính,2018,2019,\(heading)\ngrdp,billion VND,1,2,3\n"
        let error = try #require(throws: InputError.self) { try read(csv) }
        #expect(error.line == 1)
        #expect(error.message.contains("names \(year) but is not a year heading plancast reads"), "\(error)")
        #expect(error.message.contains("write \(year) (or \(year)*, Ước \(year)"))
    }

    @Test("every year heading written as a decimal (pandas' float columns) is named, not 'has no series column'")
    func allDecimalYears() throws {
        let error = try #require(throws: InputError.self) { try read("Chỉ tiêu,Đơn vị tính,2018.0,2019.0\ngrdp,billion VND,1,2\n") }
        #expect(error.message.contains("names 2018 but is not a year heading plancast reads"), "\(error)")
    }

    @Test("a comparison of two years, a long heading, a note column and an empty column are still passed over")
    func otherColumnsPassedOver() throws {
        let csv = "Chỉ tiêu,Đơn vị tính,2023,2024,2024 so với 2023 (%),Tăng trưởng bình quân 2024 (%),Ghi chú,2025\n"
            + "grdp,billion VND,1,2,200,100,số liệu 2024 sơ bộ,\n"
        let table = try read(csv)
        #expect(table.series["grdp"]?.values == [1, 2])
    }

    @Test("a workbook cell is named with its sheet and cell")
    func workbookCell() throws {
        let grid = DataGrid(file: "yearbook.xlsx", sheet: "Niên giám", rows: [
            .init(number: 1, cells: [.text("Chỉ tiêu"), .number(2018), .number(2019), .text("2020.0")]),
            .init(number: 2, cells: [.text("grdp"), .number(1), .number(2), .number(3)]),
        ])
        let error = try #require(throws: InputError.self) { try readSeriesTable(grid) }
        #expect(error.description.contains("'Niên giám'!D1"), "\(error)")
    }
}
