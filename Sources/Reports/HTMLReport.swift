import Foundation
import DataFiles
import Forecasting
import Planning

/// The self-contained HTML report of a run (inline CSS and SVG, nothing fetched from the network).
///
/// The page opens with the status board (programme × target, every scenario: projection, P(meet) and
/// status in words, a symbol and a colour), then one section per indicator with data (a fan chart, its
/// legend, the numbers behind it and the sources of the data as links), then the indicators without
/// data and what data each needs. The same result gives the same bytes: no dates, no unordered maps.
///
/// - Parameters:
///   - result: the run.
///   - language: "vi" or "en", for the labels; indicator names are kept exactly as the plan gives them.
/// - Returns: the whole document.
public func htmlReport(_ result: PlanResult, language: String) -> String {
    HTMLReport(result: result, labels: Labels(language: language)).document()
}

/// Escapes text for HTML content and attribute values.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

extension IndicatorOutcome {
    /// Whether the report draws a chart for this indicator: it has at least one observation up to the as-of year.
    public var hasChartData: Bool { !history.isEmpty }
}

/// Builds `report.html` section by section.
struct HTMLReport {
    let result: PlanResult
    let labels: Labels
    /// Indicators with data, each with the number of its section: those with a projection first, then
    /// those with too few points to project, each group in file order.
    let charted: [(number: Int, outcome: IndicatorOutcome)]
    /// The section number of each charted indicator, so that every target row links without a search.
    private let sectionNumbers: [String: Int]

    init(result: PlanResult, labels: Labels) {
        self.result = result
        self.labels = labels
        let withData = result.outcomes.filter(\.hasChartData)
        let ordered = withData.filter { $0.model != nil } + withData.filter { $0.model == nil }
        charted = ordered.enumerated().map { ($0.offset + 1, $0.element) }
        var numbers: [String: Int] = [:]
        for (number, outcome) in charted where numbers[outcome.indicator.id] == nil { numbers[outcome.indicator.id] = number }
        sectionNumbers = numbers
    }

    func sectionID(_ indicatorID: String) -> String? {
        sectionNumbers[indicatorID].map { "indicator-\($0)" }
    }

