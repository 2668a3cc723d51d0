import Foundation
import DataFiles
import Forecasting

/// The text `plancast fit` prints: the parameter table, fit statistics and the projection.
public struct FitReport: Sendable {
    public let text: String

    /// - Parameter bounds: the bounds of the series (a share's 0–100): the projection and its
    ///   intervals are kept inside, as `plancast run` keeps an indicator's.
    public init(file: String, selection: TrendSelection, levels: [Double], through: Int, bounds: ClosedRange<Double>? = nil) {
        let fit = selection.fit
        var out = ""
        let years = fit.observations.map(\.year)
        let estimates = fit.observations.filter { $0.kind == .estimate }.count
        out += "Series '\(fit.seriesName)' from \(file): \(fit.count) points, \(years.first!)–\(years.last!)"
        out += estimates > 0 ? " (\(estimates) flagged estimate)\n" : "\n"
        out += "Model: \(fit.model.name)"
        if fit.isNonlinear { out += ", fitted by Levenberg–Marquardt in \(fit.iterations) iterations" }
        if let weights = fit.weights { out += ", weighted (\(formatNumber(weights.min()!))–\(formatNumber(weights.max()!)))" }
        out += "; time is the year minus \(formatNumber(fit.center))\n"
        if let note = selection.note { out += "Note: \(note)\n" }
        if !selection.candidates.isEmpty {
            out += "\nCandidates (auto, by AICc):\n"
            var table = TextTable(header: ["model", "parameters", "AICc", "note"], alignments: [.left, .right, .right, .left])
            for c in selection.candidates {
                table.append([c.model, "\(c.parameters)", c.aicc.map { fixed($0, 2) } ?? "–",
                              c.model == fit.model.name ? "chosen" : (c.skipped ?? "")])
            }
            out += table.render(indent: "  ")
        }
        out += "\nParameters" + (scaleName(fit).map { " (on the \($0) scale)" } ?? "") + ":\n"
        var parameters = TextTable(header: ["term", "estimate", "std. error", "t", "p"])
        for j in 0..<fit.coefficients.count {
            parameters.append([fit.termNames[j], significant(fit.coefficients[j]), significant(fit.standardErrors[j]),
                               fixed(fit.tStatistics[j], 2), pValue(fit.pValues[j])])
        }
        out += parameters.render(indent: "  ")
        // σ is on the scale the model is fitted on: a log-scale σ of 0.05 is about 5%, not 0.05 units.
        let sigmaScale = scaleName(fit).map { "on the \($0) scale" } ?? "in the data's units"
        out += "\nFit: n = \(fit.count), residual σ = \(significant(fit.residualStandardDeviation)) (\(sigmaScale))"
        out += " on \(fit.residualDegreesOfFreedom) degrees of freedom, R² = \(fixed(fit.rSquared, 4)), AICc = \(fixed(fit.aicc, 2))\n"
        if let growth = annualGrowth(fit) { out += "Trend growth: \(fixed(growth * 100, 2))% a year\n" }

        let forecast = fit.forecast(through: through, levels: levels)
        if forecast.points.isEmpty {
            out += "\nNo projection: the data already reach \(fit.lastYear).\n"
        } else {
            out += "\nProjection (point = central trend value; intervals for a new observation, and for the trend itself)\(keptInside(bounds)):\n"
            var header = ["year", "projection"]
            for l in levels { header.append("\(formatNumber(l))% prediction") }
            header.append("\(formatNumber(levels.last!))% trend (mean)")
            var table = TextTable(header: header)
            for p in forecast.points {
                var row = ["\(p.year)", significant(p.mean.clamped(to: bounds))]
                for interval in p.prediction {
                    row.append("\(significant(interval.lower.clamped(to: bounds))) – \(significant(interval.upper.clamped(to: bounds)))")
                }
                let c = p.confidence.last!
                row.append("\(significant(c.lower.clamped(to: bounds))) – \(significant(c.upper.clamped(to: bounds)))")
                table.append(row)
            }
            out += table.render(indent: "  ")
        }
        text = out
    }
}

/// ", kept inside 0–100" for a projection kept inside `bounds`; empty without bounds.
func keptInside(_ bounds: ClosedRange<Double>?) -> String {
    guard let bounds else { return "" }
    switch (bounds.lowerBound.isFinite, bounds.upperBound.isFinite) {
    case (true, true): return ", kept inside \(formatNumber(bounds.lowerBound))–\(formatNumber(bounds.upperBound))"
    case (true, false): return ", kept at or above \(formatNumber(bounds.lowerBound))"
    case (false, true): return ", kept at or below \(formatNumber(bounds.upperBound))"
    case (false, false): return ""
    }
}

