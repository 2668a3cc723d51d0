import Testing
import Forecasting
@testable import Planning

@Suite("Average growth of a level series")
struct AverageGrowthTests {
    @Test("a path that falls to zero counts as −100% a year, not as a projection that does not reach the year")
    func pathAtZero() throws {
        // A falling line: many paths of the linear trend end at the lower bound 0 in 2025.
        let series = try Series(name: "s", observations: [
            Observation(year: 2017, value: 40), Observation(year: 2018, value: 31),
            Observation(year: 2019, value: 19), Observation(year: 2020, value: 12)])
        let plan = Plan(title: "t", data: "d", asOf: 2020, baseYear: 2020, horizon: 2025, draws: 2000, seed: 3,
                        indicators: [Indicator(id: "s", series: "s", model: ModelSpecification(name: .linear), lowerBound: 0,
                                               targets: [Target(id: "G", programme: 1, kind: .averageGrowth, year: 2025,
                                                                comparison: .atLeast, value: -30)])],
                        scenarios: [Scenario(name: "baseline")])
        let result = try runPlan(plan, data: ["s": series])
        let paths = result.outcomes[0].projections["baseline"]!.last!
        #expect(paths.lo80 == 0, "the test needs paths at the bound")
        let a = result.assessments[0]
        #expect(a.status != .noData, "\(a.explanation)")
        let p = try #require(a.probabilityOfMeeting)
        #expect(p > 0 && p < 1)
    }
}
