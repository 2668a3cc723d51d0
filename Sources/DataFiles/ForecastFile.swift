import Foundation

/// A forecast's place: the series and the time index.
public struct ForecastKey: Hashable, Sendable {
    public let id: String
    public let t: Int

    public init(id: String, t: Int) {
        self.id = id
        self.t = t
    }
}

/// mean, lo80, hi80, lo95, hi95 (interval entries NaN when the file has no such column).
public struct ForecastRow: Sendable {
    public var values: [Double]
}

/// A forecast file as `plancast forecast` writes it (or another tool in its layout), by series and t.
public struct ForecastFile: Sendable {
    public var rows: [ForecastKey: ForecastRow] = [:]
    /// Which of the indices 1…4 (lo80, hi80, lo95, hi95) the file has.
    public var intervalColumns: Set<Int> = []
    /// The names in the `model` column, if it has one.
    public var models: Set<String> = []
}

/// Reads `series_id,t,model,mean,lo80,hi80,lo95,hi95`; the interval columns come in pairs and are optional.
///
/// - Throws: `InputError` with the line for a missing column, a bad number, an interval with only one
///   end, or two rows for one series and t.
public func readForecastFile(_ path: String) throws -> ForecastFile {
    var file = ForecastFile()
    var columns: [Int?] = []
    var idColumn = 0, timeColumn = 0
    var modelColumn: Int?
    var headerCount = 0
    var lines: [ForecastKey: Int] = [:]
    let names = ["mean", "lo80", "hi80", "lo95", "hi95"]
    var sawHeader = false
    try forEachCSVRecord(at: path) { record in
        if !sawHeader {
            sawHeader = true
            let header = (0..<record.count).map { record.string($0).lowercased() }
            try checkHeader(header, file: path, line: record.line)
            guard let id = header.firstIndex(where: { batchColumnNames.seriesID.contains($0) }),
                  let t = header.firstIndex(where: { batchColumnNames.time.contains($0) }),
                  header.contains("mean") else {
                throw InputError(file: path, line: record.line, "the header needs series_id,t,mean (and lo80,hi80,lo95,hi95 for the interval measures), not \(excerpt(header.joined(separator: ",")))")
            }
            idColumn = id; timeColumn = t
            modelColumn = header.firstIndex(of: "model")
            columns = names.map { header.firstIndex(of: $0) }
            for (lower, upper) in [(1, 2), (3, 4)] where (columns[lower] == nil) != (columns[upper] == nil) {
                throw InputError(file: path, line: record.line, "has \(names[columns[lower] == nil ? upper : lower]) without \(names[columns[lower] == nil ? lower : upper]); give both ends of an interval")
            }
            file.intervalColumns = Set((1...4).filter { columns[$0] != nil })
            headerCount = header.count
            return
        }
        guard record.count == headerCount else {
            throw InputError(file: path, line: record.line, "has \(record.count) fields but the header has \(headerCount); quote fields that contain commas")
        }
        let key = ForecastKey(id: record.string(idColumn), t: try record.integer(timeColumn, file: path, column: "t"))
        if let previous = lines[key] {
            throw InputError(file: path, line: record.line, "series '\(key.id)' already has a forecast for t = \(key.t) on line \(previous); keep one model per file and one row per series and t")
        }
        lines[key] = record.line
        var values = [Double](repeating: .nan, count: 5)
        for (k, column) in columns.enumerated() {
            guard let column else { continue }
            guard let value = try record.number(column, file: path, column: names[k]) else {
                throw InputError(file: path, line: record.line, key: names[k], "is empty; every forecast row needs a number here")
            }
            values[k] = value
        }
        file.rows[key] = ForecastRow(values: values)
        if let modelColumn, !record.isEmpty(modelColumn) { file.models.insert(record.string(modelColumn)) }
    }
    guard sawHeader else { throw InputError(file: path, "is empty; it needs a header row and forecast rows") }
    return file
}
