import Foundation
import Testing
import PlancastTestSupport

// Issue 12, item 8: a scenario file with several independent mistakes gets all of them in one run,
// each with its file, line and key path, in file order, then how many there are; exit status 65
// and nothing written. A mistake that leaves the rest unreadable (YAML syntax) still stops at once.

/// The valid plan of the bad-input catalogue with six independent mistakes, and one in its data.
let plagued = spoiled(validPlan, [
    ("title: Test province", "titel: Test province"),                                  // line 2: unknown key
    ("series: visitors", "series: visitorz"),                                          // line 10: no such series
    ("kind: level", "kind: levl"),                                                     // line 15: unknown kind
    ("kind: share, year: 2025, comparison: at_least", "kind: share, year: 2035, comparison: at_lest"),   // line 21: two keys
    ("{indicator: visitors, type: shock", "{indicator: visitor, type: shock"),         // line 27: unknown indicator
])

/// The data with a share of 162 on line 15.
let plaguedData = replacing(validData, "coverage,2019,62.0", "coverage,2019,162.0")

/// What every run of the plagued files must say, in this order.
let plaguedProblems = [
    "plancast: error: plan.yaml:2: titel: unknown key 'titel'; did you mean 'title'?",
    "plancast: error: plan.yaml:10: indicators[0].series: the data file data.csv has no series 'visitorz'; did you mean 'visitors'?",
    "plancast: error: plan.yaml:15: indicators[0].targets[0].kind: unknown kind 'levl' (did you mean 'level'?); use one of level, share, cumulative_count, annual_flow, average_growth, milestone",
    "plancast: error: plan.yaml:21: indicators[1].targets[0].comparison: unknown comparison 'at_lest' (did you mean 'at_least'?); use one of at_least, more_than, at_most, less_than, about, between",
    "plancast: error: plan.yaml:21: indicators[1].targets[0].year: target T2 is for 2035, outside the horizon 2025",
    "plancast: error: plan.yaml:27: scenarios.covid.adjustments[0].indicator: unknown indicator 'visitor'; did you mean 'visitors'?",
    "plancast: error: data.csv:15: value: series 'coverage' has 162 in 2019, above 100",
]

func spoiled(_ text: String, _ changes: [(String, String)]) -> String {
    changes.reduce(text) { replacing($0, $1.0, $1.1) }
}

@Suite("Every independent problem of a scenario file at once")
struct MultipleProblemsTests {
    /// Runs `arguments` on `files` laid out as the catalogue does (with previous outputs in `out/`).
    static func run(_ arguments: [String], files: [String: Data]) throws -> (PlancastProcess.Outcome, changed: [String]) {
        let folder = try BadInputTests.layOut(BadInput(kind: .scenario, name: "plagued", files: files, arguments: arguments,
                                                       status: 65, location: "", advice: ""))
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = FolderSnapshot(folder)
        let outcome = try PlancastProcess.run(arguments, in: folder, limit: 60)
        return (outcome, FolderSnapshot(folder).changes(from: before))
    }

    static let plaguedFiles = ["plan.yaml": Data(plagued.utf8), "data.csv": Data(plaguedData.utf8)]

    @Test("validate, run and backtest list all seven problems with their lines, in file order, then count them; exit 65, nothing written",
          arguments: [["validate", "plan.yaml"], ["run", "plan.yaml", "--out", "out"], ["backtest", "plan.yaml", "--origin", "2018", "--output", "scores.csv"]])
    func everyProblemAtOnce(_ arguments: [String]) throws {
        let (outcome, changed) = try Self.run(arguments, files: Self.plaguedFiles)
        #expect(outcome.status == 65, "\(outcome.standardError)")
        #expect(changed.isEmpty, "files changed: \(changed)")
        #expect(outcome.standardOutput.isEmpty, "\(outcome.standardOutput)")
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        try #require(lines.count == plaguedProblems.count + 1, "\(outcome.standardError)")
        for (line, expected) in zip(lines, plaguedProblems) {
            #expect(line.hasPrefix(expected), "\(line)\nexpected to start with\n\(expected)")
        }
        let writes = arguments[0] != "validate"
        #expect(lines.last == "plancast: 7 problems in plan.yaml and data.csv" + (writes ? "; nothing written" : ""))
    }

    @Test("run --lang vi counts the problems in Vietnamese")
    func countInVietnamese() throws {
        let (outcome, _) = try Self.run(["run", "plan.yaml", "--out", "out", "--lang", "vi"], files: Self.plaguedFiles)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.hasSuffix("plancast: 7 lỗi trong plan.yaml và data.csv; không ghi tệp nào\n"), "\(outcome.standardError)")
    }

    @Test("a misspelled required key is one problem, not also a missing key; a fixed file runs")
    func misspelledRequiredKey() throws {
        let files = ["plan.yaml": Data(replacing(validPlan, "as_of: 2020", "as_off: 2020").utf8), "data.csv": Data(validData.utf8)]
        let (outcome, _) = try Self.run(["validate", "plan.yaml"], files: files)
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "plancast: error: plan.yaml:4: as_off: unknown key 'as_off'; did you mean 'as_of'?\n")
        let (fixed, _) = try Self.run(["run", "plan.yaml", "--out", "out", "--quiet"], files: validFiles)
        #expect(fixed.status == 0, "\(fixed.standardError)")
    }

    @Test("a YAML syntax error stops at once: one line, even with other mistakes in the file")
    func syntaxErrorStops() throws {
        let text = spoiled(validPlan, [("{draws: 200, seed: 7}", "{draws: 200, seed: 7"), ("kind: level", "kind: levl")])
        let (outcome, changed) = try Self.run(["run", "plan.yaml", "--out", "out"], files: ["plan.yaml": Data(text.utf8), "data.csv": Data(validData.utf8)])
        #expect(outcome.status == 65)
        #expect(changed.isEmpty)
        #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("plancast: error: plan.yaml:8"), "\(outcome.standardError)")
    }

    @Test("at most 20 problems are listed, and the count says how many there are")
    func atMostTwenty() throws {
        let adjustments = (1...25).map { "      - {indicator: nowhere\($0), type: level, from: 2022, change: 1}\n" }.joined()
        let text = replacing(validPlan, "      - {indicator: visitors, type: recovery, from: 2022, years: 2}\n",
                             "      - {indicator: visitors, type: recovery, from: 2022, years: 2}\n" + adjustments)
        let (outcome, _) = try Self.run(["validate", "plan.yaml"], files: ["plan.yaml": Data(text.utf8), "data.csv": Data(validData.utf8)])
        #expect(outcome.status == 65)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 21, "\(outcome.standardError)")
        #expect(lines.first?.hasPrefix("plancast: error: plan.yaml:29: scenarios.covid.adjustments[2].indicator: unknown indicator 'nowhere1'") == true,
                "\(outcome.standardError)")
        #expect(lines.last == "plancast: 25 problems in plan.yaml (the first 20 shown)")
    }
}
