import Foundation
import Testing
import PlancastTestSupport
@testable import Forecasting

/// The statsmodels reference file (`Tests/Data/statsmodels/make_references.py` wrote it).
struct StatsmodelsReference: Decodable {
    struct Case: Decodable {
        let name: String
        let years: [Int]
        let values: [Double]
        let weights: [Double]?
        let weighting: String?
        let response: String
        let terms: [String]
        let center: Double
        let df_resid: Double
        let params: [Double]
        let bse: [Double]
        let pvalues: [Double]
        let sigma: Double
        let rsquared: Double
        let llf: Double
        let predictions: Predictions
    }
    struct Predictions: Decodable {
        let years: [Int]
        let alpha95: Frame
        let alpha80: Frame
        enum CodingKeys: String, CodingKey { case years, alpha95 = "alpha_0.05", alpha80 = "alpha_0.20" }
    }
    struct Frame: Decodable {
        let mean: [Double]
        let mean_se: [Double]
        let mean_ci_lower: [Double]
        let mean_ci_upper: [Double]
        let obs_ci_lower: [Double]
        let obs_ci_upper: [Double]
    }
    struct TQuantiles: Decodable {
        struct PQ: Decodable { let p: Double; let q: Double }
        struct XP: Decodable { let x: Double; let p: Double }
        let df: Double
        let ppf: [PQ]
        let cdf: [XP]
    }
    let cases: [Case]
    let student_t: [TQuantiles]
    let normal: [TQuantiles.PQ]

    static let shared: StatsmodelsReference = {
        try! Fixtures.decode(StatsmodelsReference.self, "statsmodels/trend_references.json")
    }()

    /// The plancast model a case describes.
    static func model(for c: Case) -> (TrendModel, Series) {
        var interventions: [Intervention] = []
        var degree = 1
        for term in c.terms {
            let parts = term.split(separator: ":")
            switch parts[0] {
            case "trend2": degree = 2
            case "step": interventions.append(.step(year: Int(parts[1])!))
            case "hinge": interventions.append(.hinge(year: Int(parts[1])!))
            case "pulse": interventions.append(.pulse(years: parts[1].split(separator: ",").map { Int($0)! }))
            default: break
            }
        }
        let shape: TrendShape = c.response == "log" ? .exponential : (degree == 2 ? .polynomial(degree: 2) : .linear)
        var weighting = Weighting.equal
        var kinds = Array(repeating: ObservationKind.actual, count: c.years.count)
        switch c.weighting {
        case "recent": weighting = Weighting(recentDecay: 0.8)
        case "estimate":
            weighting = Weighting(estimateWeight: 0.5)
            kinds = c.weights!.map { $0 == 0.5 ? .estimate : .actual }
        default: break
        }
        if c.response == "log", degree == 2 {
            // A quadratic on the log scale: not a named shape; fit through the polynomial shape on ln y.
            let logged = zip(c.years, c.values).enumerated().map { Observation(year: $1.0, value: Foundation.log($1.1), kind: kinds[$0]) }
            return (TrendModel(shape: .polynomial(degree: 2), interventions: interventions, weighting: weighting),
                    try! Series(name: c.name, observations: logged))
        }
        let observations = zip(c.years, c.values).enumerated().map { Observation(year: $1.0, value: $1.1, kind: kinds[$0]) }
        return (TrendModel(shape: shape, interventions: interventions, weighting: weighting),
                try! Series(name: c.name, observations: observations))
    }
}

@Suite("Trend fits agree with statsmodels")
struct StatsmodelsReferenceTests {
    static let cases = StatsmodelsReference.shared.cases

