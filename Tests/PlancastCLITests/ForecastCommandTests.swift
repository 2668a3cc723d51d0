import Foundation
import Testing
import PlancastTestSupport
import Reports
import DataFiles

/// `plancast forecast` and `plancast accuracy` as a user runs them.
@Suite("plancast forecast and accuracy")
struct ForecastCommandTests {
    static let m3 = Fixtures.data("m3")

    /// A scratch folder holding `files`.
    static func folder(_ files: [String: String]) throws -> URL { try makeTemporaryFolder("forecast", texts: files) }

    static let mixed = """
    series_id,t,value
    b,3,12
    a,2001,5
    b,1,10
    a,2002,6
    a,2003,8
    b,2,11
    short,1,3
    short,2,4
    gap,1,1
    gap,2,2
    gap,4,4
    bad,1,abc
    a,2004,9

    """

    @Test("rows in any order: series in order of first appearance, t continuing, failures listed, exit 0")
    func mixedBatch() throws {
        let folder = try Self.folder(["in.csv": Self.mixed])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["forecast", "--input", "in.csv", "--horizon", "2", "--output", "out.csv"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines[0] == "series_id,t,model,mean,lo80,hi80,lo95,hi95")
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                == ["b,4,annual", "b,5,annual", "a,2005,annual", "a,2006,annual"])
        #expect(run.standardError.contains("3 of 5 series could not be forecast"))
        #expect(run.standardError.contains("short: series 'short' has 2 points"))
        #expect(run.standardError.contains("gap: no value for t = 3"))
        #expect(run.standardError.contains("bad: in.csv:13: value: 'abc' is not a number"))
    }

    @Test("a row without a series_id is listed apart: it is not counted as a series that could not be forecast")
    func rowOfNoSeries() throws {
        let folder = try Self.folder(["in.csv": "series_id,t,value\na,1,1\na,2,2\na,3,4\n,4,5\nbad,1,x\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["forecast", "--input", "in.csv", "--horizon", "1", "--output", "out.csv"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        // It said "2 of 2 series could not be forecast" while 'a' was forecast and written.
        #expect(run.standardError.contains("1 of 2 series could not be forecast:\n  bad: in.csv:6: value: 'x' is not a number"))
        #expect(run.standardError.contains("1 row belongs to no series and was left out:\n  in.csv: line 5: the series_id is missing"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.csv").path))
    }

    @Test("the same input gives byte-identical output; standard output with -")
    func deterministic() throws {
        let folder = try Self.folder(["in.csv": Self.mixed])
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try PlancastProcess.run(["forecast", "--input", "in.csv", "--horizon", "3"], in: folder)
        let second = try PlancastProcess.run(["forecast", "--input", "in.csv", "--horizon", "3", "--output", "-"], in: folder)
        #expect(first.status == 0 && !first.standardOutput.isEmpty)
        #expect(first.standardOutput == second.standardOutput)
    }

    @Test("when no series can be forecast nothing is written and the exit status is 65")
    func nothingForecast() throws {
        let folder = try Self.folder(["in.csv": "series_id,t,value\nx,1,1\nx,2,2\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["forecast", "--input", "in.csv", "--horizon", "2", "--output", "out.csv"], in: folder)
        #expect(run.status == 65)
        #expect(run.standardError.contains("x: series 'x' has 2 points"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.csv").path))
    }

    @Test("usage mistakes are refused with what to do", arguments: [
        (["--horizon", "0"], "--horizon"),
        (["--horizon", "2", "--levels", "80,120"], "--levels"),
        (["--horizon", "2", "--cap", "100"], "--cap"),
        (["--horizon", "2", "--output", "in.csv"], "never overwrites"),
        // planning is the simulated forecaster of run and fit; forecast used to choose by AICc instead.
        (["--horizon", "2", "--model", "planning"], "--model planning is the planning forecaster"),
        // --sheet with a CSV file was ignored without a word.
        (["--horizon", "2", "--sheet", "data"], "Please drop --sheet or give an .xlsx workbook"),
    ])
    func usage(_ extra: [String], _ hint: String) throws {
        let folder = try Self.folder(["in.csv": Self.mixed])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["forecast", "--input", "in.csv"] + extra, in: folder)
        #expect(run.status == 64)
        #expect(run.standardError.contains(hint))
        #expect(try String(contentsOf: folder.appendingPathComponent("in.csv"), encoding: .utf8) == Self.mixed)
    }

    @Test("a named trend model fits that trend to every series, with the levels asked for")
    func trendModel() throws {
        let folder = try Self.folder(["in.csv": Self.mixed])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["forecast", "--input", "in.csv", "--horizon", "1", "--model", "linear", "--levels", "50,90"], in: folder)
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines[0] == "series_id,t,model,mean,lo50,hi50,lo90,hi90")
        #expect(lines.contains { $0.hasPrefix("gap,5,linear,") })
    }

    @Test("accuracy prints score.py's numbers for the reference forecast file")
    func accuracyTable() throws {
        let folder = Self.m3.appendingPathComponent("accuracy")
        let run = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv",
                                           "--forecasts", "thetaf_forecasts.csv"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        // score.json, rounded as score.py prints: 15.79 2.954 0.897 0.659 0.810 36.34.
        let row = run.standardOutput.split(separator: "\n").first { $0.hasPrefix("thetaf") }.map {
            $0.split(separator: " ").map(String.init)
        }
        #expect(row == ["thetaf", "15.79", "2.954", "0.897", "0.659", "0.810", "36.34"])
    }

    @Test("accuracy reads the workbook forecast writes (and workbooks of training and test values), with the scores of the CSV files")
    func accuracyOfWorkbooks() throws {
        let folder = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let train = Self.m3.appendingPathComponent("yearly_train.csv").path, test = Self.m3.appendingPathComponent("yearly_test.csv").path
        for output in ["f.csv", "f.xlsx"] {
            let run = try PlancastProcess.run(["forecast", "--input", train, "--horizon", "6", "--output", output], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
        }
        // The test values as a workbook too, one sheet made from the CSV file by Reports' writer.
        try workbookData([WorkbookSheet(name: "test", csv: Data(contentsOf: URL(fileURLWithPath: test)))])
            .write(to: folder.appendingPathComponent("test.xlsx"))
        let csv = try PlancastProcess.run(["accuracy", "--train", train, "--test", test, "--forecasts", "f.csv"], in: folder)
        // Before, both were read as CSV: "f.xlsx:1: holds a NUL byte … save it as CSV UTF-8".
        let workbook = try PlancastProcess.run(["accuracy", "--train", train, "--test", "test.xlsx", "--forecasts", "f.xlsx"], in: folder)
        #expect(csv.status == 0 && workbook.status == 0, "\(workbook.standardError)")
        let table: (String) -> [Substring] = { $0.split(separator: "\n").filter { $0.hasPrefix("annual") || $0.hasPrefix("Naive2") } }
        #expect(table(csv.standardOutput).count == 2)
        #expect(table(workbook.standardOutput) == table(csv.standardOutput))
    }

    @Test("accuracy says when the forecasts are of other series, or of other periods, instead of asking for a longer horizon")
    func accuracyOtherSeries() throws {
        let folder = try Self.folder(["train.csv": "series_id,t,value\na,1,1\na,2,2\na,3,4\n",
                                      "test.csv": "series_id,t,value\na,4,5\na,5,6\n",
                                      "other.csv": "series_id,t,model,mean\nx,4,m,5\nx,5,m,6\n",
                                      "later.csv": "series_id,t,model,mean\na,5,m,5\na,6,m,6\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "other.csv"], in: folder)
        #expect(other.status == 65)
        #expect(other.standardError.contains("other.csv: has no forecasts for series 'a' of test.csv (its series are others, e.g. 'x')"), "\(other.standardError)")
        #expect(!other.standardError.contains("--horizon"))
        let later = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "later.csv"], in: folder)
        #expect(later.status == 65)
        #expect(later.standardError.contains("(its forecasts of 'a' are for t = 5…6); the forecasts were made from another training file"), "\(later.standardError)")
    }

    @Test("accuracy leaves out, and names, a series whose training values never change, and scores the others")
    func accuracyConstantTraining() throws {
        let folder = try Self.folder(["train.csv": "series_id,t,value\na,1,1\na,2,2\na,3,4\nflat,1,5\nflat,2,5\nflat,3,5\n",
                                      "test.csv": "series_id,t,value\na,4,5\nflat,4,6\n",
                                      "f.csv": "series_id,t,model,mean\na,4,m,5\nflat,4,m,5\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "f.csv"], in: folder)
        // It refused the whole file ("train.csv: series 'flat' cannot be scaled …"), exit 65.
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("1 series, 1 values"))
        #expect(run.standardOutput.contains("Not scored: 1 series of test.csv (flat)"))
        #expect(run.standardError.contains("series 'flat' not scored: train.csv: series 'flat' cannot be scaled: its 3 training values never change"))
        #expect(!run.standardError.contains("have no test value"))
    }

    @Test("accuracy scores the coverage of every interval forecast --levels wrote, not only 80% and 95%")
    func accuracyOtherLevels() throws {
        let folder = try Self.folder(["train.csv": "series_id,t,value\na,1,1\na,2,2\na,3,4\nb,1,5\nb,2,6\nb,3,8\n",
                                      "test.csv": "series_id,t,value\na,4,5\na,5,6\nb,4,9\nb,5,20\n",
                                      // 50%: a@4 and b@4 inside; 99.5%: all but b@5; no 80% or 95% interval.
                                      "f.csv": "series_id,t,model,mean,lo50,hi50,lo99.5,hi99.5\na,4,m,5,4,6,0,10\na,5,m,6,7,8,0,10\nb,4,m,9,8,10,0,10\nb,5,m,10,9,11,0,10\n",
                                      "half.csv": "series_id,t,model,mean,lo50\na,4,m,5,4\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "f.csv"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        // It printed "–" for 80% and 95% and nothing for the intervals the file has.
        #expect(lines.contains(["method", "sMAPE", "MASE", "OWA", "50%", "cov", "80%", "cov", "95%", "cov", "99.5%", "cov", "MSIS"]), "\(run.standardOutput)")
        #expect(lines.contains { $0.first == "m" && Array($0.suffix(5)) == ["0.500", "–", "–", "0.750", "–"] }, "\(run.standardOutput)")
        let half = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "half.csv"], in: folder)
        #expect(half.status == 65)
        #expect(half.standardError.contains("half.csv:1: has lo50 without hi50; give both ends of an interval"), "\(half.standardError)")
    }

    @Test("accuracy refuses training values that reach into the test period, instead of scoring against them")
    func accuracyTrainingOverlapsTest() throws {
        let train = Self.m3.appendingPathComponent("yearly_train.csv").path, test = Self.m3.appendingPathComponent("yearly_test.csv").path
        let whole = try String(contentsOfFile: train, encoding: .utf8) + (try String(contentsOfFile: test, encoding: .utf8)).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let folder = try Self.folder(["whole.csv": whole])
        defer { try? FileManager.default.removeItem(at: folder) }
        let forecast = try PlancastProcess.run(["forecast", "--input", train, "--horizon", "6", "--output", "f.csv"], in: folder)
        #expect(forecast.status == 0)
        // With the whole series as --train it printed OWA 1.073 (Naive2 being the last test value), exit 0.
        let run = try PlancastProcess.run(["accuracy", "--train", "whole.csv", "--test", test, "--forecasts", "f.csv"], in: folder)
        #expect(run.status == 65)
        #expect(run.standardError.contains("whole.csv: has values of series 'N0001' up to t = 20, but its test values start at t = 15"), "\(run.standardError)")
    }

    @Test("a CSV file in the Vietnamese Excel dialect is recognised by its header and forecast and scored as its standard twin")
    func vietnameseExcelCSV() throws {
        let train = "series_id,t,value\nKhách du lịch,1,2600.5\nKhách du lịch,2,2800\nKhách du lịch,3,3100.25\nKhách du lịch,4,3000\n"
        let test = "series_id,t,value\nKhách du lịch,5,3300.5\nKhách du lịch,6,3500\n"
        let folder = try Self.folder(["train.csv": train, "test.csv": test,
                                      "train-vi.csv": vietnameseDialect(train.split(separator: "\n").map(String.init)).joined(separator: "\r\n") + "\r\n",
                                      "test-vi.csv": vietnameseDialect(test.split(separator: "\n").map(String.init)).joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try String(contentsOf: folder.appendingPathComponent("train-vi.csv"), encoding: .utf8).contains("Khách du lịch;1;2600,5"))
        let standard = try PlancastProcess.run(["forecast", "--input", "train.csv", "--horizon", "2", "--output", "f.csv"], in: folder)
        // It refused: "the header is separated by semicolons; plancast reads comma-separated files …".
        let vietnamese = try PlancastProcess.run(["forecast", "--input", "train-vi.csv", "--horizon", "2", "--output", "f-vi.csv"], in: folder)
        #expect(standard.status == 0 && vietnamese.status == 0, "\(vietnamese.standardError)")
        #expect(vietnamese.standardError.contains("train-vi.csv: read as CSV in the Vietnamese Excel dialect"))
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("f.csv").path)
                == FileManager.default.contents(atPath: folder.appendingPathComponent("f-vi.csv").path))
        let scores = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "f.csv"], in: folder)
        let scoresVi = try PlancastProcess.run(["accuracy", "--train", "train-vi.csv", "--test", "test-vi.csv", "--forecasts", "f.csv"], in: folder)
        #expect(scoresVi.status == 0, "\(scoresVi.standardError)")
        let rows: (String) -> [Substring] = { $0.split(separator: "\n").filter { $0.hasPrefix("annual") } }
        #expect(rows(scoresVi.standardOutput) == rows(scores.standardOutput) && rows(scores.standardOutput).count == 1)
    }

    @Test("accuracy names the forecasts that are missing")
    func accuracyMissing() throws {
        let folder = try Self.folder(["train.csv": "series_id,t,value\na,1,1\na,2,2\na,3,4\n",
                                      "test.csv": "series_id,t,value\na,4,5\na,5,6\n",
                                      "f.csv": "series_id,t,model,mean\na,4,m,5\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["accuracy", "--train", "train.csv", "--test", "test.csv", "--forecasts", "f.csv"], in: folder)
        #expect(run.status == 65)
        #expect(run.standardError.contains("f.csv: has no forecast for 1 test value, e.g. a@t=5"))
    }
}
