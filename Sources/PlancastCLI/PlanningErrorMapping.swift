import Planning
import PlancastIO

extension InputError {
    /// A planning error as the command line says it: a request of `--scenario` (an unknown or a repeated
    /// name) is a wrong option (exit 64); anything else is about the scenario file's content (exit 65).
    init(planning error: PlanningError, file: String) {
        if error.requestedScenario != nil {
            self.init(file: file, key: "--scenario", error.message, category: .usage)
        } else {
            self.init(file: file, key: error.key, error.message, category: .data)
        }
    }
}
