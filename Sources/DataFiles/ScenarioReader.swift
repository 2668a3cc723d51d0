import Foundation
import Forecasting
import Planning
import Yams

/// A plan read from a scenario file, with the path of its data file resolved against the file's folder.
public struct ScenarioDocument: Sendable {
    public var path: String
    public var plan: Plan
    /// The data file's path, relative to the working directory.
    public var dataPath: String
    /// The sheet to read when the data file is a workbook (`sheet:`); nil for the first.
    public var dataSheet: String? = nil
    /// The CSV dialect of the data file (`csv_dialect: vi`); nil to detect it.
    public var csvDialect: CSVDialect? = nil
    /// The factor each indicator (by id) declares from its data's unit to its own (`scale: 1e-6`
    /// from `arrivals` to `million arrivals`).
    public var scales: [String: Double] = [:]
    /// Targets (by id) marked `scale_checked: true`: far from their series' last value on purpose.
    public var scaleCheckedTargets: Set<String> = []
    /// The line of each target id, for messages.
    public var targetLines: [String: Int]
    /// The line of key paths that checks against the data name (`indicators[0].series`,
    /// `indicators[0].targets[1].year`, `indicators[0].bounds.upper`, …).
    public var lines: [String: Int] = [:]

    /// The line of `keyPath`, or of the nearest enclosing key the file has.
    public func line(of keyPath: String) -> Int? {
        var path = keyPath
        while true {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = String(path[..<cut])
        }
    }
}

/// The simulated paths per indicator that a scenario file (`simulation.draws`) or the caller may ask
/// for (`Plan.acceptedDraws`): fewer make the quantiles too coarse, more do not fit in 500 MB.
public let acceptedDraws = Plan.acceptedDraws

/// Reads and checks a scenario file (YAML): every key is known, every value of the right type, every
/// reference resolves. Fitting is not done here.
///
/// - Throws: `InputError` naming the file, line and key path, with what to do; `InputProblems` with
///   every problem, in file order, when the file has several independent ones.
public func readScenarioFile(at path: String) throws -> ScenarioDocument {
    try readScenario(at: path).checked()
}

/// Reads a scenario file, keeping its problems (see `ScenarioReading`).
///
/// - Throws: `InputError` for a file that cannot be read as a scenario at all (missing, not UTF-8,
///   not YAML, not a mapping).
func readScenario(at path: String) throws -> ScenarioReading {
    let data = try readInputFile(at: path, maximumBytes: 16 << 20,
                                 whenTooLarge: "a scenario file takes a few kilobytes: check that this is the right file")
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, "is not UTF-8 text; save it as UTF-8")
    }
    return try readScenarioText(text, file: path)
}

/// Parses and checks the text of a scenario file; see `readScenarioFile(at:)`.
///
/// - Parameter file: the file's path, for messages and to resolve the data file's path.
public func parseScenarioText(_ input: String, file path: String) throws -> ScenarioDocument {
    try readScenarioText(input, file: path).checked()
}

/// A scenario file as read, with every problem found in it: a value that could not be read is left
/// out (or stands in as a placeholder) and its key path marked unreadable, so that reading, the
/// plan's checks and the data checks go on and report every independent problem at once.
struct ScenarioReading {
    var document: ScenarioDocument
    /// The problems found, in the order found.
    var problems: [InputError]
    /// The key paths that could not be read, and what they imply.
    let log: ProblemLog
    /// Whether the data file can be read: `data:` was read.
    var namesData: Bool

    /// The document, or the problems found.
    func checked() throws -> ScenarioDocument {
        try InputProblems.throwIfAny(problems)
        return document
    }

    /// Whether a problem of a later check is its own: not about a key of this file that could not be read.
    func isIndependent(_ problem: InputError) -> Bool {
        problem.file != document.path || !log.isUnreadable(problem.key)
    }
}

