import DataFiles
/// A table of text cells with an alignment per column, rendered as aligned plain text for the terminal
/// (`render(indent:decorate:)`) or as a Markdown table (`markdown()`), so that a table is built once
/// whatever it is shown in.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }
    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines of text; `decorate` may colour a cell after padding (width is measured first).
    public func render(indent: String = "", decorate: ((Int, Int, String) -> String)? = nil) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (j, cell) in row.enumerated() where j < widths.count { widths[j] = max(widths[j], cell.count) } }
        var text = ""
        for (i, row) in all.enumerated() {
            var cells: [String] = []
            for (j, cell) in row.enumerated() where j < widths.count {
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                var padded = alignments[j] == .left ? cell + pad : pad + cell
                if i > 0, let decorate { padded = decorate(i - 1, j, padded) }
                cells.append(padded)
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
            if i == 0 {
                text += indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return text
    }

    /// The table in Markdown: a header row, an alignment row (`---` left, `---:` right), a row per row;
    /// cells are written as given (escape them first).
    ///
    /// ```swift
    /// var table = TextTable(header: ["id", "P"])
    /// table.append(["P3.1", "0.64"])
    /// table.markdown()   // "| id | P |\n|---|---:|\n| P3.1 | 0.64 |\n"
    /// ```
    public func markdown() -> String {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        return line(header) + "|" + alignments.map { $0 == .left ? "---" : "---:" }.joined(separator: "|") + "|\n"
            + rows.map(line).joined()
    }
}
