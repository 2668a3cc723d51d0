import Testing
import Foundation
import Forecasting
@testable import Planning

@Suite("Backtest scores")
struct BacktestScoresTests {
    /// The sample plan run from 2017: three later years (2018–2020) of every indicator with data are
    /// kept aside, and a target for 2020 can be called.
    static func backtest() throws -> (PlanResult, BacktestScores, [String: Series]) {
        var (plan, data) = samplePlan()
        plan.indicators[0].targets.append(Target(id: "A0", programme: 1, kind: .level, year: 2020, comparison: .atLeast, value: 1.5))
        let result = try runPlan(plan, data: data, options: RunOptions(asOf: 2017, scenarios: ["baseline"], horizon: 2020))
        return (result, BacktestScores(result, scenario: "baseline"), data)
    }

    @Test("one error per later actual of each projected indicator, measured against the data file's value")
    func errorsAgainstTheData() throws {
        let (result, scores, data) = try Self.backtest()
        #expect(scores.errors.map(\.indicatorID) == ["arrivals", "arrivals", "arrivals", "cover", "cover", "cover", "growth", "growth", "growth"])
        for e in scores.errors {
            let series = try #require(data[e.indicatorID])
            let actual = try #require(series.observations.first { $0.year == e.year }).value
            let row = try #require(result.outcomes.first { $0.indicator.id == e.indicatorID }?.projections["baseline"]?.first { $0.year == e.year })
            #expect(e.actual == actual)
            #expect(e.projected == row.central)
            #expect(abs(e.percentError - 100 * (row.central - actual) / abs(actual)) < 1e-12)
            #expect(e.inside80 == (row.lo80! <= actual && actual <= row.hi80!))
            #expect(e.inside95 == (row.lo95! <= actual && actual <= row.hi95!))
            // An interval that holds the actual at 80% holds it at 95% too.
            #expect(!e.inside80 || e.inside95)
        }
        let percents = scores.errors.map { abs(100 * ($0.projected - $0.actual) / $0.actual) }
        #expect(abs(scores.meanAbsolutePercentError - percents.reduce(0, +) / Double(percents.count)) < 1e-12)
        #expect(scores.inside80 == scores.errors.filter(\.inside80).count)
    }

    @Test("a target whose year has been observed is called at the origin and checked against the observation")
    func statusCalls() throws {
        let (result, scores, data) = try Self.backtest()
        // Only A0 (2020) has an observed year; the 2025 targets cannot be scored yet.
        #expect(scores.calls.map(\.targetID) == ["A0"])
        let call = try #require(scores.calls.first)
        let observed = try #require(data["arrivals"]?.observations.first { $0.year == 2020 })
        #expect(call.actual == observed)
        #expect(call.met == (observed.value >= 1.5))
        let assessment = try #require(result.assessments.first { $0.targetID == "A0" })
        #expect(call.probabilityOfMeeting == assessment.probabilityOfMeeting)
        #expect(call.isRight == ((call.probabilityOfMeeting >= 0.5) == call.met))
    }
}

@Suite("Interval levels of a run")
struct RunLevelsTests {
    @Test("a run asked for 50% and 99% projects them beside 80% and 95%, nested, and a backtest scores each")
    func extraLevels() throws {
        var (plan, data) = samplePlan()
        plan.indicators[0].targets.append(Target(id: "A0", programme: 1, kind: .level, year: 2020, comparison: .atLeast, value: 1.5))
        let result = try runPlan(plan, data: data, options: RunOptions(asOf: 2017, scenarios: ["baseline"], horizon: 2020,
                                                                       levels: [99, 50]))
        #expect(result.levels == [50, 80, 95, 99])
        let defaultRun = try runPlan(plan, data: data, options: RunOptions(asOf: 2017, scenarios: ["baseline"], horizon: 2020))
        #expect(defaultRun.levels == [80, 95])
        for (outcome, plain) in zip(result.outcomes, defaultRun.outcomes) {
            for (row, same) in zip(outcome.projections["baseline"] ?? [], plain.projections["baseline"] ?? []) where row.kind == .projected {
                #expect(row.intervals.map(\.level) == [50, 80, 95, 99])
                for (inner, outer) in zip(row.intervals, row.intervals.dropFirst()) {
                    #expect(outer.lower <= inner.lower && inner.upper <= outer.upper)
                }
                // More levels change no number of the default ones.
                #expect(row.central == same.central && row.lo80 == same.lo80 && row.hi95 == same.hi95)
            }
        }
        let scores = BacktestScores(result, scenario: "baseline")
        #expect(scores.levels == [50, 80, 95, 99])
        for e in scores.errors {
            #expect(e.inside(50) == e.intervals[0].contains(e.actual))
            #expect(e.inside(50) == false || e.inside80)
        }
        #expect(scores.inside(99) >= scores.inside95 && scores.inside95 >= scores.inside80 && scores.inside80 >= scores.inside(50))
        #expect(throws: PlanningError.self) { try runPlan(plan, data: data, options: RunOptions(levels: [100])) }
    }

    @Test("a projected row is written and read back in JSON with a pair of keys per level")
    func rowCoding() throws {
        let row = ProjectionRow(year: 2021, kind: .projected, central: 5, intervals: [
            PredictionInterval(level: 50, lower: 4, upper: 6), PredictionInterval(level: 80, lower: 3, upper: 7)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(row), as: UTF8.self)
        #expect(text == #"{"central":5,"hi50":6,"hi80":7,"kind":"projected","lo50":4,"lo80":3,"year":2021}"#)
        #expect(try JSONDecoder().decode(ProjectionRow.self, from: Data(text.utf8)) == row)
        let observed = ProjectionRow(year: 2020, kind: .actual, central: 4.5)
        #expect(String(decoding: try encoder.encode(observed), as: UTF8.self) == #"{"central":4.5,"kind":"actual","year":2020}"#)
    }
}
