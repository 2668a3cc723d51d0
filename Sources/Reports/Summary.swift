import Foundation
import DataFiles
import Forecasting
import Planning

extension PlanResult {
    /// Targets grouped by programme, programmes in the order they first appear, targets in file order
    /// within each: a programme whose targets are spread over the file is still one group.
    var programmeGroups: [(programme: Int?, targets: [(Indicator, Target)])] {
        var groups: [(Int?, [(Indicator, Target)])] = []
        for (indicator, target) in plan.targets {
            if let k = groups.firstIndex(where: { $0.0 == target.programme }) { groups[k].1.append((indicator, target)) }
            else { groups.append((target.programme, [(indicator, target)])) }
        }
        return groups
    }

    /// Whether every scenario gives the same answer for a target (no data, or the data decide): one row then.
    func scenariosAgree(_ targetID: String) -> Bool {
        let all = scenarioNames.compactMap { assessment(targetID, $0) }
        return all.count > 1 && all.dropFirst().allSatisfy {
            $0.projected == all[0].projected && $0.status == all[0].status
                && $0.probabilityOfMeeting == all[0].probabilityOfMeeting && $0.lo80 == all[0].lo80 && $0.hi80 == all[0].hi80
        }
    }

    /// A target's assessments as tables show them: one row labelled "all scenarios" when every scenario
    /// agrees (`scenariosAgree`), else one row per scenario, labelled with its name.
    func foldedAssessments(_ targetID: String, _ labels: Labels) -> [(assessment: TargetAssessment, label: String)] {
        let same = scenariosAgree(targetID)
        let names = same ? Array(scenarioNames.prefix(1)) : scenarioNames
        return names.compactMap { scenario in
            assessment(targetID, scenario).map { ($0, same ? labels.allScenarios : scenario) }
        }
    }

    /// The 80% interval of an assessment, 4 significant digits each end ("1.265–23.21").
    func intervalCell(_ a: TargetAssessment) -> String {
        a.lo80.map { "\(significant($0, digits: 4))–\(significant(a.hi80!, digits: 4))" } ?? ""
    }

    /// P(meet) with 2 decimals; empty for a target decided by the data.
    func probabilityText(_ a: TargetAssessment) -> String {
        a.observed ? "" : a.probabilityOfMeeting.map { printfFormat("%.2f", $0) } ?? ""
    }

    /// The explanation of an assessment in the report's language.
    func explanation(_ a: TargetAssessment, _ labels: Labels) -> String {
        labels.explanation(a, problem: outcome(a.indicatorID).flatMap(labels.problem))
    }

    /// The projected value of an assessment, or the observed one marked as such (never as a forecast).
    func valueCell(_ a: TargetAssessment, _ labels: Labels) -> String {
        guard let value = a.projected else { return "" }
        let growth = target(of: a)?.kind == .averageGrowth
        return significant(value, digits: 4) + (growth ? labels.perYear : "") + (a.observed ? " (\(a.observedFromEstimate ? labels.estimate : labels.observedMark))" : "")
    }

    /// Per scenario, how many targets have each status: "baseline: on track 2 · off track 1 (3 targets)".
    func tallies(_ labels: Labels) -> [String] {
        let byScenario = Dictionary(grouping: assessments, by: \.scenario)
        return scenarioNames.map { scenario in
            let mine = byScenario[scenario] ?? []
            return "\(scenario): \(labels.tally(mine)) (\(labels.targetsCount(mine.count)))"
        }
    }

    /// The lines under a programme's table: why a target has no data, and targets outside the term.
    func targetNotes(_ targets: [(Indicator, Target)], _ labels: Labels) -> [String] {
        var notes: [String] = []
        for (_, target) in targets {
            let all = scenarioNames.compactMap { assessment(target.id, $0) }
            guard let first = all.first else { continue }
            if first.beforeTerm { notes.append("\(target.id): \(labels.beforeTerm(target, plan))") }
            if first.status == .noData {
                notes.append("\(target.id) — \(labels.status(.noData)): \(explanation(first, labels))")
            }
        }
        return notes
    }

