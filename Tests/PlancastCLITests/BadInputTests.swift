import Foundation
import Testing
import PlancastTestSupport
@testable import DataFiles
@testable import Reports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The bad-input catalogue (issue 7): every mistake an analyst makes in a data file, a scenario file or
// on the command line gets one clear message that names the file and the line or key and says what to
// do, the right exit status (64 usage, 65 data, 66 missing input, 73 cannot create), and no output
// file created or changed. Never a trap, never a stack trace.
//
// Each case lays out a small valid plan in a fresh folder, spoils one thing, runs the built
// `plancast` as a subprocess (so exit status and stderr are exactly what a user sees), and compares
// a snapshot of the whole folder, including a previous `out/` with old outputs, before and after.

// MARK: - The valid plan every case starts from

/// Eight years of a count (with a COVID dip flagged as an estimate) and seven of a share.
let validData = """
series,year,value,kind,source
visitors,2013,1.10,actual,statistics office
visitors,2014,1.22,actual,statistics office
visitors,2015,1.31,actual,statistics office
visitors,2016,1.45,actual,statistics office
visitors,2017,1.52,actual,statistics office
visitors,2018,1.68,actual,statistics office
visitors,2019,1.80,actual,statistics office
visitors,2020,1.21,estimate,"report, 2020"
coverage,2014,41.0,actual,survey
coverage,2015,45.5,actual,survey
coverage,2016,50.2,actual,survey
coverage,2017,54.1,actual,survey
coverage,2018,58.9,actual,survey
coverage,2019,62.0,actual,survey
coverage,2020,66.3,actual,survey

"""

/// Line numbers in `validData`: the header is line 1, visitors 2015 is line 4, coverage 2019 line 15.
let validPlan = """
plancast: 1
title: Test province
data: data.csv
as_of: 2020
base_year: 2020
horizon: 2025
simulation: {draws: 200, seed: 7}
indicators:
  - id: visitors
    series: visitors
    unit: million
    model: {type: linear, pulse: [2020]}
    bounds: {lower: 0}
    targets:
      - {id: T1, kind: level, year: 2025, comparison: at_least, value: 2.5}
  - id: coverage
    series: coverage
    model: {type: logistic, cap: 100}
    bounds: {lower: 0, upper: 100}
    targets:
      - {id: T2, kind: share, year: 2025, comparison: at_least, value: 80}
scenarios:
  baseline: {}
  covid:
    description: border closure
    adjustments:
      - {indicator: visitors, type: shock, years: [2021], change: -0.5}
      - {indicator: visitors, type: recovery, from: 2022, years: 2}

"""

/// Outputs of an earlier run in `out/`: a failed run must leave them exactly as they are.
let previousOutputs = ["targets.csv": "previous targets\n", "projections.csv": "previous projections\n"]

func replacing(_ text: String, _ old: String, _ new: String) -> String {
    precondition(text.contains(old), "fixture does not contain \(old)")
    return text.replacingOccurrences(of: old, with: new)
}

func spoiledPlan(_ old: String, _ new: String) -> [String: Data] {
    ["plan.yaml": Data(replacing(validPlan, old, new).utf8), "data.csv": Data(validData.utf8)]
}

func spoiledData(_ old: String, _ new: String) -> [String: Data] {
    ["plan.yaml": Data(validPlan.utf8), "data.csv": Data(replacing(validData, old, new).utf8)]
}

func dataFile(_ bytes: Data) -> [String: Data] {
    ["plan.yaml": Data(validPlan.utf8), "data.csv": bytes]
}

let validFiles: [String: Data] = ["plan.yaml": Data(validPlan.utf8), "data.csv": Data(validData.utf8)]

/// A long file for `forecast` and `accuracy` (`t` is a period number, not a year); line 3 is a,2.
let validLong = """
series_id,t,value
a,1,10
a,2,12
a,3,13
a,4,15
a,5,16

"""

func spoiledLong(_ old: String, _ new: String) -> [String: Data] {
    ["long.csv": Data(replacing(validLong, old, new).utf8)]
}

/// What `accuracy` needs besides the training file: the values that followed and a forecast of them.
let accuracyFiles: [String: Data] = ["long.csv": Data(validLong.utf8), "test.csv": Data("series_id,t,value\na,6,17\n".utf8),
                                     "forecasts.csv": Data("series_id,t,model,mean\na,6,linear,17.5\n".utf8)]
let accuracyArguments = ["accuracy", "--train", "long.csv", "--test", "test.csv", "--forecasts", "forecasts.csv"]

/// A targets.csv as `run` writes it, for `compare`.
let runTargets = """
target_id,indicator,scenario,target_year,comparison,target,target_high,projected,p_meet,status
T1,visitors,baseline,2025,at_least,2.5,,2.61,0.64,on_track

"""

// MARK: - The catalogue

/// One bad input and what plancast must answer.
struct BadInput: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable { case data = "data CSV", scenario = "scenario YAML", option = "command line", output = "output folder" }

    var kind: Kind
    var name: String
    var files: [String: Data]
    /// The command line; `--out out` is added to `run` unless the case gives its own `--out`.
    var arguments: [String]
    var status: Int32
    /// Where: the file and line (`data.csv:4`) or the key or option (`horizon`, `--draws`).
    var location: String
    /// What to do, as the message says it.
    var advice: String
    /// Extra set-up in the case's folder (a sparse file, a FIFO, permissions).
    var prepare: (@Sendable (URL) throws -> Void)? = nil
    /// Run as an unprivileged user (permission cases when the tests run as root).
    var unprivileged = false
    /// Where standard output goes: captured (as always), a full device, or closed.
    var standardOutput: StandardOutputTarget = .captured

    enum StandardOutputTarget: String, Sendable { case captured, full = ">/dev/full", closed = ">&-" }

    var testDescription: String { "\(kind.rawValue): \(name)" }
}

let runArguments = ["run", "plan.yaml"]
let fitArguments = ["fit", "data.csv", "--series", "visitors"]

