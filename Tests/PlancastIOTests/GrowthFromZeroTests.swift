import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles
@testable import Reports

/// The average growth of a count that is 0 in the base year has no value (no growth rate starts from
/// 0). It was reported "no data: the projection does not reach 2025", which is not why; the reason
/// now says so, and validate warns of it before the run.
@Suite("Average growth from a base-year value of 0")
struct GrowthFromZeroTests {
    static func loaded() throws -> (LoadedScenario, URL) {
        try loadScenario("growth-from-zero", yaml: """
            plancast: 1
            title: zones
            data: data.csv
            as_of: 2020
            base_year: 2020
            horizon: 2025
            simulation: {draws: 200, seed: 1}
            indicators:
              - id: zones
                series: zones
                unit: zones
                bounds: {lower: 0}
                targets:
                  - {id: Z1, kind: cumulative_count, year: 2025, comparison: at_least, value: 2}
                  - {id: Z2, kind: average_growth, year: 2025, comparison: at_least, value: 5}
            scenarios:
              baseline: {}

            """, csv: "series,year,value\n" + (2016...2020).map { "zones,\($0),0" }.joined(separator: "\n") + "\n")
    }

    @Test("the reason names the base year and its value, in both languages; the count beside it is assessed as before")
    func reason() throws {
        let (scenario, folder) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try scenario.run(RunOptions())
        let growth = try #require(result.assessments.first { $0.targetID == "Z2" })
        #expect(growth.status == .noData)
        #expect(growth.reason == .growthFromNonPositiveBase(year: 2020, value: 0))
        #expect(growth.explanation == "no average growth from 2020: its value in the data is 0, and a growth rate needs a value above 0")
        #expect(Labels(language: "vi").explanation(growth, problem: nil).hasPrefix("không tính được tăng trưởng bình quân từ năm 2020"))
        #expect(!Labels(language: "en").explanation(growth, problem: nil).contains("does not reach"))
        #expect(result.assessments.first { $0.targetID == "Z1" }?.probabilityOfMeeting != nil)
    }

    @Test("validate warns of it with the target's line")
    func warning() throws {
        let (scenario, folder) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: folder) }
        let warnings = scenario.warnings()
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("s.yaml:15: indicators[0].targets[1].kind: target Z2 is an average growth from 2020, whose value in the data is 0") == true,
                "\(warnings)")
    }
}
