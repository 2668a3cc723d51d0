import Foundation
import Testing
import PlancastTestSupport
@testable import PlancastCLI

/// A new user's trial on a made-up province (Tests/Data/province): what `validate` warns about is what
/// `run` then reports, each with its line; the browser check reads every target marker off its axis.
@Suite("A made-up province: validate warns of what run reports")
struct ProvinceReportTests {
    static let folder = Fixtures.data("province")

    /// The province plus an indicator whose model cannot take its data (a cap of 50 under values of 55–61).
    /// In a fresh temporary folder (the caller removes it), with its data file.
    static func scenarioWithAProblem() throws -> (folder: URL, scenario: URL) {
        let folder = try makeTemporaryFolder("province")
        var text = try String(contentsOf: Self.folder.appendingPathComponent("province.yaml"), encoding: .utf8)
        let extra = """
          - id: forest_capped
            name: "Che phủ rừng (trần sai)"
            series: forest
            model: {type: logistic, cap: 50}
            targets:
              - {id: T10, programme: 2, kind: level, year: 2025, comparison: at_least, value: 60}

        """
        text = text.replacingOccurrences(of: "scenarios:\n", with: extra + "scenarios:\n")
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("data.csv"), to: folder.appendingPathComponent("data.csv"))
        let url = folder.appendingPathComponent("province.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (folder, url)
    }

    @Test("validate warns, with lines, of every target run leaves without data, outside the term, and of a model that falls back")
    func validateCatchesWhatRunReports() throws {
        let (folder, scenario) = try Self.scenarioWithAProblem()
        defer { try? FileManager.default.removeItem(at: folder) }
        let validate = try PlancastProcess.run(["validate", scenario.path], in: folder)
        #expect(validate.status == 0, "\(validate.standardError)")
        #expect(validate.standardOutput.contains("4 warnings (what run will report)"), "\(validate.standardOutput)")
        let warnings = validate.standardError
        #expect(warnings.contains("province.yaml:34: indicators[2].model: indicator 'communes': a logistic(cap 120) trend cannot take the value 0 of 2006"), "\(warnings)")
        #expect(warnings.contains("target T6 is for 2019, not after the base year 2020"))
        #expect(warnings.contains("target T9 is for 2020, not after the base year 2020"))
        #expect(warnings.contains("indicator 'forest_capped' will have no projection, so T10 will be 'no data'"))

        let run = try PlancastProcess.run(["run", scenario.path, "--out", folder.appendingPathComponent("out").path], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        // Every target the terminal explains (no data, outside the term) was named by validate.
        let explained = run.standardOutput.split(separator: "\n").compactMap { line -> String? in
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let first = words.first, first.hasPrefix("T"), first.hasSuffix(":") || words.dropFirst().first == "—" else { return nil }
            return String(first.trimmingCharacters(in: CharacterSet(charactersIn: ":")))
        }
        #expect(Set(explained) == ["T6", "T9", "T10"], "\(run.standardOutput)")
        for id in explained { #expect(warnings.contains("\(id) "), "run explains \(id) but validate did not warn of it") }
        // The count that starts at 0 is projected, not "no data", and the reason is in the terminal.
        let t4 = try #require(run.standardOutput.split(separator: "\n").first { $0.contains("T4 ") })
        #expect(!t4.contains("không có số liệu"))
        #expect(run.standardOutput.contains("T10 — không có số liệu: 8 điểm số liệu đến năm 2020"))
    }

    @Test("backtest scores the count that starts at 0 and names the indicator it cannot score, with the reason")
    func backtestNamesWhatItCannotScore() throws {
        let (folder, scenario) = try Self.scenarioWithAProblem()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backtest = try PlancastProcess.run(["backtest", scenario.path, "--origin", "2016"], in: folder)
        #expect(backtest.status == 0, "\(backtest.standardError)")
        let lines = backtest.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  communes ") }, "\(backtest.standardOutput)")
        #expect(backtest.standardOutput.contains("Not scored (later actuals, but no projection from 2016):\n  forest_capped: 4 points up to 2016: series 'forest' has 55 in 2013"),
                "\(backtest.standardOutput)")
    }

    @Test("the province's report in both languages: every target marker on its own quantity's axis",
          .enabled(if: BrowserCheckTests.chromium != nil, "chromium is not on PATH"), arguments: ["vi", "en"])
    func markersOnTheirAxes(language: String) throws {
        let folder = temporaryPath("province-html")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(runPlancast(["run", Self.folder.appendingPathComponent("province.yaml").path, "--out", folder.path,
                             "--quiet", "--lang", language]) == 0)
        let text = try BrowserCheckTests.check(folder.appendingPathComponent("report.html"))
        #expect(text.contains("browser-check: passed"), "\(text)")
        // Eight numeric targets with a projection or data are drawn, one (T2, a growth of a level) on its growth chart.
        #expect(text.contains("target markers read off their axes: 8 in 7 charts"), "\(text)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<svg class=\"growth-chart\"") && html.contains("data-target=\"T2\" data-quantity=\"growth\""))
    }
}