/// Parses the text of a scenario file, keeping its problems; see `readScenario(at:)`.
func readScenarioText(_ input: String, file path: String) throws -> ScenarioReading {
    var text = input
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    // Lines split at "\r\n" too (one Character in Swift, so splitting at "\n" alone would miss it in
    // a CRLF file), and the indentation read as scalars (a tab followed by a combining mark is one Character).
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    if let tabLine = lines.firstIndex(where: { line in
        line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.contains("\t")
    }) {
        throw InputError(file: path, line: tabLine + 1, "indents with a tab; YAML indents with spaces only: replace the tab with spaces")
    }
    // A CSV header (`series,year,value`) has commas and no colon; YAML would read the file as one text.
    let firstLine = lines.lazy.map { $0.drop(while: \.isWhitespace) }.first { !$0.isEmpty && !$0.hasPrefix("#") }
    if let firstLine, firstLine.contains(","), !firstLine.contains(":") {
        throw notAScenario(path)
    }
    if let line = lineNestedTooDeep(lines) {
        throw InputError(file: path, line: line, "nests lists and mappings more than \(maximumNesting) levels deep; a scenario file needs a few: check the brackets and the indentation")
    }
    let root: Node
    do {
        guard let node = try Yams.compose(yaml: text) else {
            throw InputError(file: path, "is empty; a scenario file starts with 'plancast: 1' (see Scenarios/README.md)")
        }
        root = node
    } catch let error as InputError {
        throw error
    } catch let error as YamlError {
        var problem = yamlInputError(error, file: path)
        // "horizon:\u{A0}2025" (a non-breaking space pasted from a word processor) is no key to YAML.
        if let line = problem.line, let spaced = ((line - 1)...line).first(where: { $0 >= 1 && $0 <= lines.count && lines[$0 - 1].contains("\u{A0}") }) {
            problem.message += " (line \(spaced) holds a non-breaking space, as word processors write after ':'; type a plain space)"
        }
        throw problem
    } catch {
        throw InputError(file: path, "is not valid YAML (\(error)); check indentation, brackets and quotes")
    }
    switch root {
    case .mapping: break
    case .scalar: throw notAScenario(path)
    case .sequence:
        throw InputError(file: path, line: root.mark?.line ?? 1,
                         "is not a scenario: its top level is a list, not keys such as 'plancast: 1'; give the scenario YAML (see Scenarios/README.md)")
    }
    return try parseScenario(YAMLNode(node: root, path: "", file: path))
}

/// The error for a data file (or other text) given where a scenario file belongs, without quoting it.
private func notAScenario(_ path: String) -> InputError {
    InputError(file: path, line: 1, "this looks like a data file, not a scenario: give the scenario YAML (see Scenarios/README.md)")
}

/// The deepest nesting a scenario file may have (the Lạng Sơn files need 6). Yams builds its tree
/// recursively: a few thousand levels (`[[[[…` in a 40 KB file) overflow the stack and crash the
/// process (found by fuzzing), so deeper files are refused before Yams sees them.
let maximumNesting = 100

/// The first line on which the nesting may exceed `maximumNesting`, if any: an over-estimate that
/// adds the indentation, the `- ` of compact nested sequences and the open flow brackets (outside
/// quoted scalars and comments). Real scenario files stay far below the limit.
///
/// A quote opens a quoted scalar only where a scalar can start (after `: `, `- `, `[`, `{`, `,` or at
/// the start of a line), as in YAML; a line that starts in column 0 ends any quote (a quoted scalar's
/// next lines are indented), so an apostrophe in text cannot hide the lines after it.
func lineNestedTooDeep(_ lines: [Substring]) -> Int? {
    var flowDepth = 0
    var quote: Unicode.Scalar? = nil
    for (index, line) in lines.enumerated() {
        let scalars = Array(line.unicodeScalars)
        if let first = scalars.first, first != " " { quote = nil }
        var position = 0
        var depth = 0
        if quote == nil {
            while position < scalars.count, scalars[position] == " " { position += 1 }
            depth = position
            // `- - - x` nests a sequence per dash.
            while position + 1 < scalars.count, scalars[position] == "-" || scalars[position] == "?",
                  scalars[position + 1] == " " {
                depth += 1
                position += 2
                while position < scalars.count, scalars[position] == " " { position += 1 }
            }
        }
        var lastSignificant: Unicode.Scalar? = nil      // the last scalar other than a space on this line
        while position < scalars.count {
            let c = scalars[position]
            if let open = quote {
                if open == "\"" && c == "\\" { position += 2; continue }
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                if lastSignificant == nil || [":", "-", "[", "{", ",", "?"].contains(lastSignificant!) { quote = c }
            } else if c == "#" && (position == 0 || scalars[position - 1] == " ") {
                break
            } else if c == "[" || c == "{" {
                flowDepth += 1
            } else if c == "]" || c == "}" {
                flowDepth = max(0, flowDepth - 1)
            }
            if depth + flowDepth > maximumNesting { return index + 1 }
            if c != " " { lastSignificant = c }
            position += 1
        }
        if depth + flowDepth > maximumNesting { return index + 1 }
    }
    return nil
}

