// libFuzzer target: the scenario resolver and validator, and the run they guard. The fuzzer's bytes
// are read as decisions that build a Plan in memory (scenario names with brackets and dots, extends
// chains and cycles, every adjustment type with ordinary and extreme years and values, targets of
// every kind), so that most inputs get past the parser to `Plan.validate`, `resolvedAdjustments`
// and, when the plan is valid, `runPlan` on a few points of data. Built and run by scripts/fuzz.
//
// Findings: traps; an error other than `PlanningError` (or `PlanningProblems`) from validation or
// the run; `Plan.validate` not throwing exactly `Plan.problems` (nothing, the one problem, or all of
// them), or two problems at one key; a plan that validates but whose scenarios do not resolve; a
// P(meet) outside [0, 1]; a non-finite projection.
import Foundation
import Forecasting
import Planning

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResolve(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: bytes, count: size)))
    let names = ["baseline", "covid", "a", "b", "a[b]c]d[", "x.y", "", "ab", "covd"]
    let indicatorIDs = ["visitors", "cover", "count"]

    // Data: a few points per series, positive so that every model can be tried.
    var data: [String: Series] = [:]
    for id in indicatorIDs {
        let count = reader.int(below: 9)
        var observations: [Observation] = []
        var year = 2000 + reader.int(below: 15)
        for _ in 0..<count {
            let value = id == "cover" ? 1 + Double(reader.int(below: 98)) + Double(reader.byte()) / 256 : 1 + abs(reader.double())
            observations.append(Observation(year: year, value: min(value, 1e6), kind: reader.bool() ? .actual : .estimate))
            year += 1 + reader.int(below: 2)
        }
        data[id] = try? Series(name: id, observations: observations)
    }

    var indicators: [Indicator] = []
    for id in indicatorIDs.prefix(1 + reader.int(below: 3)) {
        let model: ModelSpecification
        switch reader.int(below: 6) {
        case 0: model = ModelSpecification(name: .linear)
        case 1: model = ModelSpecification(name: .exponential)
        case 2: model = ModelSpecification(name: .logistic, cap: 100)
        case 3: model = ModelSpecification(name: .damped)
        case 4: model = ModelSpecification(name: .linear, interventions: [.pulse(years: [reader.year()])])
        default: model = ModelSpecification(name: .auto)
        }
        var targets: [Target] = []
        for k in 0..<reader.int(below: 4) {
            let kind = reader.pick(TargetKind.allCases)
            var target = Target(id: "\(id)-\(k)", kind: kind, year: reader.year())
            if kind != .milestone {
                target.comparison = reader.pick(Comparison.allCases)
                target.value = reader.double()
                target.valueHigh = reader.bool() ? reader.double() : nil
                if reader.bool() { target.tolerance = reader.double() }
            } else {
                target.milestoneStatus = reader.pick(MilestoneStatus.allCases)
            }
            targets.append(target)
        }
        indicators.append(Indicator(id: id, series: reader.bool() ? id : nil, model: model,
                                    lowerBound: reader.bool() ? 0 : nil, upperBound: id == "cover" ? 100 : (reader.bool() ? reader.double() : nil),
                                    targets: targets))
    }

    var scenarios: [Scenario] = []
    for _ in 0..<reader.int(below: 6) {
        var scenario = Scenario(name: reader.pick(names), extends: reader.bool() ? reader.pick(names) : nil)
        for _ in 0..<reader.int(below: 4) {
            let indicator = reader.bool() ? reader.pick(indicatorIDs) : "unknown"
            let adjustment: Adjustment
            switch reader.int(below: 7) {
            case 0: adjustment = .shock(indicator: indicator, years: (0..<reader.int(below: 3)).map { _ in reader.year() }, change: reader.double())
            case 1: adjustment = .level(indicator: indicator, from: reader.year(), change: reader.double())
            case 2: adjustment = .growth(indicator: indicator, from: reader.year(), change: reader.double())
            case 3: adjustment = .recovery(indicator: indicator, from: reader.year(), years: reader.pick([0, 1, 2, 3, 50, Int.max, -1]))
            case 4: adjustment = .override(indicator: indicator, values: [reader.year(): reader.double()])
            case 5: adjustment = .cap(indicator: indicator, value: reader.double())
            default: adjustment = .floor(indicator: indicator, value: reader.double())
            }
            scenario.adjustments.append(adjustment)
        }
        scenarios.append(scenario)
    }

    let asOf = reader.bool() ? reader.year() : 2015 + reader.int(below: 10)
    let horizon = reader.bool() ? reader.year() : asOf &+ reader.int(below: 10)
    let plan = Plan(title: "fuzz", data: "fuzz.csv", asOf: asOf, baseYear: reader.bool() ? reader.year() : nil, horizon: horizon,
                    draws: reader.pick([100, 200, 0, -1, 10_000_001]), seed: UInt64(reader.byte()),
                    indicators: indicators, scenarios: scenarios)
    let problems = plan.problems
    if Set(problems.map(\.key)).count != problems.count { fuzzFailure("two problems at one key: \(problems)") }
    do {
        try plan.validate()
        if !problems.isEmpty { fuzzFailure("Plan.validate passed a plan with problems: \(problems)") }
    } catch let error as PlanningError {
        if problems != [error] { fuzzFailure("Plan.validate threw \(error), the problems are \(problems)") }
        return 0
    } catch let error as PlanningProblems {
        if problems.count < 2 || error.problems != problems { fuzzFailure("Plan.validate threw \(error.problems), the problems are \(problems)") }
        return 0
    } catch {
        fuzzFailure("Plan.validate threw \(type(of: error)): \(error)")
    }
    for scenario in plan.scenarios {
        do { _ = try plan.scenarios.resolvedAdjustments(of: scenario.name) } catch {
            fuzzFailure("a validated plan does not resolve \(scenario.name): \(error)")
        }
    }
    // The run, as `plancast run` does it after validation (with an optional --as-of).
    let runAsOf: Int? = reader.bool() ? min(plan.horizon, max(1000, asOf - reader.int(below: 8))) : nil
    let result: PlanResult
    do {
        result = try runPlan(plan, data: data.compactMapValues { $0 }, asOf: runAsOf)
    } catch is PlanningError {
        return 0
    } catch is PlanningProblems {
        return 0
    } catch {
        fuzzFailure("runPlan threw \(type(of: error)): \(error)")
    }
    for assessment in result.assessments {
        if let p = assessment.probabilityOfMeeting, !(p >= 0 && p <= 1) { fuzzFailure("P(meet) \(p) for \(assessment.targetID)") }
    }
    for outcome in result.outcomes {
        for (scenario, rows) in outcome.projections {
            for row in rows where !row.central.isFinite || [row.lo80, row.hi80, row.lo95, row.hi95].contains(where: { $0.map { !$0.isFinite } ?? false }) {
                // K1, first found by this target: an exponential trend extrapolated far beyond few
                // points overflows to +inf on some simulated paths (exp of a Student-t tail with 1 or 2
                // degrees of freedom). Infinite interval ends are then the honest answer; a NaN (once
                // the quantile between two infinite order statistics, fixed) never is. The planning
                // forecaster (model auto) works on the log scale too: a volatile series (1 → 10⁶ → 8)
                // walked a thousand years past its data overflows likewise (7 Dec). Any other model
                // must stay finite.
                let values = [row.central] + [row.lo80, row.hi80, row.lo95, row.hi95].compactMap { $0 }
                let logScale = outcome.planning != nil || outcome.fit.map { $0.model.shape == .exponential || $0.isNonlinear } ?? false
                if logScale, !values.contains(where: \.isNaN) { continue }
                fuzzFailure("a non-finite projection: \(outcome.indicator.id) \(scenario) \(row.year) \(row)\nmodel \(outcome.fit?.model.name ?? "none"), data \(outcome.history.map { ($0.year, $0.value) }), as of \(result.asOf)\nplan \(plan)")
            }
        }
    }
    return 0
}
