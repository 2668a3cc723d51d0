import ArgumentParser
import Dispatch
import Foundation
import Forecasting
import PlancastIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `plancast forecast --input LONG.csv --horizon H …`: forecasts every series of a long file, on all cores.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forecast many series from a long CSV file, on all cores.",
        discussion: """
        Reads series_id,t,value (rows in any order; t a whole number such as a year) and writes \
        series_id,t,model,mean,lo80,hi80,lo95,hi95 (one lo/hi pair per --levels), t continuing each \
        series, the series in the order they first appear.

        --model auto (the default) is the method for short annual series: the mean of a damped trend, \
        a robust trend and the Theta method, with intervals from its own rolling-origin errors (see \
        Benchmarks/README.md). It needs 3 or more points and one value per t without gaps. This is \
        not what `plancast fit --model auto` does (choose one trend shape by AICc): that choice is \
        for a single planning indicator, this one is tuned for accuracy over many series. Any other \
        --model fits that trend to every series, with the trend options.

        A series that cannot be forecast (too few points, a bad row, a gap) is listed at the end with \
        the reason; the others are still written. Exit status 0 when at least one series was \
        forecast, 65 when none was.
        """)

    @Option(help: ArgumentHelp("Long CSV file (or .xlsx workbook) with series_id,t,value columns.", valueName: "file"))
    var input: String

    @Option(help: "Periods to forecast after each series' last t.")
    var horizon: Int

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Interval levels in percent, separated by commas.", valueName: "levels"))
    var levels: String = "80,95"

    @Option(help: "The sheet to read when --input is an .xlsx workbook (default: the first).")
    var sheet: String?

    @Option(help: ArgumentHelp("Output CSV file (or FILE.xlsx for a workbook), or - for standard output.", valueName: "file"))
    var output: String = "-"

    /// The most periods ahead accepted: beyond it no trend or smoothing method means much.
    static let maximumHorizon = 1000

    func validate() throws {
        guard horizon >= 1, horizon <= Self.maximumHorizon else {
            throw ValidationError("Please give --horizon a whole number from 1 to \(Self.maximumHorizon), e.g. --horizon 6.")
        }
        _ = try intervalLevels()
        if modelOptions.model == .auto {
            var given: [String] = []
            if modelOptions.cap != nil { given.append("--cap") }
            if modelOptions.degree != nil { given.append("--degree") }
            if !modelOptions.breaks.isEmpty { given.append("--break") }
            if modelOptions.pulse != nil { given.append("--pulse") }
            if modelOptions.weights != .equal { given.append("--weights") }
            if modelOptions.estimateWeight != 1 { given.append("--estimate-weight") }
            if modelOptions.damping != nil { given.append("--damping") }
            if modelOptions.upperBound != nil { given.append("--upper-bound") }
            if !given.isEmpty {
                throw ValidationError("Please drop \(given.joined(separator: ", ")): --model auto (the method for annual series) has no trend options; to use them choose a trend, e.g. --model linear.")
            }
        }
        if output != "-", sameFile(output, input) {
            throw ValidationError("Please choose another --output: '\(output)' is the input file, which plancast never overwrites.")
        }
    }

    /// The levels of `--levels`, ascending.
    func intervalLevels() throws -> [Double] {
        var values: [Double] = []
        for part in levels.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let value = plainDecimal(text), value > 0, value < 100 else {
                throw ValidationError("Please give --levels as percentages between 0 and 100 separated by commas, e.g. --levels 80,95 (not '\(text)').")
            }
            values.append(value)
        }
        let sorted = Array(Set(values)).sorted()
        guard sorted.count == values.count else {
            throw ValidationError("Please give each level in --levels once.")
        }
        return sorted
    }

    func run() throws {
        try reportingErrors(OptionNames(output: "--output")) {
            let started = DispatchTime.now()
            let levels = try intervalLevels()
            let header = BatchForecast.header(levels: levels)
            // The series are read, forecast and released inside this closure: what stays is the output.
            let (outcome, total, unattributed) = try { () throws -> (BatchForecast.Outcome, Int, [String]) in
                let batch = isWorkbookPath(input) ? try readLongSeries(workbook: input, sheet: sheet) : try readLongSeries(at: input)
                guard !batch.entries.isEmpty || !batch.unattributedProblems.isEmpty else {
                    throw InputError(file: input, "has no data rows; it needs rows of series_id,t,value under the header")
                }
                let method: BatchMethod
                if modelOptions.model == .auto {
                    let forecaster = AnnualForecaster()
                    method = .annual(forecaster, forecaster.quantiles(levels: levels))
                } else {
                    method = .trend(try modelOptions.specification())
                }
                let job = BatchForecast(entries: batch.entries, horizon: horizon, levels: levels, method: method)
                let progress = isatty(2) != 0 ? ProgressLine(total: batch.entries.count, started: started) : nil
                let outcome = job.run(progress: progress)
                progress?.finish()
                return (outcome, batch.entries.count, batch.unattributedProblems)
            }()
            reportFailures(outcome.failures + unattributed.map { ("", $0) }, total: total)
            guard outcome.succeeded > 0 else {
                printError("no series could be forecast (reasons above); nothing was written")
                throw ExitCode(65)
            }
            // One buffer of the final size; each chunk is released once copied, so the output is held once.
            var chunks = outcome.chunks
            let succeeded = outcome.succeeded
            _ = consume outcome
            var data = Data(capacity: header.utf8.count + chunks.reduce(0) { $0 + $1.count })
            data.append(contentsOf: Array(header.utf8))
            for k in chunks.indices {
                data.append(contentsOf: chunks[k])
                chunks[k] = []
            }
            if output == "-" {
                try StandardOutput.write(data)
            } else {
                // FILE.xlsx: one sheet `forecasts`, the same rows with numbers as numbers.
                try writeAtomically(isWorkbookPath(output) ? try workbookData([WorkbookSheet(name: "forecasts", csv: data)]) : data, to: output)
            }
            if isatty(2) != 0 {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                let destination = output == "-" ? "standard output" : output
                writeStandardError("plancast: forecast \(succeeded) series × \(horizon) periods in \(fixed(seconds, 2)) s → \(destination)\n")
            }
        }
    }

    private func reportFailures(_ failures: [(id: String, reason: String)], total: Int) {
        guard !failures.isEmpty else { return }
        let shown = 50
        var text = "\(failures.count) of \(total) series could not be forecast:\n"
        for (id, reason) in failures.prefix(shown) {
            text += id.isEmpty ? "  \(reason)\n" : "  \(id): \(reason)\n"
        }
        if failures.count > shown { text += "  … and \(failures.count - shown) more\n" }
        printWarning(String(text.dropLast()))
    }
}

