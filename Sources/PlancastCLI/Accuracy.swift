import ArgumentParser
import Foundation
import Forecasting
import DataFiles
import Reports

/// `plancast accuracy --train T.csv --test T.csv --forecasts F.csv`: M3/M4 accuracy of a forecast file.
struct Accuracy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score forecasts against held-out values: sMAPE, MASE, OWA, interval coverage and MSIS.",
        discussion: """
        --train and --test are long CSV files or .xlsx workbooks (series_id,t,value, on the first \
        sheet); --forecasts is what `plancast forecast` writes, as CSV or .xlsx \
        (series_id,t,model,mean,lo80,hi80,lo95,hi95; the interval columns are optional). Every \
        test value needs exactly one forecast row. A CSV file saved by Excel on a Vietnamese \
        machine (semicolons between fields, decimal commas) is recognised by its header.

        The measures are those of the M3 and M4 competitions, computed as Benchmarks/score.py does: \
        sMAPE (percent) and MASE are means over series, MASE and MSIS scaled by the mean absolute \
        yearly change of the training values (m = 1); OWA = (sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2)/2 \
        with Naive2 the last training value; coverage is the share of test values inside each \
        interval (80% and 95%, and every other loL,hiL pair the file has, such as lo50,hi50 from \
        forecast --levels 50,80,95); MSIS uses the 95% interval (α = 0.05).
        """)

    @Option(help: ArgumentHelp("Long CSV file (or .xlsx workbook) with the values the forecasts were made from.", valueName: "file"))
    var train: String

    @Option(help: ArgumentHelp("Long CSV file (or .xlsx workbook) with the values that followed.", valueName: "file"))
    var test: String

    @Option(help: ArgumentHelp("Forecast file (CSV or .xlsx) as `plancast forecast` writes it.", valueName: "file"))
    var forecasts: String

    func validate() throws {
        try requireNonEmptyPaths([train, test, forecasts], "--train, --test and --forecasts")
    }

    func run() throws {
        try reportingErrors {
            let training = try readSeries(train)
            let held = try readSeries(test)
            let table = try readForecastFile(forecasts)
            if let note = csvDialectNote(file: forecasts, dialect: table.dialect, detected: true) { printNote(note) }
            let trainingByID = Dictionary(training.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

            var items: [ScoredSeries] = []
            // The scored test values with the ends of the file's other intervals (levels besides 80 and 95).
            var otherActual: [Double] = []
            var otherBounds: [[Double]] = Array(repeating: [], count: 2 * table.otherLevels.count)
            // Each series that cannot be scored, with the error it would have been alone.
            var unscored: [(id: String, reason: InputError)] = []
            var used = 0
            // The periods each series of the forecast file has, to say why a test value has no forecast.
            var forecastTimes: [String: [Int]] = [:]
            for key in table.rows.keys { forecastTimes[key.id, default: []].append(key.t) }
            // Whether the forecasts are of the test file's series at all (else they belong to other data).
            let sameSeries = held.entries.contains { forecastTimes[$0.id] != nil }
            for entry in held.entries.sorted(by: { $0.id < $1.id }) {
                // Forecast rows of a test value count as used whether or not their series is scored.
                used += entry.times.filter { table.rows[ForecastKey(id: entry.id, t: $0)] != nil }.count
                if let problem = entry.problem {
                    unscored.append((entry.id, InputError("series '\(entry.id)': \(problem)")))
                    continue
                }
                guard let history = trainingByID[entry.id] else {
                    unscored.append((entry.id, InputError(file: train, "has no values for series '\(entry.id)' of \(test); use the training file the forecasts were made from")))
                    continue
                }
                if let problem = history.problem {
                    unscored.append((entry.id, InputError("series '\(entry.id)': \(problem)")))
                    continue
                }
                // Training values from the test period (the whole series given as --train) would make
                // Naive2 the last test value and the scale include the test changes: refuse the series.
                if let lastTrained = history.times.last, let firstTested = entry.times.first, firstTested <= lastTrained {
                    unscored.append((entry.id, InputError(file: train, "has values of series '\(entry.id)' up to t = \(lastTrained), but its test values start at t = \(firstTested); give the training values the forecasts were made from, which end before the test values")))
                    continue
                }
                // MASE and MSIS divide by the training values' mean change: a constant series (or a
                // single value) cannot be scaled, and is left out like any other unscorable series.
                let scale = naiveScale(history.values)
                guard scale > 0, scale.isFinite else {
                    unscored.append((entry.id, InputError(file: train, AccuracyError.undefinedScale(series: entry.id, count: history.values.count).description)))
                    continue
                }
                let missing = entry.times.filter { table.rows[ForecastKey(id: entry.id, t: $0)] == nil }
                guard missing.isEmpty else {
                    unscored.append((entry.id, missingForecasts(entry, missing: missing, forecastTimes: forecastTimes[entry.id] ?? [],
                                                                otherIDs: sameSeries ? nil : forecastTimes.keys)))
                    continue
                }
                let rows = entry.times.map { table.rows[ForecastKey(id: entry.id, t: $0)]! }
                otherActual += entry.values
                for k in otherBounds.indices { otherBounds[k] += rows.map { $0.otherBounds[k] } }
                func column(_ k: Int) -> [Double]? { table.intervalColumns.contains(k) ? rows.map { $0.values[k] } : nil }
                items.append(ScoredSeries(seriesName: entry.id, training: history.values, actual: entry.values,
                                          forecast: rows.map { $0.values[0] },
                                          lower80: column(1), upper80: column(2), lower95: column(3), upper95: column(4)))
            }
            // Nothing to score: the reason of the first series is the answer.
            if items.isEmpty, let first = unscored.first { throw first.reason }
            for (id, reason) in unscored { printWarning("series '\(id)' not scored: \(reason.description)") }
            if table.rows.count > used {
                printWarning("\(forecasts): \(table.rows.count - used) forecast rows have no test value and were ignored")
            }
            let summary: AccuracySummary
            do {
                summary = try summarizeAccuracy(items)
            } catch let error as AccuracyError {
                throw InputError(file: train, error.description)
            }
            let label = table.models.isEmpty ? URL(fileURLWithPath: forecasts).lastPathComponent : table.models.sorted().joined(separator: ",")
            let otherCoverage = table.otherLevels.indices.map {
                (level: table.otherLevels[$0],
                 coverage: intervalCoverage(actual: otherActual, lower: otherBounds[2 * $0], upper: otherBounds[2 * $0 + 1]))
            }
            try StandardOutput.write(accuracyTable(summary, label: label, forecasts: forecasts, test: test, unscored: unscored.map(\.id),
                                                   otherCoverage: otherCoverage))
        }
    }

    /// Why the test values of `entry` at `missing` have no forecast, and what to do: the series was
    /// not forecast, the forecast file is of other series altogether (`otherIDs`, when none of its
    /// series is in the test file), its forecasts of the series stop too early (a longer --horizon),
    /// or they are for other periods (made from another training file).
    private func missingForecasts(_ entry: LongSeriesBatch.Entry, missing: [Int], forecastTimes: [Int],
                                  otherIDs: Dictionary<String, [Int]>.Keys?) -> InputError {
        let values = "\(missing.count) test value\(missing.count == 1 ? "" : "s"), e.g. \(missing.prefix(8).map { "\(entry.id)@t=\($0)" }.joined(separator: ", "))"
        guard let first = forecastTimes.min(), let last = forecastTimes.max() else {
            guard let otherIDs else {
                return InputError(file: forecasts, "has no forecast for \(values) (no forecasts of series '\(entry.id)' at all: forecast lists the series it could not forecast, with the reason); forecast the series, or leave it out of \(test)")
            }
            let others = otherIDs.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
            let what = others.isEmpty ? "it has no forecast rows at all" : "its series are others, e.g. \(others)"
            return InputError(file: forecasts, "has no forecasts for series '\(entry.id)' of \(test) (\(what)); score the forecasts made from the training file of these test values")
        }
        if missing.allSatisfy({ $0 > last }) {
            return InputError(file: forecasts, "has no forecast for \(values) (its forecasts of '\(entry.id)' end at t = \(last)); forecast every series of \(test) far enough ahead (--horizon)")
        }
        return InputError(file: forecasts, "has no forecast for \(values) (its forecasts of '\(entry.id)' are for t = \(first)…\(last)); the forecasts were made from another training file: forecast \(train) again, or score against the test values that follow the forecasts' training file")
    }

    /// Long series; a bad row marks only its series (which is then not scored), a row of no series
    /// or a file without data rows is an error.
    private func readSeries(_ path: String) throws -> LongSeriesBatch {
        let batch = isWorkbookPath(path) ? try readLongSeries(workbook: path) : try readLongSeries(at: path)
        if let note = batch.dialectNote { printNote(note) }
        if let problem = batch.unattributedProblems.first { throw InputError(file: path, problem) }
        guard !batch.entries.isEmpty else { throw InputError(file: path, "has no data rows") }
        return batch
    }
}