    func document() -> String {
        let plan = result.plan
        var html = "<!doctype html>\n<html lang=\"\(labels.language)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(escapeHTML(plan.title))</title>\n<style>\n\(reportStyleSheet)</style>\n</head>\n<body>\n"
        html += header()
        html += "<main>\n" + statusBoard() + chartsSection() + noDataSection() + scenarioList() + "</main>\n"
        html += "<footer><p>\(escapeHTML(labels.madeBy(data: plan.data)))</p></footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Header

    func header() -> String {
        let plan = result.plan
        var html = "<header>\n<h1>\(escapeHTML(plan.title))</h1>\n"
        if let description = plan.description { html += "<p class=\"lead\">\(escapeHTML(description))</p>\n" }
        html += "<p class=\"meta\">\(escapeHTML(labels.runLine(asOf: result.asOf, horizon: plan.horizon, draws: result.draws, seed: result.seed)))</p>\n"
        let withoutData = result.outcomes.count - charted.count
        html += "<nav aria-label=\"\(escapeHTML(labels.contents))\"><ul>"
        let projected = charted.filter { $0.outcome.model != nil }.count
        html += "<li><a href=\"#status\">\(escapeHTML(labels.statusBoard))</a></li>"
        if projected > 0 { html += "<li><a href=\"#charts\">\(escapeHTML(labels.charts))</a> (\(projected))</li>" }
        if charted.count > projected { html += "<li><a href=\"#few-data\">\(escapeHTML(labels.fewData))</a> (\(charted.count - projected))</li>" }
        if withoutData > 0 { html += "<li><a href=\"#no-data\">\(escapeHTML(labels.withoutData))</a> (\(withoutData))</li>" }
        html += "<li><a href=\"#scenarios\">\(escapeHTML(labels.scenarios))</a></li>"
        html += "</ul></nav>\n</header>\n"
        return html
    }

    // MARK: Status board

    /// A status in words, with a symbol and a colour.
    func badge(_ status: TargetStatus) -> String {
        let (symbol, name): (String, String)
        switch status {
        case .achieved: (symbol, name) = ("★", "achieved")
        case .onTrack: (symbol, name) = ("✓", "on-track")
        case .atRisk: (symbol, name) = ("!", "at-risk")
        case .offTrack: (symbol, name) = ("✗", "off-track")
        case .missed: (symbol, name) = ("✗", "missed")
        case .noData: (symbol, name) = ("?", "no-data")
        }
        return "<span class=\"status st-\(name)\"><span class=\"icon\" aria-hidden=\"true\">\(symbol)</span> \(escapeHTML(labels.status(status)))</span>"
    }

    /// One scenario's verdict on a target: status, projection with its 80% interval, P(meet).
    func verdict(_ a: TargetAssessment, note: String? = nil) -> String {
        var html = "<div class=\"verdict\(note == nil ? "" : " inline")\">" + badge(a.status)
        if let projected = a.projected {
            let unit = a.comparison != "milestone" && result.target(of: a)?.kind == .averageGrowth
                ? labels.perYear : ""
            html += "<span class=\"num\">\(significant(projected, digits: 4))\(escapeHTML(unit))"
            if a.observed {
                html += " <span class=\"range\">(\(escapeHTML(a.observedFromEstimate ? labels.estimatedValue : labels.observedValue)))</span>"
            } else if let lo = a.lo80, let hi = a.hi80 {
                html += " <span class=\"range\">(\(significant(lo, digits: 4))–\(significant(hi, digits: 4)))</span>"
            }
            html += "</span>"
        }
        if let p = a.probabilityOfMeeting, !a.observed {
            html += "<span class=\"p\">\(escapeHTML(labels.probability)) \(printfFormat("%.2f", p))</span>"
        }
        if let note { html += "<span class=\"all\">(\(escapeHTML(note)))</span>" }
        if a.status == .noData {
            html += "<span class=\"why\">\(escapeHTML(result.explanation(a, labels)))</span>"
        }
        return html + "</div>"
    }

    func statusBoard() -> String {
        let scenarios = result.scenarioNames
        var html = "<section id=\"status\">\n<h2>\(escapeHTML(labels.statusBoard))</h2>\n"
        html += "<p class=\"note\">\(escapeHTML(labels.howToRead))</p>\n"
        html += "<ul class=\"counts\">\n"
        let byScenario = Dictionary(grouping: result.assessments, by: \.scenario)
        for scenario in scenarios {
            let mine = byScenario[scenario] ?? []
            let counts = TargetStatus.allCases.compactMap { status -> String? in
                let count = mine.filter { $0.status == status }.count
                return count == 0 ? nil : "<span class=\"count\">" + badge(status) + " \(count)</span>"
            }
            html += "<li><strong>\(escapeHTML(scenario))</strong>: " + counts.joined(separator: " · ") + "</li>\n"
        }
        html += "</ul>\n<div class=\"table-wrap\"><table class=\"board\">\n<thead><tr>"
        html += "<th scope=\"col\">\(escapeHTML(labels.identifier))</th><th scope=\"col\">\(escapeHTML(labels.indicator))</th><th scope=\"col\">\(escapeHTML(labels.goal))</th>"
        for (index, scenario) in scenarios.enumerated() {
            // A break opportunity after each underscore, so long scenario names wrap in narrow columns.
            let breakable = escapeHTML(scenario).replacingOccurrences(of: "_", with: "_<wbr>")
            html += "<th scope=\"col\"><a href=\"#scenario-\(index + 1)\">\(breakable)</a></th>"
        }
        html += "</tr></thead>\n"
        let groups = result.programmeGroups
        for (programme, targets) in groups {
            html += "<tbody>\n<tr class=\"programme\"><th colspan=\"\(3 + scenarios.count)\" scope=\"rowgroup\">"
            html += escapeHTML(labels.programmeHeading(programme, among: groups.count)) + "</th></tr>\n"
            for (indicator, target) in targets {
                html += "<tr>"
                html += "<th scope=\"row\" data-label=\"\(escapeHTML(labels.identifier))\">\(escapeHTML(target.id))</th>"
                let name = escapeHTML(labels.name(indicator))
                let linked = sectionID(indicator.id).map { "<a href=\"#\($0)\">\(name)</a>" } ?? name
                html += "<td class=\"name\" data-label=\"\(escapeHTML(labels.indicator))\">\(linked)</td>"
                let statement = target.kind == .milestone ? labels.milestone : "\(labels.statement(target, indicator)) (\(target.year))"
                let all = scenarios.compactMap { result.assessment(target.id, $0) }
                var goal = escapeHTML(statement)
                if let a = all.first, !labels.growthPair(a).isEmpty {
                    goal += "<span class=\"growth\">\(escapeHTML(labels.growthLine(a)))</span>"
                }
                if all.first?.beforeTerm == true {
                    goal += "<span class=\"why\">\(escapeHTML(labels.beforeTerm(target, result.plan)))</span>"
                }
                html += "<td class=\"\(target.kind == .milestone ? "goal milestone" : "goal")\" data-label=\"\(escapeHTML(labels.goal))\">\(goal)</td>"
                // One cell when every scenario gives the same answer (no data, or the data decide).
                if all.count == scenarios.count && result.scenariosAgree(target.id) {
                    html += "<td colspan=\"\(scenarios.count)\" data-label=\"\(escapeHTML(sentenceCase(labels.allScenarios)))\">"
                    html += verdict(all[0], note: labels.allScenarios) + "</td>"
                } else {
                    for scenario in scenarios {
                        html += "<td data-label=\"\(escapeHTML(scenario))\">"
                        html += result.assessment(target.id, scenario).map { verdict($0) } ?? ""
                        html += "</td>"
                    }
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        html += "</table></div>\n</section>\n"
        return html
    }

    // MARK: Scenarios

    /// A legend swatch; line swatches repeat the chart's dash pattern with a CSS gradient.
    func swatch(_ swatch: LegendItem.Swatch) -> String {
        switch swatch {
        case .actual: return "<span class=\"sw sw-dot sw-actual\" aria-hidden=\"true\"></span>"
        case .estimate: return "<span class=\"sw sw-dot sw-estimate\" aria-hidden=\"true\"></span>"
        case .later: return "<span class=\"sw sw-later\" aria-hidden=\"true\"></span>"
        case .trend: return "<span class=\"sw sw-trend\" aria-hidden=\"true\"></span>"
        case .band95: return "<span class=\"sw sw-band\" style=\"background:\(ScenarioStyle.colour(0));opacity:0.16\" aria-hidden=\"true\"></span>"
        case .band80: return "<span class=\"sw sw-band\" style=\"background:\(ScenarioStyle.colour(0));opacity:0.43\" aria-hidden=\"true\"></span>"
        case .target: return "<span class=\"sw sw-target\" aria-hidden=\"true\"></span>"
        case .none: return ""
        case let .line(index):
            return "<span class=\"sw\" style=\"background:\(dashGradient(colour: ScenarioStyle.colour(index), dash: ScenarioStyle.dash(index)))\" aria-hidden=\"true\"></span>"
        }
    }

    /// A CSS background that draws an SVG dash pattern ("8 4") as a horizontal line.
    func dashGradient(colour: String, dash: String) -> String {
        let lengths = dash.split(separator: " ").compactMap { Double($0) }
        guard !lengths.isEmpty else { return colour }
        var stops: [String] = []
        var position = 0.0
        for (k, length) in lengths.enumerated() {
            let next = position + length
            stops.append("\(k % 2 == 0 ? colour : "transparent") \(formatNumber(position))px \(formatNumber(next))px")
            position = next
        }
        return "repeating-linear-gradient(90deg," + stops.joined(separator: ",") + ")"
    }

    func scenarioList() -> String {
        var html = "<section id=\"scenarios\">\n<h2>\(escapeHTML(labels.scenarios))</h2>\n<dl class=\"scenarios\">\n"
        for (index, name) in result.scenarioNames.enumerated() {
            let scenario = result.scenario(name)
            html += "<dt id=\"scenario-\(index + 1)\">" + swatch(.line(scenario: index)) + escapeHTML(name) + "</dt>"
            var text = scenario?.description ?? ""
            if let parent = scenario?.extends { text = "(\(labels.extendsScenario(parent))) " + text }
            html += "<dd>\(escapeHTML(text))</dd>\n"
        }
        html += "</dl>\n</section>\n"
        return html
    }

    // MARK: Charts

    /// The charts of indicators with a projection (`#charts`), then of those with too few points (`#few-data`).
    func chartsSection() -> String {
        var html = ""
        let projected = charted.filter { $0.outcome.model != nil }
        let few = charted.filter { $0.outcome.model == nil }
        if !projected.isEmpty {
            html += "<section id=\"charts\">\n<h2>\(escapeHTML(labels.charts))</h2>\n<p class=\"note\">\(escapeHTML(labels.chartsIntro))</p>\n"
            html += indicatorSections(projected)
            html += "</section>\n"
        }
        if !few.isEmpty {
            html += "<section id=\"few-data\">\n<h2>\(escapeHTML(labels.fewData))</h2>\n<p class=\"note\">\(escapeHTML(labels.fewDataIntro))</p>\n"
            html += indicatorSections(few)
            html += "</section>\n"
        }
        return html
    }

    /// The sections of `charted` in their order, built on every core (a chart depends on its own
    /// indicator only): the same text as building them one after the other.
    func indicatorSections(_ charted: [(number: Int, outcome: IndicatorOutcome)]) -> String {
        let sections = ConcurrentSlots<String>(count: charted.count)
        DispatchQueue.concurrentPerform(iterations: charted.count) { i in
            sections.set(i, indicatorSection(charted[i].outcome, number: charted[i].number))
        }
        return sections.values().joined()
    }

    func indicatorSection(_ outcome: IndicatorOutcome, number: Int) -> String {
        let indicator = outcome.indicator
        let chart = FanChart(outcome: outcome, result: result, labels: labels, number: number)
        var html = "<section class=\"indicator\" id=\"indicator-\(number)\">\n"
        html += "<h3>\(escapeHTML(labels.name(indicator))) <span class=\"id\">(\(escapeHTML(indicator.id)))</span></h3>\n"
        if let subtitle = labels.subtitle(indicator) {
            html += "<p class=\"name-en\" lang=\"vi\">\(escapeHTML(subtitle))</p>\n"
        }
        if let fit = outcome.fit {
            let line = labels.fitLine(model: labels.modelName(fit.model.name), points: fit.count, first: fit.firstYear, last: fit.lastYear,
                                      sigma: significant(fit.residualStandardDeviation, digits: 3), scale: scaleName(fit))
            html += "<p class=\"model\">\(escapeHTML(sentenceCase(line)))</p>\n"
            if let note = labels.note(outcome) { html += "<p class=\"detail\">\(escapeHTML(note))</p>\n" }
        } else if let planning = outcome.planning {
            let line = labels.planningLine(planning)
            html += "<p class=\"model\">\(escapeHTML(line.model))</p>\n"
            html += "<p class=\"certainty\">\(escapeHTML(line.certainty))</p>\n"
            if let note = labels.note(outcome) { html += "<p class=\"detail\">\(escapeHTML(note))</p>\n" }
        } else {
            // Say "too few points" only when that is the reason; any other reason is given as it is.
            if case let .cannotFit(_, _, error)? = outcome.problemReason, case .tooFewPoints = error {
                html += "<p class=\"model\">\(escapeHTML(labels.notEnoughData(points: outcome.history.count, asOf: result.asOf)))"
                if let needed = indicator.dataNeeded { html += " \(escapeHTML(labels.dataNeeded)): \(escapeHTML(needed))." }
                html += "</p>\n"
            }
            if let problem = labels.problem(outcome) { html += "<p class=\"detail\">\(escapeHTML(problem))</p>\n" }
        }
        html += "<figure class=\"chart\">\n<div class=\"chart-scroll\">\n" + chart.svg() + "\n</div>\n<figcaption><ul class=\"legend\">"
        for item in chart.legend() { html += "<li>" + swatch(item.swatch) + escapeHTML(item.text) + "</li>" }
        html += "</ul></figcaption>\n</figure>\n"
        // Average-growth targets of a level series, each on a growth axis of its own.
        for (k, target) in indicator.targets.enumerated() where chart.isGrowthOfLevel(target) && target.value != nil {
            let growth = GrowthChart(target: target, indicator: indicator, result: result, labels: labels, number: "\(number)-\(k + 1)")
            guard !growth.rows.isEmpty else { continue }
            html += "<figure class=\"chart growth\">\n<div class=\"chart-scroll\">\n" + growth.svg() + "\n</div>\n"
            html += "<figcaption class=\"note\">\(escapeHTML(labels.growthChartCaption))</figcaption>\n</figure>\n"
        }
        let adjusted = result.scenarioNames.compactMap { scenario -> String? in
            let list = ((try? result.plan.scenarios.resolvedAdjustments(of: scenario)) ?? [])
                .filter { $0.indicator == indicator.id }.map(labels.adjustment)
            guard !list.isEmpty else { return nil }
            return "<li><strong>\(escapeHTML(scenario))</strong>: \(escapeHTML(list.joined(separator: "; ")))</li>"
        }
        if !adjusted.isEmpty {
            html += "<p class=\"model\">\(escapeHTML(labels.adjustments)):</p>\n<ul class=\"model\">" + adjusted.joined() + "</ul>\n"
        }
        html += numbersTable(chart)
        html += sourcesList(outcome)
        html += "<p class=\"back\"><a href=\"#status\">↑ \(escapeHTML(labels.backToBoard))</a></p>\n</section>\n"
        return html
    }

    /// The numbers behind a chart: the data, the fitted trend, each scenario's median, the first's intervals.
    func numbersTable(_ chart: FanChart) -> String {
        let outcome = chart.outcome
        let first = result.scenarioNames.first
        let firstRows = first.map(chart.projected) ?? []
        let others = chart.distinctScenarios
        var fitted: [Int: Double] = [:]
        if let fit = outcome.fit {
            for (o, value) in zip(fit.observations, fit.fittedValues) { fitted[o.year] = value }
        }
        let data = Dictionary(outcome.history.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let later = Dictionary(outcome.laterActuals.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let firstByYear = Dictionary(firstRows.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let otherByYear = others.map { other in
            Dictionary(chart.projected(other.name).map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let years = Set(data.keys).union(later.keys).union(firstByYear.keys).sorted()

        var html = "<div class=\"table-wrap\"><table class=\"numbers\">\n<caption>\(escapeHTML(labels.numbersCaption))"
        if let unit = outcome.indicator.unit { html += " (\(escapeHTML(labels.unit)): \(escapeHTML(unit)))" }
        html += "</caption>\n<thead><tr><th scope=\"col\">\(escapeHTML(labels.year))</th><th scope=\"col\" class=\"n\">\(escapeHTML(labels.data))</th>"
        if outcome.fit != nil { html += "<th scope=\"col\" class=\"n\">\(escapeHTML(labels.fittedTrend))</th>" }
        if let first, !firstRows.isEmpty {
            html += "<th scope=\"col\" class=\"n\">\(escapeHTML(first))<br><small>\(escapeHTML(labels.median))</small></th>"
            html += "<th scope=\"col\" class=\"n\">\(escapeHTML(first))<br><small>\(escapeHTML(labels.interval80))</small></th>"
            html += "<th scope=\"col\" class=\"n\">\(escapeHTML(first))<br><small>\(escapeHTML(labels.interval95))</small></th>"
            for other in others {
                html += "<th scope=\"col\" class=\"n\">\(escapeHTML(other.name))<br><small>\(escapeHTML(labels.median))</small></th>"
            }
        }
        html += "</tr></thead>\n<tbody>\n"
        func interval(_ lo: Double?, _ hi: Double?) -> String {
            guard let lo, let hi else { return "" }
            return "\(significant(lo, digits: 4))–\(significant(hi, digits: 4))"
        }
        for year in years {
            html += "<tr><th scope=\"row\">\(year)</th><td class=\"n data\">"
            if let o = data[year] {
                html += formatNumber(o.value) + (o.kind == .estimate ? " (\(escapeHTML(labels.estimate)))" : "")
            } else if let o = later[year] {
                html += formatNumber(o.value) + " (\(escapeHTML(labels.after(result.asOf)))"
                html += (o.kind == .estimate ? ", \(escapeHTML(labels.estimate))" : "") + ")"
            }
            html += "</td>"
            if outcome.fit != nil { html += "<td class=\"n\">\(fitted[year].map { significant($0, digits: 4) } ?? "")</td>" }
            if !firstRows.isEmpty {
                let row = firstByYear[year]
                html += "<td class=\"n\">\(row.map { significant($0.central, digits: 4) } ?? "")</td>"
                html += "<td class=\"n\">\(interval(row?.lo80, row?.hi80))</td><td class=\"n\">\(interval(row?.lo95, row?.hi95))</td>"
                for byYear in otherByYear {
                    html += "<td class=\"n\">\(byYear[year].map { significant($0.central, digits: 4) } ?? "")</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
        return html
    }

    /// The sources of the data (history and later data), each with the years it gives, as links.
    func sourcesList(_ outcome: IndicatorOutcome) -> String {
        var order: [String] = []
        var years: [String: [Int]] = [:]
        var unsourced: [Int] = []
        for o in outcome.history + outcome.laterActuals {
            guard let source = o.source?.trimmingCharacters(in: .whitespaces), !source.isEmpty else {
                unsourced.append(o.year)
                continue
            }
            if years[source] == nil { order.append(source) }
            years[source, default: []].append(o.year)
        }
        var html = "<p class=\"model\">\(escapeHTML(labels.sources)):</p>\n<ul class=\"sources\">\n"
        for source in order {
            let list = years[source]!.sorted().map(String.init).joined(separator: ", ")
            let lowered = source.lowercased()
            let text = lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
                ? "<a href=\"\(escapeHTML(source))\">\(escapeHTML(source))</a>" : escapeHTML(source)
            html += "<li>\(list): \(text)</li>\n"
        }
        if !unsourced.isEmpty {
            html += "<li>\(unsourced.sorted().map(String.init).joined(separator: ", ")): \(escapeHTML(labels.noSource))</li>\n"
        }
        return html + "</ul>\n"
    }

    // MARK: Indicators without data

    func noDataSection() -> String {
        let missing = result.outcomes.filter { !$0.hasChartData }
        guard !missing.isEmpty else { return "" }
        var html = "<section id=\"no-data\">\n<h2>\(escapeHTML(labels.withoutData))</h2>\n<ul class=\"no-data\">\n"
        for outcome in missing {
            let indicator = outcome.indicator
            html += "<li><strong>\(escapeHTML(labels.name(indicator)))</strong> <span class=\"id\">(\(escapeHTML(indicator.id)))</span>"
            let targets = indicator.targets.map { target in
                "\(target.id) " + (target.kind == .milestone ? labels.milestone : "\(labels.statement(target, indicator)) (\(target.year))")
            }
            if !targets.isEmpty { html += ": " + escapeHTML(targets.joined(separator: "; ")) }
            if let needed = indicator.dataNeeded ?? labels.problem(outcome) {
                html += "<br><span class=\"need\">\(escapeHTML(labels.dataNeeded)): \(escapeHTML(needed))</span>"
            }
            if !outcome.laterActuals.isEmpty {
                html += "<br><span class=\"need\">\(escapeHTML(labels.laterDataExist(outcome.laterActuals.map(\.year), asOf: result.asOf)))</span>"
            }
            html += "</li>\n"
        }
        html += "</ul>\n</section>\n"
        return html
    }
}
