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
