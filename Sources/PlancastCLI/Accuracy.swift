import ArgumentParser
import Foundation
import Forecasting
import PlancastIO

/// `plancast accuracy --train T.csv --test T.csv --forecasts F.csv`: M3/M4 accuracy of a forecast file.
struct Accuracy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score forecasts against held-out values: sMAPE, MASE, OWA, interval coverage and MSIS.",
        discussion: """
        --train and --test are long CSV files (series_id,t,value); --forecasts is what `plancast \
        forecast` writes (series_id,t,model,mean,lo80,hi80,lo95,hi95; the interval columns are \
        optional). Every test value needs exactly one forecast row.

        The measures are those of the M3 and M4 competitions, computed as Benchmarks/score.py does: \
        sMAPE (percent) and MASE are means over series, MASE and MSIS scaled by the mean absolute \
        yearly change of the training values (m = 1); OWA = (sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2)/2 \
        with Naive2 the last training value; coverage is the share of test values inside each \
        interval; MSIS uses the 95% interval (α = 0.05).
        """)

    @Option(help: ArgumentHelp("Long CSV file with the values the forecasts were made from.", valueName: "file"))
    var train: String

    @Option(help: ArgumentHelp("Long CSV file with the values that followed.", valueName: "file"))
    var test: String

    @Option(help: ArgumentHelp("Forecast file as `plancast forecast` writes it.", valueName: "file"))
    var forecasts: String

    func run() throws {
        try reportingErrors {
            let training = try strictSeries(train)
            let held = try strictSeries(test)
            let table = try readForecastFile(forecasts)
            let trainingByID = Dictionary(uniqueKeysWithValues: training.entries.map { ($0.id, $0) })

            var items: [ScoredSeries] = []
            var missingSeries: [String] = []
            var missing: [String] = []
            var used = 0
            for entry in held.entries.sorted(by: { $0.id < $1.id }) {
                guard let history = trainingByID[entry.id] else { missingSeries.append(entry.id); continue }
                var rows: [ForecastRow] = []
                for t in entry.times {
                    if let row = table.rows[ForecastKey(id: entry.id, t: t)] { rows.append(row) } else { missing.append("\(entry.id)@t=\(t)") }
                }
                guard rows.count == entry.times.count else { continue }
                used += rows.count
                func column(_ k: Int) -> [Double]? { table.intervalColumns.contains(k) ? rows.map { $0.values[k] } : nil }
                items.append(ScoredSeries(seriesName: entry.id, training: history.values, actual: entry.values,
                                          forecast: rows.map { $0.values[0] },
                                          lower80: column(1), upper80: column(2), lower95: column(3), upper95: column(4)))
            }
            if !missingSeries.isEmpty {
                throw InputError(file: train, "has no values for \(missingSeries.count) series of \(test), e.g. \(missingSeries.prefix(5).joined(separator: ", ")); use the training file the forecasts were made from")
            }
            if !missing.isEmpty {
                throw InputError(file: forecasts, "has no forecast for \(missing.count) test value\(missing.count == 1 ? "" : "s"), e.g. \(missing.prefix(8).joined(separator: ", ")); forecast every series of \(test) far enough ahead (--horizon)")
            }
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
            try StandardOutput.write(accuracyTable(summary, label: label, forecasts: forecasts, test: test))
        }
    }

    /// Long series that must all be usable: a bad row is an error here, not a skipped series.
    private func strictSeries(_ path: String) throws -> LongSeriesBatch {
        let batch = try readLongSeries(at: path)
        if let problem = batch.unattributedProblems.first { throw InputError(file: path, problem) }
        if let bad = batch.entries.first(where: { $0.problem != nil }) {
            throw InputError(file: nil, "series '\(bad.id)': \(bad.problem!)")
        }
        guard !batch.entries.isEmpty else { throw InputError(file: path, "has no data rows") }
        return batch
    }
}

/// The text table `plancast accuracy` prints, with the Naive2 reference row.
func accuracyTable(_ s: AccuracySummary, label: String, forecasts: String, test: String) -> String {
    var out = "Accuracy of \(forecasts) on \(test): \(s.series) series, \(s.points) values\n\n"
    var table = TextTable(header: ["method", "sMAPE", "MASE", "OWA", "80% cov", "95% cov", "MSIS"],
                          alignments: [.left, .right, .right, .right, .right, .right, .right])
    table.append([label, fixed(s.sMAPE, 2), fixed(s.MASE, 3), fixed(s.OWA, 3),
                  s.coverage80.map { fixed($0, 3) } ?? "–", s.coverage95.map { fixed($0, 3) } ?? "–",
                  s.MSIS.map { fixed($0, 2) } ?? "–"])
    table.append(["Naive2 (last value)", fixed(s.naive2SMAPE, 2), fixed(s.naive2MASE, 3), fixed(1, 3), "–", "–", "–"])
    out += table.render()
    out += "\nsMAPE in percent; MASE and MSIS scaled by the mean absolute one-step change of the training values (m = 1);\n"
    out += "OWA relative to Naive2; MSIS of the 95% interval (α = 0.05).\n"
    return out
}
