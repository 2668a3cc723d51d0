import Testing
import Forecasting
@testable import Planning

/// A target that needs a year before the projection which the data do not hold (the base year of an
/// average growth before the series starts, a gap in an annual flow's term) was reported "no data: the
/// projection does not reach 2025", although the projection does reach 2025. The reason now names the
/// missing year; the status (no data) and every number are as before.
@Suite("A year the target needs is missing from the data")
struct MissingYearReasonTests {
    @Test("an average growth from a base year before the series starts names that year")
    func baseYearBeforeTheData() throws {
        var (plan, data) = samplePlan()
        plan.baseYear = 2005   // the series start in 2012
        plan.indicators[0].targets = [Target(id: "A1", programme: 1, kind: .averageGrowth, year: 2025, comparison: .atLeast, value: 5)]
        let a = try #require(try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" && $0.scenario == "baseline" })
        #expect(a.status == .noData)
        #expect(a.reason == .noValueInData(year: 2005))
        #expect(a.explanation.hasPrefix("no value for 2005 in the data"))
        #expect(!a.explanation.contains("does not reach"))
    }

    @Test("an annual flow whose term has a year missing from the data (a gap before the projection) names it")
    func gapInTheTerm() throws {
        var (plan, data) = samplePlan()
        plan.baseYear = 2016
        plan.indicators[0].targets = [Target(id: "A1", programme: 1, kind: .annualFlow, year: 2025, comparison: .atLeast, value: 1)]
        let series = data["arrivals"]!
        data["arrivals"] = try Series(name: "arrivals", observations: series.observations.filter { $0.year != 2018 })
        let a = try #require(try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" && $0.scenario == "baseline" })
        #expect(a.reason == .noValueInData(year: 2018), "\(a.explanation)")
    }

    @Test("a target the projection does reach is assessed as before")
    func reachedTargetUnchanged() throws {
        let (plan, data) = samplePlan()
        let a = try #require(try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" && $0.scenario == "baseline" })
        #expect(a.probabilityOfMeeting != nil)
        if case .simulated = a.reason {} else { Issue.record("\(a.reason)") }
    }
}