/// How each series of a batch is forecast.
enum BatchMethod: Sendable {
    /// The combination for annual series with interval multipliers computed once.
    case annual(AnnualForecaster, IntervalQuantiles)
    /// One trend model (or the AICc choice of `selectTrend`) fitted to every series.
    case trend(ModelSpecification)
}

/// A batch of series to forecast in parallel, chunk by chunk, each chunk's CSV rows placed by index.
struct BatchForecast: Sendable {
    let entries: [LongSeriesBatch.Entry]
    let horizon: Int
    let levels: [Double]
    let method: BatchMethod

    /// Series per chunk: large enough that scheduling costs nothing, small enough to balance two or
    /// sixty-four cores.
    static let chunkSize = 64

    struct Outcome {
        var chunks: [[UInt8]]
        var failures: [(id: String, reason: String)]
        var succeeded: Int
    }

    static func header(levels: [Double]) -> String {
        "series_id,t,model,mean," + levels.map { "lo\(formatNumber($0)),hi\(formatNumber($0))" }.joined(separator: ",") + "\n"
    }

    func run(progress: ProgressLine?) -> Outcome {
        let chunkCount = (entries.count + Self.chunkSize - 1) / Self.chunkSize
        let slots = ResultSlots<ChunkResult>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (chunk * Self.chunkSize)..<min(entries.count, (chunk + 1) * Self.chunkSize)
            var result = ChunkResult()
            for index in range { forecast(entries[index], into: &result) }
            slots.set(chunk, result)
            progress?.advance(by: range.count)
        }
        var outcome = Outcome(chunks: [], failures: [], succeeded: 0)
        for result in slots.values() {
            outcome.chunks.append(result.bytes)
            outcome.failures += result.failures
            outcome.succeeded += result.succeeded
        }
        return outcome
    }

    struct ChunkResult: Sendable {
        var bytes: [UInt8] = []
        var failures: [(id: String, reason: String)] = []
        var succeeded = 0
    }

    private func forecast(_ entry: LongSeriesBatch.Entry, into result: inout ChunkResult) {
        if let problem = entry.problem {
            result.failures.append((entry.id, problem))
            return
        }
        do {
            let forecast: TrendForecast
            switch method {
            case let .annual(forecaster, quantiles):
                if let gap = firstGap(entry.times) {
                    throw ForecastingError.invalidModel(
                        "no value for t = \(gap); the annual method needs one value per period without gaps; fill the gap or choose a trend model such as --model linear")
                }
                let fit = try forecaster.fit(values: entry.values, lastYear: entry.times.last ?? 0, seriesName: entry.id)
                forecast = fit.forecast(horizon: horizon, quantiles: quantiles)
            case let .trend(specification):
                let series = try Series(name: entry.id, observations: zip(entry.times, entry.values).map { Observation(year: $0, value: $1) })
                let fit = try specification.fit(series).fit
                let years = Array((fit.lastYear + 1)...(fit.lastYear + horizon))
                forecast = fit.forecast(years: years, levels: levels)
            }
            try append(forecast, id: entry.id, to: &result.bytes)
            result.succeeded += 1
        } catch let error as ForecastingError {
            result.failures.append((entry.id, error.description))
        } catch {
            result.failures.append((entry.id, "\(error)"))
        }
    }

    /// Writes the rows of one forecast; a non-finite number fails the series (nothing is written for it).
    private func append(_ forecast: TrendForecast, id: String, to bytes: inout [UInt8]) throws {
        var rows = ""
        let prefix = csvField(id) + ","
        let model = "," + csvField(forecast.modelName) + ","
        for point in forecast.points {
            guard point.mean.isFinite, point.prediction.allSatisfy({ $0.lower.isFinite && $0.upper.isFinite }) else {
                throw ForecastingError.invalidModel("the forecast for t = \(point.year) is not a finite number; the values are too large or the model does not suit the series")
            }
            rows += prefix
            rows += String(point.year)
            rows += model
            rows += point.mean.description
            for interval in point.prediction {
                rows += ","
                rows += interval.lower.description
                rows += ","
                rows += interval.upper.description
            }
            rows += "\n"
        }
        bytes.append(contentsOf: rows.utf8)
    }
}

