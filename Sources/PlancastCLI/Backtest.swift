import ArgumentParser
import Foundation
import Forecasting
import Planning
import PlancastIO

/// `plancast backtest SCENARIO.yaml --origin YEAR`: project from YEAR and score against the actuals after it.
struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project from an origin year and score the projection against the later actuals.",
        discussion: """
        For every indicator with data after the origin: the error of the central projection in each later
        year and whether the 80% and 95% intervals held the actual. For every target whose year has been
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

    @Option(help: "Also write the scores as CSV to this file.")
    var output: String?

    func validate() throws {
        if let draws, !acceptedDraws.contains(draws) {
            throw ValidationError("Please give --draws between \(acceptedDraws.lowerBound) and \(acceptedDraws.upperBound).")
        }
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--output", scenario: "--scenario")) {
            let loaded = try LoadedScenario(contentsOf: scenarioFile)
            let result = try loaded.run(RunOptions(asOf: origin, scenarios: [scenario], draws: draws,
                                                   horizon: max(loaded.lastDataYear, origin)))
            var lines = ["indicator,year,actual,projected,error,error_pct,in80,in95"]
            var errorTable = TextTable(header: ["indicator", "year", "actual", "projected", "error %", "in 80%", "in 95%"])
            var absolutePercent: [Double] = []
            var inside80 = 0, inside95 = 0, scored = 0
            for outcome in result.outcomes {
                guard outcome.model != nil, let rows = outcome.projections[scenario] else { continue }
                for actual in outcome.laterActuals {
                    guard let row = rows.first(where: { $0.year == actual.year && $0.kind == .projected }) else { continue }
                    let error = row.central - actual.value
                    let percent = actual.value != 0 ? 100 * error / abs(actual.value) : Double.nan
                    let in80 = actual.value >= row.lo80! && actual.value <= row.hi80!
                    let in95 = actual.value >= row.lo95! && actual.value <= row.hi95!
                    scored += 1
                    if in80 { inside80 += 1 }
                    if in95 { inside95 += 1 }
                    if percent.isFinite { absolutePercent.append(abs(percent)) }
                    errorTable.append([outcome.indicator.id, "\(actual.year)", significant(actual.value), significant(row.central),
                                       fixed(percent, 1), in80 ? "yes" : "no", in95 ? "yes" : "no"])
                    lines.append([csvField(outcome.indicator.id), "\(actual.year)", significant(actual.value), significant(row.central),
                                  significant(error), fixed(percent, 2), in80 ? "1" : "0", in95 ? "1" : "0"].joined(separator: ","))
                }
            }
            var report = "Backtest of \(scenarioFile) from \(origin), scenario \(scenario): \(scored) later actual\(scored == 1 ? "" : "s") scored\n"
            if scored > 0 {
                report += errorTable.render(indent: "  ")
                let mape = absolutePercent.reduce(0, +) / Double(max(1, absolutePercent.count))
                report += "  mean absolute % error \(fixed(mape, 1)); 80% intervals held \(inside80)/\(scored), 95% held \(inside95)/\(scored)\n"
            }
            // Status calls against observed outcomes.
            var calls = TextTable(header: ["target", "year", "P(meet) at origin", "called", "actual", "outcome", "call right"])
            var right = 0, decided = 0
            for a in result.assessments where a.probabilityOfMeeting != nil && !a.observed {
                guard let outcome = result.outcomes.first(where: { $0.indicator.id == a.indicatorID }),
                      let target = outcome.indicator.targets.first(where: { $0.id == a.targetID }),
                      target.kind == .level || target.kind == .share || target.kind == .cumulativeCount,
                      let actual = outcome.laterActuals.first(where: { $0.year == a.targetYear }) else { continue }
                let calledMeet = a.probabilityOfMeeting! >= 0.5
                let met = target.isMet(by: actual.value)
                decided += 1
                if calledMeet == met { right += 1 }
                calls.append([a.targetID, "\(a.targetYear)", String(format: "%.2f", a.probabilityOfMeeting!), calledMeet ? "meet" : "miss",
                              significant(actual.value) + (actual.kind == .estimate ? " (estimate)" : ""), met ? "met" : "missed",
                              calledMeet == met ? "yes" : "no"])
            }
            if decided > 0 {
                report += "\nStatus calls against observed outcomes (\(right) of \(decided) right):\n"
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
