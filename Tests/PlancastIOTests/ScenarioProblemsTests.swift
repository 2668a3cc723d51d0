import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles
@testable import Reports

// Issue 12, item 8: the scenario reader reads a file to its end and reports every independent problem,
// located by line and key path, and says nothing about a value it could not read.
@Suite("Every problem of a scenario file")
struct ScenarioProblemsTests {
    static let valid = """
    plancast: 1
    title: Test
    data: data.csv
    as_of: 2020
    horizon: 2025
    indicators:
      - id: visitors
        series: visitors
        bounds: {lower: 0}
        targets:
          - {id: T1, kind: level, year: 2025, comparison: at_least, value: 2.5}
      - id: coverage
        series: coverage
        targets:
          - {id: T2, kind: share, year: 2025, comparison: at_least, value: 80}
    scenarios:
      baseline: {}
      covid:
        adjustments:
          - {indicator: visitors, type: shock, years: [2021], change: -0.5}

    """

    /// The keys and lines of what `text` is refused for.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try parseScenarioText(text, file: "plan.yaml")
            return []
        } catch let error as InputProblems {
            return error.problems.map { "\($0.line ?? 0) \($0.key ?? "")" }
        } catch let error as InputError {
            return ["\(error.line ?? 0) \(error.key ?? "")"]
        } catch {
            return ["\(error)"]
        }
    }

    static func spoiled(_ changes: (String, String)...) -> String {
        changes.reduce(valid) { text, change in
            precondition(text.contains(change.0), "fixture does not contain \(change.0)")
            return text.replacingOccurrences(of: change.0, with: change.1)
        }
    }

    @Test("the valid file reads")
    func valid() {
        #expect(Self.problems(Self.valid) == [])
    }

    @Test("problems in the header, an indicator, two targets and a scenario: all of them, in file order")
    func allInFileOrder() {
        let text = Self.spoiled(("horizon: 2025", "horizon: soon"), ("bounds: {lower: 0}", "bounds: {lowr: 0}"),
                                ("comparison: at_least, value: 2.5", "comparison: at_leas, value: '2,5'"),
                                ("kind: share", "kind: shar"), ("type: shock", "type: shok"))
        #expect(Self.problems(text) == ["5 horizon", "9 indicators[0].bounds.lowr", "11 indicators[0].targets[0].comparison",
                                        "11 indicators[0].targets[0].value", "15 indicators[1].targets[0].kind",
                                        "20 scenarios.covid.adjustments[0].type"])
    }

    @Test("nothing is said about what could not be read: no missing key after a misspelled one, no unknown indicator after an unreadable one")
    func noConsequences() {
        // `idd` for `id`: the indicator is not also missing its id, and the adjustment naming it is not reported.
        #expect(Self.problems(Self.spoiled(("  - id: visitors", "  - idd: visitors"))) == ["7 indicators[0].idd"])
        // `year` as text: the target is not also called out of the term.
        #expect(Self.problems(Self.spoiled(("year: 2025, comparison: at_least, value: 2.5", "year: next, comparison: at_least, value: 2.5")))
                == ["11 indicators[0].targets[0].year"])
        // `horizon` missing: reported once, and no target is out of a term that is not known.
        #expect(Self.problems(Self.spoiled(("horizon: 2025\n", ""))) == ["1 horizon"])
        // A list where the indicators belong: the adjustments naming them are not reported.
        #expect(Self.problems(Self.spoiled(("indicators:\n", "indicators: none\nunused:\n"))) == ["6 indicators", "7 unused"])
    }

    @Test("an unknown key written twice on one line is one problem, not the same line twice (found by fuzzing)")
    func unknownKeyTwiceOnOneLine() {
        #expect(Self.problems(Self.spoiled(("value: 2.5}", "value: 2.5, typ: a, typ: b}"))) == ["11 indicators[0].targets[0].typ"])
        // On two lines, each is reported where it is.
        #expect(Self.problems(Self.spoiled(("  - id: visitors\n", "  - id: visitors\n    typ: a\n    typ: b\n")))
                == ["8 indicators[0].typ", "9 indicators[0].typ"])
    }

    @Test("an as_of of Int.max without a horizon is a problem, not an arithmetic overflow (found by fuzzing)")
    func asOfIntMaxWithoutHorizon() {
        #expect(Self.problems(Self.spoiled(("as_of: 2020", "as_of: 9223372036854775807"), ("horizon: 2025\n", ""))) == ["1 horizon", "4 as_of"])
    }

    @Test("a problem that leaves the rest unreadable stops at once")
    func fatal() {
        #expect(Self.problems(Self.spoiled(("{lower: 0}", "{lower: 0"), ("kind: share", "kind: shar"))).count == 1)
        #expect(Self.problems(Self.spoiled(("plancast: 1", "plancast: 2"), ("kind: share", "kind: shar"))) == ["1 plancast"])
    }

    @Test("the data checks join the list: a missing series and a share above 100 with the reader's problems")
    func withData() throws {
        let folder = try makeTemporaryFolder("problems")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = Self.spoiled(("series: visitors", "series: visitorz"), ("type: shock", "type: shok"))
        try Data(plan.utf8).write(to: folder.appendingPathComponent("plan.yaml"))
        let data = "series,year,value\nvisitors,2019,2\nvisitors,2020,2.1\ncoverage,2019,70\ncoverage,2020,170\n"
        try Data(data.utf8).write(to: folder.appendingPathComponent("data.csv"))
        let path = folder.appendingPathComponent("plan.yaml").path
        #expect {
            _ = try LoadedScenario(contentsOf: path, currentYear: 2025)
        } throws: { error in
            guard let list = error as? InputProblems else { return false }
            return list.problems.map { "\(URL(fileURLWithPath: $0.file ?? "").lastPathComponent):\($0.line ?? 0) \($0.key ?? "")" }
                == ["plan.yaml:8 indicators[0].series", "plan.yaml:20 scenarios.covid.adjustments[0].type", "data.csv:5 value"]
                && list.exitStatus == 65 && list.files.count == 2
        }
    }
}
