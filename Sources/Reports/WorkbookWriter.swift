import Foundation
import DataFiles
import Forecasting
import Planning
import ZIPFoundation

/// One sheet of a workbook to write: a header row and rows of cells.
public struct WorkbookSheet: Sendable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    public var name: String
    public var header: [String]
    public var rows: [[Value]]

    public init(name: String, header: [String], rows: [[Value]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    /// A sheet from CSV text (standard dialect): each field that is a plain decimal number
    /// (`plainDecimal(_:)`) becomes a number, `inf` and `-inf` stay text, empty fields stay empty.
    public init(name: String, csv: Data) throws {
        let table = try parseCSV(String(decoding: csv, as: UTF8.self), file: name)
        self.init(name: name, header: table.header, rows: table.rows.map { row in
            row.map { field in
                if field.isEmpty { return .empty }
                if let value = plainDecimal(field), value.isFinite { return .number(value) }
                return .text(field)
            }
        })
    }
}

/// The most rows a sheet can have in Excel and LibreOffice (2^20), its header row included.
public let workbookRowLimit = 1 << 20

/// An `.xlsx` workbook (Office Open XML) holding `sheets`: the header row bold and frozen, column
/// widths set from the longest cell, numbers stored as numbers (whole numbers without decimals,
/// others with up to six), text as inline strings (Vietnamese kept exactly, NFC as given).
///
/// The same sheets give the same bytes: entries are written in one order with a fixed date.
///
/// - Throws: `InputError` (category `.cannotCreate`) if a sheet has more rows than Excel shows
///   (`workbookRowLimit`, the header row included) or the archive cannot be built.
public func workbookData(_ sheets: [WorkbookSheet]) throws -> Data {
    for sheet in sheets where sheet.rows.count + 1 > workbookRowLimit {
        throw InputError("the sheet '\(sheet.name)' would have \(sheet.rows.count + 1) rows, more than the \(workbookRowLimit) rows of a sheet in Excel and LibreOffice, which would not show the rest; write a CSV file instead, or fewer rows", category: .cannotCreate)
    }
    let archive: Archive
    do {
        archive = try Archive(accessMode: .create)
    } catch {
        throw InputError("the workbook could not be built in memory (\(error))", category: .cannotCreate)
    }
    var parts: [(String, Data)] = []
    func part(_ name: String, _ text: String) { parts.append((name, Data(text.utf8))) }
    let sheetOverrides = sheets.indices.map {
        "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }.joined()
    part("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\(sheetOverrides)</Types>
        """)
    part("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """)
    let sheetEntries = sheets.enumerated().map { i, sheet in
        "<sheet name=\"\(xmlEscaped(sheetName(sheet.name)))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
    }.joined()
    part("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetEntries)</sheets></workbook>
        """)
    let relationships = sheets.indices.map {
        "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
    }.joined() + "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    part("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)</Relationships>
        """)
    // Styles: 0 default, 1 bold header, 2 whole numbers (#,##0), 3 decimals (#,##0.0#####).
    part("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0#####"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """)
    // 1980-01-01, the earliest date a zip entry holds: the same sheets give the same bytes.
    let date = Date(timeIntervalSince1970: 315_532_800)
    func add(_ name: String, _ data: Data) throws {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    do {
        for (name, data) in parts { try add(name, data) }
        // One sheet's part at a time: each is compressed into the archive and let go before the next is written.
        for (i, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", sheetXML(sheet)) }
    } catch {
        throw InputError("the workbook could not be built in memory (\(error))", category: .cannotCreate)
    }
    guard let data = archive.data else { throw InputError("the workbook could not be built in memory", category: .cannotCreate) }
    return data
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
private func sheetName(_ name: String) -> String {
    String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
}

/// The worksheet part of `sheet`, as UTF-8 bytes appended one cell at a time (a string grown by
/// interpolation, then copied into `Data`, took three times the memory of the part and most of the
/// time of a large workbook).
private func sheetXML(_ sheet: WorkbookSheet) -> Data {
    var widths = sheet.header.map { Double($0.count) + 2 }
    var rows: [UInt8] = []
    rows.reserveCapacity(64 * (sheet.rows.count + 1) * max(1, sheet.header.count))
    func append(_ text: String) { rows.append(contentsOf: text.utf8) }
    func appendInteger(_ value: Int) {
        if value < 0 { rows.append(UInt8(ascii: "-")) }
        // The digits, last first, then turned round where they stand: no array for each number.
        let start = rows.count
        var magnitude = value.magnitude
        repeat { rows.append(UInt8(ascii: "0") + UInt8(magnitude % 10)); magnitude /= 10 } while magnitude > 0
        rows[start...].reverse()
    }
    var letters: [String] = []     // the column names, A, B, …, each worked out once
    func appendReference(_ column: Int, _ row: Int) {
        append("<c r=\"")
        while letters.count <= column { letters.append(columnLetters(letters.count)) }
        append(letters[column])
        appendInteger(row)
        append("\"")
    }
    func inline(_ text: String, _ column: Int, _ row: Int, style: Int) {
        appendReference(column, row)
        append(style == 0 ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\" s=\"\(style)\"><is><t xml:space=\"preserve\">")
        append(xmlEscaped(text))
        append("</t></is></c>")
    }
    append("<row r=\"1\">")
    for (c, name) in sheet.header.enumerated() { inline(name, c, 1, style: 1) }
    append("</row>")
    for (r, row) in sheet.rows.enumerated() {
        let number = r + 2
        append("<row r=\"")
        appendInteger(number)
        append("\">")
        for (c, value) in row.enumerated() {
            if c >= widths.count { widths.append(4) }
            switch value {
            case .empty: continue
            case .text(let text):
                widths[c] = max(widths[c], Double(text.count) + 2)
                inline(text, c, number, style: 0)
            case .number(let v):
                let whole = v == v.rounded() && abs(v) < 1e15
                // Shortest round-trip text: the number read back is the number written.
                widths[c] = max(widths[c], Double(formatNumber(v).count) + 3)
                appendReference(c, number)
                append(whole ? " s=\"2\"><v>" : " s=\"3\"><v>")
                // Whole numbers as integers (2025, not 2025.0), so readers see an integer.
                if whole { appendInteger(Int(v)) } else { append("\(v)") }
                append("</v></c>")
            }
        }
        append("</row>")
    }
    let columns = widths.enumerated().map { i, width in
        "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(Int(min(60, max(8, width)).rounded()))\" customWidth=\"1\"/>"
    }.joined()
    var part = Data("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>\(columns)</cols><sheetData>
        """.utf8)
    part.append(contentsOf: rows)
    rows = []
    part.append(contentsOf: "</sheetData></worksheet>".utf8)
    return part
}

/// Text as XML character data: `&`, `<`, `>` and `"` escaped, and the control characters XML 1.0
/// cannot hold (all below U+0020 but tab, line feed and carriage return) dropped.
func xmlEscaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

extension PlanResult {
    /// `results.xlsx`: the sheets `targets` and `projections` (cell for cell the rows of
    /// `targets.csv` and `projections.csv`, numbers as numbers), `data` (the observations each
    /// indicator was fitted on, and later actuals) and `models` (each indicator's model, points
    /// and note).
    public func resultsWorkbook(language: String? = nil) throws -> Data {
        var data: [[WorkbookSheet.Value]] = []
        var models: [[WorkbookSheet.Value]] = []
        func text(_ s: String?) -> WorkbookSheet.Value { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
        for outcome in outcomes {
            let indicator = outcome.indicator
            for (observations, use) in [(outcome.history, "fitted"), (outcome.laterActuals, "later")] {
                for o in observations {
                    data.append([.text(indicator.id), text(indicator.series), .number(Double(o.year)), .number(o.value),
                                 .text(o.kind.rawValue), .text(use), text(indicator.unit), text(o.source)])
                }
            }
            let fitted = outcome.model
            models.append([.text(indicator.id), text(indicator.name), text(indicator.series), text(indicator.unit),
                           text(fitted?.modelName), fitted.map { .number(Double($0.count)) } ?? .empty,
                           fitted?.observations.first.map { .number(Double($0.year)) } ?? .empty,
                           fitted?.observations.last.map { .number(Double($0.year)) } ?? .empty,
                           text(outcome.problem ?? outcome.note)])
        }
        return try workbookData([
            try WorkbookSheet(name: "targets", csv: targetsCSV(language: language ?? plan.language)),
            try WorkbookSheet(name: "projections", csv: projectionsCSV()),
            WorkbookSheet(name: "data", header: ["indicator", "series", "year", "value", "kind", "use", "unit", "source"], rows: data),
            WorkbookSheet(name: "models", header: ["indicator", "name", "series", "unit", "model", "points", "first_year", "last_year", "note"], rows: models),
        ])
    }
}
