import Foundation
import Testing
import Planning
@testable import DataFiles
@testable import Reports

/// The sentence reader on a corpus of target sentences written from the phrasing of public plans and
/// resolutions (`Tests/Data/draft/corpus.tsv`), distractors included: at least 90% of the targets read
/// exactly, at most two false targets per document, every unread number noted.
@Suite("Draft: the corpus of plan sentences")
struct DraftCorpusTests {
    struct Document {
        var name: String
        var language: DocumentLanguage
        var termEnd: Int
        var sentences: [(text: String, expected: [String], unread: Bool)] = []
    }

    static func corpus() throws -> [Document] {
        let path = DraftSeedTests.folder.appendingPathComponent("corpus.tsv").path
        var documents: [Document] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n") {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.components(separatedBy: "\t")
            if fields[0] == "doc" {
                documents.append(Document(name: fields[1], language: DocumentLanguage(rawValue: fields[2])!, termEnd: Int(fields[3])!))
                continue
            }
            let expected = fields[1] == "-" ? [] : fields[1].components(separatedBy: " ; ")
            documents[documents.count - 1].sentences.append((fields[0], expected, fields.count > 2 && fields[2] == "unread"))
        }
        return documents
    }

    /// A reading written as the corpus writes it: "share at_least 65 2025 100", "milestone 2025".
    static func written(_ r: TargetReading) -> String {
        func n(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        if r.kind == .milestone { return "milestone \(r.year)" }
        var text = "\(r.kind.rawValue) \(r.comparison!.rawValue) \(n(r.value!))"
        if let high = r.valueHigh { text += "..\(n(high))" }
        text += " \(r.year)"
        if let upper = r.upperBound { text += " \(n(upper))" }
        return text
    }

    @Test("at least 90% of the corpus targets exact, at most 2 false targets per document, unread numbers noted")
    func score() throws {
        let documents = try Self.corpus()
        var expectedCount = 0, exactCount = 0
        var report: [String] = []
        for document in documents {
            var falseTargets = 0
            for sentence in document.sentences {
                let reading = readTargetSentence(sentence.text, language: document.language, defaultYear: document.termEnd)
                var produced = reading.targets.map(Self.written)
                expectedCount += sentence.expected.count
                for e in sentence.expected {
                    if let k = produced.firstIndex(of: e) { produced.remove(at: k); exactCount += 1 } else {
                        report.append("miss [\(document.name)] \(sentence.text) → expected \(e), read \(reading.targets.map(Self.written))")
                    }
                }
                // Readings beyond the expected number are false targets; a misread one is a miss only.
                let extra = max(0, reading.targets.count - sentence.expected.count)
                if extra > 0 { report.append("false [\(document.name)] \(sentence.text) → \(produced)") }
                falseTargets += extra
                if sentence.unread { #expect(reading.notUnderstood != nil, "no note for \(sentence.text)") }
            }
            #expect(falseTargets <= 2, "\(document.name): \(falseTargets) false targets")
        }
        let share = Double(exactCount) / Double(expectedCount)
        print("draft corpus score: \(exactCount) of \(expectedCount) targets exact (\(String(format: "%.1f", share * 100))%), \(documents.count) documents, \(documents.map(\.sentences.count).reduce(0, +)) sentences")
        for line in report { print("draft corpus: \(line)") }
        #expect(share >= 0.9)
        #expect(expectedCount >= 80)
    }

    @Test("a distractor gives no target: document numbers, dates, kilometre posts, project sizes", arguments: [
        "Thực hiện Nghị quyết số 05-NQ/TU ngày 15/3/2021 của Tỉnh ủy.",
        "Căn cứ Nghị định 100/2019/NĐ-CP của Chính phủ.",
        "Tổ chức Đại hội từ ngày 25 đến 27/9/2020.",
        "Mở rộng đường chuyên dụng tại khu vực mốc 1119-1120 cửa khẩu quốc tế Hữu Nghị.",
        "Cải tạo Quốc lộ 4B (đoạn Km3+700 đến Km18).",
        "Xây dựng khu trung tâm hành chính quy mô khoảng 5 – 6ha.",
        "Đoạn trên địa bàn tỉnh dài khoảng 52 km.",
    ])
    func distractors(sentence: String) {
        let reading = readTargetSentence(sentence, language: .vi, defaultYear: 2025)
        #expect(reading.targets.allSatisfy { $0.kind == .milestone }, "\(reading.targets)")
        #expect(reading.notUnderstood == nil)
    }

    @Test("Vietnamese numbers: 6.650 is 6650, 4,4 is 4.4, 3-3,5% and 48 - 50% are ranges, scales stay in the unit")
    func numbers() {
        func first(_ s: String) -> TargetReading? { readTargetSentence(s, language: .vi, defaultYear: 2025).targets.first }
        #expect(first("Kim ngạch đạt 6.650 triệu USD.")?.value == 6650)
        #expect(first("Kim ngạch đạt 6.650 triệu USD.")?.unit == "triệu USD")
        #expect(first("Thu hút 4,4 triệu lượt khách.")?.value == 4.4)
        #expect(first("Tăng trưởng bình quân 3-3,5%/năm.").map { ($0.value, $0.valueHigh, $0.comparison) } ?? (nil, nil, nil) == (3, 3.5, .between))
        #expect(first("Tỷ lệ đạt 48 - 50%.").map { ($0.value, $0.valueHigh) } ?? (nil, nil) == (48, 50))
        #expect(first("Xuất khẩu đạt 1,2 tỷ USD.").map { ($0.value, $0.unit) } ?? (nil, nil) == (1.2, "tỷ USD"))
        #expect(first("Đón 800 nghìn lượt khách.").map { ($0.value, $0.unit) } ?? (nil, nil) == (800, "nghìn lượt khách"))
        #expect(first("Dân số khoảng 5 triệu người.").map { ($0.value, $0.comparison) } ?? (nil, nil) == (5, .about))
        // An English thousands separator in a Vietnamese text is noted, never read as 2.
        let ambiguous = readTargetSentence("Trồng rừng 2,000 ha.", language: .vi, defaultYear: 2025)
        #expect(ambiguous.targets.isEmpty && ambiguous.notUnderstood?.contains("2,000") == true)
        #expect(readTargetSentence("Plant 2.000 ha.", language: .en, defaultYear: 2025).targets.isEmpty)
    }

    @Test("comparisons read from the words before the number", arguments: [
        ("khoảng", Comparison.about), ("trên", .moreThan), ("hơn", .moreThan), ("vượt", .moreThan), ("đạt", .atLeast),
        ("ít nhất", .atLeast), ("tối thiểu", .atLeast), ("không thấp hơn", .atLeast), ("không dưới", .atLeast),
        ("không quá", .atMost), ("tối đa", .atMost), ("dưới", .lessThan),
    ])
    func comparisons(word: String, comparison: Comparison) {
        let reading = readTargetSentence("Tỷ lệ hộ được dùng điện \(word) 90%.", language: .vi, defaultYear: 2025)
        #expect(reading.targets.first?.comparison == comparison)
        #expect(readTargetSentence("Có từ 30 sản phẩm trở lên.", language: .vi, defaultYear: 2025).targets.first?.comparison == .atLeast)
    }

    @Test("years: đến năm, vào năm, năm, trước năm, or the end of the term")
    func years() {
        func year(_ s: String) -> Int? { readTargetSentence(s, language: .vi, defaultYear: 2025).targets.first?.year }
        #expect(year("Đến năm 2030, tỷ lệ đô thị hóa đạt 50%.") == 2030)
        #expect(year("Tỷ lệ đô thị hóa đạt 50% vào năm 2030.") == 2030)
        #expect(year("Năm 2030, tỷ lệ đô thị hóa đạt 50%.") == 2030)
        #expect(year("Trước năm 2028, tỷ lệ đô thị hóa đạt 50%.") == 2027)
        #expect(year("Tỷ lệ đô thị hóa đạt 50% so với năm 2020.") == 2025)
        #expect(year("Tỷ lệ đô thị hóa đạt 50%.") == 2025)
    }
}
