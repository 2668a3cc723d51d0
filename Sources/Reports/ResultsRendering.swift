import Foundation
import DataFiles
import Planning

/// A format of the results set that `run` writes.
public enum ResultsFormat: String, Sendable, Hashable, CaseIterable {
    /// `projections.csv` and `targets.csv`.
    case csv
    /// `results.json`.
    case json
    /// `summary.md`.
    case md
    /// `report.html`.
    case html
    /// `results.xlsx`.
    case xlsx
}

/// Renders the files of a results set in memory, each format on its own core: nothing is written, so
/// a failure leaves no file behind.
///
/// ```swift
/// let files = try renderResults(result, formats: [.csv, .md], style: CSVStyle(), language: "en")
/// files.map(\.name)   // ["projections.csv", "targets.csv", "summary.md"]
/// ```
///
/// - Parameters:
///   - formats: the formats to render; the files come in the order of `ResultsFormat.allCases`.
///   - style: byte-order mark, line ends and dialect of the CSV files.
///   - language: `vi` or `en`, for every human-readable text.
/// - Returns: file names and contents, the same bytes whatever the number of cores.
/// - Throws: the first error, in that order, of a format that could not be rendered.
public func renderResults(_ result: PlanResult, formats: Set<ResultsFormat>, style: CSVStyle,
                          language: String) throws -> [(name: String, data: Data)] {
    var jobs: [(names: [String], render: @Sendable () throws -> [Data])] = []
    for format in ResultsFormat.allCases where formats.contains(format) {
        switch format {
        case .csv:
            jobs.append((["projections.csv", "targets.csv"],
                         { [result.projectionsCSV(style), result.targetsCSV(style, language: language)] }))
        case .json: jobs.append((["results.json"], { [try result.resultsJSON(language: language)] }))
        case .md: jobs.append((["summary.md"], { [Data(result.summaryMarkdown(language: language).utf8)] }))
        case .html: jobs.append((["report.html"], { [Data(htmlReport(result, language: language).utf8)] }))
        case .xlsx: jobs.append((["results.xlsx"], { [try result.resultsWorkbook(language: language)] }))
        }
    }
    let outputs = ConcurrentSlots<Result<[Data], any Error>>(count: jobs.count)
    let renderers = jobs.map(\.render)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
        outputs.set(i, Result { try renderers[i]() })
    }
    var files: [(name: String, data: Data)] = []
    for (job, output) in zip(jobs, outputs.values()) {
        files += zip(job.names, try output.get()).map { (name: $0, data: $1) }
    }
    return files
}

/// Slots written once each from different threads, read after all writes finished.
final class ConcurrentSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Value) { lock.withLock { storage[i] = value } }
    func values() -> [Value] { lock.withLock { storage.map { $0! } } }
}
