import Forecasting

/// How to run a plan, each setting overriding the plan's own (nil keeps the plan's).
///
/// ```swift
/// let result = try runPlan(plan, data: series, options: RunOptions(asOf: 2020, scenarios: ["baseline"]))
/// result.asOf      // 2020: what the data up to 2020 said
/// ```
public struct RunOptions: Sendable {
    /// Use data up to this year only (the plan's `as_of` when nil).
    public var asOf: Int?
    /// The scenarios to run, in this order (all of the plan's, in file order, when nil).
    public var scenarios: [String]?
    /// Simulated paths per indicator (the plan's `simulation.draws` when nil).
    public var draws: Int?
    /// The random seed (the plan's `simulation.seed` when nil).
    public var seed: UInt64?
    /// Project at least through this year (a backtest projects through its last actual).
    public var horizon: Int?
    /// The settings of the planning forecaster that serves `model: auto`.
    public var forecaster: PlanningForecaster
    /// Levels (percent) of central intervals to project besides 80 and 95, which every run has.
    public var levels: [Double]

    public init(asOf: Int? = nil, scenarios: [String]? = nil, draws: Int? = nil, seed: UInt64? = nil,
                horizon: Int? = nil, forecaster: PlanningForecaster = PlanningForecaster(), levels: [Double] = []) {
        self.levels = levels
        self.asOf = asOf
        self.scenarios = scenarios
        self.draws = draws
        self.seed = seed
        self.horizon = horizon
        self.forecaster = forecaster
    }
}

/// Runs `plan` on `data` with `options`; see `runPlan(_:data:asOf:scenarios:draws:seed:forecaster:levels:)`.
///
/// - Returns: a result that holds the as-of year, horizon, draws and seed actually used.
/// - Throws: `PlanningError` for an unknown or repeated scenario name or an invalid plan.
public func runPlan(_ plan: Plan, data: [String: Series], options: RunOptions) throws -> PlanResult {
    var plan = plan
    if let horizon = options.horizon { plan.horizon = max(plan.horizon, horizon) }
    return try runPlan(plan, data: data, asOf: options.asOf, scenarios: options.scenarios, draws: options.draws,
                       seed: options.seed, forecaster: options.forecaster, levels: options.levels)
}
