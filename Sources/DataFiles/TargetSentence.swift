import Foundation
import Forecasting
import Planning

/// The language of a plan document: it decides how numbers and comparison words are read.
public enum DocumentLanguage: String, Sendable, CaseIterable {
    /// Vietnamese: `6.650` is 6650, `4,4` is 4.4.
    case vi
    /// English: `6,650` is 6650, `4.4` is 4.4.
    case en

    /// Vietnamese when the text holds a letter that only Vietnamese uses (ă, đ, ơ, ư, a tone mark), else English.
    ///
    /// ```swift
    /// DocumentLanguage.detect("Trồng rừng mới 9.000 ha/năm")   // .vi
    /// DocumentLanguage.detect("Plant 9,000 ha a year")          // .en
    /// ```
    public static func detect(_ text: String) -> DocumentLanguage {
        let vietnamese = Set("ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
        return text.contains(where: vietnamese.contains) ? .vi : .en
    }
}

/// One quantified target (or milestone) read from a sentence of a plan document.
public struct TargetReading: Sendable, Equatable {
    public var kind: TargetKind
    public var comparison: Comparison?
    public var value: Double?
    public var valueHigh: Double?
    public var year: Int
    /// The indicator as the sentence names it.
    public var name: String
    public var unit: String?
    /// The total a count is bounded by (`115/181 xã` → 181), or 100 for a share.
    public var upperBound: Double?
    /// What the reading rests on, e.g. `"trên" (more than)` or `part of the total before "trong đó"`.
    public var remark: String?

    public init(kind: TargetKind, comparison: Comparison? = nil, value: Double? = nil, valueHigh: Double? = nil,
                year: Int, name: String, unit: String? = nil, upperBound: Double? = nil, remark: String? = nil) {
        self.kind = kind
        self.comparison = comparison
        self.value = value
        self.valueHigh = valueHigh
        self.year = year
        self.name = name
        self.unit = unit
        self.upperBound = upperBound
        self.remark = remark
    }
}

/// What one sentence of a target section says.
public struct SentenceReading: Sendable, Equatable {
    /// The targets in the order the sentence gives them (a milestone when it commits to something without a number).
    public var targets: [TargetReading]
    /// Why a number of the sentence was left unread, when one was.
    public var notUnderstood: String?
}

/// Reads the targets of one sentence of a plan's target section.
///
/// ```swift
/// let r = readTargetSentence("Đến năm 2025, có 115/181 xã đạt chuẩn nông thôn mới.", language: .vi, defaultYear: 2025)
/// r.targets[0].value        // 115
/// r.targets[0].kind         // .cumulativeCount
/// r.targets[0].upperBound   // 181
/// ```
///
/// Numbers that are not quantities are set aside before anything is read: dates (`15/5/2016`), document
/// numbers (`05-CT/TW`, `số 12`), kilometre posts (`Km3+700`), names with a number (`Quốc lộ 4B`, `giai
/// đoạn 2`, `loại II`), years (`đến năm 2025`, `so với năm 2020`), the size of a single project (`quy mô
/// 5 – 6 ha`, `công suất 100 MW`), ratings and ages (`từ 3 sao trở lên`, `dưới 5 tuổi`) and anything in
/// parentheses.
///
/// - Parameters:
///   - sentence: one sentence, as written.
///   - language: how its numbers and words are read.
///   - defaultYear: the year of a target for which the sentence gives none (the end of the term).
/// - Returns: the targets read and, when a number was left unread, why.
public func readTargetSentence(_ sentence: String, language: DocumentLanguage, defaultYear: Int) -> SentenceReading {
    var reader = SentenceReader(sentence.precomposedStringWithCanonicalMapping, language: language, defaultYear: defaultYear)
    return reader.read()
}

// MARK: - The reader

/// One quantity found in a sentence: a number (or range or fraction) with its unit.
private struct Quantity {
    var start: Int
    /// End of the number, % and scale word.
    var numberEnd: Int
    /// End of the words naming what is counted (up to the next comma, semicolon or quantity).
    var end: Int
    var value: Double
    var high: Double?
    var total: Double?
    var percent: Bool
    var scale: String?
    /// The counted noun, lowercased (`xã`, `sản phẩm`), or nil after a % or with nothing after it.
    var head: String?
    var unit: String?
}

private struct YearCue {
    var start: Int
    var end: Int
    var year: Int
}

private struct SentenceReader {
    let text: NSString
    /// `text` with every number that is not a quantity (and everything in parentheses) blanked out; same length.
    let work: NSMutableString
    let language: DocumentLanguage
    let defaultYear: Int
    var years: [YearCue] = []

    init(_ sentence: String, language: DocumentLanguage, defaultYear: Int) {
        text = sentence as NSString
        work = NSMutableString(string: sentence)
        self.language = language
        self.defaultYear = defaultYear
    }

