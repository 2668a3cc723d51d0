import Foundation
import Testing
import PlancastTestSupport
@testable import Forecasting

struct SaturatingReference: Decodable {
    struct Case: Decodable {
        let name: String
        let kind: String
        let years: [Int]
        let values: [Double]
        let center: Double
        let params: [Double]
        let bse: [Double]
        let rss: Double
    }
    let cases: [Case]
    static let shared: SaturatingReference = {
        try! Fixtures.decode(SaturatingReference.self, "scipy/saturating_references.json")
    }()
}

func makeSeries(_ name: String = "s", years: [Int], values: [Double]) -> Series {
    try! Series(name: name, observations: zip(years, values).map { Observation(year: $0, value: $1) })
}

@Suite("Saturating trends with an unknown cap (Levenberg–Marquardt)")
struct SaturatingTrendTests {
    @Test("logistic and Gompertz fits agree with scipy's MINPACK fit", arguments: SaturatingReference.shared.cases.map(\.name))
    func agreesWithScipy(name: String) throws {
        let c = SaturatingReference.shared.cases.first { $0.name == name }!
        let shape: TrendShape = c.kind == "logistic" ? .logistic(cap: nil) : .gompertz(cap: nil)
        let fit = try TrendModel(shape: shape).fit(makeSeries(years: c.years, values: c.values))
        #expect(fit.center == c.center)
        #expect(fit.termNames == ["intercept", "trend", "cap"])
        // Both solve the same problem to convergence: parameters agree to 1e-6 relative; scipy's
        // standard errors come from a finite-difference Jacobian, ours from the analytic one (1e-4).
        for j in 0..<3 {
            #expect(abs(fit.coefficients[j] - c.params[j]) <= 1e-6 * max(abs(c.params[j]), c.bse[j]), "parameter \(j): \(fit.coefficients[j]) vs \(c.params[j])")
            #expect(abs(fit.standardErrors[j] - c.bse[j]) <= 1e-4 * c.bse[j], "standard error \(j): \(fit.standardErrors[j]) vs \(c.bse[j])")
        }
        let rss = fit.residuals.map { $0 * $0 }.reduce(0, +)
        #expect(abs(rss - c.rss) <= 1e-8 * c.rss)
    }
}

@Suite("Bounded trends stay inside their bounds")
struct BoundedTrendTests {
    @Test("a logistic trend with a known cap projects inside (0, cap), intervals included, even far ahead")
    func logisticInside() throws {
        let s = makeSeries(years: Array(2010...2020), values: [40, 45, 52, 58, 63, 69, 74, 79, 83, 86, 89])
        let fit = try TrendModel(shape: .logistic(cap: 100)).fit(s)
        for p in fit.forecast(through: 2060, levels: [80, 95, 99.9]).points {
            #expect(p.mean > 0 && p.mean < 100)
            for i in p.prediction + p.confidence { #expect(i.lower > 0 && i.upper <= 100 && i.lower <= i.upper) }
        }
    }

    @Test("a Gompertz trend with a known cap projects inside (0, cap)")
    func gompertzInside() throws {
        let s = makeSeries(years: [2012, 2014, 2015, 2017, 2018, 2020], values: [20, 35, 48, 80, 98, 130])
        let fit = try TrendModel(shape: .gompertz(cap: 181)).fit(s)
        for p in fit.forecast(through: 2040).points {
            #expect(p.mean < 181)
            for i in p.prediction { #expect(i.lower > 0 && i.upper <= 181) }
        }
    }

    @Test("the 80% interval lies inside the 95% interval, and the trend interval inside the prediction interval")
    func nested() throws {
        let s = makeSeries(years: Array(2010...2020), values: [1.0, 1.2, 1.1, 1.5, 1.7, 1.6, 2.0, 2.3, 2.2, 2.6, 2.9])
        for shape in [TrendShape.linear, .exponential, .polynomial(degree: 2)] {
            for p in try TrendModel(shape: shape).fit(s).forecast(through: 2030).points {
                let i80 = p.interval(80)!, i95 = p.interval(95)!
                #expect(i95.lower <= i80.lower && i80.upper <= i95.upper)
                #expect(p.prediction[1].lower <= p.confidence[1].lower && p.confidence[1].upper <= p.prediction[1].upper)
            }
        }
    }

    @Test("damping slows the projected trend: a damped line flattens towards its limit")
    func damping() throws {
        let s = makeSeries(years: Array(2010...2020), values: (0...10).map { 10 + 2 * Double($0) })
        let straight = try TrendModel(shape: .linear).fit(s).forecast(through: 2040)
        let damped = try TrendModel(shape: .linear, damping: 0.8).fit(s).forecast(through: 2040)
        #expect(abs(damped.point(2021)!.mean - (30 + 2 * 0.8)) < 1e-9)
        #expect(damped.point(2040)!.mean < 30 + 2 * 0.8 / 0.2 + 1e-9)
        #expect(straight.point(2040)!.mean > damped.point(2040)!.mean)
    }
}

@Suite("Bad series and models get clear errors")
struct TrendModelErrorTests {
    @Test("too few points says how many the model needs")
    func tooFew() {
        #expect(throws: ForecastingError.tooFewPoints(series: "s", model: "quadratic", have: 3, need: 4)) {
            try TrendModel(shape: .polynomial(degree: 2)).fit(makeSeries(years: [2018, 2019, 2020], values: [1, 2, 3]))
        }
    }

    @Test("a non-positive value for an exponential trend names the year")
    func nonPositive() {
        #expect(throws: ForecastingError.nonPositiveValue(series: "s", model: "exponential", year: 2019, value: 0)) {
            try TrendModel.exponential.fit(makeSeries(years: [2017, 2018, 2019, 2020], values: [1, 2, 0, 3]))
        }
    }

