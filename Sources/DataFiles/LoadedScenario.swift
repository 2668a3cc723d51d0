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
    /// Every independent problem of the two files is reported at once: the scenario file is read to
    /// the end whatever it holds (unless it is no YAML mapping at all), the data file is read when the
    /// scenario file names it, and the checks of one against the other are made for every indicator
    /// that could be read.
    ///
    /// - Parameter currentYear: the calendar year now, after which no actual may be dated (injectable
    ///   for tests).
    /// - Parameter dialect: the data file's CSV dialect, overriding the scenario file's `csv_dialect`.
    /// - Throws: `InputError` naming the file and line or key path and what to do: a missing file
    ///   (`.noInput`), malformed or inconsistent content (`.data`); `InputProblems` with every problem,
    ///   the scenario file's first, each file's in line order, when there are several.
    public init(contentsOf path: String, currentYear: Int = currentCalendarYear(), dialect: CSVDialect? = nil) throws {
        var reading = try readScenario(at: path)
        if let dialect { reading.document.csvDialect = dialect }
        var problems = reading.problems
        var data: SeriesTable?
        if reading.namesData {
            do {
                let table = try readDataFile(at: reading.document.dataPath, sheet: reading.document.dataSheet,
                                             dialect: reading.document.csvDialect).applyingScales(of: reading.document)
                problems += scenarioDataProblems(reading.document, table, currentYear: currentYear).filter(reading.isIndependent)
                data = table
            } catch var error as InputError {
                // A data file that is not there is named by the scenario file: say where, and that the
                // path is read from the scenario file's folder.
                if error.category == .noInput, error.file == reading.document.dataPath, error.line == nil {
                    let line = reading.document.line(of: "data").map { ":\($0)" } ?? ""
                    error.message += " (the data: of \(path)\(line), read from that file's folder)"
                }
                problems.append(error)
            }
        }
        try InputProblems.throwIfAny(problems.filter { $0.file == path } + problems.filter { $0.file != path })
        guard let data else { preconditionFailure("a scenario file without problems names its data file") }
        self.init(document: reading.document, data: data)
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
    ///   path (`InputProblems` for several); a scenario asked for that the file does not define (or asked for twice) is a usage
    ///   error with subject `.requestedScenario`.
    public func run(_ options: RunOptions = RunOptions()) throws -> PlanResult {
        do {
            return try runPlan(plan, data: data.series, options: options)
        } catch let error as PlanningError {
            throw InputError(planning: error, in: document)
        } catch let error as PlanningProblems {
            try InputProblems.throwIfAny(error.problems.map { InputError(planning: $0, in: document) })
            throw error
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
