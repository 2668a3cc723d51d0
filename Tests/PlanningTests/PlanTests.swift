import Testing
import Forecasting
@testable import Planning

/// A small plan on synthetic data: a growing level, a share and a growth-rate series.
func samplePlan(draws: Int = 2000) -> (Plan, [String: Series]) {
    let level = try! Series(name: "arrivals", observations: (2012...2020).map {
        Observation(year: $0, value: 1.0 * pow(1.08, Double($0 - 2012)) * (1 + 0.02 * sin(Double($0))))
    })
    let share = try! Series(name: "cover", observations: (2012...2020).map {
        Observation(year: $0, value: 100 / (1 + exp(-(0.15 * Double($0 - 2016) + 0.2))) + 0.3 * cos(Double($0)))
    })
    let growth = try! Series(name: "growth", observations: (2014...2020).map {
        Observation(year: $0, value: 3 + 0.1 * Double($0 - 2014) + 0.2 * sin(Double($0)))
    })
    let plan = Plan(
        title: "sample", data: "unused.csv", asOf: 2020, baseYear: 2020, horizon: 2025, draws: draws, seed: 7,
        indicators: [
            Indicator(id: "arrivals", series: "arrivals", model: ModelSpecification(name: .exponential),
                      targets: [Target(id: "A1", programme: 1, kind: .level, year: 2025, comparison: .atLeast, value: 2.6)]),
            Indicator(id: "cover", series: "cover", model: ModelSpecification(name: .logistic, cap: 100), upperBound: 100,
                      targets: [Target(id: "C1", programme: 1, kind: .share, year: 2025, comparison: .atLeast, value: 65)]),
            Indicator(id: "growth", series: "growth", model: ModelSpecification(name: .linear),
                      targets: [Target(id: "G1", programme: 2, kind: .averageGrowth, year: 2025, comparison: .between, value: 3, valueHigh: 4.5)]),
            Indicator(id: "none", targets: [Target(id: "N1", programme: 2, kind: .level, year: 2025, comparison: .atLeast, value: 1)]),
        ],
        scenarios: [
            Scenario(name: "baseline"),
            Scenario(name: "shock", adjustments: [.shock(indicator: "arrivals", years: [2021, 2022], change: -0.5),
                                                   .recovery(indicator: "arrivals", from: 2023, years: 2)]),
            Scenario(name: "boost", extends: "shock", adjustments: [.growth(indicator: "arrivals", from: 2024, change: 5)]),
        ])
    return (plan, ["arrivals": level, "cover": share, "growth": growth])
}

@Suite("Running a plan")
struct PlanTests {
    @Test("the same seed gives identical assessments; another seed gives other draws")
    func deterministic() throws {
        let (plan, data) = samplePlan()
        let a = try runPlan(plan, data: data)
        let b = try runPlan(plan, data: data)
        #expect(a.assessments == b.assessments)
        let c = try runPlan(plan, data: data, seed: 8)
        #expect(a.assessments.first { $0.targetID == "A1" }!.probabilityOfMeeting != c.assessments.first { $0.targetID == "A1" }!.probabilityOfMeeting)
    }

    @Test("with normal noise, the simulated 80% interval matches the analytic Student-t interval")
    func simulationMatchesAnalytic() throws {
        let (plan, data) = samplePlan(draws: 40_000)
        let result = try runPlan(plan, data: data, scenarios: ["baseline"])
        let outcome = result.outcomes.first { $0.indicator.id == "arrivals" }!
        let analytic = outcome.fit!.forecast(years: [2025], levels: [80]).points[0]
        let simulated = outcome.projections["baseline"]!.first { $0.year == 2025 }!
        // Monte Carlo error of a 10% quantile with 40,000 draws is about 0.5% of the spread.
        let spread = analytic.prediction[0].upper - analytic.prediction[0].lower
        #expect(abs(simulated.central - analytic.mean) < 0.02 * spread)
        #expect(abs(simulated.lo80! - analytic.prediction[0].lower) < 0.02 * spread)
        #expect(abs(simulated.hi80! - analytic.prediction[0].upper) < 0.02 * spread)
    }

    @Test("a shock lowers P(meet), a growth boost on top of it raises it again")
    func scenariosMove() throws {
        let (plan, data) = samplePlan()
        let result = try runPlan(plan, data: data)
        func p(_ scenario: String) -> Double { result.assessments.first { $0.targetID == "A1" && $0.scenario == scenario }!.probabilityOfMeeting! }
        #expect(p("shock") <= p("baseline"))
        #expect(p("boost") > p("shock"))
    }

    @Test("a share's projection and interval stay inside 0–100")
    func bounded() throws {
        let (plan, data) = samplePlan()
        let result = try runPlan(plan, data: data)
        for row in result.outcomes.first(where: { $0.indicator.id == "cover" })!.projections["baseline"]! where row.kind == .projected {
            #expect(row.lo95! > 0 && row.hi95! < 100)
        }
    }

    @Test("an indicator without data reports no data with the reason; the others still run")
    func noData() throws {
        let (plan, data) = samplePlan()
        let result = try runPlan(plan, data: data)
        let n1 = result.assessments.filter { $0.targetID == "N1" }
        #expect(n1.count == 3 && n1.allSatisfy { $0.status == .noData && $0.explanation.contains("no data series") })
        #expect(result.assessments.filter { $0.targetID == "A1" }.allSatisfy { $0.probabilityOfMeeting != nil })
    }

