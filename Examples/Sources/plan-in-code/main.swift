// Planning: a plan built in code (no files), run under two scenarios, each target assessed.
//
//     swift run --package-path Examples --scratch-path .build-examples plan-in-code
//
// `runPlan` fits each indicator, simulates seeded paths, applies every scenario's adjustments to each
// path and assesses every target; the same plan, data and seed give the same result.
import Foundation
import Forecasting
import Planning

do {
    let arrivals = try Series(name: "arrivals", observations: [
        (2014, 2.10), (2015, 2.31), (2016, 2.46), (2017, 2.74), (2018, 2.93), (2019, 3.22), (2020, 3.41),
    ].map { Observation(year: $0.0, value: $0.1) })
    let plan = Plan(
        title: "A province in code", data: "(in memory)", asOf: 2020, baseYear: 2020, horizon: 2025,
        draws: 4000, seed: 11,
        indicators: [
            Indicator(id: "arrivals", series: "arrivals", model: ModelSpecification(name: .exponential),
                      targets: [Target(id: "T1", kind: .level, year: 2025, comparison: .atLeast, value: 5)]),
        ],
        scenarios: [
            Scenario(name: "baseline"),
            // Growth 3 percentage points a year lower from 2021 on.
            Scenario(name: "slowdown", adjustments: [.growth(indicator: "arrivals", from: 2021, change: -3)]),
        ])
    let result = try runPlan(plan, data: ["arrivals": arrivals], options: RunOptions())
    for a in result.assessments {
        let p = a.probabilityOfMeeting.map { String(format: "%.2f", $0) } ?? "–"
        print("\(a.targetID) \(a.scenario): projected \(String(format: "%.3g", a.projected ?? .nan)) in \(a.targetYear), P(meet) \(p), \(a.status.rawValue)")
    }
    print("as of \(result.asOf) through \(result.horizon), \(result.draws) draws, seed \(result.seed)")
} catch {
    print("error: \(error)")
}
