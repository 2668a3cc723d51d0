import Foundation
import Testing
import PlancastTestSupport
import Planning
import DataFiles
import Reports

/// The library's one planning pipeline: a scenario file and its data read and checked once, run
/// with explicit options, into a result that records what it used.
@Suite("LoadedScenario")
struct LoadedScenarioTests {
    static let root = Fixtures.repository

    /// The Lạng Sơn 2025 scenario file of the repository, loaded with its data.
    static func langson() throws -> LoadedScenario {
        try LoadedScenario(contentsOf: root.appendingPathComponent("Scenarios/langson-2025.yaml").path)
    }

    @Test("the result holds the as-of year, horizon, draws and seed it used: the file's, or the options'")
    func recordsWhatItUsed() throws {
        let scenario = try Self.langson()
        let fromFile = try scenario.run(RunOptions(scenarios: ["baseline"]))
        #expect((fromFile.asOf, fromFile.horizon, fromFile.draws, fromFile.seed) == (2020, 2025, 10_000, 2020))
        #expect(fromFile.scenarioNames == ["baseline"])
        let overridden = try scenario.run(RunOptions(asOf: 2018, scenarios: ["covid"], draws: 200, seed: 7, horizon: 2027))
        #expect((overridden.asOf, overridden.horizon, overridden.draws, overridden.seed) == (2018, 2027, 200, 7))
        let tourists = try #require(overridden.outcomes.first { $0.indicator.id == "tourists" })
        #expect(tourists.projections["covid"]?.last?.year == 2027)
        #expect(tourists.history.allSatisfy { $0.year <= 2018 })
    }

    @Test("the baseline assessment of P3.1 is the one plancast run committed in Results/langson-2025/targets.csv")
    func matchesCommittedResults() throws {
        let result = try Self.langson().run(RunOptions(scenarios: ["baseline"]))
        let rows = String(decoding: result.targetsCSV(), as: UTF8.self).split(separator: "\n")
        let row = try #require(rows.first { $0.hasPrefix("P3.1,tourists,baseline,") })
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Results/langson-2025/targets.csv"), encoding: .utf8)
        #expect(committed.split(whereSeparator: \.isNewline).contains(row))
    }

    @Test("a scenario asked for that the file lacks is the caller's mistake, typed so the command line can name its option")
    func unknownRequestedScenario() throws {
        let scenario = try Self.langson()
        #expect {
            try scenario.run(RunOptions(scenarios: ["covd"]))
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.category == .usage && error.subject == .requestedScenario("covd") && error.key == nil
                && error.file == scenario.document.path && error.message.contains("did you mean 'covid'?")
        }
    }

    @Test("an extends cycle is refused while loading, with the scenario file, key path and line")
    func extendsCycleWhileLoading() throws {
        let folder = try makeTemporaryFolder("loaded")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("series,year,value\nvisitors,2015,1\nvisitors,2016,2\nvisitors,2017,3\n".utf8)
            .write(to: folder.appendingPathComponent("data.csv"))
        let plan = """
            plancast: 1
            title: t
            data: data.csv
            as_of: 2017
            base_year: 2017
            horizon: 2020
            indicators:
              - id: visitors
                series: visitors
                model: linear
                targets:
                  - {id: V1, year: 2020, kind: level, comparison: at_least, value: 4}
            scenarios:
              baseline: {}
              covid: {extends: wave}
              wave: {extends: covid}

            """
        try Data(plan.utf8).write(to: folder.appendingPathComponent("plan.yaml"))
        let path = folder.appendingPathComponent("plan.yaml").path
        #expect {
            _ = try LoadedScenario(contentsOf: path)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.category == .data && error.file == path && error.key?.hasSuffix(".extends") == true && error.line != nil
        }
    }

    @Test("a planning error found by the run itself is located in the scenario file: key path and the line of that key")
    func planningErrorFromTheRun() throws {
        let loaded = try Self.langson()
        var document = loaded.document
        // A plan changed after it was read (as a library caller may): the run's own validation finds it.
        document.plan.indicators[0].targets[0].year = 2099
        let changed = LoadedScenario(document: document, data: loaded.data)
        let key = "indicators[0].targets[0].year"
        let line = try #require(document.line(of: key))
        #expect(throws: InputError(file: document.path, line: line, key: key,
                                   "target \(document.plan.indicators[0].targets[0].id) is for 2099, outside the horizon 2025; raise horizon or correct the year")) {
            try changed.run(RunOptions(scenarios: ["baseline"]))
        }
    }
}
