import Foundation
import Testing
import PropertyBased
import Forecasting
@testable import Planning

// P(meet) never rises when an at_least (or more_than) target rises, and never falls when an at_most
// target rises (issue 7): checked with runPlan on a small plan built in code, for random data,
// models, scenarios and target values.

/// A random plan: one indicator with a few years of data, several targets of one comparison at
/// increasing values in one year, and a scenario with a shock.
struct MeetRecipe: Sendable, CustomStringConvertible {
    var points: Int
    var growth: Double
    var noise: Double
    var seed: UInt64
    var exponential: Bool
    var targetValues: [Double]

    var data: Series {
        var rng = SeededGenerator(seed: seed)
        return try! Series(name: "level", observations: (0..<points).map { k in
            Observation(year: 2020 - points + 1 + k, value: 10 * pow(1 + growth, Double(k)) * (1 + noise * rng.nextNormal()))
        })
    }

    func plan(_ comparison: Comparison) -> Plan {
        let values = targetValues.sorted()
        return Plan(
            title: "P(meet)", data: "in memory", asOf: 2020, baseYear: 2020, horizon: 2026, draws: 500, seed: seed,
            indicators: [Indicator(
                id: "level", series: "level", model: ModelSpecification(name: exponential ? .exponential : .linear),
                lowerBound: 0,
                targets: values.enumerated().map { k, value in
                    Target(id: "T\(k)", kind: .level, year: 2026, comparison: comparison, value: value)
                })],
            scenarios: [Scenario(name: "baseline"),
                        Scenario(name: "dip", adjustments: [.shock(indicator: "level", years: [2022], change: -0.3),
                                                            .recovery(indicator: "level", from: 2023, years: 3)])])
    }

    var description: String { "\(points) points, growth \(growth), noise \(noise), seed \(seed), \(exponential ? "exponential" : "linear"), targets \(targetValues.sorted())" }
}

let meetRecipes = zip(Gen.int(in: 5...12), Gen.double(in: -0.05...0.15), Gen.double(in: 0.001...0.1),
                      Gen.uint64(in: 0...UInt64(UInt32.max)), Gen.bool, Gen.double(in: 1...40).array(of: 2...6))
    .map { MeetRecipe(points: $0, growth: $1, noise: $2, seed: $3, exponential: $4, targetValues: $5) }

@Suite("Properties of target assessment")
struct MeetPropertyTests {
    /// P(meet) of each target of `plan` under `scenario`, in target order (T0 has the lowest value).
    static func probabilities(_ plan: Plan, _ data: Series, scenario: String) throws -> [Double] {
        let result = try runPlan(plan, data: ["level": data])
        return try plan.indicators[0].targets.map { target in
            try #require(result.assessments.first { $0.targetID == target.id && $0.scenario == scenario }?.probabilityOfMeeting)
        }
    }

    @Test("P(meet) never rises when an at_least or more_than target rises, and never falls when an at_most target rises")
    func monotoneInTheTarget() async throws {
        await propertyCheck(count: 60, input: meetRecipes) { recipe in
            for comparison in [Comparison.atLeast, .moreThan, .atMost] {
                let plan = recipe.plan(comparison)
                for scenario in ["baseline", "dip"] {
                    let p = try Self.probabilities(plan, recipe.data, scenario: scenario)
                    for (lower, higher) in zip(p, p.dropFirst()) {
                        if comparison == .atMost {
                            #expect(higher >= lower, "\(comparison) \(scenario): P(meet) \(p)")
                        } else {
                            #expect(higher <= lower, "\(comparison) \(scenario): P(meet) \(p)")
                        }
                    }
                }
            }
        }
    }

    @Test("P(meet) of a higher at_least target is no larger in a separate run with the same seed")
    func monotoneAcrossRuns() async throws {
        await propertyCheck(count: 30, input: meetRecipes, Gen.double(in: 0...10)) { recipe, raise in
            var low = recipe
            low.targetValues = [recipe.targetValues[0]]
            var high = recipe
            high.targetValues = [recipe.targetValues[0] + raise]
            let p = try Self.probabilities(low.plan(.atLeast), recipe.data, scenario: "dip")[0]
            let q = try Self.probabilities(high.plan(.atLeast), recipe.data, scenario: "dip")[0]
            #expect(q <= p, "target \(recipe.targetValues[0]) → P \(p); raised by \(raise) → P \(q)")
        }
    }
}
