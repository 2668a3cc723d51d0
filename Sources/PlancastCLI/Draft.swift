import ArgumentParser
import Foundation
import Planning
import DataFiles
import Reports

/// `plancast draft PROGRAMME.txt`: a scenario file drafted from a plan document.
struct Draft: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft a scenario file from a plan document (plain UTF-8 text, Vietnamese or English).",
        discussion: """
        Reads the target sections ("Mục tiêu cụ thể", "Các chỉ tiêu chủ yếu", "Specific targets") and \
        writes one indicator per quantified target (kind, comparison, value, year, bounds, the sentence in \
        its note), milestones for commitments without a number, and a "# not understood:" line for every \
        sentence with a number it could not read. Tasks sections are not read. Check every reading.
        """)

    enum Language: String, ExpressibleByArgument, CaseIterable { case vi, en }

    @Argument(help: "The plan document, as plain UTF-8 text.")
    var document: String

    @Option(help: "Write the scenario to this file (default: standard output).")
    var out: String?

    @Option(help: "Title of the scenario (default: the document's first line).")
    var title: String?

    @Option(name: .customLong("base-year"), help: "Base year and as-of year (default: the first year of the term the document names).")
    var baseYear: Int?

    @Option(help: "Language of the document: vi or en (default: detected from its letters).")
    var lang: Language?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        try requireNonEmptyPaths([document], "the plan document")
        try requireNonEmptyPaths([out], "--out")
        if let baseYear, !Plan.years.contains(baseYear) {
            throw ValidationError("Please give --base-year as a four-digit year such as 2020.")
        }
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("Please give --title a non-empty title.")
        }
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--out")) {
            if let out { try refuseExisting(out, force: force) }
            let text = try planDocumentText(try readInputFile(at: document, maximumBytes: 20 << 20,
                                                              whenTooLarge: "give the plan's text only"), file: document)
            let draft = try draftPlan(text: text, file: document, settings: DraftSettings(
                title: title, baseYear: baseYear, language: lang.map { $0 == .vi ? .vi : .en }))
            let stem = URL(fileURLWithPath: out ?? document).deletingPathExtension().lastPathComponent
            let yaml = draft.scenarioYAML(dataFile: "\(stem)-data.csv", source: URL(fileURLWithPath: document).lastPathComponent)
            // The draft must be a scenario file plancast reads; a failure here is a bug of the drafter.
            _ = try parseScenarioText(yaml, file: out ?? "the draft")
            guard let out else {
                try StandardOutput.write(yaml)
                return
            }
            try writeAtomically(Data(yaml.utf8), to: out)
            let targets = draft.entries.filter { $0.reading.kind != .milestone }.count
            try StandardOutput.write("Wrote \(out): \(counted(targets, "target")) and \(counted(draft.entries.count - targets, "milestone")) from \(document)"
                                     + (draft.unread.isEmpty ? "" : "; \(counted(draft.unread.count, "sentence")) not understood (the '# not understood:' lines)") + "\n")
        }
    }
}

/// Refuses to replace an existing file unless asked to (`--force`).
func refuseExisting(_ path: String, force: Bool) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
    if isFolder.boolValue {
        throw InputError(file: path, "is a folder; give --out a file name", category: .cannotCreate)
    }
    if !force {
        throw InputError(file: path, "already exists; give --force to replace it, or another --out", category: .cannotCreate)
    }
}

/// `plancast data …`: data files for a scenario.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Data files for a scenario.", subcommands: [DataTemplate.self])
}

/// `plancast data template SCENARIO.yaml`: the rows to fill so every indicator can be assessed.
struct DataTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the data rows to fill for every indicator of a scenario (CSV).",
        discussion: """
        One row per indicator and year from --from to as_of: series (the indicator's, or its id), an empty \
        value, unit, kind, source and quote. Values the scenario's data file already has are filled in. Rows \
        left without a value and a source are skipped when the file is read, never read as zero.
        """)

    @Argument(help: "The scenario file (.yaml).")
    var scenario: String

    @Option(help: "First year of the rows (default: ten years before as_of).")
    var from: Int?

    @Option(help: "Write the template to this file (default: standard output).")
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        try requireNonEmptyPaths([scenario], "the scenario file")
        try requireNonEmptyPaths([out], "--out")
        if let from, !Plan.years.contains(from) {
            throw ValidationError("Please give --from as a four-digit year such as 2010.")
        }
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--out")) {
            if let out { try refuseExisting(out, force: force) }
            let document = try readScenarioFile(at: scenario)
            if let from, from > document.plan.asOf {
                throw InputError(file: scenario, key: "--from", "\(from) is after as_of \(document.plan.asOf); give a year up to \(document.plan.asOf)", category: .usage)
            }
            let known = FileManager.default.fileExists(atPath: document.dataPath)
                ? try readDataFile(at: document.dataPath, sheet: document.dataSheet) : nil
            let template = dataTemplate(for: document.plan, known: known, from: from)
            guard let out else {
                try StandardOutput.write(template.csv)
                return
            }
            try writeAtomically(Data(template.csv.utf8), to: out)
            let filled = known == nil ? "none filled in (\(document.dataPath) does not exist yet)" : "\(template.filled) filled in from \(document.dataPath)"
            try StandardOutput.write("Wrote \(out): \(template.rows) rows, \(filled); "
                                     + "fill value, kind (actual or estimate) and source, and leave a row empty when there is no figure\n")
        }
    }
}
