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
    /// The lower and upper ends of the file's other intervals, a pair for each of
    /// `ForecastFile.otherLevels` in its order: `[lo50, hi50, lo99, hi99]`.
    public var otherBounds: [Double] = []
}

/// A forecast file as `plancast forecast` writes it (or another tool in its layout), by series and t.
public struct ForecastFile: Sendable {
    public var rows: [ForecastKey: ForecastRow] = [:]
    /// Which of the indices 1…4 (lo80, hi80, lo95, hi95) the file has.
    public var intervalColumns: Set<Int> = []
    /// The names in the `model` column, if it has one.
    public var models: Set<String> = []
    /// The levels (percent, ascending) of the file's intervals besides 80% and 95%, such as those
    /// of `lo50,hi50` and `lo99,hi99`.
    public var otherLevels: [Double] = []
    /// The CSV dialect the file was read in, detected from its header (`.standard` for a workbook).
    public var dialect: CSVDialect = .standard
}

/// The columns of a forecast file's header (lowercased names).
private struct ForecastColumns {
    static let names = ["mean", "lo80", "hi80", "lo95", "hi95"]
    var id: Int, time: Int, model: Int?
    /// The column of each of `names`, if the file has it.
    var values: [Int?]

    /// - Parameter error: makes the error for a message, at the header.
    init(_ header: [String], error: (String) -> InputError) throws {
        guard let id = header.firstIndex(where: { batchColumnNames.seriesID.contains($0) }),
              let time = header.firstIndex(where: { batchColumnNames.time.contains($0) }),
              header.contains("mean") else {
            throw error("the header needs series_id,t,mean (and lo80,hi80,lo95,hi95 for the interval measures), not \(excerpt(header.joined(separator: ",")))")
        }
        self.id = id
        self.time = time
        model = header.firstIndex(of: "model")
        values = Self.names.map { header.firstIndex(of: $0) }
        for (lower, upper) in [(1, 2), (3, 4)] where (values[lower] == nil) != (values[upper] == nil) {
            let (present, absent) = values[lower] == nil ? (upper, lower) : (lower, upper)
            throw error("has \(Self.names[present]) without \(Self.names[absent]); give both ends of an interval")
        }
        // Other levels: loL and hiL with L a percentage (lo50, hi99.5).
        func level(_ name: String, _ prefix: String) -> Double? {
            guard name.hasPrefix(prefix), !Self.names.contains(name), let value = plainDecimal(String(name.dropFirst(2))),
                  value > 0, value < 100 else { return nil }
            return value
        }
        var found: [(level: Double, lower: Int, upper: Int, names: (String, String))] = []
        for (column, name) in header.enumerated() {
            if let l = level(name, "lo") {
                guard let upper = header.firstIndex(of: "hi" + name.dropFirst(2)) else {
                    throw error("has \(name) without hi\(name.dropFirst(2)); give both ends of an interval")
                }
                found.append((l, column, upper, (name, "hi" + name.dropFirst(2))))
            } else if level(name, "hi") != nil, !header.contains("lo" + name.dropFirst(2)) {
                throw error("has \(name) without lo\(name.dropFirst(2)); give both ends of an interval")
            }
        }
        others = found.sorted { $0.level < $1.level }
        for (a, b) in zip(others, others.dropFirst()) where a.level == b.level {
            throw error("has \(a.names.0) and \(b.names.0), two columns of one level; keep one")
        }
    }

    /// The intervals besides 80% and 95%, by level: their columns and names.
    var others: [(level: Double, lower: Int, upper: Int, names: (String, String))] = []

    var intervalColumns: Set<Int> { Set((1...4).filter { values[$0] != nil }) }
}

