import Foundation
import Testing
import PlancastTestSupport
@testable import Forecasting

@Suite("The planning forecaster (model auto)")
struct PlanningForecasterTests {
    static func series(_ years: [Int], _ values: [Double], name: String = "s") -> Series {
        try! Series(name: name, observations: zip(years, values).map { Observation(year: $0, value: $1) })
    }

    struct Reference: Decodable {
        struct Case: Decodable { let years: [Int]; let values: [Double]; let quantiles: [String: [Double]] }
        let levels: [Double]
        let cases: [Case]
    }

    @Test("its quantiles agree with the numpy implementation the settings were tuned with (Tests/Data/planning)")
    func agreesWithTuningImplementation() throws {
        let reference = try Fixtures.decode(Reference.self, "planning/reference_quantiles.json")
        #expect(reference.cases.count >= 8)
        for c in reference.cases {
            let fit = try PlanningForecaster().fit(Self.series(c.years.map { 2020 + $0 }, c.values), bounds: 0...Double.infinity)
            let paths = fit.simulate(years: Array(2021...2030), draws: 100_000, seed: 5)
            for (h, expected) in c.quantiles {
                let k = Int(h)! - 1
                let sorted = paths.column(k).sorted()
                for (level, value) in zip(reference.levels, expected) {
                    // Monte Carlo error: 100,000 paths against 400,000; the quantiles of log-scale paths are
                    // compared on the log scale, within 2% of the 95% interval's log width.
                    let width = log(expected.last!) - log(expected.first!)
                    let got = empiricalQuantile(sorted, level)
                    #expect(abs(log(got) - log(value)) <= 0.02 * width + 1e-9,
                            "case \(c.values) h \(h) q \(level): \(got) vs \(value)")
                }
            }
        }
    }

    @Test("every path starts from the last actual: the median one year ahead is the last value moved by the drift")
    func anchoredOnLastActual() throws {
        let fit = try PlanningForecaster().fit(Self.series([2016, 2017, 2018, 2019, 2020], [10, 11, 12.5, 13, 14.2]))
        let paths = fit.simulate(years: [2021], draws: 40_000, seed: 1)
        let median = paths.quantile(0.5, yearIndex: 0)
        let expected = 14.2 * exp(fit.drift * fit.forecaster.damping)
        #expect(abs(median / expected - 1) < 0.005, "median \(median), expected \(expected)")
        #expect(fit.anchorValue == 14.2 && fit.anchorYear == 2020)
    }

    @Test("a share between two bounds is projected on the logit scale and every path stays inside them")
    func boundsHoldOnEveryPath() throws {
        let fit = try PlanningForecaster().fit(Self.series([2014, 2016, 2018, 2020], [90, 95, 97.5, 99.2]), bounds: 0...100)
        #expect(fit.scale == .logit(lower: 0, upper: 100))
        let paths = fit.simulate(years: Array(2021...2035), draws: 20_000, seed: 3)
        // Inside [0, 100]: far out in the tails the logistic map rounds to exactly a bound in floating point.
        #expect(paths.values.allSatisfy { $0 >= 0 && $0 <= 100 })
        #expect(paths.values.filter { $0 > 99 }.count > paths.values.count / 2, "most paths stay near the top")
    }

    @Test("a share near its upper bound moves as the data moved: the log-scale prior is carried over from the nearer bound")
    func nearUpperBound() throws {
        // Five years of hygienic water 97.5 → 99.6%: never more than 0.7 points in a year. Carried over by
        // dz/d ln y (250 at 99.6) the prior volatility made the 80% interval of 2021 reach 0.006%.
        let fit = try PlanningForecaster().fit(Self.series(Array(2016...2020), [97.5, 98.2, 98.9, 99.3, 99.6]), bounds: 0...100)
        let paths = fit.simulate(years: Array(2021...2025), draws: 20_000, seed: 1)
        #expect(paths.quantile(0.1, yearIndex: 0) > 98.5, "\(paths.quantile(0.1, yearIndex: 0))")
        #expect(paths.quantile(0.1, yearIndex: 4) > 95, "\(paths.quantile(0.1, yearIndex: 4))")
        #expect(paths.quantile(0.5, yearIndex: 4) > 99.6)
    }

    @Test("the logit scale treats both bounds alike: the prior's slope at 0.4% and at 99.6% is the same, and 2 in the middle")
    func logitSlopeIsSymmetric() {
        let scale = PlanningScale.logit(lower: 0, upper: 100)
        for y in [0.4, 5, 30, 50] {
            #expect(scale.logSlope(at: y, values: []) == scale.logSlope(at: 100 - y, values: []))
        }
        #expect(scale.logSlope(at: 50, values: []).scale == 2)
        // Below the midpoint, with a lower bound of 0, it is dz/d ln y itself.
        #expect(abs(scale.logSlope(at: 30, values: []).scale - (1 + 30.0 / 70)) < 1e-15)
        let shifted = PlanningScale.logit(lower: 20, upper: 120)
        #expect(shifted.logSlope(at: 20.4, values: []) == scale.logSlope(at: 0.4, values: []))
    }

    @Test("irregular years: a change over a gap of three years counts as three years of drift and volatility")
    func irregularYears() throws {
        let regular = try PlanningForecaster().fit(Self.series([2017, 2018, 2019, 2020], [100, 110, 121, 133.1]))
        let gapped = try PlanningForecaster().fit(Self.series([2014, 2017, 2018, 2020], [100 / pow(1.1, 3), 100, 110, 133.1]))
        #expect(abs(regular.dataDrift - log(1.1)) < 1e-12)
        #expect(abs(gapped.dataDrift - log(1.1)) < 1e-12)
        #expect(gapped.sumOfSquares < 1e-20 && regular.sumOfSquares < 1e-20)
        #expect(gapped.span == 6 && regular.span == 3)
    }

    @Test("scales: the log for a positive series, the level for a rate or a series with zeros")
    func scales() throws {
        #expect(try PlanningForecaster().fit(Self.series([2018, 2019, 2020], [1, 2, 3])).scale == .log)
        #expect(try PlanningForecaster().fit(Self.series([2018, 2019, 2020], [0, 2, 3]), bounds: 0...181).scale == .level)
        #expect(try PlanningForecaster().fit(Self.series([2018, 2019, 2020], [6, 7, 6.5]), isRate: true).scale == .level)
        #expect(try PlanningForecaster().fit(Self.series([2018, 2019, 2020], [-1, 2, 3])).scale == .level)
    }

    @Test("fewer than 3 points is an error that says how many it needs")
    func tooFewPoints() {
        #expect(throws: ForecastingError.tooFewPoints(series: "s", model: "planning", have: 2, need: 3)) {
            try PlanningForecaster().fit(Self.series([2019, 2020], [1, 2]))
        }
    }

    @Test("the same seed gives the same paths; another seed other paths")
    func deterministic() throws {
        let fit = try PlanningForecaster().fit(Self.series([2016, 2018, 2019, 2020], [5, 6, 6.2, 7]))
        let a = fit.simulate(years: Array(2021...2025), draws: 500, seed: 9)
        let b = fit.simulate(years: Array(2021...2025), draws: 500, seed: 9)
        let c = fit.simulate(years: Array(2021...2025), draws: 500, seed: 10)
        #expect(a.values == b.values)
        #expect(a.values != c.values)
    }

    @Test("a drift read off few points counts for less: the data's weight grows with the years spanned")
    func shrinkage() throws {
        let short = try PlanningForecaster().fit(Self.series([2018, 2019, 2020], [100, 112, 125]))
        let long = try PlanningForecaster().fit(Self.series(Array(2009...2020), (0..<12).map { 100 * pow(1.115, Double($0)) * (1 + 0.01 * sin(Double($0))) }))
        #expect(short.dataDriftWeight < long.dataDriftWeight)
        #expect(short.drift < short.dataDrift && short.drift > short.priorDrift)
    }
}