    var number: String { language == .vi ? #"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"# : #"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"# }

    func value(of token: String) -> Double {
        let plain = language == .vi
            ? token.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            : token.replacingOccurrences(of: ",", with: "")
        return Double(plain) ?? .nan
    }

    func string(_ range: NSRange, original: Bool = true) -> String { (original ? text : work as NSString).substring(with: range) }
    func string(from start: Int, to end: Int, original: Bool = true) -> String {
        string(NSRange(location: start, length: max(0, end - start)), original: original)
    }

    /// Blanks every match of `pattern` in `work` (or only `group` of it).
    func blank(_ pattern: String, group: Int = 0) {
        for match in regexMatches(pattern, in: work as String) {
            let range = match.range(at: group)
            guard range.location != NSNotFound else { continue }
            work.replaceCharacters(in: range, with: String(repeating: " ", count: range.length))
        }
    }

    mutating func read() -> SentenceReading {
        setAsideNonQuantities()
        let quantities = findQuantities()
        var targets: [TargetReading] = []
        var problems: [String] = []
        var fractionTotals: [String: Double] = [:]
        for q in quantities { if let total = q.total, let head = q.head { fractionTotals[head] = total } }
        // Parts after "trong đó" (of which): a breakdown of the total before it when they add up to it.
        var partOf: [Int: Int] = [:]
        var brokenDown: [Int: [String]] = [:]
        var dropped = Set<Int>()
        for (i, q) in quantities.enumerated() {
            // A class of an earlier count ("01 đô thị loại II" after "16 đô thị") is a detail of it.
            let after = string(from: q.numberEnd, to: q.end).trimmingCharacters(in: .whitespaces).lowercased()
            if let j = quantities.indices[..<i].last(where: { k in !dropped.contains(k) && (quantities[k].head.map { after.hasPrefix($0 + " ") } ?? false) }),
               let head = quantities[j].head,
               regexMatches(#"^\s*(?:loại|hạng|type|class|grade)\s"#, in: String(after.dropFirst(head.count))).count > 0 {
                dropped.insert(i)
                brokenDown[j, default: []].append(string(from: q.start, to: q.end).trimmingCharacters(in: .whitespaces))
                continue
            }
            guard i > 0 else { continue }
            let gap = string(from: quantities[0].start, to: q.start, original: false).lowercased()
            guard gap.contains("trong đó") || gap.contains("of which") || gap.contains("including") else { continue }
            // The head is the last quantity before the marker, in the same clause.
            let markerRange = (work as NSString).range(of: language == .vi ? "trong đó" : "of which", options: [.caseInsensitive, .backwards],
                                                       range: NSRange(location: 0, length: q.start))
            guard markerRange.location != NSNotFound,
                  let h = quantities.lastIndex(where: { $0.start < markerRange.location }),
                  !string(from: markerRange.location, to: q.start, original: false).contains(";") else { continue }
            partOf[i] = h
        }
        var groups: [Int: [Int]] = [:]
        for (part, head) in partOf { groups[head, default: []].append(part) }
        var inherits = Set<Int>()
        for (head, parts) in groups where parts.count >= 2 {
            let sum = parts.map { quantities[$0].value }.reduce(0, +)
            let total = quantities[head].value
            if parts.allSatisfy({ quantities[$0].unit == quantities[head].unit }), abs(sum - total) <= 0.005 * abs(total) {
                inherits.formUnion(parts)
            }
        }
        var readings: [Int: TargetReading] = [:]
        for (i, q) in quantities.enumerated() where !dropped.contains(i) {
            let previousEnd = i == 0 ? 0 : quantities[i - 1].end
            switch reading(of: q, index: i, previousEnd: previousEnd, quantities: quantities, fractionTotals: fractionTotals) {
            case .success(var r):
                if inherits.contains(i), let head = partOf[i], let headReading = readings[head], r.remark == nil {
                    r.comparison = headReading.comparison
                    r.remark = "part of the total before \"\(language == .vi ? "trong đó" : "of which")\""
                }
                // An item of a list whose comparison is left out ("nông nghiệp chiếm 15%; dịch vụ 44%") takes the
                // comparison written with the item before it.
                if i > 0, partOf[i] == nil, r.remark == nil, r.valueHigh == nil, r.comparison == .atLeast,
                   let previous = readings[i - 1], let cue = previous.remark, cue.hasPrefix("\""), previous.valueHigh == nil,
                   previous.kind == r.kind, previous.unit == r.unit, elidesComparison(from: quantities[i - 1].end, to: q.start) {
                    r.comparison = previous.comparison
                    r.remark = "\(cue.split(separator: " ").first ?? "") carried over from the item before"
                }
                if let details = brokenDown[i] {
                    r.remark = [r.remark, (language == .vi ? "trong đó: " : "of which: ") + details.joined(separator: "; ")]
                        .compactMap { $0 }.joined(separator: "; ")
                }
                readings[i] = r
                targets.append(r)
            case .failure(let problem):
                problems.append(problem.reason)
            }
        }
        // Digits left after the quantities and years were read: say so rather than drop them.
        let rest = NSMutableString(string: work as String)
        for q in quantities { rest.replaceCharacters(in: NSRange(location: q.start, length: q.numberEnd - q.start), with: String(repeating: " ", count: q.numberEnd - q.start)) }
        for cue in years { rest.replaceCharacters(in: NSRange(location: cue.start, length: cue.end - cue.start), with: String(repeating: " ", count: cue.end - cue.start)) }
        if let leftover = regexMatches(#"\d[\d.,/]*\s*\S*"#, in: rest as String).first {
            problems.append("a number that is not a quantity with a unit: \"\(excerpt(string(leftover.range).trimmingCharacters(in: .whitespaces), limit: 30))\"")
        }
        if targets.isEmpty, problems.isEmpty, let milestone = milestone() { targets.append(milestone) }
        return SentenceReading(targets: targets, notUnderstood: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    // MARK: Numbers that are not quantities

    mutating func setAsideNonQuantities() {
        let n = "(?:\(number))"
        // Parentheses: names and remarks, never a target; keep the brackets as clause limits.
        blank(#"\(([^()]*)\)"#, group: 1)
        // Dates, document numbers, kilometre posts, codes with letters.
        blank(#"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}"#)
        blank(#"(?i:ngày|tháng|quý|day|month)\s+\d{1,2}(?:\s*(?:-|–|đến)\s*\d{1,2})?(?:/\d{1,2})?(?:/\d{4})?"#)
        blank(#"(?<![\d/])\d{1,2}/(?:19|20)\d\d(?![\d/])"#)
        blank(#"(?<![\p{L}\d])\d+(?:[/-]\d+)*[/-]\p{Lu}[\p{L}\d]*(?:[/-][\p{L}\d]+)*"#)
        blank(#"(?i:\bsố|\bno\.|\bnumber)\s*\d+\S*"#)
        blank(#"(?i:\bkm)\s*\d+(?:\s*[+ ]\s*\d{3}(?!\d))?"#)
        blank(#"(?<![\p{L}\d])\d+\p{Lu}(?![\p{L}\d])"#)
        blank(#"(?<![\p{L}\d])\p{Lu}{1,3}\d+(?![\p{L}\d])"#)
        blank(#"(?<![\p{L}\d])\p{Lu}{1,3}\.\d+(?![\p{L}\d])"#)
        blank(#"(?<![\p{L}\d])\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?![\d])"#)
        // Years: read as target years, then blanked.
        let yearPattern = #"(?:(?i:(đến|tới|vào|trước|sau|từ|trong|cuối|đầu|so với|by|in|before|until|from|since|compared with|than|end of|over)\s+))?(?:(?i:(năm|nhiệm kỳ|giai đoạn|thời kỳ|the year|the period|period|term))\s+)?((?:19|20)\d\d)(?:\s*(?:-|–|—|(?i:đến|to))\s*((?:19|20)\d\d))?(?!\s*(?:%|\p{L}))"#
        let yearPatternBeforeWord = #"(?:(?i:(đến|tới|vào|trước|sau|từ|trong|cuối|đầu|so với|by|in|before|until|from|since|compared with|than|end of|over)\s+))?(?:(?i:(năm|nhiệm kỳ|giai đoạn|thời kỳ|the year|the period|period|term))\s+)((?:19|20)\d\d)(?:\s*(?:-|–|—|(?i:đến|to))\s*((?:19|20)\d\d))?"#
        for pattern in [yearPatternBeforeWord, yearPattern] {
            for match in regexMatches(pattern, in: work as String) {
                let whole = match.range
                let prefix = match.range(at: 1).location == NSNotFound ? "" : string(match.range(at: 1), original: false).lowercased()
                let y1 = Int(string(match.range(at: 3), original: false))!
                let y2 = match.range(at: 4).location == NSNotFound ? nil : Int(string(match.range(at: 4), original: false))
                let named = match.range(at: 2).location != NSNotFound
                if y2 == nil && !named && !["đến", "tới", "vào", "trước", "by", "in", "before", "until"].contains(prefix) { continue }
                if let y2, y2 <= y1 { continue }
                work.replaceCharacters(in: whole, with: String(repeating: " ", count: whole.length))
                if ["so với", "từ", "sau", "from", "since", "compared with", "than"].contains(prefix) && y2 == nil { continue }
                let year = y2 ?? (["trước", "before"].contains(prefix) ? y1 - 1 : y1)
                years.append(YearCue(start: whole.location, end: whole.location + whole.length, year: year))
            }
        }
        years.sort { $0.start < $1.start }
        // A number after the noun it names ("giai đoạn 2", "đô thị loại II", "Khu chế xuất 1").
        let namers = "giai đoạn|loại|hạng|khóa|khoá|lần thứ|thứ|mốc|quốc lộ|tỉnh lộ|đường tỉnh|đường huyện|chương trình|mục|điều|khoản|phụ lục|nhóm|chế xuất|trung ương|phân khu|tiểu khu|phase|stage|grade|type|class|article|zone|programme|program"
        blank(#"(?<![\p{L}])(?i:\#(namers))\s+(?:\d+|[IVXLC]+)[A-Za-z]?(?![\p{L}\d])(?:\s*(?:-|–)\s*(?:\d+|[IVXLC]+)[A-Za-z]?(?![\p{L}\d])|\s*(?:,|và|and)\s*(?:\d+|[IVXLC]+)[A-Za-z]?(?![\p{L}\d])(?!\s+\p{Ll}))*"#)
        // The size of one project, ratings and ages.
        let attribute = "khổ|quy mô|công suất|diện tích|chiều dài|dài|rộng|tổng mức đầu tư|tổng vốn đầu tư|vốn đầu tư|sức chứa|capacity|length|area of|size of|long"
        blank(#"(?<![\p{L}])(?i:\#(attribute))\s+(?:(?i:khoảng|trên|hơn|gần|dưới|từ|about|around|over|some)\s+)?\#(n)(?:\s*(?:-|–|(?i:đến|to))\s*\#(n))?\s*(?:(?i:tỷ|tỉ|triệu|nghìn|ngàn|billion|million|thousand)\s+)?[\p{L}²³/\d]*"#)
        blank(#"(?<![\p{L}])(?:(?i:từ|dưới|trên|under|over|from)\s+)?\#(n)(?:\s*(?:-|–|(?i:đến|to))\s*\#(n))?\s*(?i:sao|stars?|-star)(?![\p{L}])(?:\s*(?i:trở lên|trở xuống|and above|or more|or above))?"#)
        blank(#"(?<![\p{L}])(?i:từ|dưới|trên|under|over|from|aged)\s+\#(n)(?:\s*(?:-|–|(?i:đến|to))\s*\#(n))?\s*(?i:tuổi|years? old|year-olds?)(?![\p{L}])(?:\s*(?i:trở lên|trở xuống|and above|or more|or above))?"#)
        blank(#"(?<![\p{L}])\#(n)\s*(?i:tuổi|years? old)\s*(?i:trở lên|trở xuống|and above|or more|or above)"#)
        // Denominators of a rate ("30 giường bệnh trên 10.000 dân", "150 triệu đồng trên 1 ha") and durations ("bình quân 5 năm").
        blank(#"(?<=[\p{L}]\s)(?i:trên|/|per)\s*(?:(?:1|01|một)\s*(?i:vạn|nghìn|ngàn|triệu)|(?i:vạn|nghìn|ngàn)|10*(?:[.,]?000)+|1|01|một)\s+(?i:dân|người dân|inhabitants|population|ha|hécta|hectare)(?![\p{L}])"#)
        blank(#"(?<![\p{L}])(?i:bình quân|trong|sau|qua|vòng|average|in|over|for|within|next|past)\s+(?:the\s+)?(?:next\s+)?\d{1,2}\s+(?i:năm|years?)(?![\p{L}])"#)
    }

    // MARK: Quantities

    func findQuantities() -> [Quantity] {
        let n = "(\(number))"
        let pattern = #"(?<![\p{L}\d.,/])"# + n + #"(?:\s*/\s*"# + n + #"(?![\d])|\s*(?:-|–|—)\s*"# + n + #"|\s+(?i:đến|tới|to)\s+"# + n + #")?(?:\s*(%|(?i:phần trăm|percent)))?"#
        let scalePattern = #"^\s+((?i:nghìn tỷ|nghìn tỉ|tỷ|tỉ|triệu|nghìn|ngàn|vạn|trillion|billion|million|thousand))(?![\p{L}])"#
        var found: [Quantity] = []
        for match in regexMatches(pattern, in: work as String) {
            var end = match.range.location + match.range.length
            let percent = match.range(at: 5).location != NSNotFound
            var scale: String?
            if !percent, let s = regexMatches(scalePattern, in: string(from: end, to: work.length, original: false)).first {
                scale = string(from: end, to: end + s.range(at: 1).location + s.range(at: 1).length)
                    .trimmingCharacters(in: .whitespaces)
                end += s.range.length
            }
            var q = Quantity(start: match.range.location, numberEnd: end, end: end,
                             value: value(of: string(match.range(at: 1), original: false)),
                             high: nil, total: nil, percent: percent, scale: scale)
            if match.range(at: 2).location != NSNotFound { q.total = value(of: string(match.range(at: 2), original: false)) }
            for g in [3, 4] where match.range(at: g).location != NSNotFound { q.high = value(of: string(match.range(at: g), original: false)) }
            found.append(q)
        }
        // What each counts: the words after it, up to a clause limit or the next quantity.
        var result: [Quantity] = []
        for (i, var q) in found.enumerated() {
            let limit = i + 1 < found.count ? found[i + 1].start : work.length
            let after = string(from: q.numberEnd, to: limit, original: false)
            let hard = regexMatches(#"[;:()]|\s(?i:trong đó|of which|including)(?![\p{L}])|\.\s|\.$"#, in: after).first?.range.location
            // Before the next quantity, the list separator in front of it; the last quantity runs to the clause end.
            let soft = i + 1 < found.count
                ? regexMatches(#",|\s(?i:và|hoặc|and|or)\s"#, in: after).last?.range.location : nil
            let stop = [hard, soft].compactMap { $0 }.min() ?? (after as NSString).length
            q.end = q.numberEnd + stop
            let words = (after as NSString).substring(to: stop).trimmingCharacters(in: .whitespaces)
            let lowered = words.lowercased()
            if !q.percent && q.scale == nil {
                // A quantity needs a unit: the word after it must name something.
                let first = lowered.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                let function: Set<String> = ["và", "hoặc", "với", "của", "cho", "trong", "so", "là", "tại", "ở", "từ", "đến", "năm",
                                             "tháng", "ngày", "and", "or", "of", "in", "to", "by", "for", "with", "lần"]
                let currencyBefore = regexMatches(#"(?:USD|US\$|\$|VND|VNĐ|EUR|€)\s*$"#, in: string(from: max(0, q.start - 6), to: q.start, original: false)).count > 0
                if !currencyBefore && (first.isEmpty || function.contains(first) || !(first.first?.isLetter ?? false)) { continue }
            }
            let lead = string(from: max(0, q.start - 6), to: q.start, original: false)
            let currency = regexMatches(#"(?:USD|US\$|\$|VND|VNĐ|EUR|€)\s*$"#, in: lead).first
                .map { (lead as NSString).substring(with: $0.range).trimmingCharacters(in: .whitespaces) }
            q.head = q.percent ? nil : countedNoun(lowered)
            q.unit = unit(of: q, words: words)
            if let currency, !q.percent {
                q.head = currency.lowercased()
                q.unit = [currency, q.scale].compactMap { $0 }.joined(separator: " ")
            }
            result.append(q)
        }
        return result
    }

    func countedNoun(_ words: String) -> String? {
        var words = words
        // "3 new industrial zones": the adjective before an English noun is not the noun.
        for adjective in ["new ", "more ", "additional ", "other "] where language == .en && words.hasPrefix(adjective) { words.removeFirst(adjective.count) }
        guard !words.isEmpty else { return nil }
        for noun in countNouns(language) where words == noun || words.hasPrefix(noun + " ") || words.hasPrefix(noun + "/") { return noun }
        return words.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init)
    }

    func unit(of q: Quantity, words: String) -> String? {
        if q.percent { return "%" }
        let lowered = words.lowercased()
        var unit = q.scale.map { $0 + " " } ?? ""
        if let head = q.head {
            unit += (words as NSString).substring(to: (head as NSString).length)
            let rest = String(lowered.dropFirst(head.count))
            if let perYear = regexMatches(#"^\s*/\s*(năm|year)"#, in: rest).first { unit += "/" + (rest as NSString).substring(with: perYear.range(at: 1)) }
            else if q.scale != nil, let next = rest.split(separator: " ").first, ["lượt", "khách", "người"].contains(String(next)) { unit += " " + next }
        }
        let trimmed = unit.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    // MARK: One target

    struct Unread: Error { var reason: String }

    func reading(of q: Quantity, index: Int, previousEnd: Int, quantities: [Quantity],
                 fractionTotals: [String: Double]) -> Result<TargetReading, Unread> {
        // "2,000" is 2 in Vietnamese and 2000 in English: say so rather than guess.
        let written = string(from: q.start, to: q.numberEnd, original: false)
        if let token = regexMatches(language == .vi ? #"^\d{1,3},\d{3}(?![\d.,])"# : #"^\d{1,3}\.\d{3}(?![\d.,])"#, in: written).first {
            let shown = (written as NSString).substring(with: token.range)
            return .failure(Unread(reason: "\"\(shown)\" may be a decimal or a thousands separator (\(language == .vi ? "Vietnamese" : "English") reading: \(formatNumber(value(of: shown)))); write it as the document's language does, or check which language the document is read in"))
        }
        var before = string(from: previousEnd, to: q.start, original: false)
        if let cut = regexMatches(#"[,;:]"#, in: before).last { before = (before as NSString).substring(from: cut.range.location + 1) }
        let beforeLower = before.lowercased()
        let after = string(from: q.numberEnd, to: q.end, original: false).lowercased()
        var remark: String?
        // Comparison: the words right before the number, then "trở lên" after it; a range is `between`.
        var comparison: Comparison = .atLeast
        var cueWord: String?
        if let cue = comparisonCue(before) { comparison = cue.1; cueWord = cue.0 }
        if q.high != nil {
            comparison = .between
        } else if regexMatches(#"(?i:trở lên|or more|or above|and above)"#, in: after).count > 0 {
            comparison = .atLeast
        } else if regexMatches(#"(?i:trở xuống|or less|or below)"#, in: after).count > 0 {
            comparison = .atMost
        }
        if let cueWord { remark = "\"\(cueWord)\" (\(describe(comparison)))" }
        // Kind.
        let flowWords = language == .vi ? ["hằng năm", "hàng năm", "mỗi năm"] : ["per year", "a year", "each year", "every year", "annually", "annual"]
        let reduction = language == .vi ? ["giảm"] : ["reduce", "decrease", "cut", "drop", "fall", "decline"]
        var kind: TargetKind
        var upper: Double?
        var unit = q.unit
        if q.percent {
            let perYear = after.hasPrefix("/năm") || after.hasPrefix("/year") || after.hasPrefix(" per year") || after.hasPrefix(" a year")
            let average = (language == .vi ? ["bình quân"] : ["average"]).contains(where: beforeLower.contains)
            let rising = regexMatches(language == .vi ? #"tăng(?!\s+thêm)"# : #"(?:growth|grow|increase|rise)"#, in: beforeLower).count > 0
            let growth = perYear || (average && (rising || flowWords.contains(where: beforeLower.contains)))
                || (language == .vi ? beforeLower.contains("tăng trưởng") : beforeLower.contains("growth"))
            if growth && reduction.contains(where: beforeLower.contains) {
                return .failure(Unread(reason: "a yearly reduction in % (\"\(excerpt(string(from: q.start, to: q.numberEnd), limit: 20))\") is not a kind of target plancast assesses"))
            }
            if growth {
                kind = .averageGrowth
                unit = language == .vi ? "%/năm" : "% per year"
            } else {
                if let cue = regexMatches(#"(?i:tăng|giảm|increase|reduce|decrease|rise)(?:\s+(?i:thêm|by))?\s*$"#, in: before).first {
                    return .failure(Unread(reason: "a change of \(excerpt(string(from: q.start, to: q.numberEnd), limit: 20)) (\"\(string(cue.range, original: false).trimmingCharacters(in: .whitespaces))\") needs the base value to become a target"))
                }
                kind = .share
                upper = 100
                if q.value > 100 || (q.high ?? 0) > 100 { return .failure(Unread(reason: "a share above 100%: \(excerpt(string(from: q.start, to: q.numberEnd), limit: 20))")) }
            }
        } else if let total = q.total {
            kind = .cumulativeCount
            upper = total
            if q.value > total { return .failure(Unread(reason: "\(excerpt(string(from: q.start, to: q.numberEnd), limit: 20)) counts more than its total")) }
        } else if (unit ?? "").hasSuffix("/năm") || (unit ?? "").hasSuffix("/year") || flowWords.contains(where: { beforeLower.contains($0) || after.contains($0) }) {
            kind = .annualFlow
        } else if let head = q.head, cumulativeNouns(language).contains(head) {
            kind = .cumulativeCount
            if let total = fractionTotals[head], q.value <= total { upper = total }
        } else {
            kind = .level
        }
        if let high = q.high, high < q.value { return .failure(Unread(reason: "a range that falls: \(excerpt(string(from: q.start, to: q.numberEnd), limit: 20))")) }
        return .success(TargetReading(kind: kind, comparison: comparison, value: q.value, valueHigh: q.high,
                                      year: year(for: q, index: index, quantities: quantities),
                                      name: name(of: q, previousEnd: previousEnd), unit: unit, upperBound: upper, remark: remark))
    }

    /// Whether the words between two quantities are a list separator and a bare name ("; dịch vụ").
    func elidesComparison(from start: Int, to end: Int) -> Bool {
        let between = string(from: start, to: end, original: false)
        guard let separator = regexMatches(#"[,;]"#, in: between).last else { return false }
        let name = (between as NSString).substring(from: separator.range.location + 1).trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty, name.contains(where: \.isLetter) else { return false }
        let verbs = introducingVerbs(language)
        return !verbs.contains { name == $0 || name.hasPrefix($0 + " ") }
    }

    func describe(_ c: Comparison) -> String {
        switch c {
        case .atLeast: return "at least"
        case .moreThan: return "more than"
        case .atMost: return "at most"
        case .lessThan: return "less than"
        case .about: return "about"
        case .between: return "between"
        }
    }

    /// The comparison written right before a number ("đạt trên" → more_than), with the words read.
    func comparisonCue(_ before: String) -> (String, Comparison)? {
        var tail = before.lowercased().trimmingCharacters(in: .whitespaces)
        // Words that may stand between the comparison and the number.
        let fillers = language == .vi ? ["mức", "là", "được", "con số", "có", "ở mức", "ở", "usd"] : ["the", "of", "a total of", "level of", "at", "to", "usd", "us$", "$", "vnd"]
        var stripped = true
        while stripped {
            stripped = false
            for filler in fillers.sorted(by: { $0.count > $1.count }) where tail == filler || tail.hasSuffix(" " + filler) {
                let cut = String(tail.dropLast(filler.count)).trimmingCharacters(in: .whitespaces)
                // Keep the filler when it is itself all there is ("có 300 trường").
                if comparisonCues(language).contains(where: { cut == $0.0 || cut.hasSuffix(" " + $0.0) }) { tail = cut; stripped = true }
                break
            }
        }
        for (word, comparison) in comparisonCues(language) where tail == word || tail.hasSuffix(" " + word) {
            return (word, comparison)
        }
        return nil
    }

    func year(for q: Quantity, index: Int, quantities: [Quantity]) -> Int {
        let nextStart = index + 1 < quantities.count ? quantities[index + 1].start : work.length
        let clauseEnd = (string(from: q.numberEnd, to: nextStart, original: false) as NSString).range(of: ";").location
        let limit = clauseEnd == NSNotFound ? nextStart : q.numberEnd + clauseEnd
        if let after = years.first(where: { $0.start >= q.numberEnd && $0.start < limit }) { return after.year }
        if let before = years.last(where: { $0.end <= q.start }) { return before.year }
        return years.first?.year ?? defaultYear
    }

    /// The indicator as written: the words before the number, or, when they only say "có" or
    /// "xây dựng được", the words after it.
    func name(of q: Quantity, previousEnd: Int) -> String {
        let bullets = CharacterSet(charactersIn: "-–—+•*· \t")
        var before = string(from: previousEnd, to: q.start, original: false)
        if let cut = regexMatches(previousEnd == 0 ? #"[;:]|(?i:trong đó|of which|including)"# : #"[,;:]|(?i:trong đó|of which|including)"#, in: before).last {
            before = (before as NSString).substring(from: cut.range.location + cut.range.length)
        }
        var words = before.trimmingCharacters(in: bullets.union(.whitespaces))
        // Drop the comparison at the end and the verbs that only introduce the number.
        while let cue = comparisonCue(words) {
            words = String(words.dropLast(cue.0.count)).trimmingCharacters(in: .whitespaces)
        }
        words = words.trimmingCharacters(in: CharacterSet(charactersIn: ", ").union(.whitespaces))
        for verb in (language == .vi ? ["tăng", "giảm", "là"] : ["increase by", "grow by", "be", "is", "of"])
            where words.lowercased().hasSuffix(" " + verb) {
            words = String(words.dropLast(verb.count)).trimmingCharacters(in: .whitespaces)
        }
        let lowered = words.lowercased()
        let introducers = introducingVerbs(language)
        var endsWithIntroducer = false
        // ("công nghiệp - xây dựng" is a sector, not a verb.)
        for verb in introducers where lowered == verb || lowered.hasSuffix(" " + verb) && !lowered.hasSuffix("- " + verb) && !lowered.hasSuffix("– " + verb) {
            endsWithIntroducer = true
            if lowered != verb { words = String(words.dropLast(verb.count)).trimmingCharacters(in: .whitespaces) }
            break
        }
        let collapse = { (s: String) in s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let afterWords = collapse(string(from: q.numberEnd, to: q.end).trimmingCharacters(in: bullets.union(.whitespaces).union(CharacterSet(charactersIn: "%"))))
        let beforeWords = collapse(words)
        if beforeWords.isEmpty || endsWithIntroducer || introducers.contains(beforeWords.lowercased()) {
            return afterWords.isEmpty ? beforeWords : afterWords
        }
        return beforeWords
    }

    /// A commitment without a number ("Hoàn thành xây dựng hạ tầng …") as a milestone.
    func milestone() -> TargetReading? {
        let trimmed = (text as String).trimmingCharacters(in: CharacterSet(charactersIn: "-–—+•*· \t."))
        let lowered = trimmed.lowercased()
        guard commitmentVerbs(language).contains(where: { lowered.hasPrefix($0 + " ") }) else { return nil }
        return TargetReading(kind: .milestone, year: years.first?.year ?? defaultYear, name: trimmed)
    }
}

// MARK: - Words

private func comparisonCues(_ language: DocumentLanguage) -> [(String, Comparison)] {
    let cues: [(String, Comparison)]
    switch language {
    case .vi:
        cues = [("không vượt quá", .atMost), ("không quá", .atMost), ("tối đa", .atMost), ("không cao hơn", .atMost),
                ("giảm xuống còn", .atMost), ("giảm còn", .atMost), ("xuống còn", .atMost), ("còn", .atMost), ("giảm xuống", .atMost),
                ("không dưới", .atLeast), ("không thấp hơn", .atLeast), ("ít nhất", .atLeast), ("tối thiểu", .atLeast),
                ("đạt", .atLeast), ("duy trì", .atLeast), ("ổn định", .atLeast),
                ("dưới", .lessThan), ("thấp hơn", .lessThan), ("ít hơn", .lessThan),
                ("trên", .moreThan), ("hơn", .moreThan), ("vượt", .moreThan), ("cao hơn", .moreThan), ("nhiều hơn", .moreThan),
                ("khoảng", .about), ("gần", .about), ("chiếm", .about), ("xấp xỉ", .about), ("chừng", .about)]
    case .en:
        cues = [("no more than", .atMost), ("not more than", .atMost), ("at most", .atMost), ("a maximum of", .atMost),
                ("not exceeding", .atMost), ("up to", .atMost), ("no less than", .atLeast), ("not less than", .atLeast),
                ("at least", .atLeast), ("a minimum of", .atLeast), ("reach", .atLeast), ("reaches", .atLeast), ("reaching", .atLeast), ("achieve", .atLeast),
                ("less than", .lessThan), ("fewer than", .lessThan), ("below", .lessThan), ("under", .lessThan),
                ("more than", .moreThan), ("over", .moreThan), ("above", .moreThan), ("exceeding", .moreThan), ("exceed", .moreThan),
                ("greater than", .moreThan), ("exceeds", .moreThan), ("maintained", .atLeast), ("about", .about), ("around", .about), ("approximately", .about), ("nearly", .about),
                ("some", .about)]
    }
    return cues.sorted { $0.0.count > $1.0.count }
}

/// Nouns a count is read with, longest first (`chuỗi giá trị` before `chuỗi`).
private func countNouns(_ language: DocumentLanguage) -> [String] {
    let nouns: [String]
    switch language {
    case .vi:
        nouns = ["sản phẩm", "chuỗi giá trị", "chỉ dẫn địa lý", "nhãn hiệu", "đơn vị", "khu du lịch", "điểm du lịch",
                 "khu công nghiệp", "cụm công nghiệp", "khu kinh tế", "lượt khách", "lao động", "đảng viên", "trường học",
                 "đô thị", "doanh nghiệp", "hợp tác xã", "bác sĩ", "giường bệnh", "dự án", "công trình", "di tích",
                 "bệnh viện", "trạm y tế", "cơ sở", "nhà văn hóa", "thiết chế", "làng nghề", "chợ", "trường", "người",
                 "hộ", "xã", "huyện", "thôn", "buồng", "phòng", "km", "ha", "tấn", "usd", "đồng", "mw", "khu", "điểm"]
    case .en:
        nouns = ["communes", "commune", "products", "value chains", "geographical indications", "collective marks", "districts",
                 "tourist areas", "tourist spots", "industrial zones", "industrial clusters", "urban areas", "schools",
                 "villages", "hospitals", "enterprises", "cooperatives", "workers", "members", "rooms", "visitors",
                 "arrivals", "people", "households", "km", "ha", "tonnes", "tons", "usd", "vnd", "dong", "mw"]
    }
    return nouns.sorted { $0.count > $1.count }
}

/// Counts of things that accumulate (a commune that meets a standard stays counted): cumulative counts.
private func cumulativeNouns(_ language: DocumentLanguage) -> Set<String> {
    switch language {
    case .vi:
        return ["sản phẩm", "chuỗi giá trị", "chỉ dẫn địa lý", "nhãn hiệu", "đơn vị", "khu du lịch", "điểm du lịch",
                "khu công nghiệp", "cụm công nghiệp", "khu kinh tế", "trường học", "trường", "đô thị", "di tích", "bệnh viện",
                "trạm y tế", "nhà văn hóa", "thiết chế", "làng nghề", "chợ", "xã", "huyện", "thôn", "khu", "điểm"]
    case .en:
        return ["communes", "commune", "products", "value chains", "geographical indications", "collective marks", "districts",
                "tourist areas", "tourist spots", "industrial zones", "industrial clusters", "urban areas", "schools",
                "villages", "hospitals"]
    }
}

/// Words that only introduce a number ("có 300 trường", "xây dựng được 25 chuỗi"): the name is after the number.
private func introducingVerbs(_ language: DocumentLanguage) -> [String] {
    let verbs: [String]
    switch language {
    case .vi:
        verbs = ["có", "thu hút", "xây dựng được", "xây dựng", "phấn đấu", "phấn đấu có", "phấn đấu đạt", "đưa vào hoạt động",
                 "từng bước đưa vào hoạt động", "hoàn thành", "phát triển", "phát triển mới", "thành lập mới", "thành lập", "công nhận",
                 "đón", "tạo việc làm cho", "giải quyết việc làm cho", "đào tạo", "và", "hoặc", "với"]
    case .en:
        verbs = ["have", "has", "there are", "attract", "build", "establish", "create", "develop", "with", "and", "or", "train",
                 "welcome", "bring", "put into operation"]
    }
    return verbs.sorted { $0.count > $1.count }
}

/// How a commitment without a number starts: a milestone.
private func commitmentVerbs(_ language: DocumentLanguage) -> [String] {
    switch language {
    case .vi:
        return ["hoàn thành", "hoàn thiện", "đưa vào", "xây dựng xong", "khởi công", "thành lập", "hình thành", "nâng cấp", "đầu tư xây dựng",
                "xây dựng", "phấn đấu đưa", "công nhận", "đầu tư"]
    case .en:
        return ["complete", "finish", "open", "put", "build", "establish", "upgrade", "start"]
    }
}

/// All matches of `pattern` in `text`, or none when the pattern cannot be compiled (a programmer mistake, caught by the tests).
func regexMatches(_ pattern: String, in text: String) -> [NSTextCheckingResult] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else {
        assertionFailure("bad pattern \(pattern)")
        return []
    }
    return regex.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
}
