import Foundation
import Testing
import PlancastTestSupport
@testable import PlancastCLI
import DataFiles
import Reports

/// `plancast compare`: targets × scenarios down, runs across.
@Suite("plancast compare")
struct CompareCommandTests {
    static let header = "target_id,indicator,scenario,target_year,comparison,target,projected,lo80,hi80,p_meet,gap,gap_pct,historical_growth,required_growth,status,target_high,growth_ratio,progress_class,explanation"

    /// A results folder holding `targets.csv` (and `results.json` with the as-of year when given).
    static func resultsFolder(_ name: String, asOf: Int?, rows: [String], in parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(([header] + rows).joined(separator: "\n").appending("\n").utf8).write(to: folder.appendingPathComponent("targets.csv"))
        if let asOf { try Data("{\"asOf\": \(asOf), \"title\": \"x\"}".utf8).write(to: folder.appendingPathComponent("results.json")) }
        return folder
    }


    static let early = [
        "P3.1,tourists,baseline,2025,more_than,4.4,4.43766,3.9,5.0,0.560,,,,,at risk,,,,x",
        "P3.1,tourists,covid,2025,more_than,4.4,4.1,3.5,4.6,0.300,,,,,at risk,,,,x",
        "P2.9,ntm_communes,baseline,2025,at_least,115,,,,,,,,,no data,,,,\"no data, needed: communes\"",
        "P2.9,ntm_communes,covid,2025,at_least,115,,,,,,,,,no data,,,,\"no data, needed: communes\"",
    ]
    static let late = [
        "P3.1,tourists,baseline,2025,more_than,4.4,4.4,4.4,4.4,0.000,,,,,off track,,,,x",
        "P3.1,tourists,covid,2025,more_than,4.4,4.4,4.4,4.4,0.000,,,,,off track,,,,x",
        "P2.1,agri,baseline,2025,between,3,,,,,,,,,no data,3.5,,,x",
    ]

    @Test("two runs side by side: a row per target and scenario, values as the runs wrote them; --output writes Markdown")
    func sideBySide() throws {
        let parent = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: parent) }
        let a = try Self.resultsFolder("langson-2025", asOf: 2020, rows: Self.early, in: parent)
        let b = try Self.resultsFolder("langson-2025-as-of-2025", asOf: 2025, rows: Self.late, in: parent)
        let output = parent.appendingPathComponent("comparison.md")
        #expect(runPlancast(["compare", a.path, b.path, "--output", output.path, "--quiet"]) == 0)
        let markdown = try String(contentsOf: output, encoding: .utf8)
        #expect(markdown.contains("- **A**: langson-2025 (as of 2020)"))
        #expect(markdown.contains("- **B**: langson-2025-as-of-2025 (as of 2025)"))
        #expect(markdown.contains("| id | indicator | target | scenario | A projected | A P(meet) | A status | B projected | B P(meet) | B status |"))
        #expect(markdown.contains("| P3.1 | tourists | > 4.4 (2025) | baseline | 4.43766 | 0.560 | at risk | 4.4 | 0.000 | off track |"))
        #expect(markdown.contains("| P3.1 | tourists | > 4.4 (2025) | covid | 4.1 | 0.300 | at risk | 4.4 | 0.000 | off track |"))
        // The same answer under every scenario is one row; a target missing from a run shows dashes.
        #expect(markdown.contains("| P2.9 | ntm_communes | ≥ 115 (2025) | all scenarios |  |  | no data | – | – | – |"))
        #expect(markdown.contains("| P2.1 | agri | 3–3.5 (2025) | baseline | – | – | – |  |  | no data |"))
        let lines = markdown.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("| P") }.count == 4)
    }

    @Test("two results folders of one name and as-of year under different parents (a rerun on revised data) are both named by their paths")
    func sameFolderNames() throws {
        let parent = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: parent) }
        let a = try Self.resultsFolder("langson-2025", asOf: 2020, rows: Self.early, in: parent.appendingPathComponent("old"))
        let b = try Self.resultsFolder("langson-2025", asOf: 2020, rows: Self.late, in: parent.appendingPathComponent("new"))
        let output = parent.appendingPathComponent("comparison.md")
        #expect(runPlancast(["compare", a.path, b.path, "--output", output.path, "--quiet"]) == 0)
        let markdown = try String(contentsOf: output, encoding: .utf8)
        #expect(markdown.contains("- **A**: \(a.path)/targets.csv (as of 2020)"), "\(markdown.prefix(400))")
        #expect(markdown.contains("- **B**: \(b.path)/targets.csv (as of 2020)"), "\(markdown.prefix(400))")
    }

    @Test("the terminal table has the same rows and names the runs")
    func terminalTable() throws {
        let parent = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: parent) }
        let a = try Self.resultsFolder("early", asOf: nil, rows: Self.early, in: parent)
        let b = try Self.resultsFolder("late", asOf: 2025, rows: Self.late, in: parent)
        let table = TargetComparison(runs: [try readRunTargets(a.path), try readRunTargets(b.appendingPathComponent("targets.csv").path)])
        let text = table.text()
        #expect(text.hasPrefix("A = early\nB = late (as of 2025)\n"))
        #expect(text.contains("A projected") && text.contains("B status"))
        #expect(table.rows.map { $0.scenario ?? "*" } == ["baseline", "covid", "*", "baseline"])
    }

    @Test("a folder without targets.csv is an input error that names it (exit 66)")
    func missingTargets() throws {
        let parent = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(runPlancast(["compare", parent.path, "--quiet"]) == 66)
        #expect(runPlancast(["compare", parent.appendingPathComponent("nothing-here").path, "--quiet"]) == 66)
        #expect(throws: InputError.self) { try readRunTargets(parent.path) }
    }

    @Test("a CSV that is not a targets.csv is refused with the missing column (exit 65)")
    func wrongColumns() throws {
        let parent = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: parent) }
        try Data("series,year,value\nx,2020,1\n".utf8).write(to: parent.appendingPathComponent("targets.csv"))
        #expect(runPlancast(["compare", parent.path, "--quiet"]) == 65)
        do {
            _ = try readRunTargets(parent.path)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.description.contains("has no column 'target_id'"))
        }
    }

    @Test("--output never overwrites an input")
    func refusesToOverwriteInput() throws {
        let parent = try makeTemporaryFolder("compare")
        defer { try? FileManager.default.removeItem(at: parent) }
        let a = try Self.resultsFolder("a", asOf: 2020, rows: Self.early, in: parent)
        let input = a.appendingPathComponent("targets.csv")
        let before = try Data(contentsOf: input)
        #expect(runPlancast(["compare", a.path, "--output", input.path, "--quiet"]) == 73)
        #expect(try Data(contentsOf: input) == before)
    }
}
