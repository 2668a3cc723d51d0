import Foundation
import Testing
@testable import Planning
@testable import DataFiles
@testable import Reports

/// `--excel` CSV: a UTF-8 byte-order mark and CRLF line ends, so Excel opens Vietnamese text correctly.
@Suite("CSV for Excel")
struct ExcelCSVTests {
    /// The explanation of B.1 in the fixture's language (Vietnamese), from the message catalogue.
    static let vietnamese = "1 điểm số liệu đến năm 2018: mô hình logistic(trần 100) cần ít nhất 3 điểm; hãy bổ sung số liệu: không mô hình nào dùng được với ít hơn 3 điểm; cần: forest cover (%) every year 2013–2018"

    @Test("targets.csv with --excel starts with EF BB BF, ends every line with CRLF and keeps Vietnamese as UTF-8")
    func excelBytes() throws {
        let result = try ReportFixture.result()
        let data = result.targetsCSV(CSVStyle(excel: true))
        let bytes = [UInt8](data)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // Every LF follows a CR, and every CR comes before an LF.
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "a bare LF at byte \(i)") }
            if byte == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "a bare CR at byte \(i)") }
        }
        #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
        let lines = bytes.filter { $0 == 0x0A }.count
        #expect(lines == result.assessments.count + 1)
        // The Vietnamese text as NFC UTF-8 bytes, e.g. "đến" = C4 91 (đ) E1 BA BF (ế) 6E (n).
        let expected = [UInt8](Self.vietnamese.precomposedStringWithCanonicalMapping.utf8)
        #expect(bytes.firstRange(of: expected) != nil)
        #expect(bytes.firstRange(of: [0xC4, 0x91, 0xE1, 0xBA, 0xBF, 0x6E]) != nil)
        // And it reads back: the BOM is skipped, the field is intact.
        let text = try #require(String(data: data, encoding: .utf8))
        let table = try parseCSV(text, file: "targets.csv")
        #expect(table.header.first == "target_id")
        let column = try #require(table.column("explanation"))
        #expect(table.rows.contains { $0[column] == Self.vietnamese })
    }

    @Test("without --excel: no byte-order mark, LF line ends only")
    func plainBytes() throws {
        let result = try ReportFixture.result()
        for data in [result.targetsCSV(), result.projectionsCSV()] {
            let bytes = [UInt8](data)
            #expect(bytes.first == UInt8(ascii: "t") || bytes.first == UInt8(ascii: "i"))
            #expect(!bytes.contains(0x0D))
            #expect(bytes.last == 0x0A)
        }
    }

    @Test("projections.csv with --excel has the same rows as without, with a BOM and CRLF")
    func projectionsExcel() throws {
        let result = try ReportFixture.result()
        let plain = String(decoding: result.projectionsCSV(), as: UTF8.self)
        let excel = result.projectionsCSV(CSVStyle(excel: true))
        #expect([UInt8](excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: excel.dropFirst(3), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n") == plain)
    }
}