/// A Yams error as an `InputError` with the line of the problem and what to look for.
func yamlInputError(_ error: YamlError, file: String) -> InputError {
    let advice = "check the indentation, brackets and quotes on this line and the one before"
    switch error {
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
        var what = problem
        if let context { what += " (\(context.text) on line \(context.mark.line))" }
        return InputError(file: file, line: mark.line, "is not valid YAML: \(what); \(advice)")
    case let .reader(problem, _, _, _):
        return InputError(file: file, "cannot be read as YAML: \(problem); save it as UTF-8 text")
    default:
        return InputError(file: file, "is not valid YAML: \(yamlErrorSummary(error)); \(advice)")
    }
}

/// Yams' message without the echoed source text.
func yamlErrorSummary(_ error: YamlError) -> String {
    let text = "\(error)"
    return text.split(separator: "\n").first.map(String.init) ?? text
}

private let topKeys = ["plancast", "title", "description", "language", "data", "sheet", "csv_dialect", "as_of", "base_year",
                       "horizon", "simulation", "indicators", "scenarios"]

/// Reads every part of the scenario file that can be read, then checks the plan (`Plan.problems`).
///
/// - Throws: `InputError` only for an unknown format version: the rest would be read by the wrong rules.
private func parseScenario(_ root: YAMLNode) throws -> ScenarioReading {
    let file = root.file
    let log = ProblemLog(file: file)
    let top = try root.mapping(allowed: topKeys, log: log)
    if let version = top["plancast"] {
        guard try version.int() == 1 else { throw version.error("format version \(excerpt(try version.string())) is not known; this plancast reads version 1") }
    } else if !log.isUnreadable("plancast") {
        log.record(InputError(file: file, line: 1, key: "plancast", "the file must start with 'plancast: 1' (the format version)"))
    }
    let header = TopLevel(top, root: root, log: log)
    let (indicators, targetLines, declarations) = parseIndicators(header.required("indicators") { try $0.sequence() }, log: log)
    let scenarios = parseScenarios(top["scenarios"], root: root, log: log)
    // Years that could not be read stand in as years that make no target out of the term (an as_of
    // beyond 9999, up to Int.max, is its own problem: kept below it so that adding cannot overflow).
    let asOf = header.asOf ?? header.horizon ?? 1050
    let plan = Plan(title: header.title, description: header.description, language: header.language, data: header.dataName ?? "",
                    asOf: asOf, baseYear: header.baseYear, horizon: header.horizon ?? min(min(asOf, 9999) + Plan.longestHorizon, 9999),
                    draws: header.draws, seed: header.seed, indicators: indicators ?? [], scenarios: scenarios)
    recordPlanProblems(plan, root: root, log: log)
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
    let dataName = header.dataName ?? ""
    let dataPath = dataName.hasPrefix("/") ? dataName : folder.appendingPathComponent(dataName).standardizedFileURL.path
    let document = ScenarioDocument(path: file, plan: plan, dataPath: relativeToWorkingDirectory(dataPath), dataSheet: header.sheet,
                                    csvDialect: header.csvDialect, scales: declarations.scales, scaleCheckedTargets: declarations.scaleChecked,
                                    targetLines: targetLines, lines: keyLines(of: plan, in: root))
    return ScenarioReading(document: document, problems: log.problems, log: log, namesData: header.dataName != nil)
}

/// The top-level values of a scenario file, each read on its own: one that cannot be read is
/// recorded in the log and left at its default (nil for a required one).
private struct TopLevel {
    let top: [String: YAMLNode]
    let root: YAMLNode
    let log: ProblemLog
    var title = ""
    var description: String?
    var language = "en"
    var dataName: String?
    var sheet: String?
    var csvDialect: CSVDialect?
    var asOf: Int?
    var horizon: Int?
    var baseYear: Int?
    var draws = 10_000
    var seed: UInt64 = 1

