import Foundation
import Forecasting
import Planning

/// A scenario file drafted from a plan document: its term, its targets in document order, and the
/// sentences of its target sections that held a number but could not be read.
public struct PlanDraft: Sendable {
    /// A target with where it was read.
    public struct Entry: Sendable, Equatable {
        /// `P2.9`, or `P1.M1` for a milestone.
        public var id: String
        public var programme: Int
        public var reading: TargetReading
        /// Line of the document (1-based) and the sentence as written.
        public var line: Int
        public var sentence: String
    }

    /// A sentence of a target section with a number that was not read.
    public struct Unread: Sendable, Equatable {
        public var line: Int
        public var sentence: String
        public var reason: String
    }

    public var title: String
    public var language: DocumentLanguage
    public var asOf: Int
    public var baseYear: Int
    public var horizon: Int
    public var entries: [Entry]
    public var unread: [Unread]
    /// Remarks on how the term was found (or assumed).
    public var remarks: [String]
}

/// What `draftPlan` may be told beyond the text.
public struct DraftSettings: Sendable {
    public var title: String?
    /// The base year (and as-of year); by default the first year of the term the document names.
    public var baseYear: Int?
    /// By default detected from the text.
    public var language: DocumentLanguage?

    public init(title: String? = nil, baseYear: Int? = nil, language: DocumentLanguage? = nil) {
        self.title = title
        self.baseYear = baseYear
        self.language = language
    }
}

/// The text of a plan document read from bytes: UTF-8 (with or without a byte-order mark), not empty, not binary.
///
/// - Throws: `InputError` (data, exit 65) naming the file for an empty file, a NUL byte (a binary or
///   UTF-16 file) or bytes that are not UTF-8, with the line of the first bad byte.
public func planDocumentText(_ data: Data, file: String) throws -> String {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
        throw InputError(file: file, "is empty; give the plan document as plain UTF-8 text")
    }
    if let nul = bytes.firstIndex(of: 0) {
        let line = bytes[..<nul].filter { $0 == 0x0A }.count + 1
        throw InputError(file: file, line: line, "holds a NUL byte: it is a binary file (a .docx or .pdf?) or UTF-16 text; save the document as plain UTF-8 text")
    }
    if let bad = firstInvalidUTF8(bytes) {
        let line = bytes[..<bad].filter { $0 == 0x0A }.count + 1
        throw InputError(file: file, line: line, "is not UTF-8 text (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad); a Windows-1258, TCVN3 or VNI file?); save it as UTF-8")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.precomposedStringWithCanonicalMapping
}

/// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, if any.
func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
    var i = 0
    while i < b.count {
        let c = b[i]
        let n: Int
        if c < 0x80 { n = 1 } else if c >= 0xC2 && c <= 0xDF { n = 2 } else if c & 0xF0 == 0xE0 { n = 3 } else if c >= 0xF0 && c <= 0xF4 { n = 4 } else { return i }
        if i + n > b.count { return i }
        for k in 1..<max(n, 1) where b[i + k] & 0xC0 != 0x80 { return i }
        if n == 3, (c == 0xE0 && b[i + 1] < 0xA0) || (c == 0xED && b[i + 1] > 0x9F) { return i }
        if n == 4, (c == 0xF0 && b[i + 1] < 0x90) || (c == 0xF4 && b[i + 1] > 0x8F) { return i }
        i += n
    }
    return nil
}

