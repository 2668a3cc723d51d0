import Foundation
import Testing
@testable import DataFiles
@testable import Reports

@Suite("CSV fields read back as written")
struct CSVFieldTests {
    @Test("csvField quotes what parseCSV would split or trim, so a table reads back the same",
          arguments: ["plain", "a,b", "say \"yes\"", "two\nlines", " padded ", "\ttab",
                      ",\u{313}combining mark after a comma", "\"\u{301} a quote with a combining mark", "Lượt khách, 2020"])
    func roundTrip(_ field: String) throws {
        let text = "name,value\n" + csvField(field) + ",1\n"
        let table = try parseCSV(text, file: "t.csv")
        #expect(table.rows == [[field, "1"]])
    }
}
