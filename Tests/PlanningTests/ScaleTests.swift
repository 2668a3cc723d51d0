import Testing
import Forecasting
@testable import Planning

/// Issue 16: long chains of `extends` and many targets give the same answers as the direct
/// definitions (the cost is measured by Benchmarks/scale/extends.sh and render.sh, not here).
@Suite("Scenario chains and assessment look-ups at scale")
struct ScaleTests {
    /// The adjustments of `name` the way the format defines them: its parents' first, by walking up.
    static func direct(_ scenarios: [Scenario], _ name: String) -> [Adjustment] {
        var chain: [Scenario] = []
        var current: String? = name
        while let n = current, let s = scenarios.first(where: { $0.name == n }) {
            chain.append(s)
            current = s.extends
        }
        return chain.reversed().flatMap(\.adjustments)
    }

    /// A chain s0 ← s1 ← … of `links` scenarios, every `every`-th with an adjustment, plus a branch.
    static func chain(_ links: Int, every: Int) -> [Scenario] {
        var scenarios = (0..<links).map { k in
            Scenario(name: "s\(k)", extends: k == 0 ? nil : "s\(k - 1)",
                     adjustments: k % every == 0 ? [.level(indicator: "x", from: 2024, change: Double(k))] : [])
        }
        scenarios.insert(Scenario(name: "branch", extends: "s\(links / 2)", adjustments: [.cap(indicator: "x", value: 1)]), at: 3)
        return scenarios
    }

    @Test("every scenario of a 2,000-link chain (and a branch off its middle) gets its parents' adjustments first")
    func longChain() throws {
        let scenarios = Self.chain(2000, every: 97)
        let resolved = try scenarios.resolvedAdjustments()
        #expect(resolved.count == scenarios.count)
        for name in ["s0", "s1", "s97", "s1000", "s1999", "branch"] {
            #expect(resolved[name] == Self.direct(scenarios, name), "\(name)")
        }
        #expect(resolved["s1999"]?.count == 21)
        #expect(try scenarios.resolvedAdjustments(of: ["branch", "s5"]).keys.sorted() == ["branch", "s5"])
    }

    @Test("a cycle at the end of a long chain and an unknown parent are named as before")
    func chainErrors() {
        var cyclic = Self.chain(500, every: 1000)
        cyclic[0].extends = "s499"
        #expect {
            try cyclic.checkExtends()
        } throws: { error in
            let e = error as! PlanningError
            return e.key == "scenarios.s0.extends" && e.message.hasPrefix("the scenarios extend each other in a cycle (s0 → s499 → s498")
                && e.message.contains("s1 → s0)")
        }
        var unknown = Self.chain(500, every: 1000)
        unknown[0].extends = "nowhere"
        #expect {
            try unknown.resolvedAdjustments()
        } throws: { error in
            let e = error as! PlanningError
            return e.key == "scenarios.s0.extends" && e.message.hasPrefix("extends unknown scenario 'nowhere'")
        }
    }

    @Test("the assessment of a target under a scenario is the first one in the list, for every pair")
    func assessmentIndex() throws {
        let indicators = (0..<30).map { i in
            Indicator(id: "x\(i)", series: "x\(i)", model: ModelSpecification(name: .linear),
                      targets: [Target(id: i == 7 ? "T6" : "T\(i)", kind: .level, year: 2025, comparison: .atLeast, value: Double(100 + i))])
        }
        let plan = Plan(title: "index", data: "data.csv", asOf: 2020, horizon: 2025, draws: 100, seed: 1, indicators: indicators,
                        scenarios: [Scenario(name: "baseline"), Scenario(name: "fast", adjustments: [.level(indicator: "x3", from: 2022, change: 50)])])
        let data = Dictionary(uniqueKeysWithValues: (0..<30).map { i in
            ("x\(i)", try! Series(name: "x\(i)", observations: (2012...2020).map { Observation(year: $0, value: Double(90 + i + $0 - 2012)) }))
        })
        let result = try runPlan(plan, data: data)
        for a in result.assessments {
            let scanned = result.assessments.first { $0.targetID == a.targetID && $0.scenario == a.scenario }
            #expect(result.assessment(a.targetID, a.scenario)?.indicatorID == scanned?.indicatorID)
            #expect(result.assessment(a.targetID, a.scenario)?.projected == scanned?.projected)
        }
        // T6 is given twice (x6 and x7): the first, as the scan found it.
        #expect(result.assessment("T6", "fast")?.indicatorID == "x6")
        #expect(result.assessment("T6", "nowhere") == nil)
    }
}
