import ArgumentParser
import Foundation
import Forecasting
import Planning
import DataFiles
import Reports

/// The output formats of `run`.
typealias OutputFormat = ResultsFormat

extension ResultsFormat: ExpressibleByArgument {}

/// `plancast run SCENARIO.yaml`: fit, simulate, assess every target under every scenario, write the results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario file: project every indicator and assess every target.",
        discussion: """
        Writes projections.csv, targets.csv, results.json, summary.md and report.html (those of \
        --format) to Results/<file name>/ (or --out) as one set: the new folder is written beside \
        the old one and swapped in with one rename, so the folder holds the whole old set or the \
        whole new one, and no older file of another format. Other files in the folder are kept; \
        a folder holding an input or a folder of its own is refused. Prints the target table.
        """)

    @Argument(help: "The scenario file (YAML).")
    var scenarioFile: String

    @Option(help: "Output folder (default Results/<scenario file name>).")
    var out: String?

    @Option(help: "Formats to write, comma-separated: csv,json,md,html,xlsx (results.xlsx: targets, projections, data, models).")
    var format: String = "csv,json,md,html"

    // `.unconditional` on numbers: `--draws -5` is read as -5 and refused by `validate()` with a clear
    // message, instead of ArgumentParser's "missing value".
    @Option(parsing: .unconditional, help: "Use data up to this year only (what did the data say then?).")
    var asOf: Int?

    @Option(help: "Run only this scenario (repeatable).")
    var scenario: [String] = []

    @Option(parsing: .unconditional, help: "Simulated paths per indicator (overrides the file).")
    var draws: Int?

    @Option(parsing: .unconditional, help: "Random seed (overrides the file).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Interval levels in percent of projections.csv and results.json, comma-separated; 80 and 95 are always there (the report's bands).", valueName: "levels"))
    var levels: String = "80,95"

    @Option(help: "Report language: vi or en (default: the file's language).")
    var lang: String?

    @Flag(help: "Write CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.")
    var excel = false

    @Option(help: "CSV dialect of projections.csv and targets.csv: vi (semicolons and decimal commas, as Excel on a Vietnamese machine) or standard (the default). The data file is read in the scenario file's csv_dialect, else in the dialect its header shows.")
    var csvDialect: CSVDialect?

    @Flag(help: "Do not print the target table.")
    var quiet = false

    func formats() throws -> Set<OutputFormat> {
        var result = Set<OutputFormat>()
        for part in format.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = OutputFormat(rawValue: name) else {
                throw ValidationError("Please choose --format from csv, json, md, html, xlsx (comma-separated), not '\(name)'.")
            }
            result.insert(f)
        }
        guard !result.isEmpty else { throw ValidationError("Please give --format at least one of csv, json, md, html, xlsx (comma-separated).") }
        return result
    }

    func validate() throws {
        try requireNonEmptyPaths([scenarioFile], "the scenario file")
        try requireNonEmptyPaths([out], "--out")
        _ = try formats()
        _ = try parseIntervalLevels(levels)
        if let draws, !acceptedDraws.contains(draws) {
            throw ValidationError("Please give --draws between \(acceptedDraws.lowerBound) and \(acceptedDraws.upperBound): more paths do not fit in 500 MB of memory.")
        }
        var given = Set<String>()
        for name in scenario where !given.insert(name).inserted {
            throw ValidationError("Please give each --scenario once ('\(name)' is given twice).")
        }
        if let lang, !["vi", "en"].contains(lang) { throw ValidationError("Please give --lang vi or en.") }
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--out", scenario: "--scenario"), language: lang ?? "en") {
            let loaded = try LoadedScenario(contentsOf: scenarioFile)
            if let note = loaded.data.dialectNote { printNote(note) }
            if let asOf, !Plan.years.contains(asOf) {
                throw InputError(key: "--as-of", "\(asOf) is not a four-digit calendar year; give a year such as 2020", category: .usage)
            }
            if let asOf, asOf > loaded.plan.horizon {
                throw InputError(file: scenarioFile, key: "--as-of",
                                 "\(asOf) is after the horizon \(loaded.plan.horizon); give a year up to \(loaded.plan.horizon)", category: .usage)
            }
            let result = try loaded.run(RunOptions(asOf: asOf, scenarios: scenario.isEmpty ? nil : scenario, draws: draws, seed: seed,
                                                   levels: try parseIntervalLevels(levels)))
            if let warning = loaded.asOfWarning(asOf: result.asOf) { printWarning(warning) }
            for warning in loaded.adjustmentWarnings(for: result) { printWarning(warning) }
            let name = URL(fileURLWithPath: scenarioFile).deletingPathExtension().lastPathComponent
            let folder = out ?? "Results/\(name)"
            let files = try render(result, formats: try formats())
            try writeOutputs(files, to: folder)
            if !quiet {
                let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                let labels = Labels(language: language(result))
                let skipped = loaded.data.linesWithoutValue
                let ignored = skipped.isEmpty ? "" : labels.ignoredRows(skipped.count, of: loaded.document.dataPath) + "\n"
                try StandardOutput.write(result.terminalTable(colour: colour, language: language(result)) + ignored
                                         + labels.wrote(files.map(\.name), to: folder) + "\n")
            }
        }
    }

    /// The language of every human-readable output: `--lang`, else the file's `language`.
    func language(_ result: PlanResult) -> String { lang ?? result.plan.language }

    /// Every output rendered in memory first (each format on its own core), so a failure writes nothing.
    func render(_ result: PlanResult, formats: Set<OutputFormat>) throws -> [(name: String, data: Data)] {
        try renderResults(result, formats: formats, style: CSVStyle(excel: excel, dialect: csvDialect ?? .standard),
                          language: language(result))
    }
}

/// Every file name `run` writes, of any format: a results folder keeps none of them from an older run.
let runOutputNames = ["projections.csv", "targets.csv", "results.json", "summary.md", "report.html", "results.xlsx"]

/// Replaces the results in `folder` with `files` as one set (see `replaceResultsFolder`): a reader
/// sees the whole previous set or the whole new one; a folder holding an input of this run is refused.
///
/// For the kill-at-every-step test, the environment variable `PLANCAST_TEST_KILL_AT_STEP=k` makes the
/// process stop itself with SIGKILL right after step k of the write phase (a step that is never
/// reached changes nothing).
func writeOutputs(_ files: [(name: String, data: Data)], to folder: String) throws {
    var afterStep: ((Int) -> Void)?
    if let text = ProcessInfo.processInfo.environment["PLANCAST_TEST_KILL_AT_STEP"], let killAt = Int(text) {
        afterStep = { step in if step == killAt { kill(getpid(), SIGKILL) } }
    }
    try replaceResultsFolder(folder, with: files, outputNames: runOutputNames, afterStep: afterStep)
}
