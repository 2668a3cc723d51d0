import Foundation
import Testing
import Forecasting
@testable import Planning

/// Historical and required growth for every target kind, each over a stated period; zeros at a
/// bound that a named model cannot take fall back to the planning forecaster instead of "no data".
@Suite("Growth in context and values at the bounds")
struct GrowthContextTests {
    /// A level growing 5% a year 2011–2020 from 100, and a rate series of 6%, 7%, … a year.
    static let level = (2011...2020).map { Observation(year: $0, value: 100 * pow(1.05, Double($0 - 2011))) }
    static let rates = (2016...2020).map { Observation(year: $0, value: Double($0 - 2010)) }   // 6, 7, 8, 9, 10

    static func plan(baseYear: Int = 2020) -> Plan {
        Plan(title: "growth", data: "unused.csv", asOf: 2020, baseYear: baseYear, horizon: 2025, draws: 200, seed: 1,
             indicators: [], scenarios: [Scenario(name: "baseline")])
    }

    @Test("level, share and cumulative count: compound growth of the last five years, and growth from the last actual to the target")
    func level() throws {
        for kind in [TargetKind.level, .share, .cumulativeCount] {
            let target = Target(id: "T", kind: kind, year: 2025, comparison: .atLeast, value: 200)
            let g = try #require(growthContext(target, indicator: Indicator(id: "x"), plan: Self.plan(), history: Self.level))
            #expect(g.from == 2015 && g.to == 2020)
            #expect(abs(g.historical! - 0.05) < 1e-12)
            let last = Self.level.last!.value
            #expect(abs(g.required! - (pow(200 / last, 1.0 / 5) - 1)) < 1e-12)
        }
    }

