import Foundation
import Forecasting
@testable import Planning

/// A small run built by hand, for the report tests: two scenarios; an indicator with a fitted trend,
/// estimates, later data and sources (its name holds `<` and `&`) and a level, an about, an
/// average-growth target and one before the term; one with a single point and no projection; one
/// without data holding a milestone and a numeric target; a yearly flow with an annual-flow target and
/// a target missed in the data. Every target kind appears, and programme 1 is split over the file
/// (arrivals, then planting after programme 2).
enum ReportFixture {
    static let scenarios = ["baseline", "covid"]

    /// The sources of the observations, as the data file gives them (one is text, not an address).
    static let sources = ["https://example.org/stats?year=2015&table=2", "https://example.org/stats/2018",
                          "https://example.org/later-report", "https://example.org/forest"]

    static let arrivals = Indicator(
        id: "arrivals", name: "Khách du lịch <quốc tế> & nội địa", nameEnglish: "Visitors <international> & domestic",
        series: "arrivals", unit: "million arrivals", model: ModelSpecification(name: .linear),
        targets: [
            Target(id: "A.1", programme: 1, kind: .level, year: 2021, comparison: .moreThan, value: 2.5),
            Target(id: "A.2", programme: 1, kind: .level, year: 2020, comparison: .about, value: 2.2),
            Target(id: "A.3", programme: 1, kind: .level, year: 2018, comparison: .atLeast, value: 1.7),
            Target(id: "A.4", programme: 1, kind: .averageGrowth, year: 2021, comparison: .atLeast, value: 10),
        ])
    static let forest = Indicator(
        id: "forest", name: "Độ che phủ rừng", nameEnglish: "Forest cover", series: "forest_cover", unit: "%",
        model: ModelSpecification(name: .logistic, cap: 100), lowerBound: 0, upperBound: 100,
        targets: [Target(id: "B.1", programme: 2, kind: .share, year: 2021, comparison: .atLeast, value: 65)],
        dataNeeded: "forest cover (%) every year 2013–2018")
    static let bridge = Indicator(
        id: "bridge", name: "Cầu biên giới hoàn thành", nameEnglish: "Border bridge completed",
        targets: [
            Target(id: "C.M1", programme: 2, kind: .milestone, year: 2021, milestoneStatus: .onTrack),
            Target(id: "C.2", programme: 2, kind: .cumulativeCount, year: 2021, comparison: .between, value: 2, valueHigh: 3),
        ],
        dataNeeded: "a dated report of the opening of each bridge")

    static let planting = Indicator(
        id: "planting", name: "Diện tích trồng rừng mới", nameEnglish: "New forest planted", series: "planting", unit: "ha",
        model: ModelSpecification(name: .linear), lowerBound: 0,
        targets: [
            Target(id: "F.1", programme: 1, kind: .annualFlow, year: 2021, comparison: .atLeast, value: 1000),
            Target(id: "F.0", programme: 1, kind: .level, year: 2017, comparison: .atLeast, value: 1100),
        ])
    static let plantingHistory = [950.0, 1010, 1080, 1040].enumerated().map { Observation(year: 2015 + $0.offset, value: $0.element) }

    static let arrivalsHistory = [
        Observation(year: 2015, value: 1.0, source: sources[0]),
        Observation(year: 2016, value: 1.3, source: sources[0]),
        Observation(year: 2017, value: 1.5, kind: .estimate, source: "Provincial statistical yearbook 2018, p. 12"),
        Observation(year: 2018, value: 1.8, source: sources[1]),
    ]

