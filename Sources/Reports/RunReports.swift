import Foundation
import DataFiles
import Forecasting
import Planning

/// Options for CSV files.
public struct CSVStyle: Sendable {
    /// Write a UTF-8 byte-order mark and CRLF line ends, so Excel shows Vietnamese correctly.
    public var excel: Bool
    /// The dialect: `.vietnamese` writes semicolons and decimal commas, as Excel reads on a vi-VN machine.
    public var dialect: CSVDialect
    public init(excel: Bool = false, dialect: CSVDialect = .standard) {
        self.excel = excel
        self.dialect = dialect
    }

    func encode(_ lines: [String]) -> Data {
        let separator = excel ? "\r\n" : "\n"
        let text = (dialect == .vietnamese ? vietnameseDialect(lines) : lines).joined(separator: separator) + separator
        return (excel ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
    }
}

/// A number for a table cell: 6 significant digits, empty when absent.
func cell(_ value: Double?) -> String {
    guard let value, !value.isNaN else { return "" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return significant(value)
}

/// A probability with 3 decimals.
func probabilityCell(_ value: Double?) -> String {
    guard let value else { return "" }
    return printfFormat("%.3f", value)
}

/// A growth rate as percent per year with 2 decimals.
func growthCell(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return abs(value) < 1e7 ? fixed(value * 100, 2) : significant(value * 100)
}

extension PlanResult {
    /// `projections.csv`: `indicator,scenario,year,kind,mean,lo80,hi80,lo95,hi95` — a `loL,hiL` pair for
    /// each interval level L of the run (80 and 95, and those asked for besides, in increasing order).
    ///
    /// `kind` is actual, estimate (an observation flagged as an estimate) or projected. `mean` is the
    /// central projection: the median of the simulated paths (for trends fitted on the log or logit
    /// scale the arithmetic mean of Student-t paths is not defined), or the observed value.
    public func projectionsCSV(_ style: CSVStyle = CSVStyle()) -> Data {
        let names = levels.map { formatNumber($0) }
        var lines = ["indicator,scenario,year,kind,mean," + names.map { "lo\($0),hi\($0)" }.joined(separator: ",")]
        for outcome in outcomes {
            for scenario in scenarioNames {
                for row in outcome.projections[scenario] ?? [] {
                    let ends = levels.flatMap { level -> [String] in
                        let interval = row.interval(level)
                        return [cell(interval?.lower), cell(interval?.upper)]
                    }
                    lines.append(([csvField(outcome.indicator.id), csvField(scenario), "\(row.year)", row.kind.rawValue,
                                   cell(row.central)] + ends).joined(separator: ","))
                }
            }
        }
        return style.encode(lines)
    }

    /// `targets.csv`: one row per target and scenario. The `explanation` is in `language` ("vi" or "en";
    /// default the plan's); the headers and the other columns are the same in every language. `projected`
    /// holds the observed value when `observed` is 1 (the target year is in the data); the historical
    /// growth covers `historical_from`–`historical_to`; `before_term` is 1 for a target year not after the base year.
    public func targetsCSV(_ style: CSVStyle = CSVStyle(), language: String? = nil) -> Data {
        let labels = Labels(language: language ?? plan.language)
        var lines = ["target_id,indicator,scenario,target_year,comparison,target,projected,lo80,hi80,p_meet,gap,gap_pct,historical_growth,required_growth,status,target_high,growth_ratio,progress_class,explanation,observed,historical_from,historical_to,before_term"]
        for a in assessments {
            lines.append([csvField(a.targetID), csvField(a.indicatorID), csvField(a.scenario), "\(a.targetYear)", a.comparison,
                          cell(a.target), cell(a.projected), cell(a.lo80), cell(a.hi80), probabilityCell(a.probabilityOfMeeting),
                          cell(a.gap), a.gapPercent.map { abs($0) < 1e9 ? fixed($0, 1) : significant($0) } ?? "", growthCell(a.historicalGrowth),
                          growthCell(a.requiredGrowth), a.status.rawValue, cell(a.targetHigh),
                          a.growthRatio.map { fixed($0, 2) } ?? "", a.progressClass?.rawValue ?? "",
                          csvField(explanation(a, labels)), a.observed ? "1" : "0", a.historicalFrom.map(String.init) ?? "",
                          a.historicalTo.map(String.init) ?? "", a.beforeTerm ? "1" : "0"].joined(separator: ","))
        }
        return style.encode(lines)
    }

    /// `results.json`: the plan, every fitted model with its parameters, every projection and assessment.
    /// Keys are the stable English contract; the human-readable texts — each assessment's `explanation`,
    /// each indicator's `note` and `problem` — are in `language` ("vi" or "en"; default the plan's), which
    /// the document names; each assessment's `reason` holds the same as data.
    public func resultsJSON(language: String? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(ResultsDocument(self, language: language ?? plan.language)) + Data("\n".utf8)
    }
}

/// The shape of `results.json`.
struct ResultsDocument: Encodable {
    struct Parameter: Encodable { let term: String; let estimate: Double; let standardError: Double }
    struct Model: Encodable {
        let name: String
        let scale: String
        let center: Double
        let observations: Int
        let parameters: [Parameter]
        let residualStandardDeviation: Double
        let residualDegreesOfFreedom: Int
        let rSquared: Double?
        let aicc: Double?
        let iterations: Int
    }
    /// The planning forecaster's account of one indicator: candidates and weights, shrinkage, volatility
    /// and the calibration that set the width.
    struct Planning: Encodable {
        let name = PlanningForecaster.name
        let scale: String
        let anchorYear: Int
        let anchorValue: Double
        let observations: Int
        let candidates: [DriftCandidate]
        let dataDrift: Double
        let priorDrift: Double
        let priorDriftStandardDeviation: Double
        let dataDriftWeight: Double
        let drift: Double
        let damping: Double
        let dataVolatility: Double?
        let priorVolatility: Double
        let priorDegreesOfFreedom: Double
        let volatility: Double
        let settings: PlanningForecaster
        let calibration: PlanningCalibration
        let explanation: String

        init(_ f: FittedPlanningForecast) {
            scale = f.scale.name
            anchorYear = f.anchorYear
            anchorValue = f.anchorValue
            observations = f.count
            candidates = f.candidates
            dataDrift = f.dataDrift
            priorDrift = f.priorDrift
            priorDriftStandardDeviation = f.priorDriftStandardDeviation
            dataDriftWeight = f.dataDriftWeight
            drift = f.drift
            damping = f.forecaster.damping
            dataVolatility = f.dataVolatility
            priorVolatility = f.priorVolatility
            priorDegreesOfFreedom = f.forecaster.priorDegreesOfFreedom
            volatility = f.volatility
            settings = f.forecaster
            calibration = .measured
            explanation = f.explanation
        }
    }
    struct IndicatorEntry: Encodable {
        let id: String
        let name: String?
        let nameEnglish: String?
        let series: String?
        let unit: String?
        let history: [Observation]
        let laterActuals: [Observation]
        let model: Model?
        let planning: Planning?
        let candidates: [CandidateResult]
        let note: String?
        let problem: String?
        let projections: [String: [ProjectionRow]]
        let adjustments: [String: [String]]
    }
    let plancast = 1
    /// The language of the texts (`explanation`, `note`, `problem`).
    let language: String
    let title: String
    let asOf: Int
    let horizon: Int
    let draws: Int
    let seed: UInt64
    let scenarios: [ScenarioEntry]
    let indicators: [IndicatorEntry]
    let assessments: [TargetAssessment]
    let statusThresholds = ["on_track_from": StatusThresholds.onTrack, "off_track_below": StatusThresholds.offTrack]

    struct ScenarioEntry: Encodable { let name: String; let description: String?; let extends: String? }

    init(_ r: PlanResult, language: String) {
        let labels = Labels(language: language)
        self.language = language
        title = r.plan.title
        asOf = r.asOf
        horizon = r.plan.horizon
        draws = r.draws
        seed = r.seed
        scenarios = r.scenarioNames.map { name in
            let s = r.scenario(name)!
            return ScenarioEntry(name: name, description: s.description, extends: s.extends)
        }
        indicators = r.outcomes.map { o in
            let model = o.fit.map { fit in
                Model(name: fit.model.name, scale: scaleName(fit) ?? "data", center: fit.center, observations: fit.count,
                      parameters: (0..<fit.coefficients.count).map {
                          Parameter(term: fit.termNames[$0], estimate: fit.coefficients[$0], standardError: fit.standardErrors[$0]) },
                      residualStandardDeviation: fit.residualStandardDeviation,
                      residualDegreesOfFreedom: fit.residualDegreesOfFreedom,
                      rSquared: fit.rSquared.isFinite ? fit.rSquared : nil,
                      aicc: fit.aicc.isFinite ? fit.aicc : nil, iterations: fit.iterations)
            }
            return IndicatorEntry(id: o.indicator.id, name: o.indicator.name, nameEnglish: o.indicator.nameEnglish,
                                  series: o.indicator.series, unit: o.indicator.unit, history: o.history,
                                  laterActuals: o.laterActuals, model: model, planning: o.planning.map(Planning.init),
                                  candidates: o.candidates, note: labels.note(o),
                                  problem: labels.problem(o), projections: o.projections, adjustments: o.adjustments)
        }
        assessments = r.assessments.map { a in
            var translated = a
            translated.explanation = r.explanation(a, labels)
            return translated
        }
    }
}
