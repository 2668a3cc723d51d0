import ArgumentParser
import Dispatch
import Foundation
import Forecasting
import DataFiles
import Reports
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
        series, the series in the order they first appear. A CSV file saved by Excel on a Vietnamese \
        machine (semicolons between fields, decimal commas) is recognised by its header; the output \
        is standard CSV.

        --model auto (the default) is the method for short annual series: a weighted mean of a damped \
        trend, a robust trend and the Theta method, each weighted by its own rolling-origin errors, \
        with intervals from the series' own rolling-origin errors (see Benchmarks/README.md). It \
        needs 3 or more points and one value per t without gaps. This is not what `plancast fit \
        --model auto` does (the planning forecaster): that one is for a single planning indicator, \
        this one is tuned for accuracy over many series. --model aicc chooses one trend shape by \
        AICc for each series; any other --model fits that trend to every series, with the trend \
        options (--model planning is not offered here).

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
        try requireNonEmptyPaths([input], "--input")
        try requireNonEmptyPaths([output], "--output")
        guard horizon >= 1, horizon <= Self.maximumHorizon else {
            throw ValidationError("Please give --horizon a whole number from 1 to \(Self.maximumHorizon), e.g. --horizon 6.")
        }
        _ = try intervalLevels()
        if modelOptions.model == .planning {
            // `planning` is the simulated planning forecaster of run, fit and backtest; forecast has
            // no such method, and the trend-only view of the specification would choose by AICc.
            throw ValidationError("Please choose --model auto (the method for many annual series), --model aicc or a trend such as --model linear: --model planning is the planning forecaster of run, fit and backtest, which forecast does not offer.")
        }
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
        if sheet != nil, !isWorkbookPath(input) {
            throw ValidationError("Please drop --sheet or give an .xlsx workbook as --input: '\(input)' is read as CSV, which has no sheets.")
        }
        if output != "-", sameFile(output, input) {
            throw ValidationError("Please choose another --output: '\(output)' is the input file, which plancast never overwrites.")
        }
    }

    /// The levels of `--levels`, ascending.
    func intervalLevels() throws -> [Double] { try parseIntervalLevels(levels) }

    func run() throws {
        try reportingErrors(OptionNames(output: "--output")) {
            let started = DispatchTime.now()
            let levels = try intervalLevels()
            let method: BatchMethod
            if modelOptions.model == .auto {
                let forecaster = AnnualForecaster()
                method = .annual(forecaster, forecaster.quantiles(levels: levels))
            } else {
                method = .trend(try modelOptions.specification())
            }
            // The output streams out in input order as the series are read and forecast; a file
            // appears whole at the end (or not at all), standard output gets the rows as they come.
            // A workbook (FILE.xlsx) is made from the whole CSV at the end, so its rows are gathered.
            let workbook = output != "-" && isWorkbookPath(output)
            let file = output == "-" || workbook ? nil : try AtomicFileWriter(path: output)
            let gathered = GatheredBytes()
            let sink: ([UInt8]) throws -> Void = { bytes in
                if workbook { gathered.data.append(contentsOf: bytes) } else if let file { try file.write(bytes) } else { try StandardOutput.write(bytes) }
            }
            let progress = isatty(2) != 0 ? ProgressLine(total: nil, started: started) : nil
            let stream = OrderedForecastStream(job: BatchForecast(horizon: horizon, levels: levels, method: method),
                                               header: BatchForecast.header(levels: levels), sink: sink, progress: progress)
            let summary: LongSeriesSummary
            do {
                if isWorkbookPath(input) {
                    let batch = try readLongSeries(workbook: input, sheet: sheet)
                    for (order, entry) in batch.entries.enumerated() { try stream.submit(entry, order: order) }
                    summary = LongSeriesSummary(seriesCount: batch.entries.count, unattributedProblems: batch.unattributedProblems,
                                                rowCount: batch.rowCount)
                } else {
                    summary = try streamLongSeries(at: input) { entry, order in try stream.submit(entry, order: order) }
                }
            } catch {
                stream.abandon()
                progress?.finish()
                throw error
            }
            let outcome = try stream.finish()
            progress?.finish()
            if let note = summary.dialectNote(file: input) { printNote(note) }
            guard summary.seriesCount > 0 || !summary.unattributedProblems.isEmpty else {
                throw InputError(file: input, "has no data rows; it needs rows of series_id,t,value under the header")
            }
            reportFailures(outcome.failures, rowProblems: summary.unattributedProblems.map { "\(input): \($0)" }, total: summary.seriesCount)
            guard outcome.succeeded > 0 else {
                file?.discard()
                printError("no series could be forecast (reasons above); nothing was written")
                throw ExitCode(65)
            }
            try file?.commit()
            if workbook {
                // FILE.xlsx: one sheet `forecasts`, the same rows with numbers as numbers.
                let data: Data
                do {
                    data = try workbookData([WorkbookSheet(name: "forecasts", csv: gathered.data)])
                } catch let error as InputError where error.file == nil {
                    throw InputError(file: output, error.message, category: error.category, subject: .outputLocation)
                }
                try writeAtomically(data, to: output)
            }
            if isatty(2) != 0 {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                let destination = output == "-" ? "standard output" : output
                writeStandardError("plancast: forecast \(outcome.succeeded) series × \(horizon) periods in \(fixed(seconds, 2)) s → \(destination)\n")
            }
        }
    }

    /// Lists the series that could not be forecast (counted among the series read) and, apart
    /// from them, the rows that belong to no series.
    private func reportFailures(_ failures: [(id: String, reason: String)], rowProblems: [String], total: Int) {
        guard !failures.isEmpty || !rowProblems.isEmpty else { return }
        let shown = 50
        var lines: [String] = []
        if !failures.isEmpty {
            lines.append("\(failures.count) of \(total) series could not be forecast:")
            lines += failures.prefix(shown).map { "  \($0.id): \($0.reason)" }
            if failures.count > shown { lines.append("  … and \(failures.count - shown) more") }
        }
        if !rowProblems.isEmpty {
            let one = rowProblems.count == 1
            lines.append("\(rowProblems.count) row\(one ? " belongs" : "s belong") to no series and \(one ? "was" : "were") left out:")
            lines += rowProblems.prefix(shown).map { "  \($0)" }
            if rowProblems.count > shown { lines.append("  … and \(rowProblems.count - shown) more") }
        }
        printWarning(lines.joined(separator: "\n"))
    }
}