    @Test("coefficients, standard errors, σ, R², log-likelihood and both intervals agree to 1e-8 relative",
          arguments: cases.map(\.name))
    func agrees(name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let (model, series) = StatsmodelsReference.model(for: c)
        let fit = try model.fit(series)
        // Tolerance 1e-8: both sides are double-precision QR solutions of the same problem; values near
        // zero are compared absolutely against their standard error's scale.
        #expect(fit.center == c.center)
        #expect(Double(fit.residualDegreesOfFreedom) == c.df_resid)
        for j in 0..<c.params.count {
            #expect(abs(fit.coefficients[j] - c.params[j]) <= 1e-8 * max(abs(c.params[j]), c.bse[j]), "param \(j)")
            #expect(relativeError(fit.standardErrors[j], c.bse[j]) < 1e-8, "bse \(j)")
            #expect(abs(fit.pValues[j] - c.pvalues[j]) < 1e-8 * max(c.pvalues[j], 1e-6), "p-value \(j): \(fit.pValues[j]) vs \(c.pvalues[j])")
        }
        #expect(relativeError(fit.residualStandardDeviation, c.sigma) < 1e-8)
        #expect(abs(fit.rSquared - c.rsquared) < 1e-10)
        if c.response == "level" {
            // On the log scale our likelihood adds the transform's Jacobian; statsmodels' is of ln y.
            #expect(relativeError(fit.logLikelihood, c.llf) < 1e-10)
        } else if model.shape == .exponential {
            let jacobian = c.values.map { -Foundation.log($0) }.reduce(0, +)
            #expect(relativeError(fit.logLikelihood, c.llf + jacobian) < 1e-10)
        }
        for (frame, level) in [(c.predictions.alpha95, 95.0), (c.predictions.alpha80, 80.0)] {
            let q = studentTQuantile(0.5 + level / 200, degreesOfFreedom: c.df_resid)
            for (k, year) in c.predictions.years.enumerated() {
                let p = fit.predictionOnFittingScale(year: year)
                let spread = frame.obs_ci_upper[k] - frame.obs_ci_lower[k]
                #expect(abs(p.mean - frame.mean[k]) <= 1e-8 * max(abs(frame.mean[k]), spread), "mean \(year)")
                #expect(relativeError(p.meanStandardError, frame.mean_se[k]) < 1e-8, "mean_se \(year)")
                #expect(abs((p.mean - q * p.meanStandardError) - frame.mean_ci_lower[k]) <= 1e-8 * max(abs(frame.mean_ci_lower[k]), spread))
                #expect(abs((p.mean + q * p.meanStandardError) - frame.mean_ci_upper[k]) <= 1e-8 * max(abs(frame.mean_ci_upper[k]), spread))
                #expect(abs((p.mean - q * p.observationStandardError) - frame.obs_ci_lower[k]) <= 1e-8 * max(abs(frame.obs_ci_lower[k]), spread))
                #expect(abs((p.mean + q * p.observationStandardError) - frame.obs_ci_upper[k]) <= 1e-8 * max(abs(frame.obs_ci_upper[k]), spread))
            }
            // The data-scale forecast maps the same ends back through the transform.
            let forecast = fit.forecast(years: c.predictions.years, levels: [level])
            let back: (Double) -> Double = c.response == "log" && model.shape == .exponential ? { exp($0) } : { $0 }
            for (k, point) in forecast.points.enumerated() {
                let interval = point.interval(level)!
                #expect(relativeError(interval.lower, back(frame.obs_ci_lower[k])) < 1e-8 || abs(interval.lower - back(frame.obs_ci_lower[k])) < 1e-8 * abs(back(frame.obs_ci_upper[k])))
                #expect(relativeError(interval.upper, back(frame.obs_ci_upper[k])) < 1e-8)
            }
        }
    }
}

@Suite("Distributions agree with scipy")
struct DistributionTests {
    @Test("Student-t quantiles and CDF agree with scipy to 1e-10 relative")
    func studentT() {
        for entry in StatsmodelsReference.shared.student_t {
            for pq in entry.ppf {
                let q = studentTQuantile(pq.p, degreesOfFreedom: entry.df)
                #expect(abs(q - pq.q) <= 1e-10 * max(abs(pq.q), 1e-300) || q == pq.q, "t.ppf(\(pq.p), \(entry.df)) = \(q), scipy \(pq.q)")
            }
            for xp in entry.cdf {
                let p = studentTCDF(xp.x, degreesOfFreedom: entry.df)
                #expect(abs(p - xp.p) <= 1e-10 * xp.p, "t.cdf(\(xp.x), \(entry.df)) = \(p), scipy \(xp.p)")
            }
        }
    }

    @Test("normal quantiles agree with scipy to 1e-12 relative, far tails included")
    func normal() {
        for pq in StatsmodelsReference.shared.normal {
            let q = normalQuantile(pq.p)
            #expect(abs(q - pq.q) <= 1e-12 * max(abs(pq.q), 1e-300) || q == pq.q, "norm.ppf(\(pq.p)) = \(q), scipy \(pq.q)")
        }
    }
}