/// The text table `plancast accuracy` prints, with the Naive2 reference row.
///
/// - Parameters:
///   - unscored: the series of the test file that could not be scored (named in the header).
///   - otherCoverage: the coverage of the forecast file's intervals besides 80% and 95%, each shown
///     in a column of its own in the order of the levels.
func accuracyTable(_ s: AccuracySummary, label: String, forecasts: String, test: String, unscored: [String] = [],
                   otherCoverage: [(level: Double, coverage: Double)] = []) -> String {
    var out = "Accuracy of \(forecasts) on \(test): \(s.series) series, \(s.points) values\n"
    if !unscored.isEmpty {
        let names = unscored.prefix(10).joined(separator: ", ") + (unscored.count > 10 ? ", …" : "")
        out += "Not scored: \(unscored.count) series of \(test) (\(names)); the reasons are on standard error\n"
    }
    out += "\n"
    // 80% and 95% always, other levels of the file in order among them.
    let coverage = ([(80.0, s.coverage80), (95.0, s.coverage95)] + otherCoverage.map { ($0.level, Optional($0.coverage)) })
        .sorted { $0.0 < $1.0 }
    var table = TextTable(header: ["method", "sMAPE", "MASE", "OWA"] + coverage.map { "\(formatNumber($0.0))% cov" } + ["MSIS"],
                          alignments: [.left, .right, .right, .right] + coverage.map { _ in .right } + [.right])
    table.append([label, fixed(s.sMAPE, 2), fixed(s.MASE, 3), fixed(s.OWA, 3)] + coverage.map { $0.1.map { fixed($0, 3) } ?? "–" }
                 + [s.MSIS.map { fixed($0, 2) } ?? "–"])
    table.append(["Naive2 (last value)", fixed(s.naive2SMAPE, 2), fixed(s.naive2MASE, 3), fixed(1, 3)] + coverage.map { _ in "–" } + ["–"])
    out += table.render()
    out += "\nsMAPE in percent; MASE and MSIS scaled by the mean absolute one-step change of the training values (m = 1);\n"
    out += "OWA relative to Naive2; coverage the share of test values inside each interval; MSIS of the 95% interval (α = 0.05).\n"
    return out
}