    @Test("a value at or above a logistic cap (the cap below the data) is refused with a hint")
    func aboveCap() throws {
        do {
            _ = try TrendModel(shape: .logistic(cap: 100)).fit(makeSeries(years: [2017, 2018, 2019, 2020], values: [90, 95, 100, 99]))
            Issue.record("expected an error")
        } catch let error as ForecastingError {
            #expect(error.description.contains("2019") && error.description.contains("raise the cap"))
        }
    }

    @Test("a break year outside the data is refused", arguments: [
        Intervention.step(year: 2030), .step(year: 2010), .hinge(year: 2020), .pulse(years: [2030]),
    ])
    func breakOutside(intervention: Intervention) {
        let s = makeSeries(years: Array(2012...2020), values: (0...8).map { Double($0) })
        #expect(throws: ForecastingError.self) { try TrendModel(shape: .linear, interventions: [intervention]).fit(s) }
    }

    @Test("a singular design (a pulse that duplicates a step) is reported as such, not as garbage")
    func singular() {
        let s = makeSeries(years: Array(2012...2020), values: [1, 2, 3, 4, 5, 6, 7, 9, 10])
        do {
            _ = try TrendModel(shape: .linear, interventions: [.step(year: 2019), .pulse(years: [2019, 2020])]).fit(s)
            Issue.record("expected an error")
        } catch let error as ForecastingError {
            guard case .singularDesign = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("rank"))
        } catch { Issue.record("wrong error \(error)") }
    }

    @Test("a duplicate year and NaN are refused when the series is made")
    func seriesErrors() {
        #expect(throws: ForecastingError.duplicateYear(series: "s", year: 2020)) {
            try Series(name: "s", observations: [Observation(year: 2020, value: 1), Observation(year: 2020, value: 2)])
        }
        #expect(throws: ForecastingError.nonFiniteValue(series: "s", year: 2019)) {
            try Series(name: "s", observations: [Observation(year: 2019, value: .nan)])
        }
    }

    @Test("auto falls back to a line on very short series and says so")
    func autoFallback() throws {
        let selection = try selectTrend(makeSeries(years: [2018, 2019, 2020], values: [1, 2, 2.5]))
        #expect(selection.fit.model.shape == .linear)
        #expect(selection.note?.contains("3 points") == true)
    }

    @Test("auto prefers the exponential trend for constant growth and the logistic for a saturating share")
    func autoChooses() throws {
        let growth = makeSeries(years: Array(2008...2020), values: (0...12).map { 5 * pow(1.12, Double($0)) * (1 + 0.01 * sin(Double($0) * 2)) })
        #expect(try selectTrend(growth).fit.model.shape == .exponential)
        let shareValues: [Double] = (0...15).map { (i: Int) -> Double in
            let t = Double(i)
            let curve: Double = 100 / (1 + exp(3 - 0.45 * t))
            return curve + 0.2 * cos(t)
        }
        let share = makeSeries(years: Array(2005...2020), values: shareValues)
        #expect(try selectTrend(share, upperBound: 100).fit.model.shape == .logistic(cap: 100))
    }
}
