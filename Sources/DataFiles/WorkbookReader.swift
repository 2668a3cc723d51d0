import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SWXMLHash
import ZIPFoundation

/// The limits of the workbook reader, so a hostile or mistaken file cannot exhaust memory.
public struct WorkbookLimits: Sendable {
    /// The largest `.xlsx` file read.
    public var fileBytes: Int
    /// The largest part (a sheet's XML, the shared strings) once decompressed: a zip bomb stops here.
    public var partBytes: Int

    public init(fileBytes: Int = 100 << 20, partBytes: Int = 256 << 20) {
        self.fileBytes = fileBytes
        self.partBytes = partBytes
    }
}

/// Whether a path names a workbook (`.xlsx`, any case).
public func isWorkbookPath(_ path: String) -> Bool {
    path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".xlsm")
}

/// The names of a workbook's sheets, in order.
public func workbookSheetNames(at path: String, limits: WorkbookLimits = WorkbookLimits()) throws -> [String] {
    try Workbook(path: path, limits: limits).sheets.map(\.name)
}

/// Reads one sheet of an `.xlsx` workbook (Office Open XML, as Excel, LibreOffice and openpyxl
/// write it) into cells.
///
/// Shared and inline strings are text; numbers are numbers; a formula gives its saved result (or
/// `.formulaWithoutValue` when none was saved); `#N/A` and the other Excel errors are `.error`;
/// booleans are the text `TRUE` / `FALSE`. Merged areas are kept in `DataGrid.merges`.
///
/// ```swift
/// let grid = try readWorkbook(at: "niengiam.xlsx", sheet: "Du lich")
/// let table = try readSeriesTable(grid)   // long or wide layout
/// ```
///
/// - Parameters:
///   - sheet: the sheet's name; nil for the first sheet.
///   - limits: the largest file and decompressed part read.
/// - Throws: `InputError` naming the file: missing or unreadable (exit status 66); not a zip
///   archive, an old `.xls` or password-protected workbook, a zip without a workbook, a damaged
///   part, a part beyond the limits, or a sheet that does not exist, with the sheets there are (65).
/// - Complexity: O(file size) time; memory bounded by `limits.partBytes` and the tree of one sheet.
public func readWorkbook(at path: String, sheet: String? = nil, limits: WorkbookLimits = WorkbookLimits()) throws -> DataGrid {
    let workbook = try Workbook(path: path, limits: limits)
    guard let chosen = sheet.map({ name in workbook.sheets.first { $0.name == name } ?? workbook.sheets.first { $0.name.lowercased() == name.lowercased() } })
            ?? workbook.sheets.first else {
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        if workbook.sheets.isEmpty { throw InputError(file: path, "the workbook has no sheets; save it from Excel or LibreOffice with the data on a sheet") }
        throw InputError(file: path, key: sheet, "the workbook has no sheet '\(excerpt(sheet ?? ""))'; its sheets are \(names)")
    }
    return try workbook.grid(of: chosen)
}

/// An opened `.xlsx` archive: its sheets and shared strings.
private struct Workbook {
    struct Sheet { var name: String; var part: String }

    let path: String
    let archive: Archive
    let limits: WorkbookLimits
    var sheets: [Sheet] = []
    var sharedStringsPart: String?
    var stylesPart: String?
    /// Whether serial dates count from 1904 (`<workbookPr date1904="1"/>`, old Mac workbooks).
    var date1904 = false

