import Foundation
@testable import PlancastCLI

/// Runs `plancast` in this process with `arguments` (as `main.swift` would, without exiting); returns
/// the exit status the command would have ended with.
@discardableResult
func runPlancast(_ arguments: [String]) -> Int32 {
    do {
        var command = try Plancast.parseAsRoot(arguments)
        try command.run()
        return 0
    } catch {
        return Plancast.exitCode(for: error).rawValue
    }
}
