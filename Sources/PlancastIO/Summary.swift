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

    // MARK: report.html
    var contents: String { vi ? "Mục lục" : "Contents" }
    var statusBoard: String { vi ? "Đánh giá các chỉ tiêu" : "Status of the targets" }
    var charts: String { vi ? "Dự báo theo từng chỉ tiêu" : "Projections by indicator" }
    var fewData: String { vi ? "Chỉ tiêu có ít số liệu" : "Indicators with too few data to project" }
    var fewDataIntro: String {
        vi ? "Các chỉ tiêu này có số liệu nhưng chưa đủ điểm để ước lượng xu hướng; biểu đồ chỉ cho thấy số liệu và mục tiêu."
           : "These indicators have data, but too few points to fit a trend; the charts show only the data and the targets."
    }
    var withoutData: String { vi ? "Chỉ tiêu chưa có số liệu" : "Indicators without data" }
    var scenarios: String { vi ? "Kịch bản" : "Scenarios" }
    var identifier: String { vi ? "Mã" : "id" }
    var indicator: String { vi ? "Chỉ tiêu" : "Indicator" }
    var goal: String { vi ? "Mục tiêu" : "Target" }
    var year: String { vi ? "Năm" : "Year" }
    var data: String { vi ? "Số liệu" : "Data" }
    var actual: String { vi ? "chính thức" : "actual" }
    var estimate: String { vi ? "ước tính" : "estimate" }
    var fittedTrend: String { vi ? "Xu hướng ước lượng" : "Fitted trend" }
    var median: String { vi ? "trung vị" : "median" }
    var interval95: String { vi ? "Khoảng 95%" : "95% interval" }
    var sources: String { vi ? "Nguồn số liệu" : "Sources of the data" }
    var noSource: String { vi ? "không ghi nguồn" : "no source recorded" }
    var dataNeeded: String { vi ? "Cần số liệu" : "Data needed" }
    var adjustments: String { vi ? "Điều chỉnh theo kịch bản" : "Scenario adjustments" }
    var milestone: String { vi ? "mốc (đánh giá thủ công)" : "milestone (status set by hand)" }
    var observedValue: String { vi ? "số liệu thực tế" : "observed" }
    var numbersCaption: String { vi ? "Số liệu của biểu đồ" : "The numbers behind the chart" }
    var backToBoard: String { vi ? "về bảng đánh giá" : "back to the status board" }
    var averageOverTerm: String { vi ? "bình quân cả giai đoạn" : "average over the term" }
    var everyYear: String { vi ? "mỗi năm" : "every year" }
    var unit: String { vi ? "đơn vị" : "unit" }
    var clipped: String { vi ? "vượt ra ngoài biểu đồ, xem bảng số" : "reaches beyond the chart; see the table" }
    var noProjectionShort: String { vi ? "Chưa đủ số liệu để dự báo" : "Not enough data to project" }
    func after(_ year: Int) -> String { vi ? "sau \(year)" : "after \(year)" }
    func dataUpTo(_ year: Int) -> String { vi ? "số liệu đến \(year)" : "data to \(year)" }
    func laterData(_ asOf: Int) -> String {
        vi ? "số liệu sau \(asOf) (không dùng để ước lượng)" : "data after \(asOf) (not used in the fit)"
    }
    func extendsScenario(_ parent: String) -> String { vi ? "mở rộng từ \(parent)" : "extends \(parent)" }
    func sameAs(_ scenario: String) -> String { vi ? "trùng với \(scenario)" : "same as \(scenario)" }
    func scenarioMedian(_ scenario: String) -> String { vi ? "\(scenario): trung vị" : "\(scenario): median" }
    func chartTitle(_ name: String) -> String { vi ? "Biểu đồ dự báo: \(name)" : "Projection chart: \(name)" }
    func runLine(asOf: Int, horizon: Int, draws: Int, seed: UInt64) -> String {
        vi ? "Số liệu đến năm \(asOf), dự báo đến năm \(horizon); \(draws) đường mô phỏng cho mỗi chỉ tiêu, hạt giống \(seed)."
           : "Data up to \(asOf), projected to \(horizon); \(draws) simulated paths per indicator, seed \(seed)."
    }
    var howToRead: String {
        vi ? "Giá trị dự báo là trung vị của các đường mô phỏng; trong ngoặc là khoảng 80%. P(đạt) là tỷ lệ đường mô phỏng đạt chỉ tiêu. Đánh giá: đúng hướng khi P(đạt) ≥ \(formatNumber(StatusThresholds.onTrack)), có nguy cơ khi P(đạt) từ \(formatNumber(StatusThresholds.offTrack)), còn lại là chệch hướng; đã đạt khi số liệu thực tế đã đạt chỉ tiêu."
           : "Projected values are medians of the simulated paths, with the 80% interval in brackets. P(meet) is the share of paths that meet the target. Status: on track when P(meet) ≥ \(formatNumber(StatusThresholds.onTrack)), at risk from \(formatNumber(StatusThresholds.offTrack)), else off track; achieved when the data already meet the target."
    }
    var chartsIntro: String {
        vi ? "Mỗi biểu đồ: điểm đặc là số liệu chính thức, điểm rỗng là số liệu ước tính; đường xám là xu hướng ước lượng trên số liệu; vùng tô là khoảng 80% và 95% của kịch bản đầu tiên quanh trung vị; các kịch bản khác là đường nét đứt, vẽ ở những năm chúng khác kịch bản đầu tiên; mục tiêu được đánh dấu tại năm mục tiêu, kèm vạch dọc cho khoảng mục tiêu."
           : "In each chart, filled points are actual data and hollow points estimates; the grey line is the trend fitted to the data; the shaded areas are the 80% and 95% intervals of the first scenario around its median; other scenarios are dashed lines, drawn where they differ from the first; each target is marked at its year, with a bar for a target range."
    }
    func fitLine(model: String, points: Int, first: Int, last: Int, sigma: String) -> String {
        vi ? "Xu hướng \(model) ước lượng trên \(points) điểm số liệu \(first)–\(last); độ lệch chuẩn phần dư \(sigma) (trên thang ước lượng)."
           : "\(model) trend fitted to \(points) data points \(first)–\(last); residual standard deviation \(sigma) (on the fitting scale)."
    }
    var planningModelShort: String {
        vi ? "Mô hình kế hoạch: bước ngẫu nhiên có xu hướng từ số liệu cuối, độ rộng hiệu chỉnh trên chuỗi số liệu năm."
           : "Planning forecaster: a random walk with drift from the last actual, its width calibrated across annual series."
    }
    /// The planning forecaster in words: the drift and its candidates, then "how sure are we".
    func planningLine(_ fit: FittedPlanningForecast, calibration: PlanningCalibration = .measured) -> (model: String, certainty: String) {
        func change(_ z: Double) -> String {
            let c = fit.yearlyChange(z)
            if case .log = fit.scale { return (c >= 0 ? "+" : "") + significant(c * 100, digits: 2) + (vi ? "%/năm" : "%/yr") }
            return (c >= 0 ? "+" : "") + significant(c, digits: 3) + (vi ? "/năm" : "/yr")
        }
        func spread(_ z: Double) -> String {
            let c = fit.yearlySpread(z)
            if case .log = fit.scale { return significant(c * 100, digits: 2) + "%" }
            return significant(c, digits: 3)
        }
        let used = fit.candidates.filter { $0.weight > 0 }
        let candidates = used.map { c in
            (vi ? ["mean change": "thay đổi bình quân", "trend slope": "độ dốc xu hướng", "median change": "thay đổi trung vị"][c.name] ?? c.name : c.name)
                + " " + change(c.drift) + (used.count > 1 ? " × \(formatNumber(c.weight))" : "")
        }.joined(separator: ", ")
        let share = Int((fit.dataDriftWeight * 100).rounded())
        let first = fit.observations.first!.year, last = fit.anchorYear
        let own = fit.dataVolatility.map(spread) ?? "–"
        let lo80 = Int((calibration.coverage80.lowerBound * 100).rounded()), hi80 = Int((calibration.coverage80.upperBound * 100).rounded())
        let lo95 = Int((calibration.coverage95.lowerBound * 100).rounded()), hi95 = Int((calibration.coverage95.upperBound * 100).rounded())
        let h = "\(calibration.horizons.lowerBound)–\(calibration.horizons.upperBound)"
        if vi {
            return ("Mô hình kế hoạch trên \(fit.count) điểm số liệu \(first)–\(last): bước ngẫu nhiên từ số liệu cuối (\(last): \(significant(fit.anchorValue, digits: 4))) với xu hướng \(change(fit.drift)) (\(candidates); \(share)% theo số liệu, phần còn lại theo mức \(change(fit.priorDrift)) điển hình của chuỗi số liệu năm), giảm dần ×\(formatNumber(fit.forecaster.damping)) mỗi năm; thang \(fit.scale.name).",
                    "Độ tin cậy: biến động hằng năm \(spread(fit.volatility)) (của chuỗi \(own) từ \(fit.count - 1) lần thay đổi, tiên nghiệm \(spread(fit.priorVolatility)) có trọng số \(formatNumber(fit.forecaster.priorDegreesOfFreedom)) lần thay đổi). Độ rộng được hiệu chỉnh trên chuỗi số liệu năm; trên \(calibration.cases) trường hợp không dùng để hiệu chỉnh (\(calibration.source)), khoảng 80% chứa \(lo80)–\(hi80)% và khoảng 95% chứa \(lo95)–\(hi95)% giá trị thực ở tầm \(h) năm.")
        }
        return ("Planning forecaster on \(fit.count) data points \(first)–\(last): a random walk from the last actual (\(last): \(significant(fit.anchorValue, digits: 4))) with drift \(change(fit.drift)) (\(candidates); \(share)% from the data, the rest from the \(change(fit.priorDrift)) typical of annual series), damped ×\(formatNumber(fit.forecaster.damping)) a year; \(fit.scale.name) scale.",
                "How sure: yearly volatility \(spread(fit.volatility)) (own \(own) from \(fit.count - 1) changes, prior \(spread(fit.priorVolatility)) worth \(formatNumber(fit.forecaster.priorDegreesOfFreedom)) changes). The width is calibrated across annual series: on \(calibration.cases) cases not used to tune it (\(calibration.source)), the 80% intervals covered \(lo80)–\(hi80)% and the 95% intervals \(lo95)–\(hi95)% of the actuals at horizons of \(h) years.")
    }
    func notEnoughData(points: Int, asOf: Int) -> String {
        vi ? "Chỉ có \(points) điểm số liệu đến năm \(asOf): chưa đủ để ước lượng xu hướng và dự báo."
           : "Only \(points) data point\(points == 1 ? "" : "s") up to \(asOf): not enough to fit a trend and project it."
    }
    func laterDataExist(_ years: [Int], asOf: Int) -> String {
        let list = years.map(String.init).joined(separator: ", ")
        return vi ? "Có số liệu sau năm \(asOf) (\(list)), không dùng khi đánh giá tại năm \(asOf)."
                  : "Data after \(asOf) exist (\(list)) but are not used when assessing as of \(asOf)."
    }
    func madeBy(data: String) -> String {
        vi ? "Báo cáo do plancast tạo từ tệp số liệu \(data). Cùng tệp đầu vào và hạt giống cho cùng kết quả."
           : "Report made by plancast from the data file \(data). The same inputs and seed give the same report."
    }
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

    /// Whether every scenario gives the same answer for a target (no data, or the data decide): one row then.
    func scenariosAgree(_ targetID: String) -> Bool {
        let all = scenarioNames.compactMap { assessment(targetID, $0) }
        return all.count > 1 && all.dropFirst().allSatisfy {
            $0.projected == all[0].projected && $0.status == all[0].status
                && $0.probabilityOfMeeting == all[0].probabilityOfMeeting && $0.lo80 == all[0].lo80 && $0.hi80 == all[0].hi80
        }
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
                let same = scenariosAgree(target.id)
                for (k, scenario) in scenarioNames.enumerated() {
                    if same && k > 0 { break }
                    guard let a = assessment(target.id, scenario) else { continue }
                    let name = k == 0 ? truncate(indicator.name ?? indicator.id, 34) : ""
                    table.append([k == 0 ? target.id : "", name, k == 0 ? target.statement : "", same ? labels.allScenarios : scenario,
                                  a.projected.map { significant($0, digits: 4) } ?? "", a.lo80.map { "\(significant($0, digits: 4))–\(significant(a.hi80!, digits: 4))" } ?? "",
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
                let same = scenariosAgree(target.id)
                for (k, scenario) in scenarioNames.enumerated() {
                    if same && k > 0 { break }
                    guard let a = assessment(target.id, scenario) else { continue }
                    md += "| \(target.id) | \(markdownInline(indicator.name ?? indicator.id)) \(target.statement) \(target.year) | \(same ? labels.allScenarios : scenario) | \(a.projected.map { significant($0, digits: 4) } ?? "") | "
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
            } else if let planning = o.planning {
                let line = labels.planningLine(planning)
                md += markdownInline(line.model) + " " + markdownInline(line.certainty)
                if let note = o.note { md += " " + markdownInline(note) }
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