    init(_ top: [String: YAMLNode], root: YAMLNode, log: ProblemLog) {
        self.top = top
        self.root = root
        self.log = log
        title = read("title") { try $0.string() } ?? URL(fileURLWithPath: root.file).deletingPathExtension().lastPathComponent
        description = read("description") { try $0.string() }
        language = read("language") { node in
            let language = try node.string()
            guard ["vi", "en"].contains(language) else { throw node.error("language must be vi or en") }
            return language
        } ?? "en"
        let dataName = required("data") { try $0.string() }
        self.dataName = dataName
        csvDialect = read("csv_dialect") { node in
            let text = try node.string()
            guard let dialect = CSVDialect(rawValue: text) else { throw node.error("csv_dialect must be vi (semicolons, decimal commas) or standard (commas, decimal dots)") }
            if let dataName, isWorkbookPath(dataName) { throw node.error("csv_dialect is for a CSV data file, but \(excerpt(dataName)) is a workbook; remove 'csv_dialect:'") }
            return dialect
        }
        sheet = read("sheet") { node in
            if let dataName, !isWorkbookPath(dataName) {
                throw node.error("'sheet:' names a sheet of a workbook, but the data file \(excerpt(dataName)) is not an .xlsx workbook; remove 'sheet:'")
            }
            return try node.string()
        }
        asOf = required("as_of") { try $0.int() }
        horizon = required("horizon") { try $0.int() }
        baseYear = read("base_year") { try $0.int() }
        readSimulation()
    }

    /// `simulation: {draws: N, seed: S}`, each read on its own.
    private mutating func readSimulation() {
        guard let node = top["simulation"], let simulation = log.attempt(node.path, { try node.mapping(allowed: ["draws", "seed"], log: log) }) else { return }
        if let d = simulation["draws"] {
            draws = log.attempt(d.path) {
                let draws = try d.int()
                guard acceptedDraws.contains(draws) else { throw d.error("draws must be between 100 and 1,000,000 (more paths do not fit in 500 MB of memory)") }
                return draws
            } ?? draws
        }
        if let n = simulation["seed"] {
            seed = log.attempt(n.path) {
                let value = try n.int()
                guard value >= 0 else { throw n.error("the seed must be a whole number ≥ 0") }
                return UInt64(value)
            } ?? seed
        }
    }

    /// The value of an optional top-level key, or nil when it is absent or cannot be read.
    func read<T>(_ key: String, _ body: (YAMLNode) throws -> T) -> T? {
        guard let node = top[key] else { return nil }
        return log.attempt(node.path) { try body(node) }
    }

    /// The value of a required top-level key; its absence is recorded (unless a misspelled key
    /// already stands for it).
    func required<T>(_ key: String, _ body: (YAMLNode) throws -> T) -> T? {
        if top[key] == nil, !log.isUnreadable(key) {
            log.record(InputError(file: root.file, line: root.line, key: key, "is missing; add '\(key):' at the top level"), unreadable: key)
        }
        return read(key, body)
    }
}

/// Every indicator of the list (nil when the list cannot be read), the line of each target id, and
/// the units each declares.
private func parseIndicators(_ list: [YAMLNode]?, log: ProblemLog) -> ([Indicator]?, [String: Int], UnitDeclarations) {
    var targetLines: [String: Int] = [:]
    var declarations = UnitDeclarations()
    guard let list else {
        log.markUnreadable("indicators")
        return (nil, targetLines, declarations)
    }
    var indicators: [Indicator] = []
    for node in list {
        let (indicator, lines) = parseIndicator(node, declarations: &declarations, log: log)
        for (id, line) in lines {
            if targetLines[id] != nil {
                log.record(InputError(file: node.file, line: line, key: "\(node.path).targets", "target id '\(id)' is used twice; ids must be unique"))
            } else {
                targetLines[id] = line
            }
        }
        indicators.append(indicator)
    }
    return (indicators, targetLines, declarations)
}