    init(path: String, limits: WorkbookLimits) throws {
        self.path = path
        self.limits = limits
        let data = try readInputFile(at: path, maximumBytes: limits.fileBytes,
                                     whenTooLarge: "keep only the sheet you need in a workbook of its own, or save it as CSV UTF-8")
        let magic = [UInt8](data.prefix(8))
        if magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            throw InputError(file: path, "is a password-protected workbook or an old Excel 97–2003 (.xls) file; remove the password (File ▸ Info ▸ Protect Workbook) and save it as Excel Workbook (.xlsx)")
        }
        guard magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            let looksLikeText = !magic.isEmpty && magic.allSatisfy { $0 >= 0x09 && $0 < 0x80 || $0 >= 0xC2 }
            let hint = looksLikeText ? "it looks like a text file; if it is CSV, name it .csv" : "save it in Excel or LibreOffice as Excel Workbook (.xlsx)"
            throw InputError(file: path, "is not an .xlsx workbook (not a zip archive); \(hint)")
        }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw InputError(file: path, "is a damaged zip archive, not a readable workbook; open it in Excel or LibreOffice and save it again as .xlsx")
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw InputError(file: path, "is a zip archive but not an Excel workbook (it has no xl/workbook.xml); save the data in Excel or LibreOffice as Excel Workbook (.xlsx)")
        }
        let relationships = try part("xl/_rels/workbook.xml.rels").map { try self.relationships($0) } ?? [:]
        for element in try document(workbookXML, part: "xl/workbook.xml").descendants(named: "sheet") {
            guard let name = element.attribute(by: "name")?.text else { continue }
            let id = element.allAttributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value.text
            let target = id.flatMap { relationships[$0]?.target } ?? "worksheets/sheet\(sheets.count + 1).xml"
            sheets.append(Sheet(name: name, part: Self.resolve(target)))
        }
        sharedStringsPart = relationships.values.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.resolve($0.target) }
            ?? (archive["xl/sharedStrings.xml"] != nil ? "xl/sharedStrings.xml" : nil)
        stylesPart = relationships.values.first { $0.type.hasSuffix("/styles") }.map { Self.resolve($0.target) }
            ?? (archive["xl/styles.xml"] != nil ? "xl/styles.xml" : nil)
        if let properties = try document(workbookXML, part: "xl/workbook.xml").descendants(named: "workbookPr").first,
           let flag = properties.attribute(by: "date1904")?.text {
            date1904 = flag == "1" || flag.lowercased() == "true"
        }
    }

    /// The cell styles (indices into `cellXfs`, a cell's `s`) whose number format shows a date or a
    /// time: Excel's built-in date formats (14–22, 27–36, 45–47, 50–58) and custom formats with
    /// y, m, d, h or s outside quotes and brackets.
    func dateStyles() throws -> Set<Int> {
        guard let name = stylesPart, let data = try part(name) else { return [] }
        let root = try document(data, part: name)
        var custom: [Int: String] = [:]
        for format in root.descendants(named: "numFmt") {
            if let id = format.attribute(by: "numFmtId").flatMap({ Int($0.text) }), let code = format.attribute(by: "formatCode")?.text {
                custom[id] = code
            }
        }
        let builtIn = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
        guard let cellFormats = root.descendants(named: "cellXfs").first else { return [] }
        var result = Set<Int>()
        for (index, format) in cellFormats.childElements.filter({ $0.localName == "xf" }).enumerated() {
            guard let id = format.attribute(by: "numFmtId").flatMap({ Int($0.text) }) else { continue }
            if custom[id].map(isDateFormat) ?? builtIn.contains(id) { result.insert(index) }
        }
        return result
    }

    /// A target of `xl/_rels/workbook.xml.rels` as a path in the archive.
    static func resolve(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// The decompressed bytes of a part, or nil when the archive has none; refused past the limit.
    func part(_ name: String) throws -> Data? {
        guard let entry = archive[name] else { return nil }
        let limit = limits.partBytes
        if entry.uncompressedSize > UInt64(limit) {
            throw InputError(file: path, "its part \(name) unpacks to \(formatByteCount(Int(clamping: entry.uncompressedSize))), more than the \(formatByteCount(limit)) plancast reads; keep only the data you need in the workbook")
        }
        var data = Data()
        struct TooLarge: Error {}
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                // The declared size can lie (a zip bomb): count what really comes out.
                if data.count + chunk.count > limit { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw InputError(file: path, "its part \(name) unpacks to more than the \(formatByteCount(limit)) plancast reads (a damaged file or a zip bomb); keep only the data you need in the workbook")
        } catch {
            throw InputError(file: path, "its part \(name) is damaged and cannot be unpacked; open the workbook in Excel or LibreOffice and save it again")
        }
        return data
    }

    func document(_ data: Data, part: String) throws -> SWXMLHash.XMLElement {
        let indexer = XMLHash.config { options in options.detectParsingErrors = true }.parse(data)
        if case .parsingError = indexer {
            throw InputError(file: path, "its part \(part) is not well-formed XML (a damaged file); open the workbook in Excel or LibreOffice and save it again")
        }
        guard let root = indexer.element else {
            throw InputError(file: path, "its part \(part) cannot be read; open the workbook in Excel or LibreOffice and save it again")
        }
        return root
    }

    func relationships(_ data: Data) throws -> [String: (type: String, target: String)] {
        var result: [String: (type: String, target: String)] = [:]
        for element in try document(data, part: "xl/_rels/workbook.xml.rels").descendants(named: "Relationship") {
            guard let id = element.attribute(by: "Id")?.text, let target = element.attribute(by: "Target")?.text else { continue }
            result[id] = (element.attribute(by: "Type")?.text ?? "", target)
        }
        return result
    }

    func sharedStrings() throws -> [String] {
        guard let name = sharedStringsPart, let data = try part(name) else { return [] }
        let reader = SharedStringsReader()
        try stream(data, part: name, into: reader)
        return reader.strings
    }

    func grid(of sheet: Sheet) throws -> DataGrid {
        guard let data = try part(sheet.part) else {
            throw InputError(file: path, key: sheet.name, "the sheet's part \(sheet.part) is missing from the workbook (a damaged file); open it in Excel or LibreOffice and save it again")
        }
        let reader = SheetReader(file: path, reference: sheetReference(sheet.name), strings: try sharedStrings(),
                                 dateStyles: try dateStyles(), date1904: date1904)
        try stream(data, part: sheet.part, into: reader)
        if let problem = reader.problem { throw problem }
        let rows = reader.rows
        var merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = []
        let index = Dictionary(rows.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { first, _ in first })
        for ref in reader.mergeReferences {
            let corners = ref.split(separator: ":").map(String.init)
            guard corners.count == 2, let (c0, r0) = cellAddress(corners[0]), let (c1, r1) = cellAddress(corners[1]),
                  let top = index[r0] else { continue }
            let bottom = (r0...max(r0, r1)).compactMap { index[$0] }.max() ?? top
            merges.append((top...bottom, c0...max(c0, c1)))
        }
        return DataGrid(file: path, sheet: sheet.name, rows: rows, merges: merges)
    }

    /// Streams a large part (a sheet, the shared strings) through Foundation's event-driven XML
    /// parser: memory stays that of the cells, not of a tree of every element. (Read as one `Data`,
    /// libxml2 stops at 10 MB on Linux; read as a stream, it does not.)
    func stream(_ data: Data, part: String, into delegate: XMLParserDelegate) throws {
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        if !parser.parse() {
            if let problem = (delegate as? SheetReader)?.problem { throw problem }
            throw InputError(file: path, "its part \(part) is not well-formed XML (a damaged file, line \(parser.lineNumber) column \(parser.columnNumber)); open the workbook in Excel or LibreOffice and save it again")
        }
    }
}

