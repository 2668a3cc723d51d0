import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles
@testable import Reports

/// Targets written without `programme:` were grouped under a bare "Programme" ("Chương trình")
/// heading, which names no programme. They are "Targets" when every target is such, and "Other
/// targets" beside numbered programmes — in the terminal, summary.md and report.html alike.
@Suite("The heading of targets without a programme")
struct ProgrammeHeadingTests {
    static func result(programmes: [Int?]) throws -> PlanResult {
        let targets = programmes.enumerated().map { k, programme in
            "{id: T\(k + 1), " + (programme.map { "programme: \($0), " } ?? "") + "kind: level, year: 2025, comparison: at_least, value: \(5 + k)}"
        }
        let (scenario, folder) = try loadScenario("programme-heading", yaml: """
            plancast: 1
            title: headings
            data: data.csv
            as_of: 2020
            horizon: 2025
            simulation: {draws: 200, seed: 1}
            indicators:
              - {id: x, series: x, targets: [\(targets.joined(separator: ", "))]}
            scenarios:
              baseline: {}

            """, csv: "series,year,value\n" + (2016...2020).map { "x,\($0),\($0 - 2015)" }.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try scenario.run(RunOptions())
    }

    @Test("no programme at all: 'Targets' / 'Các chỉ tiêu'")
    func noProgramme() throws {
        let result = try Self.result(programmes: [nil, nil])
        #expect(result.terminalTable(colour: false, language: "en").contains("\nTargets\n"))
        #expect(result.terminalTable(colour: false, language: "vi").contains("\nCác chỉ tiêu\n"))
        #expect(result.summaryMarkdown(language: "en").contains("\n## Targets\n"))
        #expect(htmlReport(result, language: "en").contains("scope=\"rowgroup\">Targets</th>"))
        #expect(!result.terminalTable(colour: false, language: "en").contains("\nProgramme\n"))
    }

    @Test("beside numbered programmes: 'Other targets' / 'Các chỉ tiêu khác'")
    func besideProgrammes() throws {
        let result = try Self.result(programmes: [1, nil])
        let text = result.terminalTable(colour: false, language: "en")
        #expect(text.contains("\nProgramme 1\n") && text.contains("\nOther targets\n"), "\(text)")
        #expect(result.summaryMarkdown(language: "vi").contains("\n## Các chỉ tiêu khác\n"))
    }
}
