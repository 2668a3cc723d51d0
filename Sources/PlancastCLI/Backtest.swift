import ArgumentParser
import Foundation
import Forecasting
import Planning
import DataFiles
import Reports

/// `plancast backtest SCENARIO.yaml --origin YEAR`: project from YEAR and score against the actuals after it.
struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project from an origin year and score the projection against the later actuals.",
        discussion: """
        For every indicator with data after the origin: the error of the central projection in each later \
        year and whether the 80% and 95% intervals held the actual. For every target whose year has been \
        observed: whether the status call at the origin (P(meet) ≥ 0.5 or not) was right.
        """)

    @Argument(help: "The scenario file (YAML).")
    var scenarioFile: String

    @Option(help: "The origin: data up to this year are used.")
    var origin: Int

    @Option(help: "The scenario whose projection is scored.")
    var scenario: String = "baseline"

    // `.unconditional`: `--draws -5` is read as -5 and refused by `validate()` with a clear message.
    @Option(parsing: .unconditional, help: "Simulated paths per indicator (overrides the file).")
    var draws: Int?

    @Option(help: ArgumentHelp("Interval levels in percent to score, comma-separated; 80 and 95 are always scored.", valueName: "levels"))
    var levels: String = "80,95"

    @Option(help: "Also write the scores as CSV to this file.")
    var output: String?

    func validate() throws {
        try requireNonEmptyPaths([scenarioFile], "the scenario file")
        try requireNonEmptyPaths([output], "--output")
        _ = try parseIntervalLevels(levels)
        if let draws, !acceptedDraws.contains(draws) {
            throw ValidationError("Please give --draws between \(acceptedDraws.lowerBound) and \(acceptedDraws.upperBound): more paths do not fit in 500 MB of memory.")
        }
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--output", scenario: "--scenario")) {
            let loaded = try LoadedScenario(contentsOf: scenarioFile)
            // From the last year of data on, nothing later can be scored: a typo (2030 for 2020) said "0 scored", exit 0.
            if origin >= loaded.lastDataYear {
                throw InputError(file: scenarioFile, key: "--origin",
                                 "\(origin) is not before the last year of data (\(loaded.lastDataYear)), so no later actual can be scored; give an earlier year", category: .usage)
            }
            let result = try loaded.run(RunOptions(asOf: origin, scenarios: [scenario], draws: draws,
                                                   horizon: max(loaded.lastDataYear, origin), levels: try parseIntervalLevels(levels)))
            let scores = BacktestScores(result, scenario: scenario)
            let names = scores.levels.map { formatNumber($0) }
            var lines = ["indicator,year,actual,projected,error,error_pct," + names.map { "in\($0)" }.joined(separator: ",")]
            var errorTable = TextTable(header: ["indicator", "year", "actual", "projected", "error %"] + names.map { "in \($0)%" })
            for e in scores.errors {
                let inside = scores.levels.map { e.inside($0) == true }
                errorTable.append([e.indicatorID, "\(e.year)", significant(e.actual) + (e.actualIsEstimate ? " (estimate)" : ""), significant(e.projected),
                                   fixed(e.percentError, 1)] + inside.map { $0 ? "yes" : "no" })
                lines.append(([csvField(e.indicatorID), "\(e.year)", significant(e.actual), significant(e.projected),
                               significant(e.error), fixed(e.percentError, 2)] + inside.map { $0 ? "1" : "0" }).joined(separator: ","))
            }
            let scored = scores.errors.count
            var report = "Backtest of \(scenarioFile) from \(origin), scenario \(scenario): \(scored) later actual\(scored == 1 ? "" : "s") scored\n"
            if scored > 0 {
                report += errorTable.render(indent: "  ")
                let held = zip(scores.levels, names).enumerated().map { index, pair in
                    "\(pair.1)%\(index == 0 ? " intervals" : "") held \(scores.inside(pair.0))/\(scored)"
                }
                report += "  mean absolute % error \(fixed(scores.meanAbsolutePercentError, 1)); \(held.joined(separator: ", "))\n"
            }
            // Indicators with later actuals but no projection from the origin are named with the reason, never dropped silently.
            let unscored = result.outcomes.filter { $0.model == nil && !$0.laterActuals.isEmpty }
            if !unscored.isEmpty {
                report += "Not scored (later actuals, but no projection from \(origin)):\n"
                for outcome in unscored {
                    report += "  \(outcome.indicator.id): \(outcome.problemReason?.description ?? outcome.problem ?? "no projection")\n"
                }
            }
            // Status calls against observed outcomes.
            var calls = TextTable(header: ["target", "year", "P(meet) at origin", "called", "actual", "outcome", "call right"])
            for call in scores.calls {
                calls.append([call.targetID, "\(call.year)", printfFormat("%.2f", call.probabilityOfMeeting), call.calledMeet ? "meet" : "miss",
                              significant(call.actual.value) + (call.actual.kind == .estimate ? " (estimate)" : ""), call.met ? "met" : "missed",
                              call.isRight ? "yes" : "no"])
            }
            if !scores.calls.isEmpty {
                report += "\nStatus calls against observed outcomes (\(scores.calls.filter(\.isRight).count) of \(scores.calls.count) right):\n"
                report += calls.render(indent: "  ")
            } else {
                report += "\nNo target year has been observed after \(origin) yet: no status call can be scored.\n"
            }
            try StandardOutput.write(report)
            if let output {
                try writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8), to: output)
            }
        }
    }
}
