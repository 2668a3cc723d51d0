import ArgumentParser
import Foundation
import DataFiles
import Reports

/// `plancast compare RESULTS_DIR...`: the targets of several runs side by side.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the target assessments of several runs side by side.",
        discussion: """
        Reads targets.csv from each results folder written by `plancast run` and prints one table: a row per target and scenario, and for each run its projected value, P(meet) and status, exactly as the run wrote them. A target with the same answer under every scenario takes one row.

        Example: what the data said as of 2020 against what they say as of 2025.
          plancast run Scenarios/langson-2025.yaml
          plancast run Scenarios/langson-2025.yaml --as-of 2025 --out Results/now
          plancast compare Results/langson-2025 Results/now --output compare.md
        """)

    @Argument(help: "Results folders (or their targets.csv files), in the order of the columns.")
    var results: [String] = []

    @Option(help: "Also write the table as Markdown to this file (atomically).")
    var output: String?

    @Flag(help: "Do not print the table.")
    var quiet = false

    func validate() throws {
        try requireNonEmptyPaths(results, "each results folder")
        try requireNonEmptyPaths([output], "--output")
        if results.isEmpty {
            throw ValidationError("Please give at least one results folder, e.g. plancast compare Results/langson-2025 Results/other-run.")
        }
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--output")) {
            let runs = try results.map(readRunTargets)
            let table = TargetComparison(runs: runs)
            if let output {
                let outputPath = URL(fileURLWithPath: output).standardizedFileURL.path
                if let input = runs.first(where: { URL(fileURLWithPath: $0.file).standardizedFileURL.path == outputPath }) {
                    throw InputError(file: input.file, "is an input of this comparison; give --output another file", category: .cannotCreate)
                }
                try writeAtomically(Data(table.markdown().utf8), to: output)
            }
            if !quiet {
                try StandardOutput.write(table.text() + (output.map { "Wrote \($0)\n" } ?? ""))
            }
        }
    }
}

/// Targets × scenarios down, runs across: one table of several runs.
struct TargetComparison {
    struct Cell: Equatable {
        var projected: String
        var probability: String
        var status: String
    }
    struct Row {
        var targetID: String
        var indicator: String
        var statement: String
        /// The scenario, or nil when every scenario gives the same answer in every run.
        var scenario: String?
        /// One cell per run; nil when the run has no such target or scenario.
        var cells: [Cell?]
    }
    var runs: [String]
    var rows: [Row]

    /// Rows in the order targets and scenarios first appear in the runs.
    init(runs: [RunTargets]) {
        // Runs of one name (the same folder name under two parents) are told apart by their paths, each
        // keeping its as-of year. (Replacing the label in place left the last of them by its name alone.)
        let names = runs.map(\.label)
        self.runs = runs.map { run in
            guard names.filter({ $0 == run.label }).count > 1 else { return run.label }
            return run.file + (run.label.range(of: " (as of ").map { String(run.label[$0.lowerBound...]) } ?? "")
        }
        var targetOrder: [String] = []
        var scenarioOrder: [String: [String]] = [:]
        var first: [String: RunTargets.Row] = [:]
        var cells: [String: [String: [Cell?]]] = [:]
        for (k, run) in runs.enumerated() {
            for row in run.rows {
                if first[row.targetID] == nil { first[row.targetID] = row; targetOrder.append(row.targetID) }
                if !(scenarioOrder[row.targetID] ?? []).contains(row.scenario) { scenarioOrder[row.targetID, default: []].append(row.scenario) }
                var byScenario = cells[row.targetID] ?? [:]
                var list = byScenario[row.scenario] ?? Array(repeating: nil, count: runs.count)
                list[k] = Cell(projected: row.projected, probability: row.probability, status: row.status)
                byScenario[row.scenario] = list
                cells[row.targetID] = byScenario
            }
        }
        var rows: [Row] = []
        for id in targetOrder {
            let scenarios = scenarioOrder[id]!
            let lists = scenarios.map { cells[id]![$0]! }
            let head = first[id]!
            let same = scenarios.count > 1 && lists.dropFirst().allSatisfy { $0 == lists[0] }
            if same {
                rows.append(Row(targetID: id, indicator: head.indicator, statement: head.statement, scenario: nil, cells: lists[0]))
            } else {
                for (scenario, list) in zip(scenarios, lists) {
                    rows.append(Row(targetID: id, indicator: head.indicator, statement: head.statement, scenario: scenario, cells: list))
                }
            }
        }
        self.rows = rows
    }

    /// Run letters A, B, … (then R27, R28, …) for the column headers.
    var letters: [String] {
        runs.indices.map { $0 < 26 ? String(UnicodeScalar(UInt8(65 + $0))) : "R\($0 + 1)" }
    }

    var header: [String] {
        ["id", "indicator", "target", "scenario"] + letters.flatMap { ["\($0) projected", "\($0) P(meet)", "\($0) status"] }
    }

    func cells(_ row: Row) -> [String] {
        var out = [row.targetID, row.indicator, row.statement, row.scenario ?? "all scenarios"]
        for cell in row.cells {
            out += cell.map { [$0.projected, $0.probability, $0.status] } ?? ["–", "–", "–"]
        }
        return out
    }

    /// The table for the terminal.
    func text() -> String {
        var out = zip(letters, runs).map { "\($0) = \($1)\n" }.joined()
        var table = TextTable(header: header, alignments: [.left, .left, .left, .left]
                              + runs.flatMap { _ in [TextTable.Alignment.right, .right, .left] })
        var previous: String?
        for row in rows {
            var line = cells(row)
            // The target's id, indicator and statement once, on its first row.
            if row.targetID == previous { line[0] = ""; line[1] = ""; line[2] = "" }
            previous = row.targetID
            table.append(line)
        }
        out += "\n" + table.render()
        return out
    }

    /// The table as GitHub-flavoured Markdown.
    func markdown() -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var md = "# Target assessments compared\n\n"
        md += zip(letters, runs).map { "- **\($0)**: \(escape($1))\n" }.joined() + "\n"
        md += "| " + header.map(escape).joined(separator: " | ") + " |\n"
        md += "|---|---|---|---|" + runs.map { _ in "---:|---:|---|" }.joined() + "\n"
        for row in rows { md += "| " + cells(row).map(escape).joined(separator: " | ") + " |\n" }
        return md
    }
}