    @Test("average growth of a level series: the yearly growth from the last actual that gives the average over the term")
    func averageGrowthOfLevel() throws {
        let target = Target(id: "T", kind: .averageGrowth, year: 2025, comparison: .atLeast, value: 10)
        // The base year is the last actual: the requirement is the target itself.
        let g = try #require(growthContext(target, indicator: Indicator(id: "x", unit: "bn VND"), plan: Self.plan(), history: Self.level))
        #expect(abs(g.historical! - 0.05) < 1e-12 && g.from == 2015)
        #expect(abs(g.required! - 0.10) < 1e-12)
        // Base year 2018 and data to 2020 at 5% a year: the last two years must make up 5 points.
        let mid = try #require(growthContext(Target(id: "T", kind: .averageGrowth, year: 2023, comparison: .atLeast, value: 10),
                                             indicator: Indicator(id: "x"), plan: Self.plan(baseYear: 2018), history: Self.level))
        let base = Self.level.first { $0.year == 2018 }!.value, last = Self.level.last!.value
        let needed = base * pow(1.10, 5)
        #expect(abs(mid.required! - (pow(needed / last, 1.0 / 3) - 1)) < 1e-12)
        // Two years since the base year are too few: the period is the last five years, not 2018–2020.
        #expect(mid.from == 2015 && mid.to == 2020)
    }

    @Test("average growth of a series of rates: geometric mean of the observed rates, and the mean the remaining years need")
    func averageGrowthOfRates() throws {
        let indicator = Indicator(id: "g", unit: "%/năm")
        #expect(indicator.isGrowthRate)
        let target = Target(id: "T", kind: .averageGrowth, year: 2022, comparison: .between, value: 8, valueHigh: 9)
        let g = try #require(growthContext(target, indicator: indicator, plan: Self.plan(baseYear: 2018), history: Self.rates))
        // Period: the five years before 2020 hold 2016–2020; the rates after the first year are 7, 8, 9, 10.
        let mean = pow(1.07 * 1.08 * 1.09 * 1.10, 1.0 / 4) - 1
        #expect(abs(g.historical! - mean) < 1e-12 && g.from == 2017 && g.to == 2020)
        // Term 2019–2022 at 8% on average; 2019 and 2020 gave 9% and 10%: 2021–2022 need the rest.
        let required = pow(pow(1.08, 4) / (1.09 * 1.10), 1.0 / 2) - 1
        #expect(abs(g.required! - required) < 1e-12)
    }

    @Test("annual flow: the growth that brings the last actual to the target by the first year of the term")
    func annualFlow() throws {
        let target = Target(id: "T", kind: .annualFlow, year: 2025, comparison: .atLeast, value: 180)
        let g = try #require(growthContext(target, indicator: Indicator(id: "x"), plan: Self.plan(), history: Self.level))
        let last = Self.level.last!.value
        #expect(abs(g.required! - (180 / last - 1)) < 1e-12)
        #expect(abs(g.historical! - 0.05) < 1e-12)
    }

    @Test("run fills historical and required growth with their period for average-growth and annual-flow targets")
    func runFillsEveryKind() throws {
        let series = try Series(name: "v", observations: Self.level)
        let plan = Plan(title: "t", data: "unused.csv", asOf: 2020, baseYear: 2020, horizon: 2025, draws: 200, seed: 1,
                        indicators: [Indicator(id: "v", series: "v", unit: "bn", targets: [
                            Target(id: "G", programme: 1, kind: .averageGrowth, year: 2025, comparison: .atLeast, value: 10),
                            Target(id: "F", programme: 1, kind: .annualFlow, year: 2025, comparison: .atLeast, value: 180)])],
                        scenarios: [Scenario(name: "baseline")])
        let result = try runPlan(plan, data: ["v": series])
        for id in ["G", "F"] {
            let a = try #require(result.assessments.first { $0.targetID == id })
            #expect(a.historicalGrowth != nil && a.requiredGrowth != nil, "\(id)")
            #expect(a.historicalFrom == 2015 && a.historicalTo == 2020, "\(id)")
        }
    }

    @Test("a target year in the data that the data miss is 'missed', and one before the term is flagged")
    func missedAndBeforeTerm() throws {
        let series = try Series(name: "v", observations: Self.level)
        let plan = Plan(title: "t", data: "unused.csv", asOf: 2020, baseYear: 2020, horizon: 2025, draws: 200, seed: 1,
                        indicators: [Indicator(id: "v", series: "v", targets: [
                            Target(id: "P", programme: 1, kind: .level, year: 2019, comparison: .atLeast, value: 1000),
                            Target(id: "Q", programme: 1, kind: .level, year: 2025, comparison: .atLeast, value: 100)])],
                        scenarios: [Scenario(name: "baseline")])
        let result = try runPlan(plan, data: ["v": series])
        let p = try #require(result.assessments.first { $0.targetID == "P" })
        #expect(p.observed && p.status == .missed && p.beforeTerm)
        let q = try #require(result.assessments.first { $0.targetID == "Q" })
        #expect(!q.observed && !q.beforeTerm && q.status != .missed)
    }

    @Test("a count that starts at 0 under a logistic cap is projected (planning forecaster), with the reason, not 'no data'")
    func zeroUnderLogisticCap() throws {
        let counts: [Double] = [0, 0, 0, 0, 0, 1, 2, 4, 6, 9, 13, 18, 24, 30, 37]
        let series = try Series(name: "communes", observations: counts.enumerated().map { Observation(year: 2006 + $0.offset, value: $0.element) })
        let indicator = Indicator(id: "c", series: "communes", model: ModelSpecification(name: .logistic, cap: 120),
                                  lowerBound: 0, upperBound: 120,
                                  targets: [Target(id: "C", programme: 1, kind: .cumulativeCount, year: 2025, comparison: .atLeast, value: 70)])
        let plan = Plan(title: "t", data: "unused.csv", asOf: 2020, baseYear: 2020, horizon: 2025, draws: 500, seed: 1,
                        indicators: [indicator], scenarios: [Scenario(name: "baseline")])
        let result = try runPlan(plan, data: ["communes": series])
        let outcome = result.outcomes[0]
        #expect(outcome.planning != nil && outcome.problem == nil)
        #expect(outcome.fallback == ModelFallback(model: "logistic(cap 120)", year: 2006, value: 0, lower: 0, upper: 120))
        #expect(outcome.note?.contains("cannot take the value 0 of 2006") == true)
        let a = try #require(result.assessments.first)
        #expect(a.status != .noData && a.probabilityOfMeeting != nil)
        // A value the model cannot take that is not at a bound stays a problem (a cap below the data).
        var low = indicator
        low.upperBound = nil
        low.model = ModelSpecification(name: .logistic, cap: 30)
        if case .success = fitIndicator(low, series: series) { Issue.record("a cap of 30 under values up to 37 was accepted") }
    }
}