/// The first missing period of ascending periods, if any.
func firstGap(_ times: [Int]) -> Int? {
    for (previous, next) in zip(times, times.dropFirst()) where next != previous + 1 { return previous + 1 }
    return nil
}

/// Slots written once each from different threads, read after all writes finished.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    func values() -> [Value] { lock.withLock { storage.map { $0! } } }
}

/// A one-line progress report on standard error for a terminal, shown only once a run has taken
/// more than 2 seconds, and cleared at the end.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let started: DispatchTime
    private let lock = NSLock()
    private var done = 0
    private var shown = false
    private var timer: DispatchSourceTimer?

    /// Seconds before the line appears.
    static let delay = 2.0

    init(total: Int, started: DispatchTime) {
        self.total = total
        self.started = started
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: started + Self.delay, repeating: 0.25)
        timer.setEventHandler { [weak self] in self?.draw() }
        self.timer = timer
        timer.resume()
    }

    func advance(by count: Int) { lock.withLock { done += count } }

    private func draw() {
        lock.withLock {
            guard timer != nil else { return }
            let percent = total > 0 ? 100 * done / total : 100
            writeStandardError("\rplancast: forecasting \(done) of \(total) series (\(percent)%)\u{1B}[K")
            shown = true
        }
    }

    /// Stops the timer and clears the line if it was shown.
    func finish() {
        let timer = lock.withLock { () -> DispatchSourceTimer? in
            let t = self.timer
            self.timer = nil
            if shown { writeStandardError("\r\u{1B}[K") }
            return t
        }
        timer?.cancel()
    }
}

/// Whether two paths name the same existing file (or the same path when the first does not exist yet).
func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    if stat(a, &first) == 0, stat(b, &second) == 0 {
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
    return URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
}
