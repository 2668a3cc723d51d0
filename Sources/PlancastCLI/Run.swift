import ArgumentParser
import Foundation
import Forecasting
import Planning
import PlancastIO

/// The output formats of `run`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json, md, html
}

/// `plancast run SCENARIO.yaml`: fit, simulate, assess every target under every scenario, write the results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario file: project every indicator and assess every target.",
        discussion: """
        Writes projections.csv, targets.csv, results.json, summary.md and report.html to
        Results/<file name>/ (or --out), each atomically, and prints the target table.
        """)

    @Argument(help: "The scenario file (YAML).")
    var scenarioFile: String

    @Option(help: "Output folder (default Results/<scenario file name>).")
    var out: String?

    @Option(help: "Formats to write, comma-separated: csv,json,md,html.")
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

    @Option(help: "Report language: vi or en (default: the file's language).")
    var lang: String?

    @Flag(help: "Write CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.")
    var excel = false

    @Flag(help: "Do not print the target table.")
    var quiet = false

    func formats() throws -> Set<OutputFormat> {
        var result = Set<OutputFormat>()
        for part in format.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = OutputFormat(rawValue: name) else {
                throw ValidationError("Please choose --format from csv, json, md, html (comma-separated), not '\(name)'.")
            }
            result.insert(f)
        }
        guard !result.isEmpty else { throw ValidationError("Please give --format at least one of csv, json, md, html (comma-separated).") }
        return result
    }

    func validate() throws {
        _ = try formats()
        if let draws, !acceptedDraws.contains(draws) {
            throw ValidationError("Please give --draws between \(acceptedDraws.lowerBound) and \(acceptedDraws.upperBound).")
        }
        var given = Set<String>()
        for name in scenario where !given.insert(name).inserted {
            throw ValidationError("Please give each --scenario once ('\(name)' is given twice).")
        }
        if let lang, !["vi", "en"].contains(lang) { throw ValidationError("Please give --lang vi or en.") }
    }

    func run() throws {
        try reportingErrors(outputOption: "--out") {
            let document = try readScenarioFile(at: scenarioFile)
            if let asOf, !Plan.years.contains(asOf) {
                throw InputError(key: "--as-of", "\(asOf) is not a four-digit calendar year; give a year such as 2020", category: .usage)
            }
            if let asOf, asOf > document.plan.horizon {
                throw InputError(file: scenarioFile, key: "--as-of",
                                 "\(asOf) is after the horizon \(document.plan.horizon); give a year up to \(document.plan.horizon)", category: .usage)
            }
            let table = try readSeriesTable(try readCSV(at: document.dataPath))
            try checkScenarioData(document, table)
            let result: PlanResult
            do {
                result = try runPlan(document.plan, data: table.series, asOf: asOf,
                                     scenarios: scenario.isEmpty ? nil : scenario, draws: draws, seed: seed)
            } catch let error as PlanningError {
                throw InputError(planning: error, file: scenarioFile)
            }
            let name = URL(fileURLWithPath: scenarioFile).deletingPathExtension().lastPathComponent
            let folder = out ?? "Results/\(name)"
            let files = try render(result, formats: try formats())
            try writeOutputs(files, to: folder)
            if !quiet {
                let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                try StandardOutput.write(result.terminalTable(colour: colour) + "Wrote \(files.map(\.name).joined(separator: ", ")) to \(folder)/\n")
            }
        }
    }

    /// Every output rendered in memory first, so a failure writes nothing.
    func render(_ result: PlanResult, formats: Set<OutputFormat>) throws -> [(name: String, data: Data)] {
        let style = CSVStyle(excel: excel)
        var files: [(String, Data)] = []
        if formats.contains(.csv) {
            files.append(("projections.csv", result.projectionsCSV(style)))
            files.append(("targets.csv", result.targetsCSV(style)))
        }
        if formats.contains(.json) { files.append(("results.json", try result.resultsJSON())) }
        if formats.contains(.md) { files.append(("summary.md", Data(result.summaryMarkdown().utf8))) }
        if formats.contains(.html) { files.append(("report.html", Data(htmlReport(result, language: lang ?? result.plan.language).utf8))) }
        return files
    }
}

/// Writes rendered outputs into `folder`, refusing to overwrite an input: all or none of them are
/// replaced (see `writeFilesAtomically`), after clearing temporary files a killed earlier run left.
///
/// Inputs are recognised by the registry every reader fills (`InputFiles`: device and inode, so a
/// link or another name for an input counts too); this check only gives `run` its own advice.
func writeOutputs(_ files: [(name: String, data: Data)], to folder: String) throws {
    try prepareOutputFolder(folder)
    let paths = files.map { URL(fileURLWithPath: folder).appendingPathComponent($0.name).path }
    for path in paths where InputFiles.contains(path) {
        throw InputError(file: URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path,
                         "is an input of this run and is never overwritten; choose another folder", category: .cannotCreate,
                         subject: .outputLocation)
    }
    removeStaleTemporaryFiles(in: folder, for: files.map(\.name))
    try writeFilesAtomically(zip(paths, files).map { (path: $0, data: $1.data) })
}