@Suite("Quantiles by selection and fast χ² draws")
struct SelectionTests {
    @Test("selectQuantiles gives exactly the quantiles of the sorted values, ties and infinities included",
          arguments: [1, 2, 3, 10, 23, 24, 25, 101, 1000, 2047, 2048, 4099, 10_000, 30_000])
    func equalsSorted(count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        let levels = [0.5, 0.1, 0.9, 0.025, 0.975, 0, 1]
        for round in 0..<20 {
            var values = (0..<count).map { _ in (rng.nextNormal() * 4).rounded() / 2 }   // many ties
            if round % 5 == 0, count > 2 { values[0] = .infinity; values[1] = .infinity }
            let sorted = values.sorted()
            var copy = values
            let selected = selectQuantiles(&copy, levels)
            for (q, got) in zip(levels, selected) {
                let want = empiricalQuantile(sorted, q)
                #expect(got == want || (got.isNaN && want.isNaN), "n \(count) q \(q): \(got) vs \(want)")
            }
        }
    }

    /// From 2,048 values on the order statistics are found through buckets cut by a sample: values held at a
    /// bound, a single repeated value and samples that miss the tails must not change the answer.
    @Test("selectQuantiles is exact when most values sit at a bound, all are equal, or the tails are extreme",
          arguments: ["bound", "equal", "extreme", "sorted", "reversed"])
    func bucketedEdgeCases(shape: String) {
        var rng = SeededGenerator(seed: 11)
        let n = 10_000
        var values: [Double]
        switch shape {
        case "bound": values = (0..<n).map { _ in max(0, rng.nextNormal() - 1) }        // 84% at the bound 0
        case "equal": values = Array(repeating: 3.25, count: n)
        case "extreme": values = (0..<n).map { i in i % 97 == 0 ? (i % 2 == 0 ? -1e300 : .infinity) : rng.nextNormal() }
        case "sorted": values = (0..<n).map(Double.init)
        default: values = (0..<n).map { Double(n - $0) }
        }
        let levels = [0.5, 0.1, 0.9, 0.025, 0.975, 0, 1, 0.0001, 0.9999]
        let sorted = values.sorted()
        var copy = values
        let selected = selectQuantiles(&copy, levels)
        for (q, got) in zip(levels, selected) {
            #expect(got == empiricalQuantile(sorted, q), "\(shape) q \(q)")
        }
    }

