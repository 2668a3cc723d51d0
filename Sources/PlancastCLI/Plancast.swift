import ArgumentParser
import Foundation
import Forecasting
import PlancastIO

/// The root command: `plancast <verb> …`.
public struct Plancast: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plancast",
        abstract: "Trend forecasts and scenario simulations for planning targets.",
        discussion: """
        Fits growth trends to annual series by least squares (LAPACK), projects scenarios with
        prediction intervals and seeded Monte Carlo, and assesses each target: projected value,
        probability of meeting it, gap, and required against historical growth.
        """,
        version: "0.1.0",
        subcommands: [Run.self, Fit.self, Forecast.self, Accuracy.self, Backtest.self, Validate.self, Compare.self])

    public init() {}
}

/// Runs a command body, turning every error into one clear line on stderr and an exit status:
/// 65 bad data, 66 missing input, 73 output not writable, 64 usage, 1 anything else.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as InputError {
        printError(error.description)
        throw ExitCode(error.exitStatus)
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

func printError(_ message: String) {
    FileHandle.standardError.write(Data("plancast: error: \(message)\n".utf8))
}

func printWarning(_ message: String) {
    FileHandle.standardError.write(Data("plancast: warning: \(message)\n".utf8))
}
