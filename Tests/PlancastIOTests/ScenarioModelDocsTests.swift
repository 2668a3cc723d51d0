import Foundation
import Testing
import Forecasting
import Planning
import DataFiles
import Reports
import PlancastTestSupport

// Issue 12, item 9: every model form Scenarios/README.md shows reads as it says (hinge, weights: recent, …).
@Suite("The model forms of Scenarios/README.md")
struct ScenarioModelDocsTests {
    static let readme = Fixtures.repository("Scenarios/README.md")

    /// The `{type: …}` models the README writes in backticks.
    static func documentedModels() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        // `cap: K` stands for a known ceiling.
        return text.matches(of: #/`(\{type: [^`]*\})`/#).map { String($0.1).replacingOccurrences(of: "cap: K", with: "cap: 100") }
    }

    /// The model of a one-indicator scenario file with `model`.
    static func read(_ model: String) throws -> ModelSpecification {
        let yaml = """
            plancast: 1
            title: t
            data: data.csv
            as_of: 2020
            horizon: 2025
            indicators:
              - id: x
                model: \(model)
                targets:
                  - {id: T, kind: level, year: 2025, comparison: at_least, value: 1}
            scenarios:
              baseline: {}
            """
        return try parseScenarioText(yaml, file: "plan.yaml").plan.indicators[0].model
    }

    @Test("each documented model form reads")
    func everyFormReads() throws {
        let models = try Self.documentedModels()
        #expect(models.count >= 6, "\(models)")
        for model in models { #expect(throws: Never.self, "\(model)") { _ = try Self.read(model) } }
    }

    @Test("hinge bends the slope from its year; weights: recent is a decay of 0.8, recent_decay another")
    func hingeAndWeights() throws {
        let documented = try Self.documentedModels()
        #expect(documented.contains("{type: linear, hinge: 2016}"))
        #expect(documented.contains("{type: exponential, hinge: 2016, weights: recent}"))
        #expect(try Self.read("{type: linear, hinge: 2016}").interventions == [.hinge(year: 2016)])
        let recent = try Self.read("{type: exponential, hinge: 2016, weights: recent}")
        #expect(recent.weighting.recentDecay == 0.8 && recent.interventions == [.hinge(year: 2016)])
        #expect(try Self.read("{type: linear, weights: recent, recent_decay: 0.7}").weighting.recentDecay == 0.7)
        #expect(try Self.read("{type: linear, estimate_weight: 0.5, damping: 0.9}").weighting.estimateWeight == 0.5)
    }
}