/// Every scenario that can be read (a placeholder for one that cannot), and a `baseline` among them.
private func parseScenarios(_ node: YAMLNode?, root: YAMLNode, log: ProblemLog) -> [Scenario] {
    guard let node else {
        log.record(InputError(file: root.file, line: root.line, key: "scenarios",
                              "is missing; add 'scenarios:' at the top level with at least 'baseline: {}' (the trend without adjustments)"), unreadable: "scenarios")
        return []
    }
    guard let entries = log.attempt(node.path, { try node.namedEntries() }) else { return [] }
    let scenarios = entries.map { parseScenarioEntry($0, $1, log: log) }
    if !scenarios.contains(where: { $0.name == "baseline" }) {
        log.record(InputError(file: root.file, line: lineOfKey("scenarios", in: root) ?? node.line, key: "scenarios",
                              "has no 'baseline' scenario; add 'baseline: {}' (the trend without adjustments), which every other scenario is compared with"))
    }
    return scenarios
}

/// The problems of `Plan.problems` that are independent of what could not be read, located by line.
private func recordPlanProblems(_ plan: Plan, root: YAMLNode, log: ProblemLog) {
    // An indicator that could not be read may be the one an adjustment names.
    let everyIndicatorRead = !log.isUnreadable("indicators")
        && plan.indicators.indices.allSatisfy { !log.isUnreadable("indicators[\($0)]") && !log.isUnreadable("indicators[\($0)].id") }
    for problem in plan.problems where !log.isUnreadable(problem.key) {
        if !everyIndicatorRead, problem.key.hasPrefix("scenarios."), problem.key.hasSuffix(".indicator") { continue }
        log.record(InputError(file: root.file, line: lineOf(keyPath: problem.key, in: root), key: problem.key, problem.message))
    }
}

/// The line of every key path the checks against the data (and the warnings of a run) name.
private func keyLines(of plan: Plan, in root: YAMLNode) -> [String: Int] {
    var lines: [String: Int] = ["data": lineOf(keyPath: "data", in: root)].compactMapValues { $0 }
    for (i, indicator) in plan.indicators.enumerated() {
        var paths = ["indicators[\(i)]", "indicators[\(i)].series", "indicators[\(i)].model", "indicators[\(i)].unit", "indicators[\(i)].scale", "indicators[\(i)].bounds",
                     "indicators[\(i)].bounds.lower", "indicators[\(i)].bounds.upper"]
        for j in indicator.targets.indices {
            paths += ["indicators[\(i)].targets[\(j)]", "indicators[\(i)].targets[\(j)].year", "indicators[\(i)].targets[\(j)].value"]
        }
        for path in paths { lines[path] = lineOf(keyPath: path, in: root) }
    }
    for scenario in plan.scenarios {
        for a in scenario.adjustments.indices {
            let path = "scenarios.\(scenario.name).adjustments[\(a)]"
            lines[path] = lineOf(keyPath: path, in: root)
        }
    }
    return lines
}

/// A path relative to the working directory when it lies below it (shorter messages).
func relativeToWorkingDirectory(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
    return path
}

/// The line of a top-level key itself (`scenarios:`), where `lineOf(keyPath:in:)` gives its value's.
private func lineOfKey(_ key: String, in root: YAMLNode) -> Int? {
    guard case let .mapping(mapping) = root.node else { return nil }
    return mapping.first(where: { $0.key.string == key })?.key.mark?.line
}

/// The line of a key path such as `indicators[3].targets[0].value` or `scenarios.covid.extends`.
func lineOf(keyPath: String, in root: YAMLNode) -> Int? {
    var node = root.node
    var line = node.mark?.line
    var parts: [String] = []
    for piece in keyPath.split(separator: ".") {
        var rest = Substring(piece)
        if let bracket = rest.firstIndex(of: "[") {
            parts.append(String(rest[..<bracket]))
            rest = rest[bracket...]
            // The `]` searched after its `[`: a scenario name such as `a]b[` must not make a reversed range.
            while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
                parts.append(String(rest[open...close]))
                rest = rest[rest.index(after: close)...]
            }
        } else {
            parts.append(String(rest))
        }
    }
    for part in parts where !part.isEmpty {
        if part.hasPrefix("["), let index = Int(part.dropFirst().dropLast()), case let .sequence(sequence) = node, index < sequence.count {
            node = sequence[index]
        } else if case let .mapping(mapping) = node, let value = mapping.first(where: { $0.key.string == part })?.value {
            node = value
        } else {
            break
        }
        line = node.mark?.line ?? line
    }
    return line
}

