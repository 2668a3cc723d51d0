import Foundation

/// What a program run by `runProgram` printed and how it ended.
public struct ProgramRun: Sendable {
    public var status: Int32
    /// Standard output and standard error together, in the order written.
    public var output: String
}

/// Runs `arguments` through `/usr/bin/env` (a program found on PATH, or a path), waits for it and
/// returns its exit status and its output (standard output and error together).
///
/// - Throws: when the program cannot be started.
public func runProgram(_ arguments: [String]) throws -> ProgramRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return ProgramRun(status: process.terminationStatus, output: text)
}

/// Whether `arguments` run (see `runProgram`) and exit with status 0: for probing installed tools.
public func programSucceeds(_ arguments: [String]) -> Bool {
    (try? runProgram(arguments))?.status == 0
}
