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
/// - Throws: `InputError` naming the file, line and key path, with what to do.
public func readScenarioFile(at path: String) throws -> ScenarioDocument {
    let data = try readInputFile(at: path, maximumBytes: 16 << 20,
                                 whenTooLarge: "a scenario file takes a few kilobytes: check that this is the right file")
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, "is not UTF-8 text; save it as UTF-8")
    }
    return try parseScenarioText(text, file: path)
}

/// Parses and checks the text of a scenario file; see `readScenarioFile(at:)`.
///
/// - Parameter file: the file's path, for messages and to resolve the data file's path.
public func parseScenarioText(_ input: String, file path: String) throws -> ScenarioDocument {
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
        throw yamlInputError(error, file: path)
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

private func parseScenario(_ root: YAMLNode) throws -> ScenarioDocument {
    let file = root.file
    let top = try root.mapping(allowed: ["plancast", "title", "description", "language", "data", "sheet", "csv_dialect", "as_of", "base_year",
                                         "horizon", "simulation", "indicators", "scenarios"])
    guard let version = top["plancast"] else {
        throw InputError(file: file, line: 1, key: "plancast", "the file must start with 'plancast: 1' (the format version)")
    }
    guard try version.int() == 1 else { throw version.error("format version \(excerpt(try version.string())) is not known; this plancast reads version 1") }
    func required(_ key: String) throws -> YAMLNode {
        guard let node = top[key] else { throw InputError(file: file, line: root.line, key: key, "is missing; add '\(key):' at the top level") }
        return node
    }
    let title = try top["title"]?.string() ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let language = try top["language"]?.string() ?? "en"
    guard ["vi", "en"].contains(language) else { throw top["language"]!.error("language must be vi or en") }
    let dataNode = try required("data")
    let dataName = try dataNode.string()
    let sheet = try top["sheet"]?.string()
    var csvDialect: CSVDialect? = nil
    if let dialectNode = top["csv_dialect"] {
        let text = try dialectNode.string()
        guard let dialect = CSVDialect(rawValue: text) else { throw dialectNode.error("csv_dialect must be vi (semicolons, decimal commas) or standard (commas, decimal dots)") }
        guard !isWorkbookPath(dataName) else { throw dialectNode.error("csv_dialect is for a CSV data file, but \(excerpt(dataName)) is a workbook; remove 'csv_dialect:'") }
        csvDialect = dialect
    }
    if let sheetNode = top["sheet"], !isWorkbookPath(dataName) {
        throw sheetNode.error("'sheet:' names a sheet of a workbook, but the data file \(excerpt(dataName)) is not an .xlsx workbook; remove 'sheet:'")
    }
    let asOf = try required("as_of").int()
    let horizonNode = try required("horizon")
    let horizon = try horizonNode.int()
    let baseYear = try top["base_year"]?.int()
    var draws = 10_000
    var seed: UInt64 = 1
    if let simulation = top["simulation"] {
        let s = try simulation.mapping(allowed: ["draws", "seed"])
        if let d = s["draws"] {
            draws = try d.int()
            guard acceptedDraws.contains(draws) else { throw d.error("draws must be between 100 and 1,000,000 (more paths do not fit in 500 MB of memory)") }
        }
        if let n = s["seed"] {
            let value = try n.int()
            guard value >= 0 else { throw n.error("the seed must be a whole number ≥ 0") }
            seed = UInt64(value)
        }
    }
    var targetLines: [String: Int] = [:]
    var indicators: [Indicator] = []
    var declarations = UnitDeclarations()
    for node in try required("indicators").sequence() {
        let (indicator, lines) = try parseIndicator(node, declarations: &declarations)
        for (id, line) in lines {
            if targetLines[id] != nil { throw InputError(file: file, line: line, key: "\(node.path).targets", "target id '\(id)' is used twice; ids must be unique") }
            targetLines[id] = line
        }
        indicators.append(indicator)
    }
    guard let scenarioNode = top["scenarios"] else {
        throw InputError(file: file, line: root.line, key: "scenarios",
                         "is missing; add 'scenarios:' at the top level with at least 'baseline: {}' (the trend without adjustments)")
    }
    var scenarios: [Scenario] = []
    for (name, node) in try scenarioNode.namedEntries() {
        scenarios.append(try parseScenarioEntry(name, node))
    }
    guard scenarios.contains(where: { $0.name == "baseline" }) else {
        throw InputError(file: file, line: lineOfKey("scenarios", in: root) ?? scenarioNode.line, key: "scenarios",
                         "has no 'baseline' scenario; add 'baseline: {}' (the trend without adjustments), which every other scenario is compared with")
    }
    let plan = Plan(title: title, description: try top["description"]?.string(), language: language, data: dataName,
                    asOf: asOf, baseYear: baseYear, horizon: horizon, draws: draws, seed: seed,
                    indicators: indicators, scenarios: scenarios)
    do {
        try plan.validate()
    } catch let error as PlanningError {
        throw InputError(file: file, line: lineOf(keyPath: error.key, in: root), key: error.key, error.message)
    }
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
    let dataPath = dataName.hasPrefix("/") ? dataName : folder.appendingPathComponent(dataName).standardizedFileURL.path
    var lines: [String: Int] = [:]
    for (i, indicator) in plan.indicators.enumerated() {
        var paths = ["indicators[\(i)]", "indicators[\(i)].series", "indicators[\(i)].model", "indicators[\(i)].unit", "indicators[\(i)].scale", "indicators[\(i)].bounds",
                     "indicators[\(i)].bounds.lower", "indicators[\(i)].bounds.upper"]
        for j in indicator.targets.indices {
            paths += ["indicators[\(i)].targets[\(j)]", "indicators[\(i)].targets[\(j)].year", "indicators[\(i)].targets[\(j)].value"]
        }
        for path in paths { lines[path] = lineOf(keyPath: path, in: root) }
    }
    return ScenarioDocument(path: file, plan: plan, dataPath: relativeToWorkingDirectory(dataPath), dataSheet: sheet,
                            csvDialect: csvDialect, scales: declarations.scales, scaleCheckedTargets: declarations.scaleChecked,
                            targetLines: targetLines, lines: lines)
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

private func parseIndicator(_ node: YAMLNode, declarations: inout UnitDeclarations) throws -> (Indicator, [(String, Int)]) {
    let m = try node.mapping(allowed: ["id", "name", "name_en", "series", "unit", "scale", "model", "bounds", "targets", "data_needed", "note"])
    guard let idNode = m["id"] else { throw node.error("an indicator needs an 'id'") }
    var indicator = Indicator(id: try idNode.string())
    if let scaleNode = m["scale"] {
        let scale = try scaleNode.double()
        guard scale > 0 else { throw scaleNode.error("scale must be a positive factor from the data's unit to the indicator's, e.g. 1e-6 from arrivals to million arrivals") }
        declarations.scales[indicator.id] = scale
    }
    indicator.name = try m["name"]?.string()
    indicator.nameEnglish = try m["name_en"]?.string()
    indicator.series = try m["series"]?.string()
    indicator.unit = try m["unit"]?.string()
    indicator.dataNeeded = try m["data_needed"]?.string()
    if let bounds = m["bounds"] {
        let b = try bounds.mapping(allowed: ["lower", "upper"])
        indicator.lowerBound = try b["lower"]?.double()
        indicator.upperBound = try b["upper"]?.double()
    }
    if let model = m["model"] { indicator.model = try parseModel(model) }
    var lines: [(String, Int)] = []
    if let targets = m["targets"] {
        for t in try targets.sequence() {
            let target = try parseTarget(t)
            if let checked = try t.mapping(allowed: targetKeys)["scale_checked"] {
                switch try checked.string() {
                case "true": declarations.scaleChecked.insert(target.id)
                case "false": break
                default: throw checked.error("scale_checked must be true or false")
                }
            }
            lines.append((target.id, t.line ?? 0))
            indicator.targets.append(target)
        }
    }
    return (indicator, lines)
}

/// A model: a name (`auto`, `linear`, …) or a mapping with `type` and options.
func parseModel(_ node: YAMLNode) throws -> ModelSpecification {
    if case .scalar = node.node {
        let text = try node.string()
        guard let name = ModelName(rawValue: text) else {
            let hint = nearestName(text, among: ModelName.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
            throw node.error("unknown model '\(excerpt(text))'\(hint); use one of \(ModelName.allCases.map(\.rawValue).joined(separator: ", "))")
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

private func parseTarget(_ node: YAMLNode) throws -> Target {
    let m = try node.mapping(allowed: targetKeys)
    guard let id = try m["id"]?.string() else { throw node.error("a target needs an 'id'") }
    guard let kindNode = m["kind"] else { throw node.error("target \(id) needs a 'kind' (\(TargetKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
    let kindText = try kindNode.string()
    guard let kind = TargetKind(rawValue: kindText) else {
        let hint = nearestName(kindText, among: TargetKind.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
        throw kindNode.error("unknown kind '\(excerpt(kindText))'\(hint)")
    }
    guard let yearNode = m["year"] else { throw node.error("target \(id) needs a 'year'") }
    var target = Target(id: id, programme: try m["programme"]?.int(), kind: kind, year: try yearNode.int())
    if let c = m["comparison"] {
        let text = try c.string()
        guard let comparison = Comparison(rawValue: text) else {
            let hint = nearestName(text, among: Comparison.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
            throw c.error("unknown comparison '\(excerpt(text))'\(hint)")
        }
        target.comparison = comparison
    }
    target.value = try m["value"]?.double()
    target.valueHigh = try m["value_high"]?.double()
    if let t = m["tolerance"] { target.tolerance = try t.double() }
    target.note = try m["note"]?.string()
    if let s = m["status"] {
        let text = try s.string()
        guard let status = MilestoneStatus(rawValue: text) else {
            throw s.error("status must be one of \(MilestoneStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard kind == .milestone else { throw s.error("only a milestone carries a status set by hand; target \(id) is a \(kind.rawValue)") }
        target.milestoneStatus = status
    }
    target.statusDate = try m["status_date"]?.string()
    target.statusSource = try m["status_source"]?.string()
    if kind == .milestone, target.comparison != nil || target.value != nil {
        throw node.error("target \(id) is a milestone: it has a status, not a comparison or value")
    }
    return target
}

private func parseScenarioEntry(_ name: String, _ node: YAMLNode) throws -> Scenario {
    if case let .scalar(s) = node.node, s.string.isEmpty || s.string == "~" || s.string == "null" {
        return Scenario(name: name)
    }
    let m = try node.mapping(allowed: ["description", "extends", "adjustments"])
    var scenario = Scenario(name: name, description: try m["description"]?.string(), extends: try m["extends"]?.string())
    if let adjustments = m["adjustments"] {
        for a in try adjustments.sequence() { scenario.adjustments.append(try parseAdjustment(a)) }
    }
    return scenario
}

private func parseAdjustment(_ node: YAMLNode) throws -> Adjustment {
    let m = try node.mapping(allowed: ["indicator", "type", "years", "change", "from", "values", "value", "note"])
    guard let indicator = try m["indicator"]?.string() else { throw node.error("an adjustment needs 'indicator'") }
    guard let typeNode = m["type"] else { throw node.error("an adjustment needs 'type' (shock, level, growth, recovery, override, cap, floor)") }
    func need(_ key: String, _ what: String) throws -> YAMLNode {
        guard let n = m[key] else { throw node.error("a \(try typeNode.string()) adjustment needs '\(key)' (\(what))") }
        return n
    }
    switch try typeNode.string() {
    case "shock":
        return .shock(indicator: indicator, years: try need("years", "the years hit").intList(),
                      change: try need("change", "a fraction: −0.6 is a 60% fall").double())
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
        let hint = nearestName(other, among: kinds).map { "; did you mean '\($0)'?" } ?? ""
        throw typeNode.error("unknown adjustment type '\(excerpt(other))'\(hint); use one of \(kinds.joined(separator: ", "))")
    }
}