/// The rows of a workbook output, gathered as they stream (the sink runs under the stream's lock).
final class GatheredBytes: @unchecked Sendable {
    var data = Data()
}

/// How each series of a batch is forecast.
enum BatchMethod: Sendable {
    /// The combination for annual series with interval multipliers computed once.
    case annual(AnnualForecaster, IntervalQuantiles)
    /// One trend model (or the AICc choice of `selectTrend`) fitted to every series.
    case trend(ModelSpecification)
}

/// How the series of a batch are forecast and written: the method, the horizon and the levels.
struct BatchForecast: Sendable {
    let horizon: Int
    let levels: [Double]
    let method: BatchMethod

    static func header(levels: [Double]) -> String {
        "series_id,t,model,mean," + levels.map { "lo\(formatNumber($0)),hi\(formatNumber($0))" }.joined(separator: ",") + "\n"
    }

    /// What forecasting one series gave: its CSV rows, or why it could not be forecast.
    enum SeriesResult: Sendable {
        case rows([UInt8])
        case failure(id: String, reason: String)
    }

    struct ChunkResult {
        var bytes: [UInt8] = []
        var failures: [(id: String, reason: String)] = []
        var succeeded = 0
    }

    /// The rows of one series, or its failure.
    func forecast(_ entry: LongSeriesBatch.Entry) -> SeriesResult {
        var result = ChunkResult()
        forecast(entry, into: &result)
        if let failure = result.failures.first { return .failure(id: failure.id, reason: failure.reason) }
        return .rows(result.bytes)
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

/// Forecasts series on all cores as they are handed in and writes their rows in input order.
///
/// Series come in chunks of `chunkSize` to a concurrent queue; at most `window` chunks are in
/// flight, so a reader faster than the forecasts waits instead of piling series up. Finished series
/// wait in a reorder buffer until every series before them (in order of first appearance) is
/// written; rows go to `sink` in pieces of about 1 MB. Memory is then bounded by the window, not by
/// the number of series: when the input's series each come in one block they finish in order, and
/// the buffer holds at most the chunks in flight.
final class OrderedForecastStream: @unchecked Sendable {
    /// Series per chunk: large enough that scheduling costs nothing, small enough to balance two or
    /// sixty-four cores.
    static let chunkSize = 64
    /// Chunks in flight per core.
    static let chunksPerCore = 8
    /// Bytes gathered before a write to the sink.
    static let writeSize = 1 << 20

    struct Outcome {
        var failures: [(id: String, reason: String)]
        var succeeded: Int
    }

    private let job: BatchForecast
    private let header: [UInt8]
    private let sink: ([UInt8]) throws -> Void
    private let progress: ProgressLine?
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "plancast.forecast", attributes: .concurrent)
    private var pending: [(entry: LongSeriesBatch.Entry, order: Int)] = []

    // Guarded by `lock`.
    private let lock = NSLock()
    private var finished: [Int: BatchForecast.SeriesResult] = [:]
    private var next = 0
    private var buffer: [UInt8] = []
    private var wroteHeader = false
    private var failures: [(id: String, reason: String)] = []
    private var succeeded = 0
    private var writeError: Error?
    private var stopped = false
    /// The most finished series that ever waited for an earlier one (the reorder buffer's peak).
    private(set) var mostWaiting = 0

    /// Series at most in flight: the chunks the window allows.
    var window: Int { Self.chunkSize * windowChunks }
    private let windowChunks: Int

    init(job: BatchForecast, header: String, sink: @escaping ([UInt8]) throws -> Void, progress: ProgressLine?) {
        self.job = job
        self.header = Array(header.utf8)
        self.sink = sink
        self.progress = progress
        windowChunks = Self.chunksPerCore * max(1, ProcessInfo.processInfo.activeProcessorCount)
        slots = DispatchSemaphore(value: windowChunks)
    }

    /// Hands in one series with its position in input order (each position from 0 once).
    ///
    /// - Throws: the first error of the sink, so that reading stops once the output has failed.
    func submit(_ entry: LongSeriesBatch.Entry, order: Int) throws {
        pending.append((entry, order))
        if pending.count >= Self.chunkSize { try dispatchPending() }
    }

    private func dispatchPending() throws {
        if let error = lock.withLock({ writeError }) { throw error }
        guard !pending.isEmpty else { return }
        let chunk = pending
        pending = []
        slots.wait()
        group.enter()
        queue.async { [self] in
            let results = chunk.map { ($0.order, job.forecast($0.entry)) }
            slots.signal()
            progress?.advance(by: chunk.count)
            lock.withLock {
                for (order, result) in results { finished[order] = result }
                mostWaiting = max(mostWaiting, finished.count)
                drain()
            }
            group.leave()
        }
    }

    /// Moves the finished series that are next in order to the buffer, and writes a full buffer.
    /// Called with `lock` held.
    private func drain() {
        while let result = finished.removeValue(forKey: next) {
            next += 1
            switch result {
            case let .rows(bytes):
                if !wroteHeader { buffer += header; wroteHeader = true }
                buffer += bytes
                succeeded += 1
            case let .failure(id, reason):
                failures.append((id, reason))
            }
        }
        if buffer.count >= Self.writeSize { flush() }
    }

    /// Writes the buffer to the sink (with `lock` held), keeping the first error.
    private func flush() {
        guard !buffer.isEmpty, writeError == nil, !stopped else { buffer = []; return }
        do { try sink(buffer) } catch { writeError = error }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Waits for every series handed in, writes the rest and returns what was forecast.
    ///
    /// - Throws: the first error of the sink.
    func finish() throws -> Outcome {
        try dispatchPending()
        group.wait()
        return try lock.withLock {
            drain()
            flush()
            if let writeError { throw writeError }
            return Outcome(failures: failures, succeeded: succeeded)
        }
    }

    /// Stops writing (reading failed): waits for the series in flight and drops their rows.
    func abandon() {
        lock.withLock { stopped = true }
        pending = []
        group.wait()
    }
}

/// A one-line progress report on standard error for a terminal, shown only once a run has taken
/// more than 2 seconds, and cleared at the end.
final class ProgressLine: @unchecked Sendable {
    /// Series in all, when known before the end.
    private let total: Int?
    private let started: DispatchTime
    private let lock = NSLock()
    private var done = 0
    private var shown = false
    private var timer: DispatchSourceTimer?

    /// Seconds before the line appears.
    static let delay = 2.0

    init(total: Int?, started: DispatchTime) {
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
            if let total {
                let percent = total > 0 ? 100 * done / total : 100
                writeStandardError("\rplancast: forecasting \(done) of \(total) series (\(percent)%)\u{1B}[K")
            } else {
                writeStandardError("\rplancast: forecast \(done) series\u{1B}[K")
            }
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