let catalogue: [BadInput] = [
    // ── Data CSV ──────────────────────────────────────────────────────────────────────────────
    BadInput(kind: .data, name: "an empty file", files: dataFile(Data()), arguments: runArguments,
             status: 65, location: "data.csv:", advice: "it needs a header row"),
    BadInput(kind: .data, name: "a header only", files: dataFile(Data("series,year,value,kind,source\n".utf8)), arguments: runArguments,
             status: 65, location: "data.csv:1", advice: "add one row per series and year"),
    BadInput(kind: .data, name: "semicolon separators with decimal commas read as standard CSV (fit --csv-dialect standard)",
             files: dataFile(Data("series;year;value\nvisitors;2013;1,10\nvisitors;2014;1,22\n".utf8)), arguments: fitArguments + ["--csv-dialect", "standard"],
             status: 65, location: "data.csv:1", advice: "save as \"CSV UTF-8 (comma delimited)\""),
    BadInput(kind: .data, name: "tab separators", files: dataFile(Data("series\tyear\tvalue\nvisitors\t2013\t1.1\n".utf8)), arguments: runArguments,
             status: 65, location: "data.csv:1", advice: "plancast reads comma-separated files"),
    BadInput(kind: .data, name: "a decimal comma in a quoted field", files: spoiledData("2015,1.31", "2015,\"1,31\""), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "write numbers with a dot as decimal mark"),
    BadInput(kind: .data, name: "a decimal comma splitting the row", files: spoiledData("2015,1.31", "2015,1,31"), arguments: runArguments,
             status: 65, location: "data.csv:4", advice: "write it with a dot (1.31)"),
    BadInput(kind: .data, name: "a thousands separator", files: spoiledData("2015,1.31", "2015,\"1,310.5\""), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "write it without separators (1310.5)"),
    BadInput(kind: .data, name: "a year written 2015.0", files: spoiledData("2015,1.31", "2015.0,1.31"), arguments: runArguments,
             status: 65, location: "data.csv:4: year", advice: "write 2015"),
    BadInput(kind: .data, name: "a year range", files: spoiledData("2015,1.31", "2015-2016,1.31"), arguments: runArguments,
             status: 65, location: "data.csv:4: year", advice: "give one calendar year per row"),
    BadInput(kind: .data, name: "a year still to come (a typo for 2019)", files: spoiledData("2019,1.80", "2919,1.80"), arguments: runArguments,
             status: 65, location: "data.csv:8: year", advice: "correct the year"),
    BadInput(kind: .data, name: "a duplicate row", files: spoiledData("coverage,2020,66.3,actual,survey", "coverage,2020,66.3,actual,survey\nvisitors,2015,1.31,actual,again"),
             arguments: runArguments, status: 65, location: "data.csv:17", advice: "keep one row per series and year"),
    BadInput(kind: .data, name: "NaN", files: spoiledData("2015,1.31", "2015,NaN"), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "Inf", files: spoiledData("2015,1.31", "2015,Inf"), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "1e308", files: spoiledData("2015,1.31", "2015,1e308"), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "check the units"),
    BadInput(kind: .data, name: "1e200 (would turn every projection into NaN)", files: spoiledData("2015,1.31", "2015,1e200"), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "check the units"),
    BadInput(kind: .data, name: "a negative count (indicator bounded below by 0)", files: spoiledData("2015,1.31", "2015,-1.31"), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "correct the value, or the bound"),
    BadInput(kind: .data, name: "a share above 100", files: spoiledData("2019,62.0", "2019,162.0"), arguments: runArguments,
             status: 65, location: "data.csv:15: value", advice: "correct the value, or the bound"),
    BadInput(kind: .data, name: "an empty value", files: spoiledData("2015,1.31", "2015,"), arguments: runArguments,
             status: 65, location: "data.csv:4: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "a misspelled kind", files: spoiledData("2015,1.31,actual", "2015,1.31,actaul"), arguments: runArguments,
             status: 65, location: "data.csv:4: kind", advice: "use actual or estimate"),
    BadInput(kind: .data, name: "no value column", files: spoiledData("series,year,value,kind", "series,year,amount,kind"), arguments: runArguments,
             status: 65, location: "data.csv:1", advice: "the header needs series,year,value"),
    BadInput(kind: .data, name: "a row with too few fields", files: spoiledData("visitors,2016,1.45,actual,statistics office", "visitors,2016,1.45"), arguments: runArguments,
             status: 65, location: "data.csv:5", advice: "quote fields that contain commas"),
    BadInput(kind: .data, name: "a quote never closed", files: spoiledData("\"report, 2020\"", "\"report, 2020"), arguments: runArguments,
             status: 65, location: "data.csv:9", advice: "add the closing quote"),
    BadInput(kind: .data, name: "Latin-1 text (not UTF-8)",
             files: dataFile(Data("series,year,value\nL".utf8) + Data([0xE9]) + Data(",2013,1\n".utf8)),
             arguments: runArguments, status: 65, location: "data.csv:", advice: "save it in Excel as \"CSV UTF-8 (Comma delimited)\", or convert it: iconv -f CODEPAGE -t UTF-8"),
    BadInput(kind: .data, name: "a 200 MB file (sparse: no disk used)", files: dataFile(Data()), arguments: runArguments,
             status: 65, location: "data.csv:", advice: "split it or keep only the series you need",
             prepare: { folder in
                 let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("data.csv"))
                 try handle.truncate(atOffset: 200 << 20)
                 try handle.close()
             }),
    BadInput(kind: .data, name: "a device without end (/dev/zero): read only up to the limit", files: spoiledPlan("data: data.csv", "data: /dev/zero"),
             arguments: runArguments, status: 65, location: "/dev/zero:", advice: "holds more than the 100 MB plancast reads"),
    BadInput(kind: .data, name: "a path that is a folder", files: ["plan.yaml": Data(validPlan.utf8)], arguments: runArguments,
             status: 66, location: "data.csv:", advice: "give the path of a file inside it",
             prepare: { folder in try FileManager.default.createDirectory(at: folder.appendingPathComponent("data.csv"), withIntermediateDirectories: false) }),
    BadInput(kind: .data, name: "a missing file", files: ["plan.yaml": Data(validPlan.utf8)], arguments: runArguments,
             status: 66, location: "data.csv:", advice: "no such file; check the path (the data: of plan.yaml:3, read from that file's folder)"),
    BadInput(kind: .data, name: "data: written with a Windows '\\'", files: ["plan.yaml": Data(replacing(validPlan, "data: data.csv", #"data: input\data.csv"#).utf8)],
             arguments: runArguments, status: 66, location: #"input\data.csv:"#, advice: "write folders with '/', not '\\': input/data.csv",
             prepare: { folder in
                 try FileManager.default.createDirectory(at: folder.appendingPathComponent("input"), withIntermediateDirectories: false)
                 try Data(validData.utf8).write(to: folder.appendingPathComponent("input/data.csv"))
             }),
    BadInput(kind: .data, name: "data: in other letter case than the file (Data.CSV for data.csv)",
             files: ["plan.yaml": Data(replacing(validPlan, "data: data.csv", "data: Data.CSV").utf8), "data.csv": Data(validData.utf8)],
             arguments: runArguments, status: 66, location: "Data.CSV:", advice: "did you mean 'data.csv'? (names differ in case on Linux)"),
    BadInput(kind: .data, name: "a named pipe with no writer (must not hang)", files: ["plan.yaml": Data(validPlan.utf8)], arguments: runArguments,
             status: 65, location: "data.csv:", advice: "it needs a header row",
             prepare: { folder in
                 guard mkfifo(folder.appendingPathComponent("data.csv").path, 0o644) == 0 else { throw ProcessFailure("mkfifo failed") }
             }),
    BadInput(kind: .data, name: "a file without read permission", files: validFiles, arguments: runArguments,
             status: 66, location: "data.csv:", advice: "check its permissions",
             prepare: { folder in
                 guard chmod(folder.appendingPathComponent("data.csv").path, 0) == 0 else { throw ProcessFailure("chmod failed") }
             },
             unprivileged: true),

    // Issue 16: numbers and years read strictly, one reader for all of them.
    BadInput(kind: .data, name: "a three-digit year (201 read as a year before 2013)", files: spoiledData("visitors,2015,1.31", "visitors,201,1.31"),
             arguments: runArguments, status: 65, location: "data.csv:4: year", advice: "is not a four-digit calendar year"),
    BadInput(kind: .data, name: "a year 0", files: spoiledData("visitors,2015,1.31", "visitors,0,1.31"),
             arguments: runArguments, status: 65, location: "data.csv:4: year", advice: "is not a four-digit calendar year"),
    BadInput(kind: .data, name: "a year −5", files: spoiledData("visitors,2015,1.31", "visitors,-5,1.31"),
             arguments: runArguments, status: 65, location: "data.csv:4: year", advice: "is not a four-digit calendar year"),
    BadInput(kind: .data, name: "a year 02015 (five digits)", files: spoiledData("visitors,2015,1.31", "visitors,02015,1.31"),
             arguments: runArguments, status: 65, location: "data.csv:4: year", advice: "is not a four-digit calendar year"),
    BadInput(kind: .data, name: "fit: a three-digit year", files: spoiledData("visitors,2015,1.31", "visitors,201,1.31"),
             arguments: fitArguments, status: 65, location: "data.csv:4: year", advice: "is not a four-digit calendar year"),
    BadInput(kind: .data, name: "validate: a three-digit year", files: spoiledData("visitors,2015,1.31", "visitors,201,1.31"),
             arguments: ["validate", "data.csv"], status: 65, location: "data.csv:4: year", advice: "is not a four-digit calendar year"),
    BadInput(kind: .data, name: "a NUL byte inside a value (read as 1)", files: spoiledData("2015,1.31", "2015,1\u{0}99"),
             arguments: runArguments, status: 65, location: "data.csv:4", advice: "NUL byte"),
    BadInput(kind: .data, name: "forecast: a NUL byte inside a value", files: spoiledLong("a,2,12", "a,2,1\u{0}2"),
             arguments: ["forecast", "--input", "long.csv", "--horizon", "2"], status: 65, location: "long.csv:3", advice: "NUL byte"),
    BadInput(kind: .data, name: "a hexadecimal number (0x6A read as 106)", files: spoiledData("2015,1.31", "2015,0x6A"),
             arguments: runArguments, status: 65, location: "data.csv:4: value", advice: "plain decimal number"),
    BadInput(kind: .data, name: "a hexadecimal float (0x1p-2 read as 0.25)", files: spoiledData("2015,1.31", "2015,0x1p-2"),
             arguments: runArguments, status: 65, location: "data.csv:4: value", advice: "plain decimal number"),
    BadInput(kind: .data, name: "accuracy: a hexadecimal number in the long reader", files: accuracyFiles.merging(spoiledLong("a,2,12", "a,2,0xC")) { $1 },
             arguments: accuracyArguments, status: 65, location: "long.csv:3: value", advice: "plain decimal number"),
    BadInput(kind: .data, name: "infinity", files: spoiledData("2015,1.31", "2015,infinity"),
             arguments: runArguments, status: 65, location: "data.csv:4: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "-INFINITY", files: spoiledData("2015,1.31", "2015,-INFINITY"),
             arguments: runArguments, status: 65, location: "data.csv:4: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "nan in lower case", files: spoiledData("2015,1.31", "2015,nan"),
             arguments: runArguments, status: 65, location: "data.csv:4: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "accuracy: inf in the long reader", files: accuracyFiles.merging(spoiledLong("a,2,12", "a,2,inf")) { $1 },
             arguments: accuracyArguments, status: 65, location: "long.csv:3: value", advice: "leave the row out when there is no value"),
    BadInput(kind: .data, name: "a number without digits before the point (.5)", files: spoiledData("2015,1.31", "2015,.31"),
             arguments: runArguments, status: 65, location: "data.csv:4: value", advice: "write 0.31"),
    BadInput(kind: .data, name: "two header columns with the same name (the first silently won)",
             files: spoiledData("series,year,value,kind,source", "series,year,value,kind,value"),
             arguments: runArguments, status: 65, location: "data.csv:1", advice: "'value' twice (columns 3 and 5)"),
    BadInput(kind: .data, name: "forecast: two header columns with the same name",
             files: ["long.csv": Data(validLong.replacingOccurrences(of: "\n", with: ",x\n").replacingOccurrences(of: "value,x", with: "value,Value").utf8)],
             arguments: ["forecast", "--input", "long.csv", "--horizon", "2"], status: 65, location: "long.csv:1", advice: "'value' twice (columns 3 and 4)"),

    // ── Scenario YAML ─────────────────────────────────────────────────────────────────────────
    BadInput(kind: .scenario, name: "an empty file", files: ["plan.yaml": Data(), "data.csv": Data(validData.utf8)], arguments: runArguments,
             status: 65, location: "plan.yaml:", advice: "starts with 'plancast: 1'"),
    BadInput(kind: .scenario, name: "a tab in the indentation", files: spoiledPlan("    series: visitors", "\tseries: visitors"), arguments: runArguments,
             status: 65, location: "plan.yaml:10", advice: "replace the tab with spaces"),
    BadInput(kind: .scenario, name: "a tab in the indentation of a CRLF file",
             files: ["plan.yaml": Data(replacing(validPlan, "    series: visitors", "\tseries: visitors").replacingOccurrences(of: "\n", with: "\r\n").utf8),
                     "data.csv": Data(validData.utf8)],
             arguments: runArguments, status: 65, location: "plan.yaml:10", advice: "replace the tab with spaces"),
    BadInput(kind: .scenario, name: "20000 nested brackets (overflowed the stack in Yams)",
             files: spoiledPlan("title: Test province", "title: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)),
             arguments: runArguments, status: 65, location: "plan.yaml:2", advice: "check the brackets and the indentation"),
    BadInput(kind: .scenario, name: "100000 nested sequences '- - - …' (overflowed the stack in Yams)",
             files: spoiledPlan("title: Test province", "title:\n  " + String(repeating: "- ", count: 100_000) + "x"),
             arguments: runArguments, status: 65, location: "plan.yaml:3", advice: "check the brackets and the indentation"),
    BadInput(kind: .scenario, name: "a misspelled top-level key", files: spoiledPlan("horizon: 2025", "horizn: 2025"), arguments: runArguments,
             status: 65, location: "plan.yaml:6: horizn", advice: "did you mean 'horizon'?"),
    BadInput(kind: .scenario, name: "a misspelled key in a target", files: spoiledPlan("comparison: at_least, value: 2.5", "comparision: at_least, value: 2.5"), arguments: runArguments,
             status: 65, location: "plan.yaml:15: indicators[0].targets[0].comparision", advice: "did you mean 'comparison'?"),
    BadInput(kind: .scenario, name: "a key given twice", files: spoiledPlan("title: Test province", "title: Test province\ntitle: again"), arguments: runArguments,
             status: 65, location: "plan.yaml:3: title", advice: "keep one"),
    BadInput(kind: .scenario, name: "broken YAML (a brace never closed)", files: spoiledPlan("{draws: 200, seed: 7}", "{draws: 200, seed: 7"), arguments: runArguments,
             status: 65, location: "plan.yaml:8", advice: "check the indentation, brackets and quotes"),
    BadInput(kind: .scenario, name: "no format version", files: spoiledPlan("plancast: 1\n", ""), arguments: runArguments,
             status: 65, location: "plan.yaml:1: plancast", advice: "must start with 'plancast: 1'"),
    BadInput(kind: .scenario, name: "an unknown format version", files: spoiledPlan("plancast: 1", "plancast: 2"), arguments: runArguments,
             status: 65, location: "plan.yaml:1: plancast", advice: "this plancast reads version 1"),
    BadInput(kind: .scenario, name: "a year written 2020.0", files: spoiledPlan("as_of: 2020", "as_of: 2020.0"), arguments: runArguments,
             status: 65, location: "plan.yaml:4: as_of", advice: "write 2020"),
    BadInput(kind: .scenario, name: "as_of 1e20 (trapped converting to Int)", files: spoiledPlan("as_of: 2020", "as_of: 1e20"), arguments: runArguments,
             status: 65, location: "plan.yaml:4: as_of", advice: "should be a whole number such as 2025"),
    BadInput(kind: .scenario, name: "a horizon of 200000000 (hung allocating the years)", files: spoiledPlan("horizon: 2025", "horizon: 200000000"), arguments: runArguments,
             status: 65, location: "plan.yaml:6: horizon", advice: "write the year"),
    BadInput(kind: .scenario, name: "a base year of Int.max (overflowed)", files: spoiledPlan("base_year: 2020", "base_year: 9223372036854775807"), arguments: runArguments,
             status: 65, location: "plan.yaml:5: base_year", advice: "write the year"),
    BadInput(kind: .scenario, name: "a horizon before as_of", files: spoiledPlan("horizon: 2025", "horizon: 2015"), arguments: runArguments,
             status: 65, location: "plan.yaml:15: indicators[0].targets[0].year", advice: "raise horizon or correct the year"),
    BadInput(kind: .scenario, name: "a target year before the data", files: spoiledPlan("year: 2025, comparison: at_least, value: 2.5", "year: 2010, comparison: at_least, value: 2.5"),
             arguments: runArguments, status: 65, location: "plan.yaml:15: indicators[0].targets[0].year", advice: "correct the year"),
    BadInput(kind: .scenario, name: "a share target above 100", files: spoiledPlan("comparison: at_least, value: 80", "comparison: at_least, value: 180"), arguments: runArguments,
             status: 65, location: "plan.yaml:21: indicators[1].targets[0].value", advice: "outside 0–100"),
    BadInput(kind: .scenario, name: "a misspelled target kind", files: spoiledPlan("kind: level", "kind: levl"), arguments: runArguments,
             status: 65, location: "plan.yaml:15: indicators[0].targets[0].kind", advice: "did you mean 'level'?"),
    BadInput(kind: .scenario, name: "a misspelled model", files: spoiledPlan("model: {type: linear, pulse: [2020]}", "model: logistc"), arguments: runArguments,
             status: 65, location: "plan.yaml:12: indicators[0].model", advice: "did you mean 'logistic'?"),
    BadInput(kind: .scenario, name: "a target id used twice", files: spoiledPlan("id: T2", "id: T1"), arguments: runArguments,
             status: 65, location: "plan.yaml:21: indicators[1].targets", advice: "ids must be unique"),
    BadInput(kind: .scenario, name: "a misspelled series", files: spoiledPlan("series: visitors", "series: visitorz"), arguments: runArguments,
             status: 65, location: "plan.yaml:10: indicators[0].series", advice: "did you mean 'visitors'?"),
    BadInput(kind: .scenario, name: "an adjustment of an unknown indicator", files: spoiledPlan("{indicator: visitors, type: shock", "{indicator: visitor, type: shock"),
             arguments: runArguments, status: 65, location: "plan.yaml:27: scenarios.covid.adjustments[0].indicator", advice: "did you mean 'visitors'?"),
    BadInput(kind: .scenario, name: "an unknown adjustment type", files: spoiledPlan("type: shock", "type: shok"), arguments: runArguments,
             status: 65, location: "plan.yaml:27: scenarios.covid.adjustments[0].type", advice: "did you mean 'shock'?"),
    BadInput(kind: .scenario, name: "a scenario that extends itself", files: spoiledPlan("    description: border closure", "    description: border closure\n    extends: covid"),
             arguments: runArguments, status: 65, location: "plan.yaml:26: scenarios.covid.extends", advice: "remove one extends"),
    BadInput(kind: .scenario, name: "an extends cycle", files: spoiledPlan("  baseline: {}\n  covid:\n    description: border closure", "  baseline: {extends: covid}\n  covid:\n    description: border closure\n    extends: baseline"),
             arguments: runArguments, status: 65, location: "plan.yaml:23: scenarios.baseline.extends", advice: "(baseline → covid → baseline); remove one extends"),
    BadInput(kind: .scenario, name: "an extends cycle through a name with brackets (trapped finding its line)",
             files: spoiledPlan("  baseline: {}", "  baseline: {}\n  \"a[b]c]d[\": {extends: \"a[b]c]d[\"}"),
             arguments: runArguments, status: 65, location: "plan.yaml:", advice: "remove one extends"),
    BadInput(kind: .scenario, name: "extends an unknown scenario", files: spoiledPlan("  baseline: {}", "  baseline: {extends: covd}"), arguments: runArguments,
             status: 65, location: "plan.yaml:23: scenarios.baseline.extends", advice: "the file defines baseline, covid"),
    BadInput(kind: .scenario, name: "a shock of −100%", files: spoiledPlan("change: -0.5", "change: -1"), arguments: runArguments,
             status: 65, location: "plan.yaml:27: scenarios.covid.adjustments[0].change", advice: "use a fraction above −1"),
    BadInput(kind: .scenario, name: "growth of −300 points (values would turn negative)",
             files: spoiledPlan("years: [2021], change: -0.5}", "years: [2021], change: -0.5}\n      - {indicator: visitors, type: growth, from: 2022, change: -300}"),
             arguments: runArguments, status: 65, location: "plan.yaml:28: scenarios.covid.adjustments[1].change", advice: "use more than −100"),
    BadInput(kind: .scenario, name: "a recovery from year Int.min (overflowed)", files: spoiledPlan("type: recovery, from: 2022", "type: recovery, from: -9223372036854775808"),
             arguments: runArguments, status: 65, location: "plan.yaml:28: scenarios.covid.adjustments[1].from", advice: "write the year"),
    BadInput(kind: .scenario, name: "draws: 0", files: spoiledPlan("draws: 200", "draws: 0"), arguments: runArguments,
             status: 65, location: "plan.yaml:7: simulation.draws", advice: "between 100 and 1,000,000 (more paths do not fit in 500 MB of memory)"),
    // Issue 16: the old documented maximum took 2.57 GB; the maximum is now what fits in 500 MB.
    BadInput(kind: .scenario, name: "draws: 10000000 (the old maximum, 2.57 GB of paths)", files: spoiledPlan("draws: 200", "draws: 10000000"),
             arguments: runArguments, status: 65, location: "plan.yaml:7: simulation.draws", advice: "more paths do not fit in 500 MB of memory"),
    // Issue 16: a chain of 5,000 extends was resolved in cubic time (validate took minutes: a hang here).
    BadInput(kind: .scenario, name: "5,000 scenarios in one chain of extends, the last naming an unknown indicator",
             files: spoiledPlan("      - {indicator: visitors, type: recovery, from: 2022, years: 2}\n",
                                "      - {indicator: visitors, type: recovery, from: 2022, years: 2}\n"
                                    + (1...5000).map { "  s\($0): {extends: \($0 == 1 ? "covid" : "s\($0 - 1)")}\n" }.joined()
                                    + "  last:\n    extends: s5000\n    adjustments:\n      - {indicator: visitrs, type: level, from: 2022, change: 1}\n"),
             arguments: runArguments, status: 65, location: "scenarios.last.adjustments[0].indicator", advice: "did you mean 'visitors'?"),
    BadInput(kind: .scenario, name: "a value with a decimal comma", files: spoiledPlan("value: 2.5}", "value: '2,5'}"), arguments: runArguments,
             status: 65, location: "plan.yaml:15: indicators[0].targets[0].value", advice: "with a dot as decimal mark"),
    BadInput(kind: .scenario, name: "a target value written with '%' (answered with the number to write)", files: spoiledPlan("value: 2.5}", "value: '2.5%'}"),
             arguments: runArguments, status: 65, location: "plan.yaml:15: indicators[0].targets[0].value", advice: "should be a number without '%': write 2.5"),
    BadInput(kind: .scenario, name: "a shock written as a percentage (the hint was 'a number such as 12.5', which reads as +1250%)",
             files: spoiledPlan("years: [2021], change: -0.5}", "years: [2021], change: '-50%'}"),
             arguments: runArguments, status: 65, location: "plan.yaml:27: scenarios.covid.adjustments[0].change", advice: "should be a fraction without '%': write -0.5 (a 50% fall)"),
    BadInput(kind: .scenario, name: "a non-breaking space after 'value:' (pasted from a word processor)", files: spoiledPlan("value: 2.5}", "value:\u{A0}2.5}"),
             arguments: runArguments, status: 65, location: "plan.yaml:15:", advice: "it holds a non-breaking space, as word processors write after ':'; type a plain space"),
    BadInput(kind: .scenario, name: "a non-breaking space after 'horizon:' (a YAML syntax error on the next line)", files: spoiledPlan("horizon: 2025", "horizon:\u{A0}2025"),
             arguments: runArguments, status: 65, location: "plan.yaml:7:", advice: "(line 6 holds a non-breaking space, as word processors write after ':'; type a plain space)"),
    BadInput(kind: .scenario, name: "a comparison written as its sign (>=)", files: spoiledPlan("comparison: at_least, value: 2.5}", "comparison: '>=', value: 2.5}"),
             arguments: runArguments, status: 65, location: "plan.yaml:15: indicators[0].targets[0].comparison", advice: "'>=' is a sign, not a comparison name; write at_least"),
    BadInput(kind: .scenario, name: "a comparison written as its sign (<)", files: spoiledPlan("comparison: at_least, value: 2.5}", "comparison: '<', value: 2.5}"),
             arguments: runArguments, status: 65, location: "plan.yaml:15: indicators[0].targets[0].comparison", advice: "write less_than"),
    BadInput(kind: .scenario, name: "indicators as text instead of a list", files: spoiledPlan("indicators:\n  - id: visitors", "indicators: visitors\nunused:\n  - id: visitors"),
             arguments: runArguments, status: 65, location: "plan.yaml:9: unused", advice: "valid keys:"),
    BadInput(kind: .scenario, name: "a scenario path that is a folder", files: validFiles, arguments: ["run", "folder.yaml"],
             status: 66, location: "folder.yaml:", advice: "give the path of a file inside it",
             prepare: { folder in try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false) }),
    BadInput(kind: .scenario, name: "a missing scenario file", files: validFiles, arguments: ["run", "plna.yaml"],
             status: 66, location: "plna.yaml:", advice: "check the path"),

    // Issue 16: tags, a missing baseline, a data file given as the scenario, options a model ignores.
    BadInput(kind: .scenario, name: "a YAML tag (!include was silently dropped)", files: spoiledPlan("title: Test province", "title: !include other.yaml"),
             arguments: runArguments, status: 65, location: "plan.yaml:2: title", advice: "remove the tag '!include'"),
    BadInput(kind: .scenario, name: "a YAML tag on a value (!!float)", files: spoiledPlan("value: 2.5}", "value: !!float 2.5}"),
             arguments: runArguments, status: 65, location: "plan.yaml:15: indicators[0].targets[0].value", advice: "remove the tag '!!float'"),
    BadInput(kind: .scenario, name: "a YAML tag on a mapping key", files: spoiledPlan("horizon: 2025", "!custom horizon: 2025"),
             arguments: runArguments, status: 65, location: "plan.yaml:6: horizon", advice: "remove the tag '!custom'"),
    BadInput(kind: .scenario, name: "a YAML tag on an empty scenario", files: spoiledPlan("  baseline: {}", "  baseline: !include base.yaml"),
             arguments: runArguments, status: 65, location: "plan.yaml:23: scenarios.baseline", advice: "remove the tag '!include'"),
    BadInput(kind: .scenario, name: "no baseline scenario", files: spoiledPlan("  baseline: {}\n", ""),
             arguments: runArguments, status: 65, location: "plan.yaml:22: scenarios", advice: "add 'baseline: {}'"),
    BadInput(kind: .scenario, name: "validate: no baseline scenario", files: spoiledPlan("  baseline: {}\n", ""),
             arguments: ["validate", "plan.yaml"], status: 65, location: "plan.yaml:22: scenarios", advice: "add 'baseline: {}'"),
    BadInput(kind: .scenario, name: "no scenarios at all", files: spoiledPlan("scenarios:\n  baseline: {}\n  covid:\n    description: border closure\n    adjustments:\n      - {indicator: visitors, type: shock, years: [2021], change: -0.5}\n      - {indicator: visitors, type: recovery, from: 2022, years: 2}\n", ""),
             arguments: runArguments, status: 65, location: "plan.yaml:1: scenarios", advice: "add 'scenarios:'"),
    BadInput(kind: .scenario, name: "the data file given as the scenario (printed the whole CSV)", files: validFiles, arguments: ["run", "data.csv"],
             status: 65, location: "data.csv:1", advice: "this looks like a data file, not a scenario: give the scenario YAML (see Scenarios/README.md)"),
    BadInput(kind: .scenario, name: "validate: a data file named .txt given as the scenario",
             files: ["data.txt": Data((validData + String(repeating: "visitors,2021,2,actual,https://example.org/a-long-source\n", count: 200)).utf8)],
             arguments: ["validate", "data.txt"], status: 65, location: "data.txt:1", advice: "this looks like a data file, not a scenario"),
    BadInput(kind: .scenario, name: "a list at the top level", files: ["plan.yaml": Data("- plancast: 1\n- title: x\n".utf8)], arguments: runArguments,
             status: 65, location: "plan.yaml:1", advice: "give the scenario YAML (see Scenarios/README.md)"),
    BadInput(kind: .scenario, name: "a long multi-line text where a year belongs (must not be echoed whole)",
             files: spoiledPlan("horizon: 2025", "horizon: |\n" + String(repeating: "  2025 is the horizon of the plan, written out at length\n", count: 300)),
             arguments: runArguments, status: 65, location: "plan.yaml:6: horizon", advice: "should be a whole number such as 2025"),
    BadInput(kind: .scenario, name: "a cap on a linear model (silently ignored)", files: spoiledPlan("model: {type: linear, pulse: [2020]}", "model: {type: linear, pulse: [2020], cap: 100}"),
             arguments: runArguments, status: 65, location: "plan.yaml:12: indicators[0].model.cap", advice: "only a logistic or gompertz model has a cap"),
    BadInput(kind: .scenario, name: "a degree on a linear model (silently ignored)", files: spoiledPlan("model: {type: linear, pulse: [2020]}", "model: {type: linear, degree: 3}"),
             arguments: runArguments, status: 65, location: "plan.yaml:12: indicators[0].model.degree", advice: "only a polynomial model has a degree"),
    BadInput(kind: .scenario, name: "a hexadecimal number", files: spoiledPlan("value: 2.5}", "value: 0x1p-2}"),
             arguments: runArguments, status: 65, location: "plan.yaml:15: indicators[0].targets[0].value", advice: "should be a number such as 12.5"),

    // ── Command line ──────────────────────────────────────────────────────────────────────────
    // An empty path (an unset shell variable) named nothing: "plancast: error: cannot be replaced (No such file or directory)".
    BadInput(kind: .option, name: "run --out '' (an unset variable)", files: validFiles, arguments: runArguments + ["--out", ""],
             status: 64, location: "--out", advice: "Please give --out a path: it is empty"),
    BadInput(kind: .option, name: "run '' as the scenario file", files: validFiles, arguments: ["run", ""],
             status: 64, location: "the scenario file", advice: "Please give the scenario file a path: it is empty"),
    BadInput(kind: .option, name: "forecast --output ''", files: validFiles, arguments: ["forecast", "--input", "data.csv", "--horizon", "2", "--output", ""],
             status: 64, location: "--output", advice: "Please give --output a path: it is empty"),
    BadInput(kind: .option, name: "validate with an empty file name among the files", files: validFiles, arguments: ["validate", "plan.yaml", ""],
             status: 64, location: "each file", advice: "Please give each file a path: it is empty"),
    BadInput(kind: .option, name: "an unknown --format", files: validFiles, arguments: runArguments + ["--format", "csv,pdf"],
             status: 64, location: "--format", advice: "Please choose --format from csv, json, md, html"),
    BadInput(kind: .option, name: "run --levels 100", files: validFiles, arguments: runArguments + ["--levels", "100"],
             status: 64, location: "--levels", advice: "percentages between 0 and 100"),
    BadInput(kind: .option, name: "backtest --origin after the data (said '0 later actuals scored', exit 0)", files: validFiles,
             arguments: ["backtest", "plan.yaml", "--origin", "2030"], status: 64, location: "plan.yaml: --origin",
             advice: "2030 is not before the last year of data (2020), so no later actual can be scored; give an earlier year"),
    BadInput(kind: .option, name: "backtest --levels 50,50", files: validFiles, arguments: ["backtest", "plan.yaml", "--origin", "2017", "--levels", "50,50"],
             status: 64, location: "--levels", advice: "each level in --levels once"),
    BadInput(kind: .option, name: "--draws 0", files: validFiles, arguments: runArguments + ["--draws", "0"],
             status: 64, location: "--draws", advice: "Please give --draws between 100 and 1000000: more paths do not fit in 500 MB of memory"),
    BadInput(kind: .option, name: "--draws -5 (a leading minus)", files: validFiles, arguments: runArguments + ["--draws", "-5"],
             status: 64, location: "--draws", advice: "Please give --draws between 100 and 1000000: more paths do not fit in 500 MB of memory"),
    BadInput(kind: .option, name: "--draws 10000000 (the old documented maximum: 142 s and 2.57 GB)", files: validFiles, arguments: runArguments + ["--draws", "10000000"],
             status: 64, location: "--draws", advice: "Please give --draws between 100 and 1000000: more paths do not fit in 500 MB of memory"),
    BadInput(kind: .option, name: "--seed -1", files: validFiles, arguments: runArguments + ["--seed", "-1"],
             status: 64, location: "--seed", advice: "invalid for '--seed <seed>'"),
    BadInput(kind: .option, name: "an unknown --scenario", files: validFiles, arguments: runArguments + ["--scenario", "covdi"],
             status: 64, location: "plan.yaml: --scenario", advice: "did you mean 'covid'?"),
    BadInput(kind: .option, name: "--as-of after the horizon", files: validFiles, arguments: runArguments + ["--as-of", "2030"],
             status: 64, location: "plan.yaml: --as-of", advice: "give a year up to 2025"),
    BadInput(kind: .option, name: "--as-of that is no year", files: validFiles, arguments: runArguments + ["--as-of", "-9223372036854775808"],
             status: 64, location: "--as-of", advice: "give a year such as 2020"),
    BadInput(kind: .option, name: "an unknown --lang", files: validFiles, arguments: runArguments + ["--lang", "fr"],
             status: 64, location: "--lang", advice: "Please give --lang vi or en"),
    BadInput(kind: .option, name: "an unknown option", files: validFiles, arguments: runArguments + ["--colour"],
             status: 64, location: "'--colour'", advice: "See 'plancast run --help'"),
    BadInput(kind: .option, name: "no scenario file", files: validFiles, arguments: ["run"],
             status: 64, location: "<scenario-file>", advice: "See 'plancast run --help'"),
    BadInput(kind: .option, name: "fit --level 150", files: validFiles, arguments: fitArguments + ["--level", "150"],
             status: 64, location: "--level", advice: "Please give --level between 0 and 100"),
    BadInput(kind: .option, name: "fit --break nonsense", files: validFiles, arguments: fitArguments + ["--break", "nonsense"],
             status: 64, location: "--break", advice: "Please write --break as step:YEAR or hinge:YEAR"),
    BadInput(kind: .option, name: "fit --pulse with text", files: validFiles, arguments: fitArguments + ["--pulse", "covid"],
             status: 64, location: "--pulse", advice: "years separated by commas"),
    BadInput(kind: .option, name: "fit --cap -5", files: validFiles, arguments: fitArguments + ["--model", "logistic", "--cap", "-5"],
             status: 64, location: "--cap", advice: "Please give --cap a positive number"),
    BadInput(kind: .option, name: "fit --degree 50", files: validFiles, arguments: fitArguments + ["--model", "polynomial", "--degree", "50"],
             status: 64, location: "--degree", advice: "Please give --degree between 1 and 10"),
    BadInput(kind: .option, name: "fit --model nonsense", files: validFiles, arguments: fitArguments + ["--model", "nonsense"],
             status: 64, location: "--model", advice: "Please provide one of the following"),
    BadInput(kind: .option, name: "fit --damping on a polynomial", files: validFiles, arguments: fitArguments + ["--model", "quadratic", "--damping", "0.5"],
             status: 64, location: "--model", advice: "damping applies to linear"),
    BadInput(kind: .data, name: "fit --upper-bound below the data (projected quietly 'kept at or below 60')", files: validFiles,
             arguments: ["fit", "data.csv", "--series", "coverage", "--upper-bound", "60"], status: 65, location: "data.csv:15: value",
             advice: "series 'coverage' has 62 in 2019, above 60, the highest value --upper-bound allows; correct the value, or the bound"),
    BadInput(kind: .data, name: "fit --lower-bound above a value", files: validFiles,
             arguments: ["fit", "data.csv", "--series", "visitors", "--lower-bound", "1.2"], status: 65, location: "data.csv:2: value",
             advice: "series 'visitors' has 1.1 in 2013, below 1.2, the lowest value --lower-bound allows"),
    BadInput(kind: .option, name: "fit a misspelled --series", files: validFiles, arguments: ["fit", "data.csv", "--series", "visitrs"],
             status: 64, location: "data.csv: --series", advice: "did you mean 'visitors'?"),
    BadInput(kind: .option, name: "fit --through 99999999 (hung allocating the years)", files: validFiles, arguments: fitArguments + ["--through", "99999999"],
             status: 64, location: "--through", advice: "give an earlier year"),
    BadInput(kind: .option, name: "fit --as-of before the data", files: validFiles, arguments: fitArguments + ["--as-of", "1990"],
             status: 65, location: "data.csv:", advice: "add data: no model fits fewer than 3 points"),

    // Issue 16.
    BadInput(kind: .option, name: "a repeated --scenario (trapped: duplicate dictionary key)", files: validFiles,
             arguments: runArguments + ["--scenario", "covid", "--scenario", "covid"],
             status: 64, location: "--scenario", advice: "Please give each --scenario once"),
    BadInput(kind: .option, name: "an empty --format (printed \"Wrote  to out/\")", files: validFiles, arguments: runArguments + ["--format", ""],
             status: 64, location: "--format", advice: "Please give --format at least one of csv, json, md, html"),
    BadInput(kind: .option, name: "backtest --draws 0 (reached a precondition)", files: validFiles,
             arguments: ["backtest", "plan.yaml", "--origin", "2018", "--draws", "0"],
             status: 64, location: "--draws", advice: "Please give --draws between 100 and 1000000: more paths do not fit in 500 MB of memory"),
    BadInput(kind: .option, name: "backtest --draws -5 (a leading minus)", files: validFiles,
             arguments: ["backtest", "plan.yaml", "--origin", "2018", "--draws", "-5"],
             status: 64, location: "--draws", advice: "Please give --draws between 100 and 1000000: more paths do not fit in 500 MB of memory"),
    BadInput(kind: .option, name: "fit --cap with a linear model (silently ignored)", files: validFiles, arguments: fitArguments + ["--model", "linear", "--cap", "100"],
             status: 64, location: "--cap", advice: "--model logistic or --model gompertz"),
    BadInput(kind: .option, name: "fit --cap with --model auto (silently ignored)", files: validFiles, arguments: fitArguments + ["--cap", "100"],
             status: 64, location: "--cap", advice: "--model logistic or --model gompertz"),
    BadInput(kind: .option, name: "fit --degree without --model polynomial (silently ignored)", files: validFiles, arguments: fitArguments + ["--degree", "3"],
             status: 64, location: "--degree", advice: "--model polynomial"),
    BadInput(kind: .option, name: "forecast --degree with a quadratic model", files: ["long.csv": Data(validLong.utf8)],
             arguments: ["forecast", "--input", "long.csv", "--horizon", "2", "--model", "quadratic", "--degree", "3"],
             status: 64, location: "--degree", advice: "--model polynomial"),

    // ── Output folder ─────────────────────────────────────────────────────────────────────────
    BadInput(kind: .output, name: "--out is an existing file", files: validFiles, arguments: runArguments + ["--out", "data.csv"],
             status: 73, location: "data.csv:", advice: "give a folder, or a name for a new one (--out)"),
    BadInput(kind: .output, name: "--out lies under a file", files: validFiles, arguments: runArguments + ["--out", "data.csv/results"],
             status: 73, location: "data.csv/results:", advice: "data.csv is a file, not a folder; choose another folder (--out)"),
    BadInput(kind: .output, name: "--out where no folder can be made (/proc)", files: validFiles, arguments: runArguments + ["--out", "/proc/plancast-results"],
             status: 73, location: "/proc/plancast-results:", advice: "choose another folder (--out)"),
    BadInput(kind: .output, name: "--out in a folder without write permission", files: validFiles, arguments: runArguments + ["--out", "locked/results"],
             status: 73, location: "locked/results:", advice: "choose another folder (--out)",
             prepare: { folder in
                 let locked = folder.appendingPathComponent("locked")
                 try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
                 guard chmod(locked.path, 0o555) == 0 else { throw ProcessFailure("chmod failed") }
             },
             unprivileged: true),
    BadInput(kind: .output, name: "an output would overwrite the data file (--out is the input folder)",
             files: ["plan.yaml": Data(replacing(validPlan, "data: data.csv", "data: targets.csv").utf8), "targets.csv": Data(validData.utf8)],
             arguments: runArguments + ["--out", "."], status: 73, location: "targets.csv:", advice: "is an input of this run and is never overwritten; choose another folder (--out)"),
    BadInput(kind: .output, name: "backtest --output names its own data file", files: validFiles,
             arguments: ["backtest", "plan.yaml", "--origin", "2018", "--output", "data.csv"],
             status: 73, location: "data.csv:", advice: "is an input of this run and is never overwritten; write the output elsewhere (--output)"),
    BadInput(kind: .output, name: "an output name is taken by a folder (nothing may be half-replaced)", files: validFiles, arguments: runArguments + ["--format", "csv"],
             status: 73, location: "out/targets.csv:", advice: "move it away or write to another folder (--out)",
             prepare: { folder in
                 // projections.csv is written before targets.csv: it must stay the previous one.
                 let out = folder.appendingPathComponent("out")
                 try FileManager.default.removeItem(at: out.appendingPathComponent("targets.csv"))
                 try FileManager.default.createDirectory(at: out.appendingPathComponent("targets.csv"), withIntermediateDirectories: false)
             }),
    // Issue 16: a standard output that fails is an error (73), never a trap or a silent exit 0.
    BadInput(kind: .output, name: "forecast to a full standard output (trapped in FileHandle.write)", files: ["long.csv": Data(validLong.utf8)],
             arguments: ["forecast", "--input", "long.csv", "--horizon", "2"], status: 73,
             location: "could not write to standard output", advice: "No space left on device", standardOutput: .full),
    BadInput(kind: .output, name: "forecast to a closed standard output (trapped in FileHandle.write)", files: ["long.csv": Data(validLong.utf8)],
             arguments: ["forecast", "--input", "long.csv", "--horizon", "2"], status: 73,
             location: "could not write to standard output", advice: "Bad file descriptor", standardOutput: .closed),
    BadInput(kind: .output, name: "validate to a full standard output (exit 0)", files: validFiles, arguments: ["validate", "plan.yaml", "data.csv"],
             status: 73, location: "could not write to standard output", advice: "No space left on device", standardOutput: .full),
    BadInput(kind: .output, name: "validate to a closed standard output (exit 0)", files: validFiles, arguments: ["validate", "plan.yaml"],
             status: 73, location: "could not write to standard output", advice: "Bad file descriptor", standardOutput: .closed),
    BadInput(kind: .output, name: "backtest to a full standard output (exit 0)", files: validFiles, arguments: ["backtest", "plan.yaml", "--origin", "2018"],
             status: 73, location: "could not write to standard output", advice: "No space left on device", standardOutput: .full),
    BadInput(kind: .output, name: "compare to a full standard output (exit 0)", files: ["a.csv": Data(runTargets.utf8)], arguments: ["compare", "a.csv"],
             status: 73, location: "could not write to standard output", advice: "No space left on device", standardOutput: .full),
    BadInput(kind: .output, name: "accuracy to a full standard output", files: accuracyFiles, arguments: accuracyArguments,
             status: 73, location: "could not write to standard output", advice: "No space left on device", standardOutput: .full),
    BadInput(kind: .output, name: "fit to a full standard output (exit 0)", files: validFiles, arguments: fitArguments,
             status: 73, location: "could not write to standard output", advice: "No space left on device", standardOutput: .full),
]

// MARK: - The tests

@Suite("Bad inputs: a clear message, the right exit status, no output touched")
struct BadInputTests {
    /// Lays out `input` in a fresh folder with previous outputs in `out/`.
    static func layOut(_ input: BadInput) throws -> URL {
        let folder = try makeTemporaryFolder("bad-input", files: input.files)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        for (name, text) in previousOutputs {
            try Data(text.utf8).write(to: folder.appendingPathComponent("out").appendingPathComponent(name))
        }
        try input.prepare?(folder)
        return folder
    }

    static func arguments(of input: BadInput) -> [String] {
        input.arguments.first == "run" && !input.arguments.contains("--out") && input.arguments.count > 1
            ? input.arguments + ["--out", "out"] : input.arguments
    }

    @Test("the catalogue covers at least 40 bad inputs of every kind")
    func catalogueSize() {
        #expect(catalogue.count >= 40)
        for kind in [BadInput.Kind.data, .scenario, .option, .output] {
            #expect(catalogue.contains { $0.kind == kind })
        }
        #expect(Set(catalogue.map(\.testDescription)).count == catalogue.count, "case names are unique")
    }

    @Test("each bad input is answered with the file and line or key, what to do, and the right exit status; nothing is written",
          arguments: catalogue)
    func badInput(_ input: BadInput) throws {
        if input.unprivileged && PlancastProcess.isRoot && PlancastProcess.unprivilegedPrefix == nil {
            // Root reads and writes regardless of permissions and no unprivileged user is at hand: the
            // case cannot be produced here. Recorded so that it is visible, not silently passed.
            withKnownIssue("running as root without runuser: permissions do not apply") { Issue.record("skipped") }
            return
        }
        let folder = try Self.layOut(input)
        defer {
            chmod(folder.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        if input.unprivileged && PlancastProcess.isRoot {
            // The unprivileged user must be able to enter the folder and write its captured output.
            chmod(folder.path, 0o755)
        }
        try Self.check(input, in: folder)
    }

    /// Runs `input` in its laid-out `folder` and checks what plancast answered.
    static func check(_ input: BadInput, in folder: URL) throws {
        let before = FolderSnapshot(folder)
        let outcome = input.standardOutput == .captured
            ? try PlancastProcess.run(Self.arguments(of: input), in: folder, limit: 60, unprivileged: input.unprivileged)
            : try PlancastProcess.run(Self.arguments(of: input), in: folder, limit: 60, standardOutput: input.standardOutput.rawValue)
        let after = FolderSnapshot(folder)
        let message = outcome.standardError

        #expect(!outcome.timedOut, "plancast hung")
        #expect(!outcome.signalled, "plancast was killed by a signal (a trap): \(message)")
        #expect(outcome.status == input.status, "exit status \(outcome.status), expected \(input.status): \(message)")
        #expect(message.contains(input.location), "the message does not name \(input.location): \(message)")
        #expect(message.contains(input.advice), "the message does not say \(input.advice): \(message)")
        for trace in ["Fatal error", "Stack dump", "Backtracing", "crashed", "Thread 0"] {
            #expect(!message.contains(trace), "a stack trace: \(message)")
        }
        // One message, not a wall: plancast's own errors are one line each (a file with several
        // independent problems lists them, then counts them); ArgumentParser adds its usage.
        #expect(message.hasPrefix("plancast: error: ") || message.hasPrefix("Error: "), "\(message)")
        let lines = message.split(separator: "\n")
        if message.hasPrefix("plancast: error: "), lines.count > 1 {
            #expect(lines.dropLast().allSatisfy { $0.hasPrefix("plancast: error: ") }, "\(message)")
            #expect(lines.last!.hasPrefix("plancast: \(lines.count - 1) problems in "), "\(message)")
        }
        // At most a short excerpt of the input: a message never repeats a whole file or field.
        #expect(lines.allSatisfy { $0.count <= 600 }, "\(message.count) characters: \(message.prefix(700))")
        #expect(after == before, "files changed: \(after.changes(from: before))")
    }

    /// Files that must work: a byte-order mark and CRLF line ends, as Excel and Windows editors write them.
    static let readableVariants: [(String, @Sendable (String) -> Data)] = [
        ("a UTF-8 byte-order mark", { Data([0xEF, 0xBB, 0xBF]) + Data($0.utf8) }),
        ("CRLF line ends", { Data($0.replacingOccurrences(of: "\n", with: "\r\n").utf8) }),
        ("a byte-order mark and CRLF line ends", { Data([0xEF, 0xBB, 0xBF]) + Data($0.replacingOccurrences(of: "\n", with: "\r\n").utf8) }),
    ]

    @Test("data and scenario files with a byte-order mark or CRLF line ends give the same results as plain ones",
          arguments: 0..<3)
    func bomAndCRLFWork(_ variant: Int) throws {
        let (_, transform) = Self.readableVariants[variant]
        let plain = try Self.layOut(BadInput(kind: .data, name: "plain", files: validFiles, arguments: [], status: 0, location: "", advice: ""))
        let spoiled = try Self.layOut(BadInput(kind: .data, name: "variant", files: ["plan.yaml": transform(validPlan), "data.csv": transform(validData)],
                                               arguments: [], status: 0, location: "", advice: ""))
        defer { try? FileManager.default.removeItem(at: plain); try? FileManager.default.removeItem(at: spoiled) }
        let arguments = ["run", "plan.yaml", "--out", "out", "--quiet", "--format", "csv,json,md"]
        let a = try PlancastProcess.run(arguments, in: plain)
        let b = try PlancastProcess.run(arguments, in: spoiled)
        #expect(a.status == 0, "\(a.standardError)")
        #expect(b.status == 0, "\(Self.readableVariants[variant].0): \(b.standardError)")
        for name in ["projections.csv", "targets.csv", "summary.md"] {
            let x = try Data(contentsOf: plain.appendingPathComponent("out/\(name)"))
            let y = try Data(contentsOf: spoiled.appendingPathComponent("out/\(name)"))
            #expect(x == y, "\(name) differs with \(Self.readableVariants[variant].0)")
        }
    }

    @Test("the size limit of readInputFile is injectable and says how big the file is")
    func injectableLimit() throws {
        let folder = try makeTemporaryFolder("limit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        try Data(validData.utf8).write(to: URL(fileURLWithPath: path))
        let size = Data(validData.utf8).count
        #expect(throws: InputError(file: path, "is \(formatByteCount(size)), more than the 512 bytes plancast reads; split it or keep only the series you need")) {
            try readCSV(at: path, maximumBytes: 512)
        }
        #expect(try readCSV(at: path, maximumBytes: 4096).rows.count == 15)
        // A link to a large file is measured by what it points to.
        let big = folder.appendingPathComponent("big.csv").path
        _ = FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: 3 << 20)
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: big)
        #expect(throws: InputError(file: folder.appendingPathComponent("link.csv").path,
                                   "is 3 MB, more than the 1 MB plancast reads; split it or keep only the series you need")) {
            try readInputFile(at: folder.appendingPathComponent("link.csv").path, maximumBytes: 1 << 20)
        }
    }
}
