import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles

/// How a plan document laid out as most are ("I. MỤC TIÊU", then "1. Mục tiêu chung", then
/// "2. Mục tiêu cụ thể") is drafted, and what the draft says of a growth-rate indicator.
@Suite("Draft: sections of a whole document and growth-rate indicators")
struct DraftSectionTests {
    static let document = """
    KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH NÚI MÂY NHIỆM KỲ 2020 – 2025

    I. MỤC TIÊU
    1. Mục tiêu chung
    Phát triển kinh tế nhanh và bền vững, phấn đấu đến năm 2025 trở thành tỉnh khá.
    2. Mục tiêu cụ thể
    - Tốc độ tăng trưởng GRDP bình quân đạt 7,5%/năm.
    - Tỷ lệ hộ nghèo giảm xuống còn dưới 3% vào năm 2025.
    - Trồng rừng mới 9.000 ha/năm.

    II. NHIỆM VỤ, GIẢI PHÁP
    1. Xây dựng 5 trường học mới.
    """

    @Test("the general objectives under a target heading are not read, and their outline number is no 'not understood' line")
    func generalObjectivesAreNotRead() throws {
        let draft = try draftPlan(text: Self.document, file: "plan.txt")
        #expect(draft.unread.isEmpty, "\(draft.unread)")
        #expect(draft.entries.map(\.line) == [7, 8, 9])
    }

    @Test("a target heading right under another one, nothing read between them, is the same programme")
    func nestedTargetHeadingsAreOneProgramme() throws {
        let draft = try draftPlan(text: Self.document, file: "plan.txt")
        #expect(draft.entries.map(\.id) == ["P1.1", "P1.2", "P1.3"])
        let yaml = draft.scenarioYAML(dataFile: "plan-data.csv", source: "plan.txt")
        #expect(yaml.contains("in 1 programmes") || yaml.contains("in 1 programme"))
        #expect(yaml.contains("# ── Chương trình 1 ──") && !yaml.contains("Chương trình 2"))
    }

    @Test("two target sections with targets in each are two programmes")
    func separateTargetSectionsStayApart() throws {
        let text = """
        Kế hoạch nhiệm kỳ 2020 – 2025
        1. Mục tiêu cụ thể
        - Tỷ lệ hộ nghèo dưới 3% vào năm 2025.
        2. Các chỉ tiêu chủ yếu
        - Trồng rừng mới 9.000 ha/năm.
        """
        let draft = try draftPlan(text: text, file: "plan.txt")
        #expect(draft.entries.map(\.id) == ["P1.1", "P2.1"])
    }

    @Test("a growth-rate indicator is drafted without a lower bound of 0, so a year of negative growth is data")
    func averageGrowthHasNoLowerBound() throws {
        let draft = try draftPlan(text: Self.document, file: "plan.txt")
        let yaml = draft.scenarioYAML(dataFile: "plan-data.csv", source: "plan.txt")
        let plan = try parseScenarioText(yaml, file: "plan.yaml").plan
        let growth = try #require(plan.indicators.first { $0.targets.contains { $0.kind == .averageGrowth } })
        #expect(growth.bounds == nil)
        // The other kinds keep theirs: a share in 0–100, a flow at or above 0.
        #expect(plan.indicators.filter { $0.id != growth.id }.allSatisfy { $0.bounds?.lowerBound == 0 })

        // With its series given, a year of −1.5% growth is read, not refused against the bound.
        let withSeries = yaml.replacingOccurrences(of: "    # series: \(growth.id)        (once the data file has it)",
                                                   with: "    series: \(growth.id)")
        let rows = zip(2015...2020, [8.1, 7.6, 7.9, 8.3, 7.8, -1.5]).map { "\(growth.id),\($0),\($1)" }
        let folder = try makeTemporaryFolder("draft-growth", texts: [
            "plan.yaml": withSeries,
            "plan-data.csv": (["series,year,value"] + rows).joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try LoadedScenario(contentsOf: folder.appendingPathComponent("plan.yaml").path)
        #expect(loaded.data.series[growth.id]?.values.last == -1.5)
    }
}
