import Foundation
import Testing
import PlancastTestSupport
@testable import DataFiles
@testable import Reports

/// The CSV dialect Excel writes on a Vietnamese (vi-VN) machine, and files in other encodings.
@Suite("Vietnamese-locale CSV and encodings")
struct VietnameseCSVTests {
    func write(_ bytes: [UInt8], name: String = "data.csv") throws -> String {
        try makeTemporaryFolder("vi", files: [name: Data(bytes)]).appendingPathComponent(name).path
    }

    static let vietnamese = "series;year;value;unit\nKhách du lịch;2019;2.600,5;nghìn lượt\nKhách du lịch;2020;1300;nghìn lượt\nKhách du lịch;2021;\"1100,25\";nghìn lượt\n"

    @Test("semicolons and decimal commas (dot thousands) are detected and read as the same numbers")
    func detected() throws {
        let path = try write(Array(Self.vietnamese.utf8))
        let table = try readDataFile(at: path)
        #expect(table.series["Khách du lịch"]?.observations.map(\.value) == [2600.5, 1300, 1100.25])
        #expect(table.dialect?.0 == .vietnamese)
        #expect(table.dialectNote?.contains("detected from its header") == true)
        // Given explicitly: the same series, no note.
        let given = try readDataFile(at: path, dialect: .vietnamese)
        #expect(given.series == table.series)
        #expect(given.dialectNote == nil)
    }

    @Test("the same file read as standard CSV is refused with the semicolon advice")
    func standardRefusesSemicolons() throws {
        let path = try write(Array(Self.vietnamese.utf8))
        #expect(throws: InputError.self) { try readDataFile(at: path, dialect: .standard) }
        let plain = try write(Array("series,year,value\nvisitors,2019,1.5\n".utf8))
        #expect(try readDataFile(at: plain).dialect?.0 == .standard)
    }

    @Test("written in the dialect: semicolons, decimal commas, text with a semicolon quoted; it reads back")
    func writeAndReadBack() throws {
        let lines = ["series,year,value,note", "Khách du lịch,2019,2600.5,\"một; hai\"", "\"Doanh thu, du lịch\",2020,-0.25,"]
        let written = vietnameseDialect(lines)
        #expect(written == ["series;year;value;note", "Khách du lịch;2019;2600,5;\"một; hai\"", "Doanh thu, du lịch;2020;-0,25;"])
        let path = try write(Array((written.joined(separator: "\n") + "\n").utf8))
        let table = try readDataFile(at: path)
        #expect(table.series["Khách du lịch"]?.observations.map(\.value) == [2600.5])
        #expect(table.series["Doanh thu, du lịch"]?.observations.map(\.value) == [-0.25])
    }

    @Test("UTF-16 with a byte-order mark, and without one, is named with the iconv command that converts it",
          arguments: [([0xFF, 0xFE], "UTF-16LE, it starts"), ([0xFE, 0xFF], "UTF-16BE, it starts"), ([], "UTF-16LE, without")])
    func utf16(_ mark: [UInt8], _ what: String) throws {
        let text = "series,year,value\n"
        let units = what.hasPrefix("UTF-16BE") ? text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                                               : text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let path = try write(mark + units)
        // The data reader, and the batch readers that stream a file (they used to call it "a legacy code page").
        let readers: [() throws -> Void] = [{ _ = try readDataFile(at: path) }, { _ = try readLongSeries(at: path) },
                                            { try streamLongSeries(at: path) { _, _ in } },
                                            { try forEachCSVRecord(at: path, chunkSize: 1) { _ in } }]
        for read in readers {
            do {
                try read()
                Issue.record("read")
            } catch let error as InputError {
                #expect(error.message.contains("is UTF-16 text (\(what)"))
                #expect(error.message.contains("iconv -f UTF-16"))
                #expect(error.message.contains("-t UTF-8 '\(path)' > '\(path.dropLast(4))-utf8.csv'"))
                #expect(error.exitStatus == 65)
            }
        }
    }

    @Test("Windows-1258 text is named as such, with the iconv command")
    func windows1258() throws {
        // "Đồng Đăng" in Windows-1258: Đ = D0, ô = F4 + combining grave DE? (ồ = ô + 0xCC grave), ă = E3.
        let bytes: [UInt8] = Array("series,year,value\n".utf8) + [0xD0, 0xF4, 0xCC, 0x6E, 0x67, 0x20, 0xD0, 0xE3, 0x6E, 0x67] + Array(",2020,1\n".utf8)
        let path = try write(bytes)
        do {
            _ = try readDataFile(at: path)
            Issue.record("read")
        } catch let error as InputError {
            #expect(error.message.contains("looks like Windows-1258"))
            #expect(error.message.contains("iconv -f WINDOWS-1258 -t UTF-8"))
        }
    }