/// Drafts a scenario from the text of a plan document.
///
/// ```swift
/// let draft = try draftPlan(text: programme, file: "programme.txt")
/// draft.entries.map(\.id)          // ["P1.1", "P1.2", …, "P1.M1", "P2.1", …]
/// print(draft.scenarioYAML(dataFile: "programme-data.csv", source: "programme.txt"))
/// ```
///
/// The target sections ("Mục tiêu cụ thể", "Các chỉ tiêu chủ yếu", "Specific targets", …) are read
/// sentence by sentence with `readTargetSentence`; the tasks sections ("Nhiệm vụ, giải pháp",
/// "Tổ chức thực hiện") and everything else are not. Targets are numbered by programme ("Chương
/// trình 2" → P2.1, P2.2 …); without programme headings each target section is the next programme
/// (a target heading right under another, nothing read between them, continues it). The general
/// objectives ("Mục tiêu chung") are prose and are not read.
/// The term ("nhiệm kỳ 2020 – 2025") gives as-of, base year and horizon.
///
/// - Throws: `InputError` (data) when the text has no target section, or its target sections hold
///   nothing that could be read.
public func draftPlan(text: String, file: String, settings: DraftSettings = DraftSettings()) throws -> PlanDraft {
    let text = text.precomposedStringWithCanonicalMapping
    let language = settings.language ?? DocumentLanguage.detect(text)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    var remarks: [String] = []

    // The term: the first "2020 – 2025" of the document.
    var term: (Int, Int)?
    for line in lines {
        if let m = regexMatches(#"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|(?i:đến|to))\s*((?:19|20)\d\d)(?!\d)"#, in: line).first {
            let a = Int((line as NSString).substring(with: m.range(at: 1)))!, b = Int((line as NSString).substring(with: m.range(at: 2)))!
            if b > a && b - a <= 15 { term = (a, b); break }
        }
    }

    enum Section { case none, targets, tasks }
    var section = Section.none
    var programme = 0
    var announcedProgramme: Int?
    var sentences: [(programme: Int, line: Int, text: String)] = []
    var sawTargetSection = false
    var programmeStart = 0
    for (index, raw) in lines.enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { continue }
        let heading = headingText(line).lowercased()
        let short = (heading as NSString).length <= 90
        if let m = regexMatches(#"^(?:chương trình|programme|program)\s+(\d+)\s*[:.\-–]"#, in: heading).first {
            announcedProgramme = Int((heading as NSString).substring(with: m.range(at: 1)))
            section = .none
            continue
        }
        if short, isTargetHeading(heading) {
            sawTargetSection = true
            section = .targets
            if let announced = announcedProgramme {
                programme = announced
                announcedProgramme = nil
            } else if programmeStart != sentences.count || programme == 0 {
                // A heading right under another target heading, with nothing read between them
                // ("I. MỤC TIÊU", then "1. Mục tiêu chung", then "2. Mục tiêu cụ thể"), is the same section.
                programme += 1
            }
            programmeStart = sentences.count
            continue
        }
        // The general objectives ("Mục tiêu chung") are prose, not targets: not read, and their
        // outline number ("1.") is no sentence to report.
        if short, isGeneralObjectivesHeading(heading) {
            section = .none
            continue
        }
        if short, isTasksHeading(heading) || isShoutedHeading(line) {
            section = .tasks
            continue
        }
        guard section == .targets else { continue }
        // A group heading inside a target section ("a) Về kinh tế:") holds no target.
        if short, line.hasSuffix(":"), !line.contains(where: \.isNumber) { continue }
        for sentence in splitSentences(line) { sentences.append((programme, index + 1, sentence)) }
    }
    guard sawTargetSection else {
        throw InputError(file: file, "has no target section (a heading such as \"Mục tiêu cụ thể\", \"Các chỉ tiêu chủ yếu\" or \"Specific targets\"); plancast draft reads the targets of those sections only")
    }

    let explicitYears = sentences.flatMap { s in
        regexMatches(#"(?i:năm|by|in)\s+((?:19|20)\d\d)(?!\d)"#, in: s.text).map { Int((s.text as NSString).substring(with: $0.range(at: 1)))! }
    }
    let termEnd = term?.1 ?? explicitYears.max()
    guard let termEnd else {
        throw InputError(file: file, "names no term (such as \"nhiệm kỳ 2020 – 2025\") and no target year; give the years in the document, or a base year")
    }
    let baseYear = settings.baseYear ?? term?.0 ?? termEnd - 5
    if term == nil && settings.baseYear == nil { remarks.append("no term is written; the base year \(baseYear) is assumed five years before \(termEnd)") }

    var entries: [PlanDraft.Entry] = []
    var unread: [PlanDraft.Unread] = []
    var counters: [Int: (targets: Int, milestones: Int)] = [:]
    for s in sentences {
        let reading = readTargetSentence(s.text, language: language, defaultYear: termEnd)
        for target in reading.targets {
            var count = counters[s.programme] ?? (0, 0)
            let id: String
            if target.kind == .milestone { count.milestones += 1; id = "P\(s.programme).M\(count.milestones)" }
            else { count.targets += 1; id = "P\(s.programme).\(count.targets)" }
            counters[s.programme] = count
            entries.append(PlanDraft.Entry(id: id, programme: s.programme, reading: target, line: s.line, sentence: s.text))
        }
        if let reason = reading.notUnderstood { unread.append(PlanDraft.Unread(line: s.line, sentence: s.text, reason: reason)) }
    }
    guard !entries.isEmpty else {
        throw InputError(file: file, "has target sections but no target could be read from them (\(unread.count) sentences with numbers not understood); check that the text is the plan's own wording")
    }
    let horizon = max(termEnd, entries.map(\.reading.year).max() ?? termEnd)
    let title = settings.title ?? lines.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }.map { String($0.prefix(200)) } ?? file
    return PlanDraft(title: title, language: language, asOf: baseYear, baseYear: baseYear, horizon: horizon,
                     entries: entries, unread: unread, remarks: remarks)
}