    static func result() throws -> PlanResult {
        let plan = Plan(title: "Fixture plan <2018–2021> & more", description: "A hand-made run for the report tests.",
                        language: "vi", data: "data/fixture.csv", asOf: 2018, baseYear: 2018, horizon: 2021,
                        draws: 1000, seed: 7, indicators: [arrivals, forest, bridge, planting],
                        scenarios: [Scenario(name: "baseline", description: "The trend continues."),
                                    Scenario(name: "covid", description: "Border closures in 2020.", extends: "baseline",
                                             adjustments: [.shock(indicator: "arrivals", years: [2020], change: -0.4)])])
        let fit = try TrendModel.linear.fit(try Series(name: "arrivals", observations: arrivalsHistory))
        let historyRows = arrivalsHistory.map {
            ProjectionRow(year: $0.year, kind: $0.kind == .estimate ? .estimate : .actual, central: $0.value)
        }
        func projected(_ year: Int, _ central: Double, _ spread: Double) -> ProjectionRow {
            ProjectionRow(year: year, kind: .projected, central: central, lo80: central - spread, hi80: central + spread,
                          lo95: central - 1.6 * spread, hi95: central + 1.6 * spread)
        }
        let baseline = historyRows + [projected(2019, 2.05, 0.1), projected(2020, 2.3, 0.15), projected(2021, 2.55, 0.2)]
        let covid = historyRows + [projected(2019, 2.05, 0.1), projected(2020, 1.38, 0.09), projected(2021, 2.55, 0.2)]
        let arrivalsOutcome = IndicatorOutcome(
            indicator: arrivals, history: arrivalsHistory,
            laterActuals: [Observation(year: 2019, value: 2.0, source: sources[2])],
            fit: fit, candidates: [], note: "only 4 points", problem: nil,
            projections: ["baseline": baseline, "covid": covid],
            adjustments: ["baseline": [], "covid": ["shock −40% in 2020"]])
        let plantingFit = try TrendModel.linear.fit(try Series(name: "planting", observations: plantingHistory))
        let plantingRows = plantingHistory.map { ProjectionRow(year: $0.year, kind: .actual, central: $0.value) }
            + [projected(2019, 1070, 40), projected(2020, 1100, 55), projected(2021, 1130, 65)]
        let plantingOutcome = IndicatorOutcome(
            indicator: planting, history: plantingHistory, laterActuals: [], fit: plantingFit, candidates: [], note: nil,
            problem: nil, projections: ["baseline": plantingRows, "covid": plantingRows], adjustments: ["baseline": [], "covid": []])
        let forestHistory = [Observation(year: 2012, value: 50.6, kind: .estimate, source: sources[3])]
        let forestRows = forestHistory.map { ProjectionRow(year: $0.year, kind: .estimate, central: $0.value) }
        let forestProblem = ProjectionProblem.cannotFit(
            points: 1, asOf: 2018, error: .tooFewPoints(series: "forest_cover", model: "logistic(cap 100)", have: 1, need: 3))
        var forestOutcome = IndicatorOutcome(
            indicator: forest, history: forestHistory, laterActuals: [], fit: nil, candidates: [], note: nil,
            problem: forestProblem.description + "; needed: " + forest.dataNeeded!,
            projections: ["baseline": forestRows, "covid": forestRows], adjustments: ["baseline": [], "covid": []])
        forestOutcome.problemReason = forestProblem
        var bridgeOutcome = IndicatorOutcome(
            indicator: bridge, history: [], laterActuals: [], fit: nil, candidates: [], note: nil,
            problem: "no data series is given for this indicator; needed: " + bridge.dataNeeded!,
            projections: ["baseline": [], "covid": []], adjustments: ["baseline": [], "covid": []])
        bridgeOutcome.problemReason = .noSeries

        func assessment(_ target: String, _ indicator: String, _ scenario: String, year: Int, comparison: String,
                        value: Double?, high: Double? = nil, projected: Double? = nil, interval: (Double, Double)? = nil,
                        probability: Double? = nil, status: TargetStatus, explanation: String,
                        observed: Bool = false, reason: AssessmentReason = .noProjection,
                        growth: (historical: Double, from: Int, to: Int, required: Double?)? = nil,
                        beforeTerm: Bool = false) -> TargetAssessment {
            TargetAssessment(targetID: target, indicatorID: indicator, scenario: scenario, targetYear: year,
                             comparison: comparison, target: value, targetHigh: high, projected: projected,
                             lo80: interval?.0, hi80: interval?.1, probabilityOfMeeting: probability,
                             gap: projected.flatMap { p in value.map { p - $0 } }, gapPercent: nil,
                             historicalGrowth: growth?.historical, requiredGrowth: growth?.required, growthRatio: nil,
                             progressClass: nil, status: status, explanation: explanation, observed: observed,
                             historicalFrom: growth?.from, historicalTo: growth?.to, beforeTerm: beforeTerm, reason: reason)
        }
        // Arrivals 1.0 → 1.8 over 2015–2018; planting 950 → 1040.
        let arrivalsGrowth = pow(1.8, 1.0 / 3) - 1, plantingGrowth = pow(1040.0 / 950, 1.0 / 3) - 1
        var assessments: [TargetAssessment] = []
        for scenario in scenarios {
            let covid = scenario == "covid"
            assessments.append(assessment("A.1", "arrivals", scenario, year: 2021, comparison: "more_than", value: 2.5,
                                          projected: 2.55, interval: (2.35, 2.75), probability: 0.6, status: .atRisk,
                                          explanation: "P(meet) = 0.60 from 1000 simulated paths",
                                          reason: .simulated(probability: 0.6, draws: 1000),
                                          growth: (arrivalsGrowth, 2015, 2018, pow(2.5 / 1.8, 1.0 / 3) - 1)))
            assessments.append(assessment("A.2", "arrivals", scenario, year: 2020, comparison: "about", value: 2.2,
                                          projected: covid ? 1.38 : 2.3, interval: covid ? (1.29, 1.47) : (2.15, 2.45),
                                          probability: covid ? 0.01 : 0.78, status: covid ? .offTrack : .onTrack,
                                          explanation: "P(meet) from 1000 simulated paths",
                                          reason: .simulated(probability: covid ? 0.01 : 0.78, draws: 1000)))
            assessments.append(assessment("A.3", "arrivals", scenario, year: 2018, comparison: "at_least", value: 1.7,
                                          projected: 1.8, probability: 1, status: .achieved,
                                          explanation: "met in the data (1.8)", observed: true,
                                          reason: .observed(value: 1.8, met: true), growth: (arrivalsGrowth, 2015, 2018, nil),
                                          beforeTerm: true))
            assessments.append(assessment("A.4", "arrivals", scenario, year: 2021, comparison: "at_least", value: 10,
                                          projected: covid ? 8.9 : 12.2, interval: covid ? (5.1, 12.6) : (8.4, 15.9),
                                          probability: covid ? 0.38 : 0.71, status: .atRisk,
                                          explanation: "P(meet) from 1000 simulated paths",
                                          reason: .simulated(probability: covid ? 0.38 : 0.71, draws: 1000),
                                          growth: (arrivalsGrowth, 2015, 2018, 0.10)))
        }
        for scenario in scenarios {
            assessments.append(assessment("B.1", "forest", scenario, year: 2021, comparison: "at_least", value: 65,
                                          status: .noData, explanation: forestOutcome.problem!))
        }
        for scenario in scenarios {
            assessments.append(assessment("C.M1", "bridge", scenario, year: 2021, comparison: "milestone", value: nil,
                                          status: .onTrack, explanation: "milestone: status set by hand",
                                          reason: .milestone(date: nil, source: nil)))
            assessments.append(assessment("C.2", "bridge", scenario, year: 2021, comparison: "between", value: 2, high: 3,
                                          status: .noData, explanation: "no data series is given for this indicator"))
        }
        for scenario in scenarios {
            assessments.append(assessment("F.1", "planting", scenario, year: 2021, comparison: "at_least", value: 1000,
                                          projected: 1130, interval: (1050, 1210), probability: 0.8, status: .onTrack,
                                          explanation: "P(meet) = 0.80 from 1000 simulated paths",
                                          reason: .simulated(probability: 0.8, draws: 1000),
                                          growth: (plantingGrowth, 2015, 2018, 1000.0 / 1040 - 1)))
            assessments.append(assessment("F.0", "planting", scenario, year: 2017, comparison: "at_least", value: 1100,
                                          projected: 1080, probability: 0, status: .missed,
                                          explanation: "missed in the data (1080)", observed: true,
                                          reason: .observed(value: 1080, met: false), growth: (plantingGrowth, 2015, 2018, nil),
                                          beforeTerm: true))
        }
        // Target × scenario in file order of targets, then scenario order, as runPlan orders them.
        let order = plan.targets.map(\.target.id)
        assessments.sort {
            (order.firstIndex(of: $0.targetID)!, scenarios.firstIndex(of: $0.scenario)!)
                < (order.firstIndex(of: $1.targetID)!, scenarios.firstIndex(of: $1.scenario)!)
        }
        return PlanResult(plan: plan, asOf: 2018, scenarioNames: scenarios, draws: 1000, seed: 7,
                          outcomes: [arrivalsOutcome, forestOutcome, bridgeOutcome, plantingOutcome], assessments: assessments)
    }
}
