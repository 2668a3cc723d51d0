import Foundation
import Testing
import Forecasting
import Planning
@testable import DataFiles
@testable import Reports

/// Whatever a target section says, the draft is a scenario file plancast accepts: documents put
/// together at random from the pieces plan sentences are made of (numbers in every format, comparison
/// words, units, years, document numbers, dates, kilometre posts, parentheses).
@Suite("Draft: random documents give valid scenario files")
struct DraftRobustnessTests {
    static let pieces = [
        "Tỷ lệ hộ nghèo", "độ che phủ rừng", "có", "đạt", "khoảng", "trên", "dưới", "không quá", "không dưới", "ít nhất",
        "6.650", "4,4", "115/181", "181/115", "3-3,5", "48 - 50", "02 – 04", "150", "0", "1.000.000", "2025", "2030", "năm 2028",
        "%", "%/năm", "triệu USD", "tỷ đồng", "nghìn", "xã", "sản phẩm", "ha/năm", "lượt khách", "hằng năm", "bình quân", "tăng",
        "giảm", "trong đó", ",", ";", ".", "(", ")", "số 05-CT/TW", "ngày 15/5/2016", "Km3+700", "Quốc lộ 4B", "giai đoạn 2",
        "loại II", "từ 3 sao trở lên", "dưới 5 tuổi", "quy mô 5 – 6 ha", "Hoàn thành", "xây dựng", "và", "trở lên", "so với năm 2020",
        "đến năm", "vào năm", "trước năm", "250%", "999999999999", "-", "–", "1,5 lần",
    ]

    @Test("200 random documents: no trap, and every draft parses and validates", arguments: 0..<4)
    func randomDocuments(batch: Int) throws {
        var generator = SeededGenerator(seed: UInt64(2025 + batch))
        var drafted = 0, targets = 0, unread = 0
        for document in 0..<50 {
            var lines = ["Kế hoạch nhiệm kỳ 2020 – 2025", "1. Chương trình \(document % 7 + 1): thử", "1.1. Mục tiêu cụ thể"]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let words = (0..<Int.random(in: 2...16, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
                lines.append("-" + words.joined(separator: " ") + ".")
            }
            lines += ["2. Nhiệm vụ, giải pháp", "-Nâng cấp 30 km đường, đạt 99%."]
            let text = lines.joined(separator: "\n")
            let draft: PlanDraft
            do {
                draft = try draftPlan(text: text, file: "random.txt")
            } catch let error as InputError {
                // Nothing readable is a clear error, never a trap.
                #expect(error.message.contains("no target could be read"), "\(error)")
                continue
            }
            #expect(draft.entries.allSatisfy { $0.line >= 4 && $0.line < lines.count - 1 }, "a target from outside the target section")
            drafted += 1
            targets += draft.entries.count
            unread += draft.unread.count
            let yaml = draft.scenarioYAML(dataFile: "random-data.csv", source: "random.txt")
            do {
                _ = try parseScenarioText(yaml, file: "random.yaml")
            } catch {
                Issue.record("draft of\n\(text)\ndoes not validate: \(error)")
            }
        }
        // The documents exercise the reader: most give targets, many give notes.
        print("draft random batch \(batch): \(drafted) of 50 drafted, \(targets) targets, \(unread) notes")
        #expect(drafted >= 30 && targets >= 100 && unread >= 20)
    }
}
