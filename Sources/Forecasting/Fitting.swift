import Foundation
import LinearAlgebra

extension TrendModel {
    /// Fits the model to a series by (weighted) least squares through LAPACK.
    ///
    /// - Throws: `ForecastingError` naming the series, the year or the term, and what to do.
    public func fit(_ series: Series) throws -> FittedTrend {
        try validate(for: series)
        if let transform = shape.transform {
            return try fitLinear(series, transform: transform)
        }
        return try fitSaturating(series)
    }

    /// Checks the model against the series before any arithmetic.
    func validate(for series: Series) throws {
        if case let .polynomial(degree) = shape, degree < 1 || degree > 10 {
            throw ForecastingError.invalidModel("polynomial degree must be between 1 and 10, not \(degree)")
        }
        if let damping, !(damping > 0 && damping <= 1) {
            throw ForecastingError.invalidModel("damping must lie in (0, 1], not \(formatNumber(damping))")
        }
        if damping != nil, case .polynomial = shape {
            throw ForecastingError.invalidModel("damping applies to linear, exponential, logistic and Gompertz trends, not to polynomials")
        }
        switch shape {
        case let .logistic(cap?), let .gompertz(cap?):
            guard cap > 0, cap.isFinite else { throw ForecastingError.invalidModel("a cap must be a positive number, not \(formatNumber(cap))") }
        default: break
        }
        guard series.count >= minimumPoints else {
            throw ForecastingError.tooFewPoints(series: series.name, model: name, have: series.count, need: minimumPoints)
        }
        let first = series.firstYear!, last = series.lastYear!
        let years = Set(series.years)
        for intervention in interventions {
            let inside: Bool
            switch intervention {
            case let .step(year):
                inside = series.years.contains { $0 < year } && series.years.contains { $0 >= year }
            case let .hinge(year):
                inside = series.years.contains { $0 < year } && series.years.contains { $0 > year }
            case let .pulse(pulseYears):
                inside = pulseYears.contains { years.contains($0) } && !years.isSubset(of: Set(pulseYears))
            }
            if !inside {
                throw ForecastingError.interventionOutsideData(series: series.name, term: intervention.name, first: first, last: last)
            }
        }
    }