/// Reads `series_id,t,model,mean,lo80,hi80,lo95,hi95`; the interval columns come in pairs and are optional.
///
/// A path ending in `.xlsx` is read as a workbook (see `readForecastFile(workbook:sheet:)`), so the
/// workbook `plancast forecast` writes is read back too.
///
/// - Throws: `InputError` with the line for a missing column, a bad number, an interval with only one
///   end, or two rows for one series and t.
public func readForecastFile(_ path: String) throws -> ForecastFile {
    if isWorkbookPath(path) { return try readForecastFile(workbook: path) }
    let dialect = detectedCSVDialect(at: path)
    var file = ForecastFile()
    file.dialect = dialect
    var columns: [Int?] = []
    var idColumn = 0, timeColumn = 0
    var modelColumn: Int?
    var headerCount = 0
    var lines: [ForecastKey: Int] = [:]
    var others: [(level: Double, lower: Int, upper: Int, names: (String, String))] = []
    let names = ForecastColumns.names
    var sawHeader = false
    try forEachCSVRecord(at: path, separator: dialect.separator) { record in
        if !sawHeader {
            sawHeader = true
            let header = (0..<record.count).map { record.string($0).lowercased() }
            try checkHeader(header, file: path, line: record.line, separator: dialect.separator)
            let found = try ForecastColumns(header) { InputError(file: path, line: record.line, $0) }
            idColumn = found.id; timeColumn = found.time
            modelColumn = found.model
            columns = found.values
            file.intervalColumns = found.intervalColumns
            file.otherLevels = found.others.map(\.level)
            others = found.others
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
            let read = dialect == .vietnamese ? try record.decimalCommaNumber(column, file: path, column: names[k])
                                              : try record.number(column, file: path, column: names[k])
            guard let value = read else {
                throw InputError(file: path, line: record.line, key: names[k], "is empty; every forecast row needs a number here")
            }
            values[k] = value
        }
        var bounds: [Double] = []
        for (column, name) in others.flatMap({ [($0.lower, $0.names.0), ($0.upper, $0.names.1)] }) {
            let read = dialect == .vietnamese ? try record.decimalCommaNumber(column, file: path, column: name)
                                              : try record.number(column, file: path, column: name)
            guard let value = read else {
                throw InputError(file: path, line: record.line, key: name, "is empty; every forecast row needs a number here")
            }
            bounds.append(value)
        }
        file.rows[key] = ForecastRow(values: values, otherBounds: bounds)
        if let modelColumn, !record.isEmpty(modelColumn) { file.models.insert(record.string(modelColumn)) }
    }
    guard sawHeader else { throw InputError(file: path, "is empty; it needs a header row and forecast rows") }
    return file
}

/// Reads a forecast file from one sheet of an `.xlsx` workbook (the first by default; `plancast
/// forecast` writes a workbook with the one sheet `forecasts`) as `readForecastFile(_:)` reads CSV:
/// the header in the first non-blank row, one row per series and t.
///
/// - Throws: `InputError` naming the sheet and cell for a missing column, a cell that is not a
///   number, an interval with only one end, or two rows for one series and t; and what
///   `readWorkbook(at:sheet:limits:)` throws.
public func readForecastFile(workbook path: String, sheet: String? = nil) throws -> ForecastFile {
    let grid = try readWorkbook(at: path, sheet: sheet)
    guard let headerIndex = grid.rows.firstIndex(where: { !$0.isBlank }) else {
        throw InputError(file: path, key: grid.sheet, "the sheet is empty; it needs a header row series_id,t,model,mean,… and forecast rows")
    }
    let headerRow = grid.rows[headerIndex]
    let header = (0..<grid.columnCount).map { grid.headerText(row: headerIndex, column: $0) }
    let columns = try ForecastColumns(header) { message in
        InputError(file: path, key: grid.location(row: headerRow, column: 0, name: "").cell, message)
    }
    var file = ForecastFile()
    file.intervalColumns = columns.intervalColumns
    file.otherLevels = columns.others.map(\.level)
    var cells: [ForecastKey: String] = [:]
    for row in grid.rows[(headerIndex + 1)...] where !row.isBlank {
        func cell(_ column: Int) -> String { grid.location(row: row, column: column, name: "").cell ?? "" }
        func error(_ column: Int, _ message: String) -> InputError { InputError(file: path, key: cell(column), message) }
        let id = row[columns.id].text
        guard !id.isEmpty else { throw error(columns.id, "the series_id is missing; every forecast row needs one") }
        guard let t = row[columns.time].wholeNumber else {
            if row[columns.time] == .empty { throw error(columns.time, "t is missing; every forecast row needs a whole-number t") }
            throw error(columns.time, "'\(excerpt(row[columns.time].text))' is not a whole number; t must be an integer such as a year (2020) or a period number (1, 2, 3, …)")
        }
        let key = ForecastKey(id: id, t: t)
        if let previous = cells[key] {
            throw error(columns.id, "series '\(key.id)' already has a forecast for t = \(key.t) in \(previous); keep one model per file and one row per series and t")
        }
        cells[key] = cell(columns.id)
        func number(_ column: Int, _ name: String) throws -> Double {
            switch row[column] {
            case .number(let v) where v.isFinite && abs(v) <= largestInputMagnitude: return v
            case .empty: throw error(column, "\(name) is empty; every forecast row needs a number here")
            default: throw error(column, "'\(excerpt(row[column].text))' is not a number; every forecast row needs a number in \(name)")
            }
        }
        var values = [Double](repeating: .nan, count: 5)
        for (k, column) in columns.values.enumerated() {
            guard let column else { continue }
            values[k] = try number(column, ForecastColumns.names[k])
        }
        let bounds = try columns.others.flatMap { [try number($0.lower, $0.names.0), try number($0.upper, $0.names.1)] }
        file.rows[key] = ForecastRow(values: values, otherBounds: bounds)
        if let model = columns.model, !row[model].text.isEmpty { file.models.insert(row[model].text) }
    }
    return file
}
