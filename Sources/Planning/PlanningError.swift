/// A problem in a plan (scenario file) that names the key path and says what to do.
public struct PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key path, e.g. `scenarios.covid.adjustments[1].indicator`.
    public var key: String
    public var message: String

    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}
