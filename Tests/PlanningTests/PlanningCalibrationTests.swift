import Foundation
import Testing
import PlancastTestSupport
import Forecasting
@testable import Planning

/// Planning cases cut from the report half of the M3 and M1 yearly series, which the settings of the
/// planning forecaster were not tuned on (`Tests/Data/planning/report_cases.json`, written by
/// `python3 Benchmarks/tune_planning.py --export Tests/Data/planning`).
struct PlanningCases: Sendable {
    struct Case: Decodable, Sendable {
        let series: String
        /// History years relative to the last one (…, −1, 0).
        let years: [Int]
        let values: [Double]
        /// The 10 values after the last history year.
        let future: [Double]
        let kind: String
        let horizon: Int
        let value: Double
    }
    struct File: Decodable { let cases: [Case] }

    static let report: [Case] = try! Fixtures.decode(File.self, "planning/report_cases.json").cases

    /// Every case as one indicator of one plan (each case's last history year is 2020), run with `draws`
    /// paths; the forecaster's settings can be changed to show that the checks below can fail.
    static func run(_ cases: [Case], draws: Int, forecaster: PlanningForecaster = PlanningForecaster())
        -> (probabilities: [Double], outcomes: [Bool], coverage80: [Double], coverage95: [Double]) {
        var indicators: [Indicator] = []
        var data: [String: Series] = [:]
        for (i, c) in cases.enumerated() {
            let id = "c\(i)"
            let kind: TargetKind = c.kind == "level" ? .level : (c.kind == "annual_flow" ? .annualFlow : .averageGrowth)
            indicators.append(Indicator(id: id, series: id, lowerBound: 0, targets: [
                Target(id: id, programme: 1, kind: kind, year: 2020 + c.horizon, comparison: .atLeast, value: c.value)]))
            data[id] = try! Series(name: id, observations: zip(c.years, c.values).map { Observation(year: 2020 + $0, value: $1) })
        }
        let plan = Plan(title: "calibration", data: "cases", asOf: 2020, baseYear: 2020, horizon: 2030, draws: draws,
                        seed: 2020, indicators: indicators, scenarios: [Scenario(name: "baseline")])
        let result = try! runPlan(plan, data: data, forecaster: forecaster)
        var probabilities: [Double] = [], outcomes: [Bool] = []
        var covered80 = [Int](repeating: 0, count: 10), covered95 = covered80
        for (i, c) in cases.enumerated() {
            let a = result.assessments[i]
            probabilities.append(a.probabilityOfMeeting!)
            let last = c.values.last!
            switch c.kind {
            case "level": outcomes.append(c.future[c.horizon - 1] >= c.value)
            case "annual_flow": outcomes.append(c.future.prefix(c.horizon).allSatisfy { $0 >= c.value })
            default: outcomes.append((pow(c.future[c.horizon - 1] / last, 1 / Double(c.horizon)) - 1) * 100 >= c.value)
            }
            let rows = result.outcomes[i].projections["baseline"]!.filter { $0.kind == .projected }
            for (h, row) in rows.enumerated() {
                let actual = c.future[h]
                if actual >= row.lo80! && actual <= row.hi80! { covered80[h] += 1 }
                if actual >= row.lo95! && actual <= row.hi95! { covered95[h] += 1 }
            }
        }
        let n = Double(cases.count)
        return (probabilities, outcomes, covered80.map { Double($0) / n }, covered95.map { Double($0) / n })
    }
}

/// Brier score, its skill against the base rate, the expected calibration error (the case-weighted mean
/// gap between mean predicted P and observed frequency over the deciles), and the largest gap of a
/// decile holding at least 30 cases measured in standard errors of its observed frequency.
func probabilityScores(_ p: [Double], _ met: [Bool])
    -> (brier: Double, skill: Double, calibrationError: Double, worstGap: Double, worstStandardErrors: Double) {
    let outcomes = met.map { $0 ? 1.0 : 0.0 }
    let n = Double(p.count)
    let brier = zip(p, outcomes).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / n
    let base = outcomes.reduce(0, +) / n
    var worstGap = 0.0, worstSE = 0.0, weighted = 0.0
    for bin in 0..<10 {
        let members = p.indices.filter { min(Int(p[$0] * 10), 9) == bin }
        guard !members.isEmpty else { continue }
        let m = Double(members.count)
        let predicted = members.map { p[$0] }.reduce(0, +) / m
        let observed = members.map { outcomes[$0] }.reduce(0, +) / m
        weighted += m * abs(predicted - observed)
        guard members.count >= 30 else { continue }
        let standardError = max((predicted * (1 - predicted) / m).squareRoot(), 0.01)
        worstGap = max(worstGap, abs(predicted - observed))
        worstSE = max(worstSE, abs(predicted - observed) / standardError)
    }
    return (brier, 1 - brier / (base * (1 - base)), weighted / n, worstGap, worstSE)
}

