import Foundation
import Testing
import Forecasting
import Planning
@testable import DataFiles
@testable import Reports

/// `less_than` ("dưới"): a strict upper bound, assessed and shown in every report.
@Suite("less_than in the assessment and the reports")
struct LessThanReportTests {
    /// Poverty rate falling 1.5 points a year from 12% in 2015: 4.5% in 2020, observed.
    static func result(bound: Double) throws -> PlanResult {
        let indicator = Indicator(id: "poverty", name: "Tỷ lệ hộ nghèo", series: "poverty", unit: "%",
                                  model: ModelSpecification(name: .linear), lowerBound: 0, upperBound: 100,
                                  targets: [Target(id: "P1.1", programme: 1, kind: .share, year: 2020,
                                                   comparison: .lessThan, value: bound)])
        let plan = Plan(title: "Giảm nghèo", language: "vi", data: "poverty.csv", asOf: 2020, baseYear: 2015,
                        horizon: 2020, draws: 200, seed: 1, indicators: [indicator],
                        scenarios: [Scenario(name: "baseline", description: "trend")])
        let series = try Series(name: "poverty", observations: (2015...2020).map {
            Observation(year: $0, value: 12 - 1.5 * Double($0 - 2015))
        })
        return try runPlan(plan, data: ["poverty": series])
    }

    @Test("a value equal to the bound does not meet less_than; one below it does")
    func strict() throws {
        let target = Target(id: "t", kind: .share, year: 2025, comparison: .lessThan, value: 5)
        #expect(target.isMet(by: 4.99) && !target.isMet(by: 5) && !target.isMet(by: 5.01))
        #expect(target.statement == "< 5")
        // Observed in 2020 and not below 4.5: missed in the data (an outcome, not "off track").
        #expect(try Self.result(bound: 4.5).assessments[0].status == .missed)
        #expect(try Self.result(bound: 5).assessments[0].status == .achieved)
    }

    @Test("targets.csv and results.json name less_than; Markdown, HTML and the terminal show '< 5'")
    func reports() throws {
        let result = try Self.result(bound: 5)
        let csv = String(decoding: result.targetsCSV(), as: UTF8.self)
        #expect(csv.contains("P1.1,poverty,baseline,2020,less_than,5,"))
        let json = String(decoding: try result.resultsJSON(), as: UTF8.self)
        #expect(json.contains("\"less_than\""))
        #expect(result.summaryMarkdown().contains("< 5% (2020)"))
        #expect(result.terminalTable(colour: false).contains("< 5"))
        #expect(htmlReport(result, language: "vi").contains("&lt; 5% (2020)"))
    }
}
