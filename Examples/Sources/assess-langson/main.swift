// Loads a scenario file, runs its baseline and prints one target's assessment, with no command line
// in between: the whole public path from a YAML file to "will the province meet its target?".
//
//     swift run --package-path Examples --scratch-path .build-examples assess-langson \
//         Scenarios/langson-2025.yaml P3.1
//
// prints the assessment in words, then the target's row as `plancast run` writes it to targets.csv
// (which .ci/run finds, byte for byte, in the committed Results/langson-2025/targets.csv).
import Foundation
import Planning
import DataFiles
import Reports
import Forecasting

let arguments = CommandLine.arguments.dropFirst()
let scenarioFile = arguments.first ?? "Scenarios/langson-2025.yaml"
let targetID = arguments.dropFirst().first ?? "P3.1"

do {
    // Read the YAML and its data file once, checked against each other (errors name file and line).
    let scenario = try LoadedScenario(contentsOf: scenarioFile)
    // Fit, simulate and assess; the result records the as-of year, horizon, draws and seed it used.
    let result = try scenario.run(RunOptions(scenarios: ["baseline"]))
    guard let assessment = result.assessments.first(where: { $0.targetID == targetID }) else {
        throw InputError(file: scenarioFile, "has no target '\(targetID)'")
    }
    let interval = [assessment.lo80, assessment.hi80].map { $0.map { significant($0) } ?? "–" }
    print("""
        \(assessment.targetID) (\(assessment.indicatorID)), \(assessment.scenario), \(assessment.targetYear): \
        target \(assessment.comparison) \(assessment.target.map { significant($0) } ?? "–"), \
        projected \(assessment.projected.map { significant($0) } ?? "–") (80% \(interval[0])–\(interval[1])), \
        P(meet) \(assessment.probabilityOfMeeting.map { String(format: "%.2f", $0) } ?? "–"): \(assessment.status.rawValue)
        as of \(result.asOf), horizon \(result.horizon), \(result.draws) draws, seed \(result.seed)
        """)
    // The same assessment as a row of targets.csv, rendered by the library's own CSV writer.
    let rows = String(decoding: result.targetsCSV(CSVStyle()), as: UTF8.self).split(separator: "\n")
    if let row = rows.first(where: { $0.hasPrefix("\(targetID),") }) { print(row) }
} catch {
    FileHandle.standardError.write(Data("assess-langson: error: \(error)\n".utf8))
    exit(1)
}
