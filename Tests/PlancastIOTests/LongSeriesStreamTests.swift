import Foundation
import Testing
import PlancastTestSupport
@testable import DataFiles
@testable import Reports

/// Issue 16: `streamLongSeries` passes each series on at its last row and reads exactly what
/// `readLongSeries` reads, whatever the order of the rows.
@Suite("Long series streamed one at a time")
struct LongSeriesStreamTests {
    static func file(_ text: String) throws -> String { try makeTemporaryFile("stream", text: text) }

    /// Rows in blocks, interleaved, unsorted within a series, with a bad row, a repeated period and a row without id.
    static let layouts: [String] = [
        "series_id,t,value\na,1,1\na,2,2\na,3,3\nb,1,5\nb,2,6\nc,1,7\n",
        "series_id,t,value\nb,3,12\na,2001,5\nb,1,10\na,2002,6\na,2003,8\nb,2,11\n,4,4\nshort,1,3\nbad,1,abc\nbad,2,3\na,2004,9\ndup,1,1\ndup,1,2\n",
        "id,year,y,note\nx,2003,3,\"q,1\"\nx,2001,1,\nx,2002,2,\ny,1,1\n",
    ]

    @Test("the series, their order, problems and counts are those of readLongSeries", arguments: 0..<3)
    func sameAsWholeRead(_ layout: Int) throws {
        let path = try Self.file(Self.layouts[layout])
        defer { unlink(path) }
        let whole = try readLongSeries(at: path)
        var streamed: [(LongSeriesBatch.Entry, Int)] = []
        let summary = try streamLongSeries(at: path) { entry, order in streamed.append((entry, order)) }
        #expect(summary.seriesCount == whole.entries.count)
        #expect(summary.rowCount == whole.rowCount)
        #expect(summary.unattributedProblems == whole.unattributedProblems)
        #expect(streamed.map(\.1).sorted() == Array(whole.entries.indices))
        for (entry, order) in streamed {
            let expected = whole.entries[order]
            #expect(entry.id == expected.id && entry.times == expected.times && entry.values == expected.values && entry.problem == expected.problem,
                    "\(entry.id)")
        }
    }

    @Test("in a file of blocks the series come one by one, in input order, each with all its rows")
    func passedOnAtLastRow() throws {
        var text = "series_id,t,value\n"
        for k in 0..<200 { for t in 1...(3 + k % 5) { text += "s\(k),\(t),\(k * 10 + t)\n" } }
        let path = try Self.file(text)
        defer { unlink(path) }
        var orders: [Int] = []
        try streamLongSeries(at: path) { entry, order in
            #expect(entry.id == "s\(order)" && entry.times.count == 3 + order % 5)
            orders.append(order)
        }
        // In input order, one by one: no series waited for the end of the file.
        #expect(orders == Array(0..<200))
    }
}
