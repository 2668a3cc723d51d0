import Foundation
import LinearAlgebra

/// A fitted trend: immutable estimates, their covariance and fit statistics, with projections on demand.
public struct FittedTrend: Sendable {
    public let model: TrendModel
    public let seriesName: String
    public let observations: [Observation]
    /// The year subtracted from every year before fitting (the mean of the fitted years).
    public let center: Double
    /// One name per coefficient: `intercept`, `trend`, `trend2`…, intervention names, and `cap` for an estimated cap.
    public let termNames: [String]
    public let coefficients: [Double]
    /// `(XᵀWX)⁻¹` (or `(JᵀWJ)⁻¹` for a nonlinear fit); times σ̂² it is the covariance of the coefficients.
    public let unscaledCovariance: Matrix
    /// σ̂ on the fitting scale.
    public let residualStandardDeviation: Double
    public let residualDegreesOfFreedom: Int
    /// Residuals on the fitting scale.
    public let residuals: [Double]
    public let weights: [Double]?
    /// Weighted R² on the fitting scale.
    public let rSquared: Double
    /// Gaussian log-likelihood of the data on their own scale (transform Jacobian included).
    public let logLikelihood: Double
    /// Iterations of the nonlinear solver, 0 for a linear fit.
    public let iterations: Int
    let transform: ResponseTransform

    /// The number of observations.
    public var count: Int { observations.count }
    public var lastYear: Int { observations.last!.year }
    public var firstYear: Int { observations.first!.year }

    /// Standard errors of the coefficients.
    public var standardErrors: [Double] {
        (0..<coefficients.count).map { (unscaledCovariance[$0, $0]).squareRoot() * residualStandardDeviation }
    }

    /// The covariance of the coefficients, `σ̂²(XᵀWX)⁻¹`.
    public var covariance: Matrix {
        let s2 = residualStandardDeviation * residualStandardDeviation
        return Matrix(rows: unscaledCovariance.rows, columns: unscaledCovariance.columns,
                      columnMajor: unscaledCovariance.storage.map { $0 * s2 })
    }

    /// The number of estimated parameters, σ counted (as in AICc).
    public var likelihoodParameters: Int { coefficients.count + 1 }

    /// AIC = −2 log L + 2k, k counting σ.
    public var aic: Double { -2 * logLikelihood + 2 * Double(likelihoodParameters) }

    /// AICc, the small-sample AIC; +∞ when n ≤ k + 1.
    public var aicc: Double {
        let k = Double(likelihoodParameters), n = Double(count)
        guard n - k - 1 > 0 else { return .infinity }
        return aic + 2 * k * (k + 1) / (n - k - 1)
    }

    /// t-statistics of the coefficients.
    public var tStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-values from Student's t with the residual degrees of freedom.
    public var pValues: [Double] {
        tStatistics.map { 2 * studentTUpperTail(abs($0), degreesOfFreedom: Double(residualDegreesOfFreedom)) }
    }

    /// Fitted values on the data scale.
    public var fittedValues: [Double] {
        observations.map { point(at: $0.year, pastLastObservation: false) }
    }

    /// Whether the trend was fitted by nonlinear least squares (an estimated cap).
    public var isNonlinear: Bool { termNames.last == "cap" }

    // MARK: Prediction

    /// The regressors of `year` (damped beyond the last observation when the model says so).
    func regressors(_ year: Int, pastLastObservation: Bool = true) -> [Double] {
        var t = Double(year) - center
        if pastLastObservation, let phi = model.damping, year > lastYear {
            let h = year - lastYear
            let steps = phi == 1 ? Double(h) : phi * (1 - pow(phi, Double(h))) / (1 - phi)
            t = Double(lastYear) - center + steps
        }
        var row: [Double] = [1]
        switch model.shape {
        case let .polynomial(degree):
            var power = 1.0
            for _ in 1...max(1, degree) { power *= t; row.append(power) }
        default:
            row.append(t)
        }
        for intervention in model.interventions { row.append(intervention.regressor(year)) }
        return row
    }

    /// The linear predictor at `year`, with its gradient with respect to the coefficients.
    func prediction(_ year: Int) -> (value: Double, gradient: [Double]) {
        let x = regressors(year)
        let p = x.count
        var eta = 0.0
        for j in 0..<p { eta += x[j] * coefficients[j] }
        guard isNonlinear else { return (eta, x) }
        let cap = coefficients[p]
        let (g, dg) = saturatingCurve(eta)
        return (cap * g, x.map { $0 * cap * dg } + [g])
    }

    func saturatingCurve(_ eta: Double) -> (value: Double, derivative: Double) {
        switch model.shape {
        case .gompertz:
            let inner = exp(-eta)
            let g = exp(-inner)
            return (g, g * inner)
        default:
            let g = 1 / (1 + exp(-eta))
            return (g, g * (1 - g))
        }
    }