/// The local name of an element (`x:row` → `row`).
private func localName(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}

/// Collects `<si>` items: plain `<t>`, or rich text runs `<r><t>…</t></r>`; phonetic guides
/// (`<rPh>`) are not the text.
private final class SharedStringsReader: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch localName(elementName) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Reads `<sheetData>` row by row into cells, and the `<mergeCell>` areas.
private final class SheetReader: NSObject, XMLParserDelegate {
    let file: String
    let reference: String
    let strings: [String]
    /// The styles that show a number as a date or time (see `Workbook.dateStyles()`).
    let dateStyles: Set<Int>
    let date1904: Bool
    var rows: [DataGrid.Row] = []
    var mergeReferences: [String] = []
    /// The first bad cell, which stops the parse.
    var problem: InputError?

    private var rowNumber = 0
    private var cells: [DataCell] = []
    private var column = 0
    private var type = "n"
    private var style = 0
    private var value: String?
    private var inlineText = ""
    private var hasFormula = false
    private var collecting = false
    private var inInline = false
    private var inPhonetic = false
    private var text = ""

    init(file: String, reference: String, strings: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.file = file
        self.reference = reference
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "row":
            rowNumber = attributeDict["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells = []
        case "c":
            column = attributeDict["r"].flatMap { cellColumn($0) } ?? cells.count
            type = attributeDict["t"] ?? "n"
            style = attributeDict["s"].flatMap { Int($0) } ?? 0
            value = nil
            inlineText = ""
            hasFormula = false
        case "v":
            collecting = true
            text = ""
        case "f":
            hasFormula = true
        case "is":
            inInline = true
        case "rPh":
            inPhonetic = true
        case "t" where inInline && !inPhonetic:
            collecting = true
            text = ""
        case "mergeCell":
            if let ref = attributeDict["ref"] { mergeReferences.append(ref) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch localName(elementName) {
        case "v":
            value = text
            collecting = false
        case "t" where collecting:
            inlineText += text
            collecting = false
        case "is":
            inInline = false
        case "rPh":
            inPhonetic = false
        case "c":
            guard column < 16_384 else { return }
            do {
                let cell = try self.cell()
                if column >= cells.count {
                    if cell == .empty { return }
                    cells.append(contentsOf: repeatElement(.empty, count: column - cells.count))
                    cells.append(cell)
                } else {
                    cells[column] = cell
                }
            } catch let error as InputError {
                problem = error
                parser.abortParsing()
            } catch {}
        case "row":
            while let last = cells.last, last == .empty { cells.removeLast() }
            rows.append(DataGrid.Row(number: rowNumber, cells: cells))
        default:
            break
        }
    }

    /// The value of the `<c>` element just read.
    private func cell() throws -> DataCell {
        // Built only for an error: most cells never need their name.
        var reference: String { "\(self.reference)!\(columnLetters(column))\(rowNumber)" }
        // openpyxl and other writers that do not calculate save a formula with an empty `<v>` or none.
        let v = hasFormula && value?.isEmpty == true ? nil : value
        switch type {
        case "s":
            guard let v, let i = Int(v.trimmingCharacters(in: .whitespaces)), strings.indices.contains(i) else {
                throw InputError(file: file, key: reference, "refers to a shared string the workbook does not have (a damaged file); open it in Excel or LibreOffice and save it again")
            }
            return strings[i].isEmpty ? .empty : .text(strings[i])
        case "inlineStr":
            return inlineText.isEmpty ? .empty : .text(inlineText)
        case "str", "d":
            guard let v else { return hasFormula ? .formulaWithoutValue : .empty }
            return v.isEmpty ? .empty : .text(v)
        case "b":
            guard let v else { return hasFormula ? .formulaWithoutValue : .empty }
            return .text(v == "1" ? "TRUE" : "FALSE")
        case "e":
            return .error(v ?? "#VALUE!")
        default:
            guard let v else { return hasFormula ? .formulaWithoutValue : .empty }
            let text = v.trimmingCharacters(in: .whitespaces)
            guard let number = Double(text), number.isFinite else {
                throw InputError(file: file, key: reference, "holds '\(excerpt(text))' as a number, which it is not (a damaged file); type the number again")
            }
            // A date is stored as a number of days: read it as the date the sheet shows, never as
            // that number (2001-01-01 is 36892), so that a date where a year or a value belongs is named.
            if dateStyles.contains(style), let date = excelDate(number, date1904: date1904) { return .text(date) }
            return .number(number)
        }
    }
}

/// Whether an Excel number format shows a date or a time: y, m, d, h or s outside quoted text,
/// `[…]` (colours, locales, elapsed-time brackets) and characters escaped with `\`, `_` or `*`.
///
/// ```swift
/// isDateFormat("yyyy-mm-dd h:mm")   // true
/// isDateFormat("0.0 \"ha\"")        // false
/// ```
func isDateFormat(_ code: String) -> Bool {
    let lowered = code.lowercased()
    if lowered == "general" || lowered == "@" { return false }
    var inQuotes = false, inBrackets = false, escaped = false
    for character in lowered {
        if escaped { escaped = false; continue }
        if inQuotes { if character == "\"" { inQuotes = false }; continue }
        if inBrackets { if character == "]" { inBrackets = false }; continue }
        switch character {
        case "\\", "_", "*": escaped = true
        case "\"": inQuotes = true
        case "[": inBrackets = true
        case "y", "m", "d", "h", "s": return true
        default: break
        }
    }
    return false
}

/// An Excel serial date as ISO 8601 text: `2001-01-01`, with the time when it has one
/// (`2001-01-01 12:30:00`); nil outside 1900–9999. Serial 1 is 1900-01-01 (or 1904-01-02 in the
/// 1904 system); Excel's 29 February 1900, which never was, is serial 60.
func excelDate(_ serial: Double, date1904: Bool) -> String? {
    guard serial >= 1, serial < 2_958_466 else { return nil }
    var whole = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
    if seconds == 86_400 { whole += 1; seconds = 0 }
    // Days since 1970-01-01.
    let days: Int
    if date1904 { days = whole - 24_107 } else if whole >= 61 { days = whole - 25_569 } else if whole == 60 { return "1900-02-29" } else { days = whole - 25_568 }
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var text = "\(year)-\(two(month))-\(two(day))"
    if seconds > 0 { text += " \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))" }
    return text
}

extension SWXMLHash.XMLElement {
    /// The name without a namespace prefix (`x:row` → `row`).
    var localName: String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    var childElements: [SWXMLHash.XMLElement] { children.compactMap { $0 as? SWXMLHash.XMLElement } }

    /// Every element below this one called `name` (without prefix), in document order.
    func descendants(named name: String) -> [SWXMLHash.XMLElement] {
        var found: [SWXMLHash.XMLElement] = []
        var stack = Array(childElements.reversed())
        while let element = stack.popLast() {
            if element.localName == name { found.append(element); continue }
            stack.append(contentsOf: element.childElements.reversed())
        }
        return found
    }
}

/// The 0-based column of a cell reference (`D7` → 3), or nil.
func cellColumn(_ reference: String) -> Int? { cellAddress(reference)?.column }

/// The 0-based column and 1-based row of a cell reference (`$D$7` → (3, 7)), or nil.
func cellAddress(_ reference: String) -> (column: Int, row: Int)? {
    var column = 0, row = 0, letters = 0, digits = 0
    for scalar in reference.unicodeScalars where scalar != "$" {
        switch scalar.value {
        case 65...90 where digits == 0: column = column * 26 + Int(scalar.value - 64); letters += 1
        case 97...122 where digits == 0: column = column * 26 + Int(scalar.value - 96); letters += 1
        case 48...57 where letters > 0: row = row * 10 + Int(scalar.value - 48); digits += 1
        default: return nil
        }
        if letters > 3 || digits > 7 { return nil }
    }
    guard letters > 0 else { return nil }
    return (column - 1, digits > 0 ? row : 0)
}
