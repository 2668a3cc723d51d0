import ArgumentParser
import Foundation
import Forecasting
import DataFiles
import Reports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The root command: `plancast <verb> …`.
public struct Plancast: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plancast",
        abstract: "Trend forecasts and scenario simulations for planning targets.",
        discussion: """
        Fits growth trends to annual series by least squares (LAPACK), projects scenarios with \
        prediction intervals and seeded Monte Carlo, and assesses each target: projected value, \
        probability of meeting it, gap, and required against historical growth.
        """,
        version: "0.1.0",
        subcommands: [Run.self, Fit.self, Forecast.self, Accuracy.self, Backtest.self, Validate.self, Compare.self, Draft.self, DataCommand.self])

    public init() {}
}

/// Runs a command body, turning every error into one clear line on stderr and an exit status:
/// 65 bad data, 66 missing input, 73 output not writable (a file, or standard output), 64 usage, 1
/// anything else.
///
/// Several independent problems of the input files (`InputProblems`) are listed one a line, in file
/// order, then counted (see `printProblems`).
///
/// - Parameters:
///   - options: the command's options an error may be about, named in its message (see
///     `InputError.namingOptions`); a command with an output option is one that writes, and the
///     count of problems says that nothing was written.
///   - language: the language of the count of problems (`vi` or `en`).
/// Refuses a path given empty (`--out "$DIR"` with DIR unset, or `plancast run ""`), which every later
/// message would name as nothing ("plancast: error: cannot be replaced …").
///
/// - Parameter what: the option (`--out`) or the argument (`the scenario file`) as the message names it.
func requireNonEmptyPaths(_ paths: [String?], _ what: String) throws {
    if paths.contains(where: { $0?.trimmingCharacters(in: .whitespaces).isEmpty == true }) {
        throw ValidationError("Please give \(what) a path: it is empty (an unset shell variable?).")
    }
}

func reportingErrors(_ options: OptionNames = OptionNames(), language: String = "en", _ body: () throws -> Void) throws {
    StandardOutput.holdPlaceIfClosed()
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as InputError {
        printError(error.namingOptions(options).description)
        throw ExitCode(error.exitStatus)
    } catch let error as InputProblems {
        printProblems(error, options: options, language: language, wroteNothing: options.output != nil)
        throw ExitCode(error.exitStatus)
    } catch let error as StandardOutput.WriteFailure {
        printError(error.description)
        throw ExitCode(73)
    } catch let error as ForecastingError {
        printError(error.description)
        throw ExitCode(65)
    } catch let error as ValidationError {
        throw error
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}

/// Standard output written so that a failure is reported, never ignored or trapped on.
///
/// `print` buffers and drops the error of the final flush (a full disk or `> /dev/full` exits 0);
/// `FileHandle.write(_:)` traps (exit 132). Every command writes its output with
/// `StandardOutput.write(_:)` instead, which writes straight to descriptor 1 and throws.
///
/// ```swift
/// try StandardOutput.write(table.render())   // plancast: error: could not write to standard output: No space left on device; …
/// ```
enum StandardOutput {
    /// A write to standard output failed; `reportingErrors` turns it into exit status 73.
    struct WriteFailure: Error, CustomStringConvertible {
        /// The `errno` of the failed write.
        var code: Int32
        var description: String {
            "could not write to standard output: \(String(cString: strerror(code))); check where the output goes (disk space, the file or pipe it is redirected to)"
        }
    }

    /// Set when descriptor 1 was closed at start; it then holds /dev/null (see `holdPlaceIfClosed`).
    nonisolated(unsafe) private static var wasClosed = false

    /// With standard output closed (`>&-`), the next file the command opens would get descriptor 1
    /// and receive its output. Called before anything is opened: /dev/null takes the place, and
    /// writes fail as they would on the closed descriptor (`EBADF`).
    static func holdPlaceIfClosed() {
        guard fcntl(STDOUT_FILENO, F_GETFD) < 0, errno == EBADF else { return }
        wasClosed = open("/dev/null", O_WRONLY | O_CLOEXEC) == STDOUT_FILENO
    }

    /// Writes all of `text`.
    ///
    /// - Throws: `WriteFailure` with the system's reason.
    static func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `data`.
    ///
    /// - Throws: `WriteFailure` with the system's reason.
    static func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Writes all of `bytes`.
    ///
    /// - Throws: `WriteFailure` with the system's reason.
    static func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer) throws {
        if wasClosed { throw WriteFailure(code: EBADF) }
        if let code = writeAll(bytes, to: STDOUT_FILENO) { throw WriteFailure(code: code) }
    }
}

/// Writes all of `bytes` to `descriptor`, resuming after interruptions and partial writes.
///
/// - Returns: the `errno` of a failed write, or nil when everything was written.
func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let count = write(descriptor, bytes.baseAddress! + offset, min(bytes.count - offset, 1 << 30))
        if count < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += count
    }
    return nil
}

/// Prints `plancast: error: …` on standard error, on one line whatever the message holds.
func printError(_ message: String) {
    writeStandardError("plancast: error: \(message.split(whereSeparator: \.isNewline).joined(separator: " "))\n")
}

/// The most problems listed at once: enough for every independent mistake of a scenario file, few
/// enough to read.
let problemsListed = 20

/// Each problem on its own line, as `printError` writes one (at most `problemsListed`), then a line
/// that counts them.
///
/// ```
/// plancast: error: plan.yaml:6: horizn: unknown key 'horizn'; did you mean 'horizon'?
/// plancast: error: plan.yaml:15: indicators[0].targets[0].kind: unknown kind 'levl'; …
/// plancast: 2 problems in plan.yaml; nothing written
/// ```
func printProblems(_ error: InputProblems, options: OptionNames = OptionNames(), language: String = "en", wroteNothing: Bool) {
    for problem in error.problems.prefix(problemsListed) {
        printError(problem.namingOptions(options).description)
    }
    let count = Labels(language: language).problems(error.problems.count, in: error.files,
                                                    shown: min(error.problems.count, problemsListed), wroteNothing: wroteNothing)
    writeStandardError("plancast: \(count)\n")
}

func printNote(_ message: String) {
    writeStandardError("plancast: note: \(message)\n")
}

extension CSVDialect: ExpressibleByArgument {}

func printWarning(_ message: String) {
    writeStandardError("plancast: warning: \(message)\n")
}

/// Writes to standard error; a failure is ignored, as there is nowhere left to report it (and
/// `FileHandle.standardError.write` would trap).
func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
}