    @Test("the batch readers refuse a file that is not UTF-8, with its line, instead of reading U+FFFD into the ids")
    func batchNotUTF8() throws {
        // "Tân An" (t = 1…3) and "Tôn An" (t = 4…6) in Windows-1258 (â = 0xE2, ô = 0xF4): read as
        // UTF-8 with replacement characters, both became "T�n An", one series of six points.
        let rows = [([UInt8](arrayLiteral: 0x54, 0xE2), 1...3), ([0x54, 0xF4], 4...6)].map { name, times in
            times.map { t in name + Array("n An,\(t),\(t)\n".utf8) }.joined()
        }.joined()
        let path = try write(Array("series_id,t,value\n".utf8) + rows)
        for read in [{ _ = try readLongSeries(at: path) }, { try streamLongSeries(at: path) { _, _ in } }] {
            #expect(throws: notUTF8Error(file: path, line: 2)) { try read() }
        }
        #expect(notUTF8Error(file: path, line: 2).description.contains("iconv -f CODEPAGE -t UTF-8"))
        // A multibyte character cut short at the end, or an ASCII byte inside one, is refused too.
        for (bytes, line) in [(Array("series_id,t,value\nx,1,1\n".utf8) + [0xE1, 0xBB], 3), (Array("id,t,value\n\"a".utf8) + [0xC3, 0x41], 2)] {
            let cut = try write(Array(bytes))
            #expect(throws: notUTF8Error(file: cut, line: line)) { _ = try readLongSeries(at: cut) }
        }
    }

    @Test("UTF-8 Vietnamese ids read the same in chunks of any size, a character cut across chunks")
    func batchUTF8Chunks() throws {
        let text = "series_id,t,value\n\u{FEFF}Lạng Sơn,1,1\n\"Đồng Đăng, \"\"cửa khẩu\"\"\",2,2\nƯ\u{00A0},3,3\n"
        let path = try write(Array(text.utf8))
        var whole: [[String]] = []
        try forEachCSVRecord(at: path) { whole.append($0.strings) }
        #expect(whole.count == 4)
        #expect(whole[2][0] == "Đồng Đăng, \"cửa khẩu\"")
        for chunk in [1, 2, 3, 5] {
            var records: [[String]] = []
            try forEachCSVRecord(at: path, chunkSize: chunk) { records.append($0.strings) }
            #expect(records == whole, "chunks of \(chunk) bytes")
        }
    }

    @Test("every reader tells the dialect from the first line alike, whatever its line ends (CR alone, as old Mac Excel wrote)",
          arguments: ["\n", "\r\n", "\r"])
    func dialectOfTheFirstLine(_ lineEnd: String) throws {
        // readCSV looked for the header's end at "\n" or "\r\n" only: with CR alone the "first line" was
        // the whole file, whose decimal commas made it standard, while the batch readers said Vietnamese.
        let path = try write(Array(["series;year;value", "x;2019;1,5", "x;2020;2,5"].joined(separator: lineEnd).utf8) + Array(lineEnd.utf8))
        let table = try readCSV(at: path)
        #expect(table.dialect == .vietnamese && table.dialectDetected)
        #expect(table.rows.map { $0[2] } == ["1,5", "2,5"])
        #expect(try readDataFile(at: path).series["x"]?.observations.map(\.value) == [1.5, 2.5])
        #expect(detectedCSVDialect(at: path) == .vietnamese)
    }

    @Test("the batch readers recognise the Vietnamese dialect by its header: 2.600,5 is 2600.5, and a bad value names its line")
    func batchDialect() throws {
        let path = try write(Array("series_id;t;value\nKhách;1;2.600,5\nKhách;2;\"1300\"\nKhách;3;-0,25\nSai;1;1,2,3\n".utf8))
        let batch = try readLongSeries(at: path)
        #expect(batch.dialect == .vietnamese && batch.dialectDetected)
        #expect(batch.entries.map(\.values) == [[2600.5, 1300, -0.25], []])
        #expect(batch.entries[1].problem?.contains(":5: value: '1,2,3'") == true, "\(batch.entries[1].problem ?? "")")
        var streamed: [[Double]] = []
        let summary = try streamLongSeries(at: path) { entry, _ in streamed.append(entry.values) }
        #expect(streamed == [[2600.5, 1300, -0.25], []] && summary.dialectDetected)
        // A standard file is read as before, and said nothing about.
        let standard = try write(Array("series_id,t,value\nx;y,1,2.5\n".utf8), name: "standard.csv")
        let plain = try readLongSeries(at: standard)
        #expect(plain.dialect == .standard && !plain.dialectDetected && plain.entries.first?.values == [2.5])
    }
}
