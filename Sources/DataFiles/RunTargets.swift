import Foundation

/// The rows of one run's `targets.csv`.
public struct RunTargets: Sendable {
    /// One target under one scenario, values as the run wrote them.
    public struct Row: Sendable {
        public var targetID: String
        public var indicator: String
        public var scenario: String
        /// The target in words: "≥ 115 (2025)".
        public var statement: String
        public var projected: String
        public var probability: String
        public var status: String
    }
    /// How the run is named in a comparison: its folder, with its as-of year when results.json gives it.
    public var label: String
    /// The targets.csv that was read.
    public var file: String
    public var rows: [Row]
}

/// Reads `targets.csv` from a results folder (or the file itself), for comparing runs.
///
/// - Throws: `InputError` naming the file: missing, unreadable, or without the columns `run` writes.
public func readRunTargets(_ path: String) throws -> RunTargets {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    let folder = exists && !isDirectory.boolValue ? URL(fileURLWithPath: path).deletingLastPathComponent().path : path
    let file = exists && !isDirectory.boolValue ? path : URL(fileURLWithPath: path).appendingPathComponent("targets.csv").path
    if !exists {
        throw InputError(file: path, "no such results folder; give a folder written by plancast run (it holds targets.csv)", category: .noInput)
    }
    if isDirectory.boolValue, !FileManager.default.fileExists(atPath: file) {
        throw InputError(file: path, "has no targets.csv; give a folder written by plancast run with CSV among its formats", category: .noInput)
    }
    let table = try readCSV(at: file)
    func column(_ name: String) throws -> Int {
        guard let index = table.column(name) else {
            throw InputError(file: file, line: 1, "has no column '\(name)'; it is not a targets.csv written by plancast run")
        }
        return index
    }
    let id = try column("target_id"), indicator = try column("indicator"), scenario = try column("scenario")
    let year = try column("target_year"), comparison = try column("comparison"), target = try column("target")
    let projected = try column("projected"), probability = try column("p_meet"), status = try column("status")
    let high = table.column("target_high")
    let rows = table.rows.map { row in
        RunTargets.Row(targetID: row[id], indicator: row[indicator], scenario: row[scenario],
                       statement: targetStatement(comparison: row[comparison], value: row[target],
                                                  high: high.map { row[$0] } ?? "", year: row[year]),
                       projected: row[projected], probability: row[probability], status: row[status])
    }
    var label = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    if let asOf = asOfYear(inResultsFolder: folder) { label += " (as of \(asOf))" }
    return RunTargets(label: label, file: file, rows: rows)
}

/// The as-of year recorded in a results folder's results.json, if there is one.
public func asOfYear(inResultsFolder folder: String) -> Int? {
    let path = URL(fileURLWithPath: folder).appendingPathComponent("results.json").path
    guard let data = FileManager.default.contents(atPath: path),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
    return object["asOf"] as? Int
}

/// "≥ 115 (2025)", "3–3.5 (2025)", "milestone (2025)", from the columns of targets.csv, values as written.
public func targetStatement(comparison: String, value: String, high: String, year: String) -> String {
    let text: String
    switch comparison {
    case "at_least": text = "≥ \(value)"
    case "more_than": text = "> \(value)"
    case "at_most": text = "≤ \(value)"
    case "less_than": text = "< \(value)"
    case "about": text = "≈ \(value)"
    case "between": text = "\(value)–\(high.isEmpty ? value : high)"
    default: text = comparison
    }
    return "\(text) (\(year))"
}