extension Double {
    /// The value moved inside `bounds` (unchanged without bounds).
    func clamped(to bounds: ClosedRange<Double>?) -> Double {
        guard let bounds else { return self }
        return Swift.min(Swift.max(self, bounds.lowerBound), bounds.upperBound)
    }
}

func scaleName(_ fit: FittedTrend) -> String? {
    switch fit.model.shape {
    case .exponential: return "log"
    case .logistic(let cap?): return "logit (cap \(formatNumber(cap)))"
    case .gompertz(let cap?): return "log-log (cap \(formatNumber(cap)))"
    default: return nil
    }
}

/// Annual growth implied by the trend for an exponential model, nil otherwise.
func annualGrowth(_ fit: FittedTrend) -> Double? {
    guard case .exponential = fit.model.shape, let j = fit.termNames.firstIndex(of: "trend") else { return nil }
    return exp(fit.coefficients[j]) - 1
}

func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "–" }
    return p < 0.0001 ? "<0.0001" : fixed(p, 4)
}

extension FitReport {
    /// The text of `plancast fit` for the planning forecaster (model `auto`): the drift candidates and
    /// their weights, the shrinkage and volatility, the calibration, and the projection from `draws`
    /// seeded paths (median and intervals at `levels`).
    public init(file: String, planning fit: FittedPlanningForecast, levels: [Double], through: Int,
                draws: Int = 10_000, seed: UInt64 = 1, bounds: ClosedRange<Double>? = nil) {
        var out = ""
        let estimates = fit.observations.filter { $0.kind == .estimate }.count
        out += "Series '\(fit.seriesName)' from \(file): \(fit.count) points, \(fit.observations.first!.year)–\(fit.anchorYear)"
        out += estimates > 0 ? " (\(estimates) flagged estimate)\n" : "\n"
        let words = Labels(language: "en").planningLine(fit)
        out += "Model: \(PlanningForecaster.name) (the default, model auto); \(fit.scale.name) scale\n"
        out += words.model + "\n"
        let driftScale: String
        switch fit.scale {
        case .log: driftScale = "as growth"
        case .logit: driftScale = "on the \(fit.scale.name) scale"
        case .level: driftScale = "in the data's units"
        }
        out += "\nDrift candidates (per year, \(driftScale)):\n"
        var table = TextTable(header: ["candidate", "drift", "weight"], alignments: [.left, .right, .right])
        func change(_ z: Double) -> String {
            let c = fit.yearlyChange(z)
            if case .log = fit.scale { return fixed(c * 100, 2) + "%" }
            return significant(c, digits: 4)
        }
        for c in fit.candidates { table.append([c.name, change(c.drift), formatNumber(c.weight)]) }
        table.append(["data (weighted mean)", change(fit.dataDrift), ""])
        table.append(["prior of annual series", change(fit.priorDrift), ""])
        table.append(["shrunk (\(Int((fit.dataDriftWeight * 100).rounded()))% data)", change(fit.drift), ""])
        out += table.render(indent: "  ")
        out += "\n" + words.certainty + "\n"
        let years = fit.anchorYear < through ? Array((fit.anchorYear + 1)...through) : []
        if years.isEmpty {
            out += "\nNo projection: the data already reach \(fit.anchorYear).\n"
        } else {
            let paths = fit.simulate(years: years, draws: draws, seed: seed)
            out += "\nProjection (median of \(draws) simulated paths, seed \(seed); intervals for the value of each year\(keptInside(bounds))):\n"
            var header = ["year", "median"]
            for l in levels { header.append("\(formatNumber(l))% interval") }
            var projection = TextTable(header: header)
            for (k, year) in years.enumerated() {
                let sorted = paths.column(k).map { $0.clamped(to: bounds) }.sorted()
                var row = ["\(year)", significant(empiricalQuantile(sorted, 0.5))]
                for l in levels {
                    let tail = (1 - l / 100) / 2
                    row.append("\(significant(empiricalQuantile(sorted, tail))) – \(significant(empiricalQuantile(sorted, 1 - tail)))")
                }
                projection.append(row)
            }
            out += projection.render(indent: "  ")
        }
        text = out
    }
}
