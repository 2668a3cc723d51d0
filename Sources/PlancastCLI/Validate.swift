import ArgumentParser
import Foundation
import Forecasting
import Planning
import DataFiles
import Reports

/// `plancast validate FILE...`: schema and semantic checks of scenario files and data files, and the
/// warnings `run` would give (models fitted, nothing simulated).
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files (YAML) and data files (CSV, .xlsx) without simulating anything.",
        discussion: "A scenario file is checked with its data file: every series it names must exist there. Each indicator's model is fitted to its data, and what run would report (no projection and why, a model that falls back, targets outside the term or already in the data, milestones without status) is printed as warnings with their line.")

    @Argument(help: "Scenario (.yaml) or data (.csv, .xlsx) files.")
    var files: [String]

    @Option(help: "The sheet to read from .xlsx data files (default: the first).")
    var sheet: String?

    @Option(help: "CSV dialect of data files: vi (semicolons, decimal commas) or standard (default: detected).")
    var csvDialect: CSVDialect?

    func validate() throws {
        try requireNonEmptyPaths(files, "each file")
    }

    func run() throws {
        StandardOutput.holdPlaceIfClosed()
        var worst: Int32 = 0
        for file in files {
            do {
                let verdict = try check(file)
                try StandardOutput.write("\(file): \(verdict)\n")
            } catch let error as StandardOutput.WriteFailure {
                // Nothing more can be reported on standard output: stop here.
                printError(error.description)
                throw ExitCode(73)
            } catch let error as InputError {
                printError(error.description)
                worst = max(worst, error.exitStatus)
            } catch let error as InputProblems {
                printProblems(error, wroteNothing: false)
                worst = max(worst, error.exitStatus)
            } catch let error as ForecastingError {
                printError("\(file): \(error)")
                worst = max(worst, 65)
            } catch {
                printError("\(file): \(error)")
                worst = max(worst, 1)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    func check(_ file: String) throws -> String {
        if file.hasSuffix(".csv") || isWorkbookPath(file) {
            let table = try readDataFile(at: file, sheet: isWorkbookPath(file) ? sheet : nil, dialect: csvDialect)
            if let note = table.dialectNote { printNote(note) }
            let estimates = table.series.values.reduce(0) { $0 + $1.observations.filter { $0.kind == .estimate }.count }
            let rows = table.series.values.reduce(0) { $0 + $1.count }
            let layout = table.layout == .wide ? ", yearbook layout" : ""
            return "ok: \(table.order.count) series, \(counted(rows, table.layout == .wide ? "value" : "row")) (\(estimates) flagged estimate)\(layout)" + withoutValue(table)
        }
        // A file with problems is read with its data file below, so that the problems of both are reported at once.
        if let document = try? readScenarioFile(at: file), document.plan.indicators.allSatisfy({ $0.series == nil }),
           !FileManager.default.fileExists(atPath: document.dataPath) {
            // A draft: no indicator is mapped to a series yet, so no data file is needed yet.
            let plan = document.plan
            return "ok: \(counted(plan.indicators.count, "indicator")) (none with a series), \(counted(plan.targets.count, "target")), \(counted(plan.scenarios.count, "scenario")); data \(document.dataPath) not written yet (plancast data template)"
        }
        let loaded = try LoadedScenario(contentsOf: file, dialect: csvDialect)
        if let note = loaded.data.dialectNote { printNote(note) }
        let withData = loaded.plan.indicators.filter { $0.series != nil }.count
        let plan = loaded.plan
        // What run would report (a model that cannot take the data, targets outside the term …), each with its line.
        let warnings = loaded.warnings()
        for warning in warnings { printWarning(warning) }
        let warned = warnings.isEmpty ? "" : "; \(warnings.count) warning\(warnings.count == 1 ? "" : "s") (what run will report) on standard error"
        return "ok: \(counted(plan.indicators.count, "indicator")) (\(withData) with a series), \(counted(plan.targets.count, "target")), \(counted(plan.scenarios.count, "scenario")), data \(loaded.document.dataPath)" + withoutValue(loaded.data) + warned
    }

    /// "; 12 rows without a value ignored (lines 4–15)" for unfilled template rows.
    func withoutValue(_ table: SeriesTable) -> String {
        let lines = table.linesWithoutValue
        guard let first = lines.first, let last = lines.last else { return "" }
        return "; \(lines.count) rows without a value ignored (line\(lines.count == 1 ? " \(first)" : "s \(first)–\(last)"))"
    }
}
