import Forecasting

/// How a projection made at an origin year fared against what was observed after it: the error of
/// the central projection in each later year with data, whether the intervals at each level of the run
/// (80% and 95%, and any asked for besides) held the actual, and whether each status call (P(meet) ≥ 0.5
/// or not) was right.
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
        /// The projection's central intervals in that year, one per level of the run.
        public var intervals: [PredictionInterval]
        /// Whether the data flag the actual an estimate.
        public var actualIsEstimate = false
        /// Whether the interval at `level` percent held the actual (nil when the run has no such level).
        public func inside(_ level: Double) -> Bool? {
            intervals.first { $0.level == level }.map { $0.contains(actual) }
        }
        /// Whether the 80% interval held the actual.
        public var inside80: Bool { inside(80) ?? false }
        /// Whether the 95% interval held the actual.
        public var inside95: Bool { inside(95) ?? false }
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
    /// The interval levels scored (percent, increasing): those of the run.
    public let levels: [Double]
    /// In indicator order, then year order.
    public let errors: [ProjectionError]
    /// In target order.
    public let calls: [StatusCall]

    /// Scores `scenario` of `result` (a run whose as-of year is the origin) against the later actuals
    /// the run kept aside (`IndicatorOutcome.laterActuals`, never used for fitting).
    public init(_ result: PlanResult, scenario: String) {
        self.scenario = scenario
        levels = result.levels
        var errors: [ProjectionError] = []
        for outcome in result.outcomes {
            guard outcome.model != nil, let rows = outcome.projections[scenario] else { continue }
            for actual in outcome.laterActuals {
                guard let row = rows.first(where: { $0.year == actual.year && $0.kind == .projected }),
                      !row.intervals.isEmpty else { continue }
                errors.append(ProjectionError(indicatorID: outcome.indicator.id, year: actual.year, actual: actual.value,
                                              projected: row.central, intervals: row.intervals,
                                              actualIsEstimate: actual.kind == .estimate))
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

    /// How many intervals at `level` percent held their actual.
    public func inside(_ level: Double) -> Int { errors.filter { $0.inside(level) == true }.count }
    /// How many 80% intervals held their actual.
    public var inside80: Int { inside(80) }
    /// How many 95% intervals held their actual.
    public var inside95: Int { inside(95) }
}
