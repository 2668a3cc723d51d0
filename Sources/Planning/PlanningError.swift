/// A problem in a plan (scenario file) that names the key path and says what to do.
public struct PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key path, e.g. `scenarios.covid.adjustments[1].indicator`.
    public var key: String
    public var message: String
    /// The scenario the caller asked to run, when the error is about that request (an unknown or a
    /// repeated name) rather than about the plan itself.
    public var requestedScenario: String?

    public init(key: String, _ message: String, requestedScenario: String? = nil) {
        self.key = key
        self.message = message
        self.requestedScenario = requestedScenario
    }

    public var description: String { "\(key): \(message)" }
}

/// Every problem of a plan that the checks found, each with its key path, in the order of the checks.
///
/// ```swift
/// do { try plan.validate() } catch let error as PlanningProblems {
///     error.problems.map(\.key)   // ["horizon", "scenarios.covid.adjustments[0].indicator"]
/// }
/// ```
///
/// `Plan.validate()` throws it when a plan has two or more independent problems; one problem alone is
/// thrown as the `PlanningError` itself.
public struct PlanningProblems: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two or more problems, each naming its key path.
    public var problems: [PlanningError]

    public init(_ problems: [PlanningError]) {
        self.problems = problems
    }

    /// Throws nothing for no problem, the problem itself for one, and `PlanningProblems` for more.
    public static func throwIfAny(_ problems: [PlanningError]) throws {
        if problems.count == 1 { throw problems[0] }
        if problems.count > 1 { throw PlanningProblems(problems) }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
