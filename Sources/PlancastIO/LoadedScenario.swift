import Forecasting
import Planning

/// A scenario file and its data file, read and checked once: where a run, a backtest and a
/// validation start.
///
/// Loading reads the YAML (every key path keeps its line), reads the data file it names, and checks
/// the two against each other (`checkScenarioData`), so that a later error still names the file and
/// line it comes from.
///
/// ```swift
/// let scenario = try LoadedScenario(contentsOf: "Scenarios/langson-2025.yaml")
/// let result = try scenario.run(RunOptions(scenarios: ["baseline"]))
/// let first = result.assessments[0]
/// print(first.targetID, first.status, first.probabilityOfMeeting ?? .nan)
/// ```
public struct LoadedScenario: Sendable {
    /// The scenario file as read: the plan, the data file's path and the line of every key.
    public let document: ScenarioDocument
    /// The data file's series, each row with its line.
    public let data: SeriesTable

    /// The plan the scenario file describes.
    public var plan: Plan { document.plan }

    /// Reads the scenario file at `path` and its data file, and checks them against each other.
    ///
    /// - Parameter currentYear: the calendar year now, after which no actual may be dated (injectable
    ///   for tests).
    /// - Throws: `InputError` naming the file and line or key path and what to do: a missing file
    ///   (`.noInput`), malformed or inconsistent content (`.data`).
    /// - Parameter dialect: the data file's CSV dialect, overriding the scenario file's `csv_dialect`.
    public init(contentsOf path: String, currentYear: Int = currentCalendarYear(), dialect: CSVDialect? = nil) throws {
        var document = try readScenarioFile(at: path)
        if let dialect { document.csvDialect = dialect }
        let data = try readDataFile(at: document.dataPath, sheet: document.dataSheet, dialect: document.csvDialect).applyingScales(of: document)
        try checkScenarioData(document, data, currentYear: currentYear)
        self.init(document: document, data: data)
    }

    /// A scenario already read (the checks of `init(contentsOf:)` are the caller's).
    public init(document: ScenarioDocument, data: SeriesTable) {
        self.document = document
        self.data = data
    }

    /// The last year of any value in the data file (the plan's horizon when the file has none).
    public var lastDataYear: Int { data.series.values.compactMap(\.lastYear).max() ?? plan.horizon }

    /// Fits, simulates and assesses every target under every scenario asked for.
    ///
    /// - Returns: the result, holding the as-of year, horizon, draws and seed it used; every report
    ///   renders from it.
    /// - Throws: `InputError` for a planning error, with the scenario file and the line of its key
    ///   path; a scenario asked for that the file does not define (or asked for twice) is a usage
    ///   error with subject `.requestedScenario`.
    public func run(_ options: RunOptions = RunOptions()) throws -> PlanResult {
        do {
            return try runPlan(plan, data: data.series, options: options)
        } catch let error as PlanningError {
            throw InputError(planning: error, in: document)
        }
    }
}

extension InputError {
    /// A planning error located in the scenario file: its key path and the line of that key (or of
    /// the nearest enclosing key); a request of the caller (`requestedScenario`) is a usage error.
    public init(planning error: PlanningError, in document: ScenarioDocument) {
        if let scenario = error.requestedScenario {
            self.init(file: document.path, error.message, category: .usage, subject: .requestedScenario(scenario))
        } else {
            self.init(file: document.path, line: document.line(of: error.key), key: error.key, error.message, category: .data)
        }
    }
}
