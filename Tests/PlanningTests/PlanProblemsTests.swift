import Testing
@testable import Planning

// Issue 12, item 8: the plan's checks collect every independent problem as data, each with its key path.
@Suite("Every problem of a plan")
struct PlanProblemsTests {
    @Test("independent problems in different indicators, targets and scenarios are all found, one per key")
    func everyProblem() {
        var (plan, _) = samplePlan()
        plan.draws = 5
        plan.indicators[0].targets[0].value = nil                        // a target without a value
        plan.indicators[1].targets[0].value = 140                         // a share above 100
        plan.indicators[2].targets[0].year = 2040                         // after the horizon
        plan.indicators[3].id = "arrivals"                                // an indicator twice
        plan.scenarios[1].adjustments.append(.level(indicator: "arrivals", from: 20222, change: 1))   // a year of five digits
        plan.scenarios[2].adjustments.append(.shock(indicator: "cover", years: [2023], change: -1))
        #expect(plan.problems.map(\.key) == [
            "simulation.draws",
            "indicators[0].targets[0].value",
            "indicators[1].targets[0].value",
            "indicators[2].targets[0].year",
            "indicators[3].id",
            "scenarios.shock.adjustments[2].from",
            "scenarios.boost.adjustments[1].change",
        ])
        #expect {
            try plan.validate()
        } throws: { error in
            (error as? PlanningProblems)?.problems == plan.problems
        }
    }

    @Test("one problem alone is thrown as itself; a valid plan has none")
    func oneProblem() {
        var (plan, _) = samplePlan()
        #expect(plan.problems.isEmpty)
        plan.horizon = 2015
        // The horizon before as_of, and every target after it.
        #expect(plan.problems.first == PlanningError(key: "horizon", "the horizon 2015 is before as_of 2020"))
        (plan, _) = samplePlan()
        plan.asOf = 20200
        #expect(plan.problems == [PlanningError(key: "as_of", "20200 is not a four-digit calendar year; write the year, e.g. 2025")],
                "no target is called out of the term against a year that is no year")
        #expect(throws: plan.problems[0]) { try plan.validate() }
    }

    @Test("a target lacking its comparison and its value has both named")
    func twoKeysOfOneTarget() {
        var (plan, _) = samplePlan()
        plan.indicators[0].targets[0].comparison = nil
        plan.indicators[0].targets[0].value = nil
        #expect(plan.problems.map(\.key) == ["indicators[0].targets[0].comparison", "indicators[0].targets[0].value"])
        #expect(plan.problems[0].message.contains("at_least, more_than, at_most, less_than, about, between"))
    }
}
