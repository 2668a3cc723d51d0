import ArgumentParser
import Foundation
import Testing
@testable import PlancastCLI
import PlancastTestSupport

// Issue 12, item 9: the smaller ones, each as a user meets it.
@Suite("Issue 12, the small ones")
struct SmallFixesTests {
    /// A poverty rate in % falling towards 0, and tourist arrivals.
    static let shares = """
    series,year,value,unit
    poverty_rate,2014,6.1,%
    poverty_rate,2015,4.9,%
    poverty_rate,2016,3.7,%
    poverty_rate,2017,2.6,%
    poverty_rate,2018,1.9,%
    poverty_rate,2019,1.1,%
    poverty_rate,2020,0.6,%
    tourists,2016,1.1,million
    tourists,2017,1.3,million
    tourists,2018,1.4,million
    tourists,2019,1.7,million
    tourists,2020,1.9,million

    """

    @Test("fit --series poverty suggests poverty_rate")
    func nearestSeriesName() throws {
        let folder = try makeTemporaryFolder("small", texts: ["data.csv": Self.shares])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["fit", "data.csv", "--series", "poverty"], in: folder)
        #expect(run.status == 64)
        #expect(run.standardError.contains("has no series 'poverty'; did you mean 'poverty_rate'?"), "\(run.standardError)")
    }

    /// The numbers of the projection table of `fit`'s output (every number after the header line).
    static func projectionNumbers(_ output: String) -> [Double] {
        guard let start = output.range(of: "\nProjection") else { return [] }
        let table = output[start.upperBound...].split(separator: "\n").dropFirst(2)
        return table.flatMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "–" }).dropFirst().compactMap { Double($0) }
        }
    }

    @Test("fit on a share keeps the projection and its intervals inside 0–100, with a trend model and with auto",
          arguments: [["--model", "linear"], ["--model", "exponential"], []])
    func shareInsideBounds(_ model: [String]) throws {
        let folder = try makeTemporaryFolder("small", texts: ["data.csv": Self.shares])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["fit", "data.csv", "--series", "poverty_rate", "--through", "2026"] + model, in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("kept inside 0–100"), "\(run.standardOutput)")
        let numbers = Self.projectionNumbers(run.standardOutput)
        #expect(numbers.count >= 6 * 4, "\(run.standardOutput)")
        #expect(numbers.allSatisfy { $0 >= 0 && $0 <= 100 }, "\(run.standardOutput)")
    }

    @Test("--lower-bound keeps a series without a unit above it")
    func lowerBound() throws {
        let folder = try makeTemporaryFolder("small", texts: ["data.csv": Self.shares.replacingOccurrences(of: ",%", with: ",")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let free = try PlancastProcess.run(["fit", "data.csv", "--series", "poverty_rate", "--model", "linear", "--through", "2026"], in: folder)
        #expect(Self.projectionNumbers(free.standardOutput).contains { $0 < 0 }, "without a bound the linear trend goes below 0: \(free.standardOutput)")
        let bounded = try PlancastProcess.run(["fit", "data.csv", "--series", "poverty_rate", "--model", "linear", "--through", "2026",
                                               "--lower-bound", "0"], in: folder)
        #expect(bounded.status == 0, "\(bounded.standardError)")
        #expect(bounded.standardOutput.contains("kept at or above 0"))
        #expect(Self.projectionNumbers(bounded.standardOutput).allSatisfy { $0 >= 0 }, "\(bounded.standardOutput)")
    }

    @Test("fit says on which scale the residual σ and the drift are")
    func sigmaScale() throws {
        let folder = try makeTemporaryFolder("small", texts: ["data.csv": Self.shares])
        defer { try? FileManager.default.removeItem(at: folder) }
        let exponential = try PlancastProcess.run(["fit", "data.csv", "--series", "tourists", "--model", "exponential"], in: folder)
        #expect(exponential.standardOutput.contains(#/residual σ = [0-9.e-]+ \(on the log scale\) on 3 degrees of freedom/#), "\(exponential.standardOutput)")
        let linear = try PlancastProcess.run(["fit", "data.csv", "--series", "tourists", "--model", "linear"], in: folder)
        #expect(linear.standardOutput.contains("(in the data's units)"), "\(linear.standardOutput)")
        let auto = try PlancastProcess.run(["fit", "data.csv", "--series", "poverty_rate"], in: folder)
        #expect(auto.standardOutput.contains("Drift candidates (per year, on the logit(0–100) scale):"), "\(auto.standardOutput)")
    }

    @Test("a # line in a CSV data file is refused with its line; Excel's trailing empty fields and rows are ignored")
    func commentsAndTrailingCommas() throws {
        let plain = "series,year,value\nvisitors,2018,1.5\nvisitors,2019,1.7\nvisitors,2020,1.9\n"
        let excel = "series,year,value,,\r\nvisitors,2018,1.5,,\r\nvisitors,2019,1.7,,\r\nvisitors,2020,1.9,,\r\n,,,,\r\n,,,,\r\n"
        let folder = try makeTemporaryFolder("small", texts: ["plain.csv": plain, "excel.csv": excel, "comment.csv": "# from the statistics office\n" + plain,
                                      "commented-row.csv": plain.replacingOccurrences(of: "visitors,2019", with: "#visitors,2019")])
        defer { try? FileManager.default.removeItem(at: folder) }
        for (file, line) in [("comment.csv", 1), ("commented-row.csv", 3)] {
            let run = try PlancastProcess.run(["validate", file], in: folder)
            #expect(run.status == 65)
            #expect(run.standardError == "plancast: error: \(file):\(line): starts with '#', but a CSV file has no comment lines (this one would be read as data); delete the line, or put the note in the source or quote column\n")
        }
        let a = try PlancastProcess.run(["fit", "plain.csv", "--series", "visitors", "--model", "linear"], in: folder)
        let b = try PlancastProcess.run(["fit", "excel.csv", "--series", "visitors", "--model", "linear"], in: folder)
        #expect(b.status == 0, "\(b.standardError)")
        #expect(a.standardOutput.replacingOccurrences(of: "plain.csv", with: "excel.csv") == b.standardOutput)
        #expect(b.standardError.isEmpty, "\(b.standardError)")
    }

    @Test("accuracy scores the series it can and names the ones it cannot, with the reason")
    func accuracyScoresTheRest() throws {
        let folder = try makeTemporaryFolder("small", texts: ["train.csv": "series_id,t,value\na,1,1\na,2,2\na,3,4\nb,1,5\nb,2,6\nb,3,8\nc,1,2\nc,2,3\nc,3,4\n",
                                      "test.csv": "series_id,t,value\na,4,5\nb,4,9\nc,4,5\nd,4,1\n",
                                      "f.csv": "series_id,t,model,mean\na,4,m,5.5\nc,4,m,4.5\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "f.csv"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Accuracy of f.csv on test.csv: 2 series, 2 values\nNot scored: 2 series of test.csv (b, d)"), "\(run.standardOutput)")
        #expect(run.standardError.contains("plancast: warning: series 'b' not scored: f.csv: has no forecast for 1 test value, e.g. b@t=4"), "\(run.standardError)")
        #expect(run.standardError.contains("plancast: warning: series 'd' not scored: train.csv: has no values for series 'd' of test.csv"), "\(run.standardError)")
    }

    @Test("no --help text is wrapped twice: a discussion breaks lines only between paragraphs or before an indented example")
    func helpWrappedOnce() throws {
        func commands(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
            [command] + command.configuration.subcommands.flatMap(commands)
        }
        for command in commands(Plancast.self) {
            let lines = command.configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
                #expect(next.hasPrefix(" "), "\(command.configuration.commandName ?? "\(command)"): a hard line break before '\(next.prefix(30))'")
            }
        }
        // As printed in an 80-column terminal: each line of an overview is as full as the next word allows.
        let folder = try makeTemporaryFolder("small", texts: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["--help"], ["run", "--help"], ["backtest", "--help"], ["accuracy", "--help"]] {
            let help = try PlancastProcess.run(arguments, in: folder, environment: ["COLUMNS": "80"])
            let overview = help.standardOutput.components(separatedBy: "\nUSAGE:")[0].split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(overview, overview.dropFirst()) where !line.isEmpty && !next.isEmpty && !next.hasPrefix(" ") {
                let word = next.split(separator: " ").first ?? ""
                #expect(line.count + 1 + word.count >= 80, "\(arguments): '\(line)' could have taken '\(word)': wrapped twice")
            }
        }
    }
}