    /// The target table for the terminal, grouped by programme, in `language` ("vi" or "en"; default the
    /// plan's); `colour` adds ANSI colours to statuses.
    public func terminalTable(colour: Bool, language: String? = nil) -> String {
        let labels = Labels(language: language ?? plan.language)
        var out = "\(plan.title)\n"
        out += labels.runLine(asOf: asOf, horizon: plan.horizon, draws: draws, seed: seed) + "\n"
        let groups = programmeGroups
        for (programme, targets) in groups {
            out += "\n" + labels.programmeHeading(programme, among: groups.count) + "\n"
            var table = TextTable(header: ["id", labels.indicator, labels.goalColumn, labels.scenario, labels.projectedOrObserved,
                                           labels.interval80, labels.probability, labels.growthColumn, labels.status],
                                  alignments: [.left, .left, .left, .left, .right, .right, .right, .right, .left])
            var statuses: [TargetStatus] = []
            for (indicator, target) in targets {
                for (k, (a, label)) in foldedAssessments(target.id, labels).enumerated() {
                    table.append([k == 0 ? target.id : "", k == 0 ? truncate(labels.name(indicator), 34) : "",
                                  k == 0 ? labels.statement(target, indicator) : "", label, valueCell(a, labels),
                                  intervalCell(a), probabilityText(a), k == 0 ? labels.growthPair(a) : "", labels.status(a.status)])
                    statuses.append(a.status)
                }
            }
            out += table.render(indent: "  ") { row, column, text in
                guard colour, column == 8 else { return text }
                return ansiColour(statuses[row]) + text + "\u{1B}[0m"
            }
            for note in targetNotes(targets, labels) { out += "  " + note + "\n" }
        }
        out += "\n" + tallies(labels).joined(separator: "\n") + "\n"
        return out
    }

    /// `summary.md` in `language` ("vi" or "en"; default the plan's): the plan, the targets per programme
    /// and scenario, the indicators' models and notes.
    public func summaryMarkdown(language: String? = nil) -> String {
        let labels = Labels(language: language ?? plan.language)
        var md = "# \(plan.title)\n\n"
        if let d = plan.description { md += d + "\n\n" }
        md += labels.runLine(asOf: asOf, horizon: plan.horizon, draws: draws, seed: seed) + " " + labels.howToRead + "\n\n"
        for line in tallies(labels) { md += "- " + markdownInline(line) + "\n" }
        md += "\n## \(labels.scenarios)\n\n"
        for name in scenarioNames {
            let s = scenario(name)!
            md += "- **\(name)**" + (s.extends.map { " (\(labels.extendsScenario($0)))" } ?? "") + (s.description.map { ": " + markdownInline($0) } ?? "") + "\n"
        }
        let groups = programmeGroups
        for (programme, targets) in groups {
            md += "\n## " + labels.programmeHeading(programme, among: groups.count) + "\n\n"
            var table = TextTable(header: ["id", labels.indicator, labels.goalColumn, labels.scenario, labels.projectedOrObserved,
                                           labels.interval80, labels.probability, labels.historical, labels.required, labels.status],
                                  alignments: [.left, .left, .left, .left, .right, .right, .right, .right, .right, .left])
            for (indicator, target) in targets {
                for (a, label) in foldedAssessments(target.id, labels) {
                    let historical = labels.period(a).map { "\(growthCell(a.historicalGrowth)) (\($0))" } ?? growthCell(a.historicalGrowth)
                    table.append([target.id, markdownInline(labels.name(indicator)),
                                  "\(markdownInline(labels.statement(target, indicator))) (\(target.year))", label, valueCell(a, labels),
                                  intervalCell(a), probabilityText(a), historical, growthCell(a.requiredGrowth), labels.status(a.status)])
                }
            }
            md += table.markdown()
            let notes = targetNotes(targets, labels)
            if !notes.isEmpty { md += "\n" + notes.map { "- " + markdownInline($0) + "\n" }.joined() }
        }
        md += "\n## \(labels.indicators)\n\n"
        for o in outcomes {
            md += "- **\(o.indicator.id)**" + (o.indicator.series.map { " (`\($0)`)" } ?? "") + ": "
            if let fit = o.fit {
                md += markdownInline(labels.fitLine(model: labels.modelName(fit.model.name), points: fit.count, first: fit.firstYear,
                                                    last: fit.lastYear, sigma: significant(fit.residualStandardDeviation, digits: 4), scale: scaleName(fit)))
                if let note = labels.note(o) { md += " " + markdownInline(sentence(note)) }
            } else if let planning = o.planning {
                let line = labels.planningLine(planning)
                md += markdownInline(line.model) + " " + markdownInline(line.certainty)
                if let note = labels.note(o) { md += " " + markdownInline(sentence(note)) }
            } else {
                md += labels.noProjection + ": " + markdownInline(labels.problem(o) ?? "")
            }
            md += "\n"
        }
        return md
    }
}

func truncate(_ text: String, _ length: Int) -> String {
    text.count <= length ? text : String(text.prefix(length - 1)) + "…"
}

func markdownInline(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
}

func ansiColour(_ status: TargetStatus) -> String {
    switch status {
    case .achieved: return "\u{1B}[1;32m"
    case .onTrack: return "\u{1B}[32m"
    case .atRisk: return "\u{1B}[33m"
    case .offTrack, .missed: return "\u{1B}[31m"
    case .noData: return "\u{1B}[2m"
    }
}
