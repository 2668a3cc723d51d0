import Foundation
import Forecasting
import Planning

/// The labels of the terminal table and the Markdown summary, in the plan's language.
public struct Labels: Sendable {
    public let language: String
    public init(language: String) { self.language = language == "vi" ? "vi" : "en" }
    var vi: Bool { language == "vi" }

    func status(_ s: TargetStatus) -> String {
        guard vi else { return s.rawValue }
        switch s {
        case .achieved: return "đã đạt"
        case .onTrack: return "đúng hướng"
        case .atRisk: return "có nguy cơ"
        case .offTrack: return "chệch hướng"
        case .noData: return "không có số liệu"
        }
    }
    var programme: String { vi ? "Chương trình" : "Programme" }
    var target: String { vi ? "Chỉ tiêu" : "Target" }
    var projected: String { vi ? "Dự báo" : "Projected" }
    var interval80: String { vi ? "Khoảng 80%" : "80% interval" }
    var probability: String { vi ? "P(đạt)" : "P(meet)" }
    var status: String { vi ? "Đánh giá" : "Status" }
    var scenario: String { vi ? "Kịch bản" : "Scenario" }
    var allScenarios: String { vi ? "mọi kịch bản" : "all scenarios" }
    var required: String { vi ? "Tăng cần (%/năm)" : "Required growth (%/yr)" }
    var historical: String { vi ? "Tăng đã có (%/năm)" : "Historical growth (%/yr)" }
}

extension PlanResult {
    /// Targets grouped by programme, in file order.
    var programmeGroups: [(programme: Int?, targets: [(Indicator, Target)])] {
        var groups: [(Int?, [(Indicator, Target)])] = []
        for (indicator, target) in plan.targets {
            if let last = groups.last, last.0 == target.programme { groups[groups.count - 1].1.append((indicator, target)) }
            else { groups.append((target.programme, [(indicator, target)])) }
        }
        return groups
    }

    func assessment(_ targetID: String, _ scenario: String) -> TargetAssessment? {
        assessments.first { $0.targetID == targetID && $0.scenario == scenario }
    }

    /// The target table for the terminal, grouped by programme; `colour` adds ANSI colours to statuses.
    public func terminalTable(colour: Bool) -> String {
        let labels = Labels(language: plan.language)
        var out = "\(plan.title)\n"
        out += "as of \(asOf) → \(plan.horizon); \(draws) simulated paths per indicator, seed \(seed)\n"
        for (programme, targets) in programmeGroups {
            out += "\n" + (programme.map { "\(labels.programme) \($0)" } ?? labels.programme) + "\n"
            var table = TextTable(header: ["id", labels.target, "", labels.scenario, labels.projected, labels.interval80, labels.probability, labels.status],
                                  alignments: [.left, .left, .left, .left, .right, .right, .right, .left])
            var statuses: [TargetStatus] = []
            for (indicator, target) in targets {
                let all = scenarioNames.compactMap { assessment(target.id, $0) }
                // One row when every scenario gives the same answer (no data, or the data decide).
                let same = all.count > 1 && all.dropFirst().allSatisfy {
                    $0.projected == all[0].projected && $0.status == all[0].status && $0.probabilityOfMeeting == all[0].probabilityOfMeeting && $0.lo80 == all[0].lo80
                }
                for (k, scenario) in scenarioNames.enumerated() {
                    if same && k > 0 { break }
                    guard let a = assessment(target.id, scenario) else { continue }
                    let name = k == 0 ? truncate(indicator.name ?? indicator.id, 34) : ""
                    table.append([k == 0 ? target.id : "", name, k == 0 ? target.statement : "", same ? labels.allScenarios : scenario,
                                  cell(a.projected), a.lo80.map { "\(significant($0, digits: 4))–\(significant(a.hi80!, digits: 4))" } ?? "",
                                  a.probabilityOfMeeting.map { String(format: "%.2f", $0) } ?? "", labels.status(a.status)])
                    statuses.append(a.status)
                }
            }
            out += table.render(indent: "  ") { row, column, text in
                guard colour, column == 7 else { return text }
                return ansiColour(statuses[row]) + text + "\u{1B}[0m"
            }
        }
        let counts = Dictionary(grouping: assessments, by: \.status).mapValues(\.count)
        out += "\n" + TargetStatus.allCases.compactMap { s in counts[s].map { "\(labels.status(s)): \($0)" } }.joined(separator: " · ") + "\n"
        return out
    }

    /// `summary.md`: the plan, the targets per programme and scenario, the indicators' models and notes.
    public func summaryMarkdown() -> String {
        let labels = Labels(language: plan.language)
        var md = "# \(plan.title)\n\n"
        if let d = plan.description { md += d + "\n\n" }
        md += "Data up to **\(asOf)**, projected to **\(plan.horizon)**; \(draws) simulated paths per indicator (seed \(seed)). "
        md += "Projected values are medians of the paths; P(meet) is the share of paths that meet the target. "
        md += "Status: on track when P(meet) ≥ \(StatusThresholds.onTrack), at risk from \(StatusThresholds.offTrack), else off track.\n\n"
        md += "## Scenarios\n\n"
        for name in scenarioNames {
            let s = plan.scenarios.first { $0.name == name }!
            md += "- **\(name)**" + (s.extends.map { " (extends \($0))" } ?? "") + (s.description.map { ": " + markdownInline($0) } ?? "") + "\n"
        }
        for (programme, targets) in programmeGroups {
            md += "\n## " + (programme.map { "\(labels.programme) \($0)" } ?? labels.programme) + "\n\n"
            md += "| id | \(labels.target) | \(labels.scenario) | \(labels.projected) | \(labels.interval80) | \(labels.probability) | \(labels.historical) | \(labels.required) | \(labels.status) |\n"
            md += "|---|---|---|---:|---:|---:|---:|---:|---|\n"
            for (indicator, target) in targets {
                for scenario in scenarioNames {
                    guard let a = assessment(target.id, scenario) else { continue }
                    md += "| \(target.id) | \(markdownInline(indicator.name ?? indicator.id)) \(target.statement) \(target.year) | \(scenario) | \(cell(a.projected)) | "
                    md += (a.lo80.map { "\(significant($0, digits: 4))–\(significant(a.hi80!, digits: 4))" } ?? "") + " | "
                    md += (a.probabilityOfMeeting.map { String(format: "%.2f", $0) } ?? "") + " | \(growthCell(a.historicalGrowth)) | \(growthCell(a.requiredGrowth)) | \(labels.status(a.status)) |\n"
                }
            }
        }
        md += "\n## Indicators\n\n"
        for o in outcomes {
            md += "- **\(o.indicator.id)**" + (o.indicator.series.map { " (`\($0)`)" } ?? "") + ": "
            if let fit = o.fit {
                md += "\(fit.model.name) trend on \(fit.count) points \(fit.firstYear)–\(fit.lastYear), residual σ \(significant(fit.residualStandardDeviation, digits: 4))"
                if let note = o.note { md += "; " + markdownInline(note) }
            } else {
                md += "no projection: " + markdownInline(o.problem ?? "")
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
    case .offTrack: return "\u{1B}[31m"
    case .noData: return "\u{1B}[2m"
    }
}