/// A line without its outline number: "1.1.Mục tiêu cụ thể" → "Mục tiêu cụ thể".
private func headingText(_ line: String) -> String {
    let pattern = #"^(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s*|\d+(?:\.\d+)+\s*)*"#
    guard let m = regexMatches(pattern, in: line).first else { return line }
    return (line as NSString).substring(from: m.range.length).trimmingCharacters(in: .whitespaces)
}

private func isTargetHeading(_ heading: String) -> Bool {
    let h = heading.trimmingCharacters(in: CharacterSet(charactersIn: ": ."))
    if regexMatches(#"(?:chung|tổng quát|general|overall)$"#, in: h).count > 0 { return false }
    return regexMatches(#"^(?:các\s+)?(?:mục tiêu|chỉ tiêu)(?:\s+(?:cụ thể|chủ yếu|chính|phát triển|cơ bản|đến năm \d{4}))*$|^(?:specific|key|main|major)?\s*(?:targets|objectives|indicators)(?:\s+(?:to|by)\s+\d{4})?$"#, in: h).count > 0
}

/// "Mục tiêu chung", "Mục tiêu tổng quát", "General objectives", "Overall goal".
private func isGeneralObjectivesHeading(_ heading: String) -> Bool {
    let h = heading.trimmingCharacters(in: CharacterSet(charactersIn: ": ."))
    return regexMatches(#"^(?:các\s+)?mục tiêu\s+(?:chung|tổng quát)$|^(?:general|overall)\s+(?:objectives?|targets?|goals?)$"#, in: h).count > 0
}

private func isTasksHeading(_ heading: String) -> Bool {
    regexMatches(#"^(?:các\s+|những\s+)?(?:nhiệm vụ|giải pháp|tổ chức thực hiện|phân công|kinh phí|tasks|solutions|implementation|organisation|organization)"#, in: heading).count > 0
}

/// A heading in capitals ("II. TỔ CHỨC THỰC HIỆN") closes a target section.
private func isShoutedHeading(_ line: String) -> Bool {
    let letters = line.filter(\.isLetter)
    return letters.count >= 6 && letters.allSatisfy { !$0.isLowercase } && (line as NSString).length <= 90
}

/// Sentences of a line: split at ". " before a capital or a bullet, never inside a number (6.650).
private func splitSentences(_ line: String) -> [String] {
    var result: [String] = []
    var current = ""
    let characters = Array(line)
    for (i, c) in characters.enumerated() {
        current.append(c)
        if c == "." || c == "!" || c == "?" {
            let next = i + 1 < characters.count ? characters[i + 1] : " "
            let afterNext = i + 2 < characters.count ? characters[i + 2] : " "
            if next == " " && (afterNext.isUppercase || afterNext == "-" || afterNext == "–") || i + 1 == characters.count {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
    }
    let rest = current.trimmingCharacters(in: .whitespaces)
    if !rest.isEmpty { result.append(rest) }
    return result
}

// MARK: - The scenario file

extension PlanDraft {
    /// The drafted scenario file: one indicator per target, `series` left for the analyst, a
    /// `# not understood:` line for every sentence with an unread number, a baseline scenario.
    ///
    /// - Parameters:
    ///   - dataFile: the data file to name in `data:` (relative to the scenario file).
    ///   - source: the document's name, for the header comment.
    public func scenarioYAML(dataFile: String, source: String) -> String {
        let targets = entries.filter { $0.reading.kind != .milestone }.count
        var out = "# Drafted by plancast draft from \(source): \(counted(targets, "target")) and \(counted(entries.count - targets, "milestone"))"
        out += " in \(counted(Set(entries.map(\.programme)).count, "programme")), \(counted(unread.count, "sentence")) not understood.\n"
        out += "# Every reading is a draft: check each against the sentence quoted in its note. Then write the data\n"
        out += "# \(dataFile) (plancast data template writes its rows) and give each indicator its series.\n"
        for remark in remarks { out += "# \(remark)\n" }
        for u in unread { out += "# not understood: line \(u.line): \(excerpt(u.sentence, limit: 160)) — \(u.reason)\n" }
        out += "plancast: 1\n"
        out += "title: \(yamlQuoted(title))\n"
        out += "language: \(language.rawValue)\n"
        out += "data: \(yamlQuoted(dataFile))\n"
        out += "as_of: \(asOf)\nbase_year: \(baseYear)\nhorizon: \(horizon)\n\nindicators:\n"
        var usedIDs = Set<String>()
        var programme = 0
        for entry in entries {
            let r = entry.reading
            if entry.programme != programme {
                programme = entry.programme
                out += "  # ── \(language == .vi ? "Chương trình" : "Programme") \(programme) ──\n"
            }
            var id = indicatorSlug(r.name)
            if id.isEmpty { id = "indicator" }
            if usedIDs.contains(id) {
                var k = 2
                while usedIDs.contains("\(id)_\(k)") { k += 1 }
                id = "\(id)_\(k)"
            }
            usedIDs.insert(id)
            out += "  - id: \(id)\n"
            out += "    name: \(yamlQuoted(r.name))\n"
            if let unit = r.unit { out += "    unit: \(yamlQuoted(unit))\n" }
            if r.kind != .milestone {
                out += "    # series: \(id)        (once the data file has it)\n"
                // The data of an average growth are yearly growth rates, which fall below 0 in a bad
                // year: a lower bound of 0 would refuse such a year and hold every path at or above 0.
                if let upper = r.upperBound { out += "    bounds: {lower: 0, upper: \(formatNumber(upper))}\n" } else if r.kind != .averageGrowth { out += "    bounds: {lower: 0}\n" }
                out += "    data_needed: \(yamlQuoted(dataNeeded(r)))\n"
            } else {
                out += "    data_needed: \(yamlQuoted(language == .vi ? "một báo cáo có ngày tháng cho biết đã hoàn thành" : "a dated report that it was completed"))\n"
            }
            out += "    targets:\n"
            out += "      - id: \(entry.id)\n"
            out += "        programme: \(entry.programme)\n"
            out += "        kind: \(r.kind.rawValue)\n"
            out += "        year: \(r.year)\n"
            if r.kind == .milestone {
                out += "        status: unknown\n"
            } else {
                out += "        comparison: \(r.comparison!.rawValue)\n"
                out += "        value: \(formatNumber(r.value!))\n"
                if let high = r.valueHigh { out += "        value_high: \(formatNumber(high))\n" }
            }
            var note = "line \(entry.line): «\(entry.sentence)»"
            if let remark = r.remark { note = remark + ". " + note }
            out += "        note: \(yamlQuoted(note))\n\n"
        }
        out += "scenarios:\n  baseline:\n"
        out += "    description: \(yamlQuoted(language == .vi ? "Xu hướng của số liệu tiếp diễn, không điều chỉnh." : "The trends of the data continue; no adjustment."))\n"
        return out
    }

    func dataNeeded(_ r: TargetReading) -> String {
        let from = baseYear - 10
        let unit = r.unit.map { " (\($0))" } ?? ""
        switch r.kind {
        case .averageGrowth: return "yearly growth of \(r.name)\(unit), \(from)–\(asOf)"
        case .annualFlow: return "\(r.name)\(unit) in each year \(from)–\(asOf)"
        case .cumulativeCount: return "the count of \(r.name)\(unit) at the end of each year \(from)–\(asOf)"
        default: return "\(r.name)\(unit) in each year \(from)–\(asOf)"
        }
    }
}

/// An ASCII identifier from an indicator name: "Xã đạt chuẩn nông thôn mới" → "xa_dat_chuan_nong_thon_moi".
public func indicatorSlug(_ name: String, words: Int = 6) -> String {
    let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
    let parts = folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).prefix(words)
    return parts.joined(separator: "_")
}

/// A count with its noun, singular for one: `counted(1, "target")` is "1 target", `counted(3, "target")` "3 targets".
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// A YAML double-quoted scalar.
func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}
