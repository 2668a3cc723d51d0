import Forecasting

/// How a projection made at an origin year fared against what was observed after it: the error of
/// the central projection in each later year with data, whether the 80% and 95% intervals held the
/// actual, and whether each status call (P(meet) ≥ 0.5 or not) was right.
///
/// ```swift
/// let result = try runPlan(plan, data: series, options: RunOptions(asOf: 2018, scenarios: ["baseline"], horizon: 2024))
/// let scores = BacktestScores(result, scenario: "baseline")
/// scores.errors.count                                   // one per later actual of a projected indicator
/// scores.calls.filter(\.isRight).count                  // status calls the origin got right
/// ```
public struct BacktestScores: Sendable {
    /// The projection of one indicator for one later year, against the actual.
    public struct ProjectionError: Sendable, Equatable {
        public var indicatorID: String
        public var year: Int
        public var actual: Double
        public var projected: Double
        /// `projected − actual`.
        public var error: Double { projected - actual }
        /// The error in percent of the actual's size (NaN when the actual is 0).
        public var percentError: Double { actual != 0 ? 100 * error / abs(actual) : .nan }
        /// Whether the 80% interval held the actual.
        public var inside80: Bool
        /// Whether the 95% interval held the actual.
        public var inside95: Bool
    }

    /// The status call at the origin for a target whose year has since been observed.
    public struct StatusCall: Sendable, Equatable {
        public var targetID: String
        public var year: Int
        /// P(meet) at the origin; the call is "meet" when it is at least 0.5.
        public var probabilityOfMeeting: Double
        /// The observation of the target year.
        public var actual: Observation
        /// Whether the observation meets the target.
        public var met: Bool
        public var calledMeet: Bool { probabilityOfMeeting >= 0.5 }
        public var isRight: Bool { calledMeet == met }
    }

    /// The scenario scored.
    public let scenario: String
    /// In indicator order, then year order.
    public let errors: [ProjectionError]
    /// In target order.
    public let calls: [StatusCall]

    /// Scores `scenario` of `result` (a run whose as-of year is the origin) against the later actuals
    /// the run kept aside (`IndicatorOutcome.laterActuals`, never used for fitting).
    public init(_ result: PlanResult, scenario: String) {
        self.scenario = scenario
        var errors: [ProjectionError] = []
        for outcome in result.outcomes {
            guard outcome.model != nil, let rows = outcome.projections[scenario] else { continue }
            for actual in outcome.laterActuals {
                guard let row = rows.first(where: { $0.year == actual.year && $0.kind == .projected }),
                      let lo80 = row.lo80, let hi80 = row.hi80, let lo95 = row.lo95, let hi95 = row.hi95 else { continue }
                errors.append(ProjectionError(indicatorID: outcome.indicator.id, year: actual.year, actual: actual.value,
                                              projected: row.central,
                                              inside80: actual.value >= lo80 && actual.value <= hi80,
                                              inside95: actual.value >= lo95 && actual.value <= hi95))
            }
        }
        var calls: [StatusCall] = []
        for a in result.assessments where a.scenario == scenario && !a.observed {
            guard let probability = a.probabilityOfMeeting,
                  let outcome = result.outcome(a.indicatorID),
                  let target = outcome.indicator.targets.first(where: { $0.id == a.targetID }),
                  [.level, .share, .cumulativeCount].contains(target.kind),
                  let actual = outcome.laterActuals.first(where: { $0.year == a.targetYear }) else { continue }
            calls.append(StatusCall(targetID: a.targetID, year: a.targetYear, probabilityOfMeeting: probability,
                                    actual: actual, met: target.isMet(by: actual.value)))
        }
        self.errors = errors
        self.calls = calls
    }

    /// The mean absolute percent error over the errors with a defined percent (0 when there is none).
    public var meanAbsolutePercentError: Double {
        let percents = errors.map(\.percentError).filter(\.isFinite).map(abs)
        return percents.reduce(0, +) / Double(max(1, percents.count))
    }

    /// How many 80% intervals held their actual.
    public var inside80: Int { errors.filter(\.inside80).count }
    /// How many 95% intervals held their actual.
    public var inside95: Int { errors.filter(\.inside95).count }
}