private let modelKeys = ["type", "cap", "degree", "step", "hinge", "pulse", "weights", "estimate_weight", "recent_decay", "damping"]

/// What a scenario file says about units beyond the plan: declared conversions and checked targets.
private struct UnitDeclarations {
    var scales: [String: Double] = [:]
    var scaleChecked: Set<String> = []
}

private let indicatorKeys = ["id", "name", "name_en", "series", "unit", "scale", "model", "bounds", "targets", "data_needed", "note"]

/// One indicator, each key read on its own, and the line of each of its target ids.
private func parseIndicator(_ node: YAMLNode, declarations: inout UnitDeclarations, log: ProblemLog) -> (Indicator, [(String, Int)]) {
    guard let m = log.attempt(node.path, { try node.mapping(allowed: indicatorKeys, log: log) }) else { return (Indicator(id: ""), []) }
    func read<T>(_ key: String, alsoUnreadable: [String] = [], _ body: (YAMLNode) throws -> T) -> T? {
        guard let child = m[key] else { return nil }
        return log.attempt(child.path, alsoUnreadable: alsoUnreadable) { try body(child) }
    }
    if m["id"] == nil, !log.isUnreadable("\(node.path).id") {
        log.record(node.error("an indicator needs an 'id'"), unreadable: "\(node.path).id")
    }
    var indicator = Indicator(id: read("id") { try $0.string() } ?? "")
    // Without its scale, the indicator's unit cannot be compared with the data's.
    if let scale = read("scale", alsoUnreadable: ["\(node.path).unit"], { scaleNode in
        let scale = try scaleNode.double()
        guard scale > 0 else { throw scaleNode.error("scale must be a positive factor from the data's unit to the indicator's, e.g. 1e-6 from arrivals to million arrivals") }
        return scale
    }) {
        declarations.scales[indicator.id] = scale
    }
    indicator.name = read("name") { try $0.string() }
    indicator.nameEnglish = read("name_en") { try $0.string() }
    indicator.series = read("series") { try $0.string() }
    indicator.unit = read("unit") { try $0.string() }
    indicator.dataNeeded = read("data_needed") { try $0.string() }
    if let bounds = read("bounds", { try $0.mapping(allowed: ["lower", "upper"], log: log) }) {
        indicator.lowerBound = bounds["lower"].flatMap { lower in log.attempt(lower.path) { try lower.double() } }
        indicator.upperBound = bounds["upper"].flatMap { upper in log.attempt(upper.path) { try upper.double() } }
    }
    if let model = read("model", parseModel) { indicator.model = model }
    var lines: [(String, Int)] = []
    for t in read("targets", { try $0.sequence() }) ?? [] {
        let (target, scaleChecked) = parseTarget(t, log: log)
        if scaleChecked { declarations.scaleChecked.insert(target.id) }
        if !log.isUnreadable("\(t.path).id") { lines.append((target.id, t.line ?? 0)) }
        indicator.targets.append(target)
    }
    return (indicator, lines)
}

