import Forecasting
import Planning

extension LoadedScenario {
    /// What `run` would report about this scenario besides its numbers, found without simulating, so
    /// that `validate` catches it first: each indicator whose model cannot be fitted to its data up
    /// to the as-of year (it will be "no data", with this reason) or that falls back to another model;
    /// each indicator without a series; each target before the term or already in the data (assessed
    /// from the observation, not projected); each milestone without a status; an as-of year after the
    /// data end; a scenario adjustment that changes none of the projected years. Every warning names
    /// the scenario file and the line of its key.
    ///
    /// - Parameter asOf: the as-of year of the run (the plan's when nil).
    public func warnings(asOf: Int? = nil) -> [String] {
        let plan = self.plan
        let asOf = asOf ?? plan.asOf
        let base = plan.baseYear ?? plan.asOf
        let term = "\(base + 1)–\(plan.horizon)"
        func at(_ key: String) -> String {
            "\(document.path)" + (document.line(of: key).map { ":\($0)" } ?? "") + ": \(key)"
        }
        var warnings: [String] = []
        // The projected years of each indicator with a projection: after its last value up to as-of.
        var projectedYears: [String: [Int]] = [:]
        for (i, indicator) in plan.indicators.enumerated() {
            let key = "indicators[\(i)]"
            let numeric = indicator.targets.filter { $0.kind != .milestone }.map(\.id)
            if let name = indicator.series, let full = data.series[name] {
                let series = full.through(asOf)
                switch fitIndicator(indicator, series: series) {
                case let .failure(error) where !numeric.isEmpty:
                    let problem = ProjectionProblem.cannotFit(points: series.count, asOf: asOf, error: error)
                    warnings.append("\(at("\(key).model")): indicator '\(indicator.id)' will have no projection, so \(numeric.joined(separator: ", ")) will be 'no data': \(problem)")
                case let .success((_, fallback)):
                    if let fallback { warnings.append("\(at("\(key).model")): indicator '\(indicator.id)': \(fallback)") }
                    if let last = series.lastYear, last < plan.horizon { projectedYears[indicator.id] = Array((last + 1)...plan.horizon) }
                default: break
                }
            } else if indicator.series == nil, !numeric.isEmpty {
                warnings.append("\(at("\(key).id")): indicator '\(indicator.id)' has no data series, so \(numeric.joined(separator: ", ")) will be 'no data'" + (indicator.dataNeeded.map { "; needed: \($0)" } ?? ""))
            }
            for (j, target) in indicator.targets.enumerated() {
                let tkey = "\(key).targets[\(j)]"
                if target.kind == .milestone {
                    if target.milestoneStatus == nil || target.milestoneStatus == .unknown {
                        warnings.append("\(at(tkey)): milestone \(target.id) has no status recorded; it will be 'no data' (give status: achieved, on_track, at_risk or off_track)")
                    }
                } else if target.year <= base {
                    warnings.append("\(at("\(tkey).year")): target \(target.id) is for \(target.year), not after the base year \(base): it lies outside the plan's term \(term) and will be assessed from the data, not projected; correct the year or the base year")
                } else if target.year <= asOf {
                    warnings.append("\(at("\(tkey).year")): target \(target.id) is for \(target.year), within the data used (up to \(asOf)): it will be assessed from the observed value, not projected")
                } else if target.kind == .averageGrowth, !indicator.isGrowthRate, base <= asOf,
                          let name = indicator.series, let start = data.series[name]?.value(in: base), start <= 0 {
                    warnings.append("\(at("\(tkey).kind")): target \(target.id) is an average growth from \(base), whose value in the data is \(formatNumber(start)): no growth rate exists from 0 or below, so it will be 'no data'; give the target as a level, or another base year")
                }
            }
        }
        warnings += adjustmentWarnings(projectedYears: projectedYears)
        if let warning = asOfWarning(asOf: asOf) { warnings.append(warning) }
        return warnings
    }

    /// The warnings of `adjustmentWarnings(projectedYears:)` for a run: the projected years of each
    /// indicator as the run projected them.
    public func adjustmentWarnings(for result: PlanResult) -> [String] {
        var projectedYears: [String: [Int]] = [:]
        for outcome in result.outcomes {
            let years = (outcome.projections.values.first ?? []).filter { $0.kind == .projected }.map(\.year)
            if !years.isEmpty { projectedYears[outcome.indicator.id] = years }
        }
        return adjustmentWarnings(projectedYears: projectedYears)
    }

    /// A warning for each scenario adjustment that changes none of the projected years of its
    /// indicator (a shock in a year of the data or after the horizon, a recovery from the first
    /// projected year): the scenario would silently be the same as without it.
    public func adjustmentWarnings(projectedYears: [String: [Int]]) -> [String] {
        var warnings: [String] = []
        for scenario in plan.scenarios {
            for (a, adjustment) in scenario.adjustments.enumerated() {
                guard let years = projectedYears[adjustment.indicator], let first = years.first, let last = years.last,
                      !adjustment.changesAny(of: years) else { continue }
                let key = "scenarios.\(scenario.name).adjustments[\(a)]"
                let place = "\(document.path)" + (document.line(of: key).map { ":\($0)" } ?? "") + ": \(key)"
                let span = first == last ? "\(first)" : "\(first)–\(last)"
                var why = ""
                if case let .recovery(_, from, _) = adjustment, from - 1 < first || from - 1 > last {
                    why = " (a recovery from \(from) closes the gap of \(from - 1), which must be a projected year)"
                }
                warnings.append("\(place): \(adjustment.summary) changes none of the projected years of '\(adjustment.indicator)' (\(span))\(why), so scenario '\(scenario.name)' is the same as without it there; correct its years")
            }
        }
        return warnings
    }

    /// A warning when the as-of year is after the last year of data of every series the plan uses:
    /// each projection then starts from its last actual, not from the as-of year.
    public func asOfWarning(asOf: Int? = nil) -> String? {
        let asOf = asOf ?? plan.asOf
        let used = plan.indicators.compactMap(\.series).compactMap { data.series[$0] }
        guard let last = used.compactMap(\.lastYear).max(), asOf > last else { return nil }
        return "\(document.path): as of \(asOf) is after the last year of data (\(last)); every projection starts from its last actual, so the years \(last + 1)–\(asOf) are projected, not observed"
    }
}
