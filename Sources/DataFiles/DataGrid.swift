import Foundation
import Forecasting
import Planning

/// One cell of a data file: what a CSV field or a workbook cell holds.
public enum DataCell: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    /// An Excel error value such as `#DIV/0!` or `#N/A`.
    case error(String)
    /// A formula whose result was never saved (a file written by a program that does not calculate).
    case formulaWithoutValue
}

/// The rows of a data file as cells, with where each came from: the lines of a CSV file or the rows
/// of one workbook sheet. Both layouts of series (`readSeriesTable(_:)`) are read from this.
public struct DataGrid: Sendable {
    public struct Row: Sendable {
        /// The 1-based CSV line or sheet row.
        public var number: Int
        public var cells: [DataCell]

        public init(number: Int, cells: [DataCell]) {
            self.number = number
            self.cells = cells
        }

        /// Cell `column`, or `.empty` past the end of the row.
        public subscript(column: Int) -> DataCell { column < cells.count ? cells[column] : .empty }

        /// Whether every cell is empty (or blank text).
        public var isBlank: Bool { !cells.contains(where: \.hasContent) }
    }

    public var file: String
    /// The sheet read, for a workbook; nil for a CSV file.
    public var sheet: String? { didSet { sheetPrefix = sheet.map(sheetReference) } }
    /// `sheetReference(sheet)`, computed once.
    private var sheetPrefix: String?
    public var rows: [Row]
    /// Merged areas of a sheet, as 0-based indices into `rows` and columns; a merged area's value is
    /// in its top-left cell.
    public var merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)]
    /// Whether text cells use a decimal comma (`1.234,5`), as a CSV file saved on a Vietnamese machine.
    public var decimalComma: Bool

    public init(file: String, sheet: String? = nil, rows: [Row],
                merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = [], decimalComma: Bool = false) {
        self.file = file
        self.sheet = sheet
        self.sheetPrefix = sheet.map(sheetReference)
        self.rows = rows
        self.merges = merges
        self.decimalComma = decimalComma
    }

    /// The number of columns of the widest row.
    public var columnCount: Int { rows.reduce(0) { max($0, $1.cells.count) } }

    /// Cell `column` of row `index` as a header reads it: a cell inside a merged area has the
    /// area's value.
    public func headerCell(row index: Int, column: Int) -> DataCell {
        let cell = rows[index][column]
        guard cell == .empty else { return cell }
        for merge in merges where merge.rows.contains(index) && merge.columns.contains(column) {
            return rows[merge.rows.lowerBound][merge.columns.lowerBound]
        }
        return cell
    }

    /// A header cell's text as columns are matched: trimmed, lower case, NFC, inner runs of spaces
    /// and line breaks as one space.
    public func headerText(row index: Int, column: Int) -> String {
        let text = headerCell(row: index, column: column).text.lowercased().precomposedStringWithCanonicalMapping
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
    }

    /// The CSV table as a grid of text cells.
    public init(_ table: CSVTable) {
        file = table.file
        sheet = nil
        sheetPrefix = nil
        merges = []
        decimalComma = table.dialect == .vietnamese
        rows = [Row(number: 1, cells: table.header.map { .text($0) })]
        for (row, line) in zip(table.rows, table.lines) {
            rows.append(Row(number: line, cells: row.map { $0.isEmpty ? .empty : .text($0) }))
        }
    }

    /// Where a cell is, as an error names it: `Sheet1!D7` in a workbook; the line, with the
    /// column's name as key, in a CSV file.
    public func location(row: Row, column: Int, name: String) -> DataLocation {
        if let sheetPrefix { return DataLocation(line: nil, cell: "\(sheetPrefix)!\(columnLetters(column))\(row.number)") }
        return DataLocation(line: row.number, cell: nil, column: name)
    }

    /// An error about the cell at `column` of `row`.
    public func error(row: Row, column: Int, name: String, _ message: String) -> InputError {
        location(row: row, column: column, name: name).error(file: file, message)
    }
}

/// Where a value of a data file came from: a CSV line (and column name) or a workbook cell.
public struct DataLocation: Sendable, Hashable {
    public var line: Int?
    /// `Sheet1!D7`, for a workbook.
    public var cell: String?
    /// The column's name, for a CSV file.
    public var column: String?

    public init(line: Int?, cell: String?, column: String? = nil) {
        self.line = line
        self.cell = cell
        self.column = column
    }

    /// An error at this place, naming the cell or the line and `key`.
    public func error(file: String, key: String? = nil, _ message: String) -> InputError {
        if let cell { return InputError(file: file, key: cell, message) }
        return InputError(file: file, line: line, key: key ?? column, message)
    }

    /// As a message names it in passing: `line 7` or `Sheet1!D7`.
    public var description: String { cell ?? line.map { "line \($0)" } ?? "?" }
}

extension DataCell {
    /// The cell as text: trimmed text, a number as written by `formatNumber`, "" otherwise.
    public var text: String {
        switch self {
        case .text(let s): return s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let v): return formatNumber(v)
        case .error(let e): return e
        case .empty, .formulaWithoutValue: return ""
        }
    }

    /// Whether the cell holds anything: a number, non-blank text, an error or a formula.
    public var hasContent: Bool {
        if case .empty = self { return false }
        if case .text = self { return !text.isEmpty }
        return true
    }
}

/// `A` for column 0, `Z` for 25, `AA` for 26.
package func columnLetters(_ column: Int) -> String {
    var n = column + 1
    var letters: [Character] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}

/// A sheet name as a cell reference writes it: quoted when it holds anything but letters, digits and `_`.
func sheetReference(_ name: String) -> String {
    if name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }) { return name }
    return "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
}