    /// The central projection on the data scale.
    func point(at year: Int, pastLastObservation: Bool = true) -> Double {
        if pastLastObservation { return transform.inverse(prediction(year).value) }
        let x = regressors(year, pastLastObservation: false)
        var eta = 0.0
        for j in 0..<x.count { eta += x[j] * coefficients[j] }
        if isNonlinear { return coefficients[x.count] * saturatingCurve(eta).value }
        return transform.inverse(eta)
    }

    /// The prediction at `year` on the fitting scale: the value, the standard error of the mean and of a new observation.
    ///
    /// - Parameter weight: the weight of the new observation (1 unless it is to be treated like an estimate row).
    public func predictionOnFittingScale(year: Int, weight: Double = 1) -> (mean: Double, meanStandardError: Double, observationStandardError: Double) {
        let (value, gradient) = prediction(year)
        let s2 = residualStandardDeviation * residualStandardDeviation
        let meanVariance = s2 * unscaledCovariance.quadraticForm(gradient)
        return (value, meanVariance.squareRoot(), (meanVariance + s2 / weight).squareRoot())
    }

    /// Projects the trend with intervals at the given levels.
    ///
    /// The point is the back-transformed central value (for log and logit trends, the median on the
    /// data scale); interval ends are the back-transformed ends on the fitting scale, so a bounded
    /// model's projection and intervals stay inside its bounds.
    ///
    /// - Parameters:
    ///   - years: the years to project (in or beyond the data).
    ///   - levels: coverage levels in percent, e.g. `[80, 95]`.
    ///   - bounds: optional hard bounds on the data scale applied to every number.
    public func forecast(years: [Int], levels: [Double] = [80, 95], bounds: ClosedRange<Double>? = nil) -> TrendForecast {
        let multipliers = levels.map { studentTQuantile(0.5 + $0 / 200, degreesOfFreedom: Double(residualDegreesOfFreedom)) }
        let points = years.map { year -> ForecastPoint in
            let distributions = self.distributions(year: year, bounds: bounds)
            let observation = distributions.observation.summary(levels: levels, tQuantiles: multipliers)
            let mean = distributions.mean.summary(levels: levels, tQuantiles: multipliers)
            return ForecastPoint(year: year, mean: observation.median, prediction: observation.intervals,
                                 confidence: mean.intervals)
        }
        return TrendForecast(seriesName: seriesName, modelName: model.name, points: points)
    }

    /// The distribution of a new observation in `year`: Student-t with the residual degrees of freedom
    /// around the prediction on the fitting scale, mapped back through the transform.
    ///
    /// - Parameter bounds: hard bounds on the data scale that every quantile is held inside.
    public func predictiveDistribution(year: Int, bounds: ClosedRange<Double>? = nil) -> ForecastDistribution {
        distributions(year: year, bounds: bounds).observation
    }

    /// The distribution of the trend itself in `year` (its confidence intervals), mapped back likewise.
    public func meanDistribution(year: Int, bounds: ClosedRange<Double>? = nil) -> ForecastDistribution {
        distributions(year: year, bounds: bounds).mean
    }

    /// Both distributions of `year` from one prediction on the fitting scale.
    private func distributions(year: Int, bounds: ClosedRange<Double>?) -> (observation: ForecastDistribution, mean: ForecastDistribution) {
        let (mean, meanSE, observationSE) = predictionOnFittingScale(year: year)
        func studentT(_ scale: Double) -> ForecastDistribution {
            ForecastDistribution(.studentT(location: mean, scale: scale, degreesOfFreedom: Double(residualDegreesOfFreedom),
                                           transform: transform), bounds: bounds)
        }
        return (studentT(observationSE), studentT(meanSE))
    }

    /// Projects every year after the last observation through `year`.
    public func forecast(through year: Int, levels: [Double] = [80, 95], bounds: ClosedRange<Double>? = nil) -> TrendForecast {
        let years = lastYear < year ? Array((lastYear + 1)...year) : []
        return forecast(years: years, levels: levels, bounds: bounds)
    }
}

/// A two-sided interval at a coverage level in percent.
public struct PredictionInterval: Sendable, Hashable, Codable {
    public var level: Double
    public var lower: Double
    public var upper: Double

    public init(level: Double, lower: Double, upper: Double) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies inside, ends included.
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

/// The projection for one year.
public struct ForecastPoint: Sendable, Hashable, Codable {
    public var year: Int
    /// The central projection (the median on the data scale for transformed trends).
    public var mean: Double
    /// Intervals for a new observation (prediction intervals).
    public var prediction: [PredictionInterval]
    /// Intervals for the trend itself (confidence intervals of the mean).
    public var confidence: [PredictionInterval]

    /// The prediction interval at `level`, if computed.
    public func interval(_ level: Double) -> PredictionInterval? { prediction.first { $0.level == level } }
}

/// Projections of one fitted trend.
public struct TrendForecast: Sendable, Hashable, Codable {
    public var seriesName: String
    public var modelName: String
    public var points: [ForecastPoint]

    /// The point for `year`, if projected.
    public func point(_ year: Int) -> ForecastPoint? { points.first { $0.year == year } }
}
