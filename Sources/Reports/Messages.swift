import Foundation
import DataFiles
import Forecasting
import Planning

/// The catalogue of every human-readable message of the reports (terminal table, `summary.md`,
/// `report.html`, the `explanation` and `note` columns), one wording per language: Vietnamese (`vi`)
/// and English (`en`). CSV headers and JSON keys are not here: they are the stable English contract.
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
        case .missed: return "không đạt"
        case .noData: return "không có số liệu"
        }
    }
    /// The line after a list of problems: how many, in which files, how many are shown, and (for a
    /// command that writes) that nothing was written.
    ///
    /// ```swift
    /// Labels(language: "en").problems(3, in: ["plan.yaml"], shown: 3, wroteNothing: true)
    /// // "3 problems in plan.yaml; nothing written"
    /// Labels(language: "vi").problems(27, in: ["plan.yaml", "data.csv"], shown: 20, wroteNothing: false)
    /// // "27 lỗi trong plan.yaml và data.csv (hiện 20 lỗi đầu)"
    /// ```
    public func problems(_ count: Int, in files: [String], shown: Int, wroteNothing: Bool) -> String {
        let where_ = files.isEmpty ? "" : (vi ? " trong " : " in ") + files.joined(separator: vi ? " và " : " and ")
        let head = vi ? "\(count) lỗi\(where_)" : "\(count) problem\(count == 1 ? "" : "s")\(where_)"
        let cut = shown < count ? (vi ? " (hiện \(shown) lỗi đầu)" : " (the first \(shown) shown)") : ""
        let nothing = wroteNothing ? (vi ? "; không ghi tệp nào" : "; nothing written") : ""
        return head + cut + nothing
    }

    /// The last line of a run on the terminal.
    ///
    /// ```swift
    /// Labels(language: "vi").wrote(["targets.csv", "report.html"], to: "Results/x")
    /// // "Đã ghi targets.csv, report.html vào Results/x/"
    /// ```
    public func wrote(_ files: [String], to folder: String) -> String {
        (vi ? "Đã ghi " : "Wrote ") + files.joined(separator: ", ") + (vi ? " vào " : " to ") + folder + "/"
    }

    /// The line for rows of a data file left without a value (unfilled template rows), which are not read.
    public func ignoredRows(_ count: Int, of file: String) -> String {
        vi ? "Bỏ qua \(count) dòng không có giá trị của \(file)"
            : "Ignored \(count) row\(count == 1 ? "" : "s") of \(file) without a value"
    }

    var programme: String { vi ? "Chương trình" : "Programme" }

    /// The heading of a group of targets: "Chương trình 2"; for targets without a programme "Các chỉ
    /// tiêu" / "Targets", or "Các chỉ tiêu khác" / "Other targets" beside numbered programmes (a bare
    /// "Programme" heading named none).
    func programmeHeading(_ programme: Int?, among groups: Int) -> String {
        if let programme { return "\(self.programme) \(programme)" }
        return groups == 1 ? (vi ? "Các chỉ tiêu" : "Targets") : (vi ? "Các chỉ tiêu khác" : "Other targets")
    }
    var target: String { vi ? "Chỉ tiêu" : "Target" }
    var projected: String { vi ? "Dự báo" : "Projected" }
    /// The value column of the target tables, which holds projections and, for targets already in the data, observations.
    var projectedOrObserved: String { vi ? "Dự báo / thực tế" : "Projected / observed" }
    var goalColumn: String { vi ? "Mục tiêu" : "Target" }
    var observedMark: String { vi ? "thực tế" : "observed" }
    var growthColumn: String { vi ? "Tăng %/năm: đã có → cần" : "Growth %/yr: past → needed" }
    var perYear: String { vi ? "%/năm" : "%/yr" }
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
    var fewData: String { vi ? "Chỉ tiêu có số liệu nhưng chưa dự báo được" : "Indicators with data but no projection" }
    var fewDataIntro: String {
        vi ? "Các chỉ tiêu này có số liệu nhưng chưa dự báo được (lý do ghi ở từng chỉ tiêu, thường là chưa đủ điểm để ước lượng xu hướng); biểu đồ chỉ cho thấy số liệu và mục tiêu."
           : "These indicators have data but no projection (each says why; most often too few points to fit a trend); the charts show only the data and the targets."
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
    var estimatedValue: String { vi ? "số liệu ước tính" : "estimate" }
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
    /// The fitted trend in a sentence; the residual standard deviation names its scale (log, logit, or the data's).
    func fitLine(model: String, points: Int, first: Int, last: Int, sigma: String, scale: String?) -> String {
        let where_ = scale.map { vi ? "trên thang \($0.replacingOccurrences(of: "cap ", with: "trần "))" : "on the \($0) scale" } ?? (vi ? "theo đơn vị của số liệu" : "in the data's units")
        return vi ? "Xu hướng \(model) ước lượng trên \(points) điểm số liệu \(first)–\(last); độ lệch chuẩn phần dư \(sigma) (\(where_))."
                  : "\(model) trend fitted to \(points) data points \(first)–\(last); residual standard deviation \(sigma) (\(where_))."
    }
    var indicators: String { vi ? "Các chỉ tiêu" : "Indicators" }
    var noProjection: String { vi ? "không có dự báo" : "no projection" }
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
            return ("Mô hình kế hoạch trên \(fit.count) điểm số liệu \(first)–\(last): bước ngẫu nhiên từ số liệu cuối (\(last): \(significant(fit.anchorValue, digits: 4))) với xu hướng \(change(fit.drift)) (\(candidates); \(share)% theo số liệu, phần còn lại theo mức \(change(fit.priorDrift)) điển hình của chuỗi số liệu năm), giảm dần ×\(formatNumber(fit.forecaster.damping)) mỗi năm; thang \(fit.scale.name.replacingOccurrences(of: "level", with: "mức của số liệu")).",
                    "Độ tin cậy: biến động hằng năm \(spread(fit.volatility)) (của chuỗi \(own) từ \(fit.count - 1) lần thay đổi, tiên nghiệm \(spread(fit.priorVolatility)) có trọng số \(formatNumber(fit.forecaster.priorDegreesOfFreedom)) lần thay đổi). Độ rộng được hiệu chỉnh trên chuỗi số liệu năm; trên \(calibration.cases) trường hợp không dùng để hiệu chỉnh (\(calibration.source.replacingOccurrences(of: "M3 and M1 yearly series", with: "chuỗi số liệu năm của M3 và M1"))), khoảng 80% chứa \(lo80)–\(hi80)% và khoảng 95% chứa \(lo95)–\(hi95)% giá trị thực ở tầm \(h) năm.")
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

    // MARK: Growth charts

    var historicalShort: String { vi ? "đã có" : "past" }
    func growthChartTitle(_ id: String, _ name: String) -> String {
        vi ? "Tăng trưởng bình quân \(id): \(name)" : "Average growth \(id): \(name)"
    }
    func averageGrowthAxis(_ term: String) -> String {
        vi ? "tăng trưởng bình quân \(term), %/năm" : "average growth \(term), %/yr"
    }
    var growthChartCaption: String {
        vi ? "Mục tiêu tăng trưởng bình quân trên trục riêng (%/năm): chấm là trung vị của tăng trưởng bình quân dự báo cho cả giai đoạn, vạch là khoảng 80%; chấm rỗng là tăng trưởng đã có; đường đứt là mục tiêu."
           : "The average-growth target on its own axis (% a year): dots are the median projected average growth over the term, bars its 80% interval; the hollow dot is the past growth; the dashed line is the target."
    }

    // MARK: Names, targets and units

    /// The indicator's name in this language: in English the `name_en` when given, else the name as the plan writes it.
    func name(_ indicator: Indicator) -> String {
        if !vi, let english = indicator.nameEnglish, !english.isEmpty { return english }
        return indicator.name ?? indicator.id
    }

    /// The other-language name shown as a subtitle: the plan's own (Vietnamese) name in an English report.
    func subtitle(_ indicator: Indicator) -> String? {
        let main = name(indicator)
        if !vi, let original = indicator.name, original != main { return original }
        return nil
    }

    /// The unit of the quantity a target compares: %/year for average growth, else the indicator's unit.
    func unit(of target: Target, _ indicator: Indicator) -> String? {
        target.kind == .averageGrowth ? perYear : indicator.unit
    }

    /// The target with its unit, e.g. "≥ 10 %/năm", "8–9 %/năm", "≥ 70 communes"; "milestone" words for milestones.
    func statement(_ target: Target, _ indicator: Indicator) -> String {
        guard target.kind != .milestone else { return milestone }
        var text = target.statement
        if let unit = unit(of: target, indicator) { text += unit.hasPrefix("%") ? unit : " " + unit }
        return text
    }

    /// A historical or required growth in percent per year, empty when unknown.
    func growth(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return abs(value) < 1e5 ? fixed(value * 100, 2) : significant(value * 100, digits: 3)
    }

    /// "8.33 → 8.18", the historical and the required growth (%/year).
    func growthPair(_ a: TargetAssessment) -> String {
        guard a.historicalGrowth != nil || a.requiredGrowth != nil else { return "" }
        return "\(growth(a.historicalGrowth)) → \(growth(a.requiredGrowth))"
    }

    /// "growth 8.33%/yr (2015–2020) → needed 8.18%/yr" for the status board.
    func growthLine(_ a: TargetAssessment) -> String {
        let past = growth(a.historicalGrowth) + (a.historicalGrowth == nil ? "" : perYear) + (period(a).map { " (\($0))" } ?? "")
        let needed = growth(a.requiredGrowth) + (a.requiredGrowth == nil ? "" : perYear)
        return vi ? "tăng đã có \(past) → cần \(needed)" : "growth \(past) → needed \(needed)"
    }

    /// The period the historical growth covers, "2015–2020".
    func period(_ a: TargetAssessment) -> String? {
        guard let from = a.historicalFrom, let to = a.historicalTo, a.historicalGrowth != nil else { return nil }
        return "\(from)–\(to)"
    }

    /// The term of a plan: the years after the base year up to the horizon.
    func term(_ plan: Plan) -> String { "\((plan.baseYear ?? plan.asOf) + 1)–\(plan.horizon)" }

    func beforeTerm(_ target: Target, _ plan: Plan) -> String {
        vi ? "năm mục tiêu \(target.year) không thuộc giai đoạn kế hoạch \(term(plan)) (năm gốc \(plan.baseYear ?? plan.asOf)); đánh giá theo số liệu thực tế, không phải dự báo"
           : "the target year \(target.year) is outside the plan's term \(term(plan)) (base year \(plan.baseYear ?? plan.asOf)); assessed from the data, not projected"
    }

    /// A tally of statuses, "đúng hướng 2 · chệch hướng 1".
    func tally(_ assessments: [TargetAssessment]) -> String {
        TargetStatus.allCases.compactMap { status -> String? in
            let count = assessments.filter { $0.status == status }.count
            return count == 0 ? nil : "\(self.status(status)) \(count)"
        }.joined(separator: " · ")
    }

    func targetsCount(_ n: Int) -> String { vi ? "\(n) chỉ tiêu" : "\(n) target\(n == 1 ? "" : "s")" }

    // MARK: Reasons, problems, models and adjustments

    /// Why a target has its status, in this language.
    func explanation(_ a: TargetAssessment, problem: String?) -> String {
        switch a.reason {
        case let .milestone(date, source):
            var words = vi ? "mốc: đánh giá thủ công" : "milestone: status set by hand"
            if let date { words += vi ? " ngày \(date)" : " on \(date)" }
            if let source { words += " (\(source))" }
            return words
        case .milestoneWithoutStatus: return vi ? "mốc: chưa ghi đánh giá" : "milestone: no status recorded"
        case .noProjection: return problem ?? a.explanation
        case let .observed(value, met, estimate):
            let v = formatNumber(value)
            if estimate == true {
                if vi { return met ? "đã đạt theo số liệu ước tính (\(v))" : "không đạt theo số liệu ước tính (\(v))" }
                return met ? "met in the data (\(v), an estimate)" : "missed in the data (\(v), an estimate)"
            }
            if vi { return met ? "đã đạt theo số liệu thực tế (\(v))" : "không đạt theo số liệu thực tế (\(v))" }
            return met ? "met in the data (\(v))" : "missed in the data (\(v))"
        case let .simulated(p, draws):
            return vi ? "P(đạt) = \(String(format: "%.2f", p)) từ \(draws) đường mô phỏng" : "P(meet) = \(String(format: "%.2f", p)) from \(draws) simulated paths"
        case let .countAlreadyMet(year, value):
            return vi ? "đã đạt năm \(year) (\(formatNumber(value))); số cộng dồn không giảm" : "already met in \(year) (\(formatNumber(value))); counts do not fall"
        case let .growthFromNonPositiveBase(year, value):
            return vi ? "không tính được tăng trưởng bình quân từ năm \(year): số liệu năm đó là \(formatNumber(value)), tốc độ tăng chỉ tính được từ giá trị lớn hơn 0"
                : "no average growth from \(year): its value in the data is \(formatNumber(value)), and a growth rate needs a value above 0"
        case let .noValueInData(year):
            return vi ? "không có số liệu năm \(year) mà chỉ tiêu cần (năm gốc của tăng trưởng bình quân, hoặc một năm của giai đoạn); hãy bổ sung số liệu, hoặc sửa năm gốc"
                : "no value for \(year) in the data, which the target needs (the base year of an average growth, or a year of the term); add it, or correct the base year"
        case let .projectionDoesNotReach(year):
            return vi ? "dự báo không đến năm \(year)" : "the projection does not reach \(year)"
        }
    }

    /// Why an indicator has no projection, with the data it needs.
    func problem(_ outcome: IndicatorOutcome) -> String? {
        guard let reason = outcome.problemReason else { return outcome.problem }
        var text: String
        switch reason {
        case .noSeries: text = vi ? "chỉ tiêu này không gắn với chuỗi số liệu nào" : "no data series is given for this indicator"
        case let .seriesNotInData(name): text = vi ? "tệp số liệu không có chuỗi '\(name)'" : "the data file has no series '\(name)'"
        case let .cannotFit(points, asOf, error):
            let have = points == 0 ? (vi ? "không có số liệu đến năm \(asOf)" : "no data up to \(asOf)")
                : (vi ? "\(points) điểm số liệu đến năm \(asOf)" : "\(points) point\(points == 1 ? "" : "s") up to \(asOf)")
            if case let .tooFewPoints(_, model, _, need) = error {
                // "1 point up to 2020" already counts the points; with none at all it says everything.
                text = points == 0 ? have : "\(have): " + needsMorePoints(model: model, need: need, have: points)
            } else {
                text = "\(have): " + forecastingError(error)
            }
        case let .covariance(detail):
            text = vi ? "không phân tích được ma trận hiệp phương sai của xu hướng (\(detail)); hãy dùng mô hình đơn giản hơn"
                      : "the trend's covariance could not be factored (\(detail)); use a simpler model"
        }
        if let needed = outcome.indicator.dataNeeded { text += vi ? "; cần: \(needed)" : "; needed: \(needed)" }
        return text
    }

    /// What a model with too few points needs, after the points have been counted: "the planning model
    /// needs at least 3 points; add data: no model fits fewer than 3 points".
    func needsMorePoints(model: String, need: Int, have: Int) -> String {
        (vi ? "mô hình \(modelName(model)) cần ít nhất \(need) điểm; " : "the \(model) model needs at least \(need) points; ")
            + morePointsAdvice(have: have)
    }

    /// More data, or a simpler model when one would fit `have` points (`ForecastingError`'s advice).
    func morePointsAdvice(have: Int) -> String {
        guard vi else { return ForecastingError.tooFewPointsAdvice(have: have) }
        let fewest = TrendModel.fewestPoints
        return have < fewest ? "hãy bổ sung số liệu: không mô hình nào dùng được với ít hơn \(fewest) điểm"
            : "hãy bổ sung số liệu hoặc chọn mô hình đơn giản hơn (xu hướng tuyến tính cần \(fewest) điểm)"
    }

    /// A fitting error in this language.
    func forecastingError(_ error: ForecastingError) -> String {
        guard vi else { return error.description }
        switch error {
        case let .tooFewPoints(_, model, have, need):
            return "mô hình \(modelName(model)) cần ít nhất \(need) điểm, chuỗi chỉ có \(have); " + morePointsAdvice(have: have)
        case let .nonPositiveValue(_, model, year, value):
            return "chuỗi có giá trị \(formatNumber(value)) năm \(year); mô hình \(modelName(model)) cần giá trị lớn hơn 0; hãy dùng mô hình tuyến tính hoặc sửa giá trị"
        case let .outsideBounds(_, model, year, value, lower, upper):
            return "chuỗi có giá trị \(formatNumber(value)) năm \(year), ngoài khoảng (\(formatNumber(lower)), \(formatNumber(upper))) mà mô hình \(modelName(model)) cần; hãy nâng trần hoặc sửa giá trị"
        case let .duplicateYear(_, year): return "chuỗi có hai giá trị cho năm \(year); chỉ giữ một dòng mỗi năm"
        case let .nonFiniteValue(_, year): return "chuỗi thiếu giá trị hoặc giá trị không hữu hạn năm \(year)"
        case let .interventionOutsideData(_, term, first, last):
            return "\(term) phải nằm trong khoảng số liệu (\(first)–\(last)), có số liệu hai bên; hãy dời hoặc bỏ"
        case let .singularDesign(_, model, detail):
            return "không xác định được mô hình \(modelName(model)) (\(detail)); hãy bỏ bớt một thành phần hoặc bổ sung số liệu"
        case let .didNotConverge(_, model, iterations, detail):
            return "ước lượng mô hình \(modelName(model)) không hội tụ sau \(iterations) vòng lặp (\(detail)); hãy cho trần đã biết hoặc dùng mô hình đơn giản hơn"
        case let .invalidModel(text): return text
        }
    }

    /// A model's name in this language ("linear", "logistic(cap 100)"; "tuyến tính", "logistic(trần 100)").
    func modelName(_ name: String) -> String {
        guard vi else { return name }
        var text = name
        for (english, vietnamese) in [("planning", "kế hoạch"), ("exponential", "hàm mũ"), ("linear", "tuyến tính"), ("quadratic", "bậc hai"),
                                      ("polynomial", "đa thức"), ("damped", "tắt dần"), ("cap ", "trần "),
                                      ("step:", "bậc:"), ("hinge:", "gãy:"), ("pulse:", "xung:")] {
            text = text.replacingOccurrences(of: english, with: vietnamese)
        }
        return text
    }

    /// The note of an indicator's projection (a fallback, overflowing paths, few points), in this language.
    func note(_ outcome: IndicatorOutcome) -> String? {
        guard vi else { return outcome.note }
        var parts: [String] = []
        if let f = outcome.fallback {
            parts.append("mô hình \(modelName(f.model)) không nhận giá trị \(formatNumber(f.value)) năm \(f.year) (cần giá trị nằm hẳn trong khoảng \(formatNumber(f.lower))–\(formatNumber(f.upper))): dự báo bằng mô hình kế hoạch (model auto), mô hình này nhận cả giá trị ở biên")
        }
        guard let note = outcome.note else { return parts.isEmpty ? nil : parts.joined(separator: "; ") }
        var rest = note
        if let f = outcome.fallback { rest = String(rest.dropFirst(f.description.count)).trimmingCharacters(in: CharacterSet(charactersIn: "; ")) }
        for piece in rest.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
            if piece.hasPrefix("some simulated paths overflow") {
                parts.append("một số đường mô phỏng vượt quá số lớn nhất máy tính biểu diễn được: đầu trên của khoảng là vô hạn (inf); hãy dùng mô hình có trần hoặc thêm số liệu")
            } else if piece.hasPrefix("only "), piece.contains("points for"), piece.contains("intervals are very wide") {
                let numbers = piece.split(separator: " ").compactMap { Int($0) }
                parts.append(numbers.count >= 2 ? "chỉ có \(numbers[0]) điểm cho \(numbers[1]) tham số: khoảng dự báo rất rộng" : piece)
            } else {
                parts.append(modelName(piece))
            }
        }
        return parts.joined(separator: "; ")
    }

    /// A scenario adjustment in words.
    func adjustment(_ adjustment: Adjustment) -> String {
        guard vi else { return adjustment.summary }
        func signed(_ x: Double) -> String { (x >= 0 ? "+" : "−") + formatNumber(abs(x)) }
        switch adjustment {
        case let .shock(_, years, change):
            return "cú sốc \(signed(change * 100))% năm \(years.map(String.init).joined(separator: ", "))"
        case let .level(_, from, change): return "mức \(signed(change)) từ năm \(from)"
        case let .growth(_, from, change): return "tăng trưởng \(signed(change)) điểm % từ năm \(from)"
        case let .recovery(_, from, years): return "trở lại xu hướng trong \(years) năm từ năm \(from)"
        case let .override(_, values): return "thay giá trị các năm " + values.keys.sorted().map(String.init).joined(separator: ", ")
        case let .cap(_, value): return "trần \(formatNumber(value))"
        case let .floor(_, value): return "sàn \(formatNumber(value))"
        }
    }
}
