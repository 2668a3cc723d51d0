import Testing
import PlancastTestSupport
import Planning
import PlancastIO

/// Code written against the one PlancastIO module of earlier releases compiles and runs as it did:
/// the module re-exports DataFiles, Reports and the number formatting of Forecasting.
@Suite("import PlancastIO still gives the whole reading and rendering API")
struct UmbrellaModuleTests {
    @Test("a scenario file is loaded, run and rendered through PlancastIO alone")
    func loadRunRender() throws {
        let scenario = try LoadedScenario(contentsOf: Fixtures.repository("Scenarios/langson-2025.yaml").path)
        let result = try scenario.run(RunOptions(scenarios: ["baseline"], draws: 200))
        let files = try renderResults(result, formats: [.csv, .md], style: CSVStyle(), language: "en")
        #expect(files.map(\.name) == ["projections.csv", "targets.csv", "summary.md"])
        #expect(significant(6.289084) == "6.28908" && fixed(0.125, 2) == "0.12")
    }
}