/// "unknown kind 'levl' (did you mean 'level'?); use one of level, share, …": what is wrong, the
/// nearest valid name when it is close, and every valid one.
func unknownName(_ what: String, _ text: String, among names: [String]) -> String {
    let hint = nearestName(text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    return "unknown \(what) '\(excerpt(text))'\(hint); use one of \(names.joined(separator: ", "))"
}

/// A model: a name (`auto`, `linear`, …) or a mapping with `type` and options.
func parseModel(_ node: YAMLNode) throws -> ModelSpecification {
    if case .scalar = node.node {
        let text = try node.string()
        guard let name = ModelName(rawValue: text) else {
            throw node.error(unknownName("model", text, among: ModelName.allCases.map(\.rawValue)))
        }
        return ModelSpecification(name: name)
    }
    let m = try node.mapping(allowed: modelKeys)
    var spec = ModelSpecification()
    if let type = m["type"] { spec = try parseModel(type) }
    spec.cap = try m["cap"]?.double()
    if let cap = spec.cap, !(cap > 0) { throw m["cap"]!.error("the cap must be a positive number") }
    spec.degree = try m["degree"]?.int()
    for year in try m["step"]?.intList() ?? [] { spec.interventions.append(.step(year: year)) }
    for year in try m["hinge"]?.intList() ?? [] { spec.interventions.append(.hinge(year: year)) }
    if let pulse = m["pulse"] { spec.interventions.append(.pulse(years: try pulse.intList())) }
    if let weights = m["weights"] {
        let text = try weights.string()
        switch text {
        case "equal": break
        case "recent": spec.weighting.recentDecay = 0.8
        default: throw weights.error("weights must be equal or recent")
        }
    }
    if let decay = m["recent_decay"] {
        let value = try decay.double()
        guard value > 0 && value <= 1 else { throw decay.error("recent_decay must lie in (0, 1]") }
        spec.weighting.recentDecay = value
    }
    if let w = m["estimate_weight"] {
        let value = try w.double()
        guard value > 0 else { throw w.error("estimate_weight must be positive") }
        spec.weighting.estimateWeight = value
    }
    if let d = m["damping"] {
        let value = try d.double()
        guard value > 0 && value <= 1 else { throw d.error("damping must lie in (0, 1]") }
        spec.damping = value
    }
    // Options the model would silently ignore.
    if let cap = m["cap"], spec.name != .logistic && spec.name != .gompertz {
        throw cap.error("only a logistic or gompertz model has a cap; remove 'cap', or write type: logistic (or gompertz)")
    }
    if let degree = m["degree"], spec.name != .polynomial {
        throw degree.error("only a polynomial model has a degree; remove 'degree', or write type: polynomial")
    }
    return spec
}

private let targetKeys = ["id", "programme", "kind", "year", "comparison", "value", "value_high", "tolerance",
                          "note", "status", "status_date", "status_source", "name", "name_en", "scale_checked"]

/// One target, each key read on its own, and whether it is marked `scale_checked`. A target whose
/// kind cannot be read stands in as a milestone (which no check looks into) and is marked unreadable.
private func parseTarget(_ node: YAMLNode, log: ProblemLog) -> (Target, scaleChecked: Bool) {
    guard let m = log.attempt(node.path, { try node.mapping(allowed: targetKeys, log: log) }) else {
        return (Target(id: "", kind: .milestone, year: 0), false)
    }
    func read<T>(_ key: String, _ body: (YAMLNode) throws -> T) -> T? {
        guard let child = m[key] else { return nil }
        return log.attempt(child.path) { try body(child) }
    }
    func missing(_ key: String, _ message: String) {
        if m[key] == nil, !log.isUnreadable("\(node.path).\(key)") { log.record(node.error(message), unreadable: "\(node.path).\(key)") }
    }
    missing("id", "a target needs an 'id'")
    let id = read("id") { try $0.string() } ?? ""
    let kinds = TargetKind.allCases.map(\.rawValue)
    missing("kind", "target \(id) needs a 'kind' (\(kinds.joined(separator: ", ")))")
    let kind = read("kind") { kindNode in
        let text = try kindNode.string()
        guard let kind = TargetKind(rawValue: text) else {
            throw kindNode.error(unknownName("kind", text, among: kinds))
        }
        return kind
    }
    missing("year", "target \(id) needs a 'year'")
    var target = Target(id: id, programme: read("programme") { try $0.int() }, kind: kind ?? .milestone, year: read("year") { try $0.int() } ?? 0)
    target.comparison = read("comparison") { c in
        let text = try c.string()
        let comparisons = Comparison.allCases.map(\.rawValue)
        guard let comparison = Comparison(rawValue: text) else {
            // A comparison written as its sign, as a plan document or a spreadsheet writes it.
            let signs: [String: Comparison] = [">=": .atLeast, "≥": .atLeast, "=>": .atLeast, ">": .moreThan, "<=": .atMost, "≤": .atMost,
                                               "=<": .atMost, "<": .lessThan, "=": .about, "==": .about, "≈": .about, "~": .about]
            if let meant = signs[text.trimmingCharacters(in: .whitespaces)] {
                throw c.error("'\(excerpt(text))' is a sign, not a comparison name; write \(meant.rawValue)")
            }
            throw c.error(unknownName("comparison", text, among: comparisons))
        }
        return comparison
    }
    target.value = read("value") { try $0.double() }
    target.valueHigh = read("value_high") { try $0.double() }
    if let tolerance = read("tolerance", { try $0.double() }) { target.tolerance = tolerance }
    target.note = read("note") { try $0.string() }
    target.milestoneStatus = read("status") { s in
        let text = try s.string()
        guard let status = MilestoneStatus(rawValue: text) else {
            throw s.error("status must be one of \(MilestoneStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let kind, kind != .milestone { throw s.error("only a milestone carries a status set by hand; target \(id) is a \(kind.rawValue)") }
        return status
    }
    target.statusDate = read("status_date") { try $0.string() }
    target.statusSource = read("status_source") { try $0.string() }
    if kind == .milestone, m["comparison"] != nil || m["value"] != nil {
        log.record(node.error("target \(id) is a milestone: it has a status, not a comparison or value"))
    }
    // Which checks apply depends on the kind: without it, none does.
    if kind == nil { log.markUnreadable(node.path) }
    let scaleChecked = read("scale_checked") { checked in
        switch try checked.string() {
        case "true": return true
        case "false": return false
        default: throw checked.error("scale_checked must be true or false")
        }
    } ?? false
    return (target, scaleChecked)
}

/// One scenario, each key and each adjustment read on its own (an adjustment that cannot be read
/// stands in as an empty cap and is marked unreadable).
private func parseScenarioEntry(_ name: String, _ node: YAMLNode, log: ProblemLog) -> Scenario {
    if case let .scalar(s) = node.node, s.string.isEmpty || s.string == "~" || s.string == "null" {
        return Scenario(name: name)
    }
    guard let m = log.attempt(node.path, { try node.mapping(allowed: ["description", "extends", "adjustments"], log: log) }) else {
        return Scenario(name: name)
    }
    func read<T>(_ key: String, _ body: (YAMLNode) throws -> T) -> T? {
        guard let child = m[key] else { return nil }
        return log.attempt(child.path) { try body(child) }
    }
    var scenario = Scenario(name: name, description: read("description") { try $0.string() }, extends: read("extends") { try $0.string() })
    for a in read("adjustments", { try $0.sequence() }) ?? [] {
        scenario.adjustments.append(log.attempt(a.path) { try parseAdjustment(a, log: log) } ?? .cap(indicator: "", value: 0))
    }
    return scenario
}

/// One adjustment; a key it does not know is recorded in `log` and the others read.
private func parseAdjustment(_ node: YAMLNode, log: ProblemLog) throws -> Adjustment {
    let m = try node.mapping(allowed: ["indicator", "type", "years", "change", "from", "values", "value", "note"], log: log)
    guard let indicator = try m["indicator"]?.string() else { throw node.error("an adjustment needs 'indicator'") }
    guard let typeNode = m["type"] else { throw node.error("an adjustment needs 'type' (shock, level, growth, recovery, override, cap, floor)") }
    func need(_ key: String, _ what: String) throws -> YAMLNode {
        guard let n = m[key] else { throw node.error("a \(try typeNode.string()) adjustment needs '\(key)' (\(what))") }
        return n
    }
    switch try typeNode.string() {
    case "shock":
        return .shock(indicator: indicator, years: try need("years", "the years hit").intList(),
                      change: try need("change", "a fraction: −0.6 is a 60% fall").double(fraction: true))
    case "level":
        return .level(indicator: indicator, from: try need("from", "the first year").int(), change: try need("change", "the amount added").double())
    case "growth":
        return .growth(indicator: indicator, from: try need("from", "the first year").int(),
                       change: try need("change", "percentage points of yearly growth").double())
    case "recovery":
        return .recovery(indicator: indicator, from: try need("from", "the first year of recovery").int(),
                         years: try need("years", "how many years to return to the trend").int())
    case "override":
        var values: [Int: Double] = [:]
        for (year, value) in try need("values", "year: value pairs").namedEntries() {
            guard let y = Int(year) else { throw value.error("'\(excerpt(year))' is not a year") }
            values[y] = try value.double()
        }
        return .override(indicator: indicator, values: values)
    case "cap": return .cap(indicator: indicator, value: try need("value", "the ceiling").double())
    case "floor": return .floor(indicator: indicator, value: try need("value", "the floor").double())
    case let other:
        let kinds = ["shock", "level", "growth", "recovery", "override", "cap", "floor"]
        throw typeNode.error(unknownName("adjustment type", other, among: kinds))
    }
}
