import Foundation
import Testing
import PlancastTestSupport

/// A target whose year is in the data is decided by the data; when the value there is flagged an
/// estimate (Lạng Sơn's 4.4 million arrivals of 2025, `--as-of 2025`), every output called it
/// "thực tế" / actual: "4.4 (thực tế) … không đạt theo số liệu thực tế". It now says "ước tính" /
/// estimate, in the terminal, targets.csv's explanation, summary.md and report.html.
@Suite("A target decided by an estimate is never called actual")
struct ObservedEstimateTests {
    /// The test province with T1 in 2020, whose visitors value (1.21) is flagged an estimate.
    /// The visitors' model without its pulse in 2020, so that a backtest from 2018 can fit it.
    static func folder() throws -> URL {
        let plan = replacing(replacing(validPlan, "{id: T1, kind: level, year: 2025,", "{id: T1, kind: level, year: 2020,"),
                             "model: {type: linear, pulse: [2020]}", "model: {type: linear}")
        return try makeTemporaryFolder("observed-estimate", texts: ["plan.yaml": plan, "data.csv": validData])
    }

    @Test("backtest marks a later actual the data flag an estimate, as its status calls do")
    func backtestMarksEstimates() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backtest = try PlancastProcess.run(["backtest", "plan.yaml", "--origin", "2018"], in: folder)
        #expect(backtest.status == 0, "\(backtest.standardError)")
        let rows = backtest.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  visitors ") }
        #expect(rows.count == 2, "\(backtest.standardOutput)")
        #expect(rows.first { $0.contains(" 2020 ") }?.contains("1.21 (estimate)") == true, "\(rows)")
        #expect(rows.first { $0.contains(" 2019 ") }?.contains("(estimate)") == false)
    }

    @Test("in Vietnamese and in English", arguments: [
        ("vi", "1.21 (ước tính)", "không đạt theo số liệu ước tính (1.21)", "(số liệu ước tính)"),
        ("en", "1.21 (estimate)", "missed in the data (1.21, an estimate)", "(estimate)"),
    ])
    func marked(language: String, cell: String, explanation: String, html: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--lang", language], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains(cell), "\(run.standardOutput)")
        let targets = try String(contentsOf: folder.appendingPathComponent("out/targets.csv"), encoding: .utf8)
        #expect(targets.contains(explanation), "\(targets)")
        let summary = try String(contentsOf: folder.appendingPathComponent("out/summary.md"), encoding: .utf8)
        #expect(summary.contains(cell))
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(report.contains(html))
        // The coverage target of 2025 is projected as before, and no value is called actual.
        #expect(!run.standardOutput.contains(language == "vi" ? "(thực tế)" : "(observed)"))
        let json = try String(contentsOf: folder.appendingPathComponent("out/results.json"), encoding: .utf8)
        #expect(json.contains("\"estimate\" : true"), "the reason carries the flag as data")
    }
}