    private func weightsAndCenter(_ series: Series) throws -> ([Double]?, Double) {
        let weights = weighting.weights(for: series.observations)
        if let weights, !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw ForecastingError.invalidModel("weights must be positive: check the recent-year decay and the estimate weight")
        }
        let center = Double(series.years.reduce(0, +)) / Double(series.count)
        return (weights, center)
    }

    private func termNames() -> [String] {
        var names = ["intercept", "trend"]
        if case let .polynomial(degree) = shape, degree > 1 {
            for d in 2...degree { names.append("trend\(d)") }
        }
        return names + interventions.map(\.name)
    }

    private func fitLinear(_ series: Series, transform: ResponseTransform) throws -> FittedTrend {
        for o in series.observations where !transform.accepts(o.value) {
            if case .log = transform {
                throw ForecastingError.nonPositiveValue(series: series.name, model: name, year: o.year, value: o.value)
            }
            let domain = transform.domain
            throw ForecastingError.outsideBounds(series: series.name, model: name, year: o.year, value: o.value,
                                                 lower: domain.lower, upper: domain.upper)
        }
        let (weights, center) = try weightsAndCenter(series)
        let n = series.count
        let z = series.values.map(transform.forward)
        // Regressors in extended precision: t is exact, its powers are rounded once.
        let p = linearParameterCount
        var design = ExtendedMatrix(columns: Array(repeating: Array(repeating: 0, count: n), count: p))
        for (i, o) in series.observations.enumerated() {
            let t = ExtendedFloat(o.year) - ExtendedFloat(center)
            var column = 0
            design[i, column] = 1; column += 1
            var power: ExtendedFloat = 1
            let degree: Int
            if case let .polynomial(d) = shape { degree = d } else { degree = 1 }
            for _ in 0..<degree { power *= t; design[i, column] = power; column += 1 }
            for intervention in interventions { design[i, column] = ExtendedFloat(intervention.regressor(o.year)); column += 1 }
        }
        let solution: LeastSquaresSolution
        do {
            solution = try leastSquares(design: design, response: z, weights: weights)
        } catch let error as LinearAlgebraError {
            throw ForecastingError.singularDesign(series: series.name, model: name, detail: error.description)
        }
        let df = n - p
        let rss = solution.residualSumOfSquares
        let sigma = (rss / Double(df)).squareRoot()
        let w = weights ?? Array(repeating: 1, count: n)
        let logLikelihood = gaussianLogLikelihood(rss: rss, weights: w)
            + series.values.map(transform.logJacobian).reduce(0, +)
        return FittedTrend(
            model: self, seriesName: series.name, observations: series.observations, center: center,
            termNames: termNames(), coefficients: solution.coefficients,
            unscaledCovariance: solution.unscaledCovariance, residualStandardDeviation: sigma,
            residualDegreesOfFreedom: df, residuals: solution.residuals, weights: weights,
            rSquared: weightedRSquared(z, weights: w, rss: rss), logLikelihood: logLikelihood, iterations: 0,
            transform: transform)
    }

    /// Logistic or Gompertz with an unknown cap, by Levenberg–Marquardt from several start caps.
    private func fitSaturating(_ series: Series) throws -> FittedTrend {
        for o in series.observations where !(o.value > 0) {
            throw ForecastingError.nonPositiveValue(series: series.name, model: name, year: o.year, value: o.value)
        }
        let (weights, center) = try weightsAndCenter(series)
        let n = series.count
        let y = series.values
        let maximum = y.max()!
        let isGompertz: Bool
        if case .gompertz = shape { isGompertz = true } else { isGompertz = false }
        let p = linearParameterCount
        var best: NonlinearFit?
        var lastError: Error?
        for factor in [1.05, 1.2, 1.5, 2.0, 3.0, 5.0] {
            let cap = maximum * factor
            // Start values from the linear fit on the transformed scale at this cap.
            let known = TrendModel(shape: isGompertz ? .gompertz(cap: cap) : .logistic(cap: cap),
                                   interventions: interventions, weighting: weighting)
            guard let start = try? known.fitLinear(series, transform: isGompertz ? .complementaryLogLog(cap: cap) : .logit(cap: cap)) else { continue }
            let template = start
            let rows = series.observations.map { template.regressors($0.year, pastLastObservation: false) }
            let model: @Sendable ([Double]) -> (values: [Double], jacobian: Matrix) = { theta in
                var values = [Double](repeating: 0, count: n)
                var jacobian = Matrix(rows: n, columns: p + 1)
                let k = theta[p]
                for i in 0..<n {
                    var eta = 0.0
                    for j in 0..<p { eta += rows[i][j] * theta[j] }
                    let g: Double, dg: Double
                    if isGompertz { let inner = exp(-eta); g = exp(-inner); dg = g * inner }
                    else { g = 1 / (1 + exp(-eta)); dg = g * (1 - g) }
                    values[i] = k * g
                    for j in 0..<p { jacobian[i, j] = k * dg * rows[i][j] }
                    jacobian[i, p] = g
                }
                return (values, jacobian)
            }
            do {
                let fit = try levenbergMarquardt(
                    start: start.coefficients + [cap], observations: n,
                    residuals: { theta in zip(y, model(theta).values).map { $0 - $1 } },
                    jacobian: { theta in model(theta).jacobian },
                    weights: weights)
                if fit.converged, fit.parameters[p] > 0, fit.parameters.allSatisfy(\.isFinite),
                   best == nil || fit.residualSumOfSquares < best!.residualSumOfSquares {
                    best = fit
                }
            } catch {
                lastError = error
            }
        }
        guard let fit = best else {
            if case let .didNotConverge(iterations, lastStep, _)? = lastError as? NonlinearFitError {
                throw ForecastingError.didNotConverge(series: series.name, model: name, iterations: iterations,
                                                      detail: "last step \(formatNumber(lastStep))")
            }
            throw ForecastingError.didNotConverge(series: series.name, model: name, iterations: 0,
                                                  detail: lastError.map { "\($0)" } ?? "no start value worked")
        }
        let df = n - (p + 1)
        let rss = fit.residualSumOfSquares
        let w = weights ?? Array(repeating: 1, count: n)
        return FittedTrend(
            model: self, seriesName: series.name, observations: series.observations, center: center,
            termNames: termNames() + ["cap"], coefficients: fit.parameters,
            unscaledCovariance: fit.unscaledCovariance, residualStandardDeviation: (rss / Double(df)).squareRoot(),
            residualDegreesOfFreedom: df, residuals: fit.residuals, weights: weights,
            rSquared: weightedRSquared(y, weights: w, rss: rss), logLikelihood: gaussianLogLikelihood(rss: rss, weights: w),
            iterations: fit.iterations, transform: .identity)
    }
}

/// `1 − RSS / Σ wᵢ (yᵢ − ȳ_w)²` with the weighted mean ȳ_w (statsmodels' WLS R²); NaN for a constant response.
func weightedRSquared(_ values: [Double], weights: [Double], rss: Double) -> Double {
    let mean = zip(weights, values).map(*).reduce(0, +) / weights.reduce(0, +)
    let total = zip(weights, values).map { $0 * ($1 - mean) * ($1 - mean) }.reduce(0, +)
    return total > 0 ? 1 - rss / total : .nan
}

/// The maximised Gaussian log-likelihood of a (weighted) least-squares fit, `σ²` at its ML value.
func gaussianLogLikelihood(rss: Double, weights: [Double]) -> Double {
    let n = Double(weights.count)
    let variance = max(rss / n, .leastNormalMagnitude)
    return -0.5 * n * (log(2 * Double.pi * variance) + 1) + 0.5 * weights.map(log).reduce(0, +)
}