@Suite("Honest odds: the planning forecaster is calibrated on annual series it was not tuned on")
struct PlanningCalibrationTests {
    /// 1,463 cases × 1,000 paths: the Monte Carlo error of a P(meet) is at most 0.016, of an interval
    /// end's coverage far below the case-sampling error. Run once and shared by the tests.
    static let calibrated = PlanningCases.run(PlanningCases.report, draws: 1000)
    /// The same with the width halved (innovations and drift uncertainty): what an overconfident
    /// forecaster looks like to these checks.
    static let halved: (probabilities: [Double], outcomes: [Bool], coverage80: [Double], coverage95: [Double]) = {
        var narrow = PlanningForecaster()
        narrow.inflation /= 2
        narrow.driftUncertainty /= 2
        return PlanningCases.run(PlanningCases.report, draws: 1000, forecaster: narrow)
    }()

    @Test("80% and 95% intervals of run cover 74–86% and 90–98% at every horizon from 1 to 10 years")
    func coverageByHorizon() {
        let r = Self.calibrated
        // Tolerances: ±6 points around 80% and −5/+3 around 95% hold the sampling error of ~1,460 cases
        // (a binomial 95% margin of ±2 and ±1.1 points) plus the spread seen between halves in tuning.
        for h in 0..<10 {
            #expect(r.coverage80[h] >= 0.74 && r.coverage80[h] <= 0.86, "80% interval at horizon \(h + 1): \(r.coverage80[h])")
            #expect(r.coverage95[h] >= 0.90 && r.coverage95[h] <= 0.98, "95% interval at horizon \(h + 1): \(r.coverage95[h])")
        }
        // The record the reports quote (measured with numpy on the same cases) agrees with this run
        // within Monte Carlo error.
        let record = PlanningCalibration.measured
        #expect(record.cases == PlanningCases.report.count)
        #expect(abs(r.coverage80.min()! - record.coverage80.lowerBound) < 0.02 && abs(r.coverage80.max()! - record.coverage80.upperBound) < 0.02,
                "80% coverage \(r.coverage80.min()!)–\(r.coverage80.max()!) against the record \(record.coverage80)")
        #expect(abs(r.coverage95.min()! - record.coverage95.lowerBound) < 0.02 && abs(r.coverage95.max()! - record.coverage95.upperBound) < 0.02,
                "95% coverage \(r.coverage95.min()!)–\(r.coverage95.max()!) against the record \(record.coverage95)")
    }

    @Test("P(meet) is reliable: Brier skill above 0.45, calibration error under 0.035, no decile off by 3 standard errors")
    func reliability() {
        let s = probabilityScores(Self.calibrated.probabilities, Self.calibrated.outcomes)
        #expect(s.skill > 0.45, "Brier skill \(s.skill)")
        #expect(s.calibrationError < 0.035, "expected calibration error \(s.calibrationError)")
        // A decile of 70–600 cases has a sampling error of 0.02–0.06 in its observed frequency: a gap of
        // 0.11 in a decile of 68 cases is 2 standard errors, expected somewhere among ten deciles.
        #expect(s.worstStandardErrors < 3, "worst decile off by \(s.worstGap) = \(s.worstStandardErrors) standard errors")
    }

    @Test("the checks can fail: with the width halved, the intervals and the probabilities are caught overconfident")
    func halvedWidthFails() {
        let r = Self.halved
        #expect(r.coverage80.contains { $0 < 0.74 })
        #expect(r.coverage95.contains { $0 < 0.90 })
        let s = probabilityScores(r.probabilities, r.outcomes)
        #expect(s.calibrationError >= 0.035 || s.worstStandardErrors >= 3, "calibration error \(s.calibrationError), worst \(s.worstStandardErrors) SE")
    }
}