    @Test("χ² draws by sums of exponentials have the right mean and variance", arguments: [1.0, 2, 4, 7, 12])
    func chiSquared(nu: Double) {
        var rng = SeededGenerator(seed: 42)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n { let x = rng.nextChiSquaredFast(degreesOfFreedom: nu); sum += x; sumSquares += x * x }
        let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
        // Standard errors: √(2ν/n) for the mean, about √(8ν(ν+6)/n)... within 5 of them.
        #expect(abs(mean - nu) < 5 * (2 * nu / Double(n)).squareRoot())
        #expect(abs(variance - 2 * nu) < 0.05 * 2 * nu + 0.05)
    }

    /// Quantiles of Student's t from scipy 1.x: `scipy.stats.t.ppf([0.75, 0.9, 0.975, 0.995], nu)`.
    @Test("Student-t draws by Bailey's polar method have scipy's quantiles",
          arguments: [(4.0, [0.74069708, 1.53320627, 2.77644511, 4.60409487]),
                      (7.0, [0.71114178, 1.41492393, 2.36462425, 3.4994833]),
                      (2.5, [0.78501368, 1.73025093, 3.57465484, 7.16372814])])
    func studentT(nu: Double, quantiles: [Double]) {
        var rng = SeededGenerator(seed: 7)
        let n = 400_000
        var draws = (0..<n).map { _ in rng.nextStudentT(degreesOfFreedom: nu) }
        let levels = [0.75, 0.9, 0.975, 0.995]
        let got = selectQuantiles(&draws, levels)
        for (level, (g, want)) in zip(levels, zip(got, quantiles)) {
            // The standard error of a sample quantile: √(p(1−p)/n)/f(x); 4% covers more than 4 of them here.
            #expect(abs(g - want) < 0.04 * want, "ν \(nu), level \(level): \(g) vs \(want)")
        }
        // Symmetry: the mean is 0 within a few standard errors (the variance ν/(ν−2) is finite for ν > 2).
        let mean = draws.reduce(0, +) / Double(n)
        #expect(abs(mean) < 5 * (nu / (nu - 2) / Double(n)).squareRoot())
    }
}