    @Test("required growth is the compound rate from the last actual to the target; historical over the previous five years when the base year is the last actual")
    func growthRates() throws {
        let (plan, data) = samplePlan()
        let a = try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" && $0.scenario == "baseline" }!
        let series = data["arrivals"]!
        let last = series.observations.last!.value, fiveYearsBefore = series.value(in: 2015)!
        #expect(abs(a.requiredGrowth! - (pow(2.6 / last, 1.0 / 5) - 1)) < 1e-12)
        #expect(abs(a.historicalGrowth! - (pow(last / fiveYearsBefore, 1.0 / 5) - 1)) < 1e-12)
        #expect(a.progressClass != nil)
    }

    @Test("as-of cuts the data: a target year inside the data is decided by the data")
    func observedTarget() throws {
        var (plan, data) = samplePlan()
        plan.indicators[0].targets[0].year = 2019
        let a = try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" }!
        // Missed in the data: an outcome ("missed"), not a trajectory ("off track").
        #expect(a.observed && a.status == .missed && a.probabilityOfMeeting == 0)
        #expect(a.reason == .observed(value: a.projected!, met: false))
    }

    @Test("a target decided by a value the data flag an estimate says so: the reason carries estimate, never 'actual'")
    func observedEstimate() throws {
        var (plan, data) = samplePlan()
        plan.indicators[0].targets[0].year = 2019
        let actual = try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" }!
        #expect(!actual.observedFromEstimate)
        let series = data["arrivals"]!
        data["arrivals"] = try Series(name: "arrivals", observations: series.observations.map {
            Observation(year: $0.year, value: $0.value, kind: $0.year == 2019 ? .estimate : .actual)
        })
        let estimated = try runPlan(plan, data: data).assessments.first { $0.targetID == "A1" }!
        #expect(estimated.observed && estimated.status == .missed && estimated.observedFromEstimate)
        #expect(estimated.reason == .observed(value: estimated.projected!, met: false, estimate: true))
        #expect(estimated.explanation.hasSuffix(", an estimate)"), "\(estimated.explanation)")
        // An average growth of a level reads the base year too: an estimate there counts.
        let level = TargetQuantity(Target(id: "X", kind: .averageGrowth, year: 2019, comparison: .atLeast, value: 5),
                                   indicator: plan.indicators[0], plan: plan, history: data["arrivals"]!.observations, paths: nil)
        #expect(level.yearsRead == [2020, 2019])
    }

    @Test("extends resolves parents first and refuses cycles with the key path")
    func extendsCycle() throws {
        let scenarios = [Scenario(name: "a", extends: "b"), Scenario(name: "b", extends: "a")]
        #expect(throws: PlanningError.self) { try scenarios.resolvedAdjustments(of: "a") }
        let (plan, _) = samplePlan()
        #expect(try plan.scenarios.resolvedAdjustments(of: "boost").count == 3)
    }

    @Test("validation names the key path of an adjustment with an unknown indicator and suggests the nearest")
    func unknownIndicator() {
        var (plan, _) = samplePlan()
        plan.scenarios[1].adjustments.append(.level(indicator: "arivals", from: 2022, change: 1))
        #expect {
            try plan.validate()
        } throws: { error in
            let e = error as! PlanningError
            return e.key == "scenarios.shock.adjustments[2].indicator" && e.message.contains("did you mean 'arrivals'")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Fuzzing finding F8: implied bounds (a share in 0–100, a count at or above 0) that would cross the file's.
@Suite("Bounds that leave a share or a count no room")
struct ImpliedBoundsTests {
    static func indicator(_ kind: TargetKind, lower: Double? = nil, upper: Double? = nil) -> Indicator {
        Indicator(id: "x", series: "x", lowerBound: lower, upperBound: upper,
                  targets: [Target(id: "X.1", kind: kind, year: 2025, comparison: .atLeast, value: 1)])
    }

    @Test("bounds never cross: the implied bound is not imposed past the file's (it trapped: 0...-5)", arguments: [
        (TargetKind.share, nil, -5.0), (.share, 150.0, nil), (.cumulativeCount, nil, -5.0), (.share, nil, 0.0),
    ] as [(TargetKind, Double?, Double?)])
    func neverCrossing(_ kind: TargetKind, _ lower: Double?, _ upper: Double?) {
        let bounds = Self.indicator(kind, lower: lower, upper: upper).bounds
        if let bounds { #expect(bounds.lowerBound <= bounds.upperBound) }
    }

    @Test("the implied bounds still apply where they fit the file's")
    func impliedBoundsApply() {
        #expect(Self.indicator(.share).bounds == 0...100)
        #expect(Self.indicator(.share, upper: 60).bounds == 0...60)
        #expect(Self.indicator(.cumulativeCount, upper: 181).bounds == 0...181)
    }

    @Test("validate names a share's or a count's bound that leaves it no room", arguments: [
        (TargetKind.share, nil, -5.0, "bounds.upper"), (.share, 150.0, nil, "bounds.lower"), (.cumulativeCount, nil, 0.0, "bounds.upper"),
    ] as [(TargetKind, Double?, Double?, String)])
    func validateNamesTheBound(_ kind: TargetKind, _ lower: Double?, _ upper: Double?, _ key: String) {
        let plan = Plan(title: "t", data: "d.csv", asOf: 2020, baseYear: 2020, horizon: 2025, draws: 100, seed: 1,
                        indicators: [Self.indicator(kind, lower: lower, upper: upper)], scenarios: [Scenario(name: "baseline")])
        #expect(plan.problems.contains { $0.key == "indicators[0].\(key)" }, "\(plan.problems)")
        #expect(Set(plan.problems.map(\.key)).count == plan.problems.count, "one problem per key")
    }
}
