import Foundation
import Testing
import PlancastTestSupport
@testable import Forecasting

/// The 645 yearly series of the M3 competition (`Tests/Data/m3`, see `shared/data/README.md` §2).
struct M3Data: Sendable {
    static let folder = Fixtures.data("m3")

    /// Training and test values by series id, and the ids in order.
    let train: [String: [Double]]
    let test: [String: [Double]]
    let ids: [String]

    static let shared: M3Data = load(folder: folder, train: "yearly_train.csv", test: "yearly_test.csv")

    /// The 181 yearly series of M1 (`Tests/Data/m1`), in the same form.
    static let m1: M3Data = load(folder: Fixtures.data("m1"), train: "m1_yearly_train.csv", test: "m1_yearly_test.csv")

    static func load(folder: URL, train: String, test: String) -> M3Data {
        let train = try! readLongCSV(folder.appendingPathComponent(train))
        let test = try! readLongCSV(folder.appendingPathComponent(test))
        return M3Data(train: train.mapValues(\.values), test: test.mapValues(\.values), ids: train.keys.sorted())
    }
}

/// `--model auto` of `plancast forecast` (`AnnualForecaster`) on M3 yearly, h = 6, through the library.
///
/// Measured on this machine (the same in debug and release builds; the method has no randomness):
/// test period sMAPE 15.41, MASE 2.530, OWA 0.830, 80% coverage 0.847, 95% coverage 0.956, MSIS 21.02
/// (with equal member weights: 15.57, 2.531, 0.834, 0.852, 0.953, 21.06; before issue 15: 15.81, 2.558,
/// 0.845, 0.837, 0.961, 21.73).
/// Tuning split (the last 6 training points held out): OWA 0.8425, 95% coverage 0.943, MSIS 24.26.
/// M1 yearly test period: sMAPE 16.32, OWA 0.710, 95% coverage 0.931, MSIS 34.17 (equal weights: 16.47,
/// 0.716, 0.923, 34.82; before issue 15: 17.38, 0.756, 0.924, 43.78).
/// The bounds below are those measurements with a small margin; the issue's targets are in the messages.
@Suite("M3 yearly: the annual method")
struct M3Tests {
    static func score(_ pairs: [(id: String, training: [Double], actual: [Double])]) throws -> AccuracySummary {
        let forecaster = AnnualForecaster()
        let quantiles = forecaster.quantiles(levels: [80, 95])
        let items = try pairs.map { pair -> ScoredSeries in
            let fit = try forecaster.fit(values: pair.training, lastYear: pair.training.count, seriesName: pair.id)
            let points = fit.forecast(horizon: pair.actual.count, quantiles: quantiles).points
            return ScoredSeries(seriesName: pair.id, training: pair.training, actual: pair.actual, forecast: points.map(\.mean),
                                lower80: points.map { $0.prediction[0].lower }, upper80: points.map { $0.prediction[0].upper },
                                lower95: points.map { $0.prediction[1].lower }, upper95: points.map { $0.prediction[1].upper })
        }
        return try summarizeAccuracy(items)
    }

    @Test("over the 645 series it is more accurate than the peers, with calibrated 95% intervals")
    func testPeriod() throws {
        let data = M3Data.shared
        let s = try Self.score(data.ids.map { ($0, data.train[$0]!, data.test[$0]!) })
        #expect(s.series == 645 && s.points == 3870)
        #expect(s.sMAPE < 15.45, "target sMAPE ≤ 15.5 (issue 15; StatsForecast AutoETS 16.19); measured 15.41, got \(s.sMAPE)")
        #expect(s.OWA < 0.833, "target OWA ≤ 0.83 (issue 15; AutoTheta 0.874); measured 0.830, got \(s.OWA)")
        #expect(s.MASE < 2.54, "measured 2.530 (AutoTheta 2.598), got \(s.MASE)")
        let coverage95 = try #require(s.coverage95), coverage80 = try #require(s.coverage80), msis = try #require(s.MSIS)
        #expect(coverage95 >= 0.945 && coverage95 <= 0.96, "target 95% coverage in [0.94, 0.96]; measured 0.956, got \(coverage95)")
        #expect(coverage80 >= 0.83 && coverage80 <= 0.87, "measured 0.847, got \(coverage80)")
        #expect(msis < 21.2, "target MSIS ≤ 21 (issue 15; AutoETS 28.7); measured 21.02, got \(msis)")
    }

    @Test("on the tuning split (the last 6 training points held out) the 95% intervals are near nominal")
    func tuningSplit() throws {
        let data = M3Data.shared
        let s = try Self.score(data.ids.map { id in
            let x = data.train[id]!
            return (id, Array(x.dropLast(6)), Array(x.suffix(6)))
        })
        let coverage95 = try #require(s.coverage95), msis = try #require(s.MSIS)
        #expect(coverage95 >= 0.935 && coverage95 <= 0.95, "measured 0.943, got \(coverage95)")
        #expect(msis < 24.5, "measured 24.26, got \(msis)")
        #expect(s.OWA < 0.845, "measured 0.8425, got \(s.OWA)")
    }

    @Test("on the 181 M1 yearly series it keeps its accuracy and 95% coverage")
    func m1TestPeriod() throws {
        let data = M3Data.m1
        let s = try Self.score(data.ids.map { ($0, data.train[$0]!, data.test[$0]!) })
        #expect(s.series == 181 && s.points == 1086)
        #expect(s.OWA < 0.714, "target OWA ≤ 0.73 (issue 15; AutoTheta 0.762); measured 0.710, got \(s.OWA)")
        #expect(s.sMAPE < 16.4, "measured 16.32, got \(s.sMAPE)")
        let coverage95 = try #require(s.coverage95), msis = try #require(s.MSIS)
        #expect(coverage95 >= 0.92 && coverage95 <= 0.94, "measured 0.931, got \(coverage95)")
        #expect(msis < 34.6, "measured 34.17 (equal weights 34.82, before issue 15: 43.78), got \(msis)")
    }
}

@Suite("AnnualForecaster and its components")
struct AnnualForecasterTests {
    static let values: [Double] = [940.66, 1084.86, 1244.98, 1445.02, 1683.17, 2038.15, 2342.52, 2602.45,
                                   2927.87, 3103.96, 3360.27, 3807.63, 4387.88, 4936.99]

    @Test("fitting every prefix in one pass gives the fits of the prefixes themselves")
    func prefixFitsMatchSeparateFits() throws {
        let x = Self.values
        let ses = x.withUnsafeBufferPointer { SimpleExponentialSmoothing().prefixFits($0, from: 3) }
        let damped = x.withUnsafeBufferPointer { DampedTrendSmoothing(damping: 0.85).prefixFits($0, from: 3) }
        let robust = x.withUnsafeBufferPointer { prefixRobustTrends($0, from: 3) }
        let slopes = x.withUnsafeBufferPointer { prefixSlopes($0, from: 3) }
        for k in 3...x.count {
            let prefix = Array(x.prefix(k))
            #expect(ses[k - 3] == (try SimpleExponentialSmoothing().fit(prefix)))
            #expect(damped[k - 3] == (try DampedTrendSmoothing(damping: 0.85).fit(prefix)))
            #expect(robust[k - 3] == (try RobustTrend().fit(prefix)))
            // The least-squares slope by the textbook formula.
            let meanT = Double(k - 1) / 2
            let meanY: Double = prefix.reduce(0, +) / Double(k)
            var sxy = 0.0, sxx = 0.0
            for (i, y) in prefix.enumerated() {
                let dt = Double(i) - meanT
                sxy += dt * (y - meanY)
                sxx += dt * dt
            }
            let slope = sxy / sxx
            #expect(abs(slopes[k - 3] - slope) <= 1e-12 * abs(slope))
        }
    }

    @Test("the components forecast as their formulas say")
    func componentFormulas() throws {
        let robust = try RobustTrend().fit([10, 12, 13, 30, 16])
        #expect(robust.slope == 1.5 && robust.forecast(2) == 19)
        let damped = try DampedTrendSmoothing(damping: 0.5).fit([1, 2, 3, 4])
        #expect(abs(damped.forecast(2) - (damped.level + damped.slope * 0.75)) < 1e-12)
        // θ = 1 is simple exponential smoothing: no drift.
        let ses = try SimpleExponentialSmoothing().fit(Self.values)
        #expect(try ThetaMethod(theta: 1).fit(Self.values).forecast(5) == ses.level)
        // A straight line: SES keeps up with weight 1 and the Theta drift is half the slope.
        let line = (0..<10).map { 3 + 2 * Double($0) }
        let theta = try ThetaMethod().fit(line)
        #expect(theta.smoothing.alpha == 1 && abs(theta.forecast(1) - (21 + 1)) < 1e-9)
    }

    @Test("the forecast is the last value plus λ times the components' weighted mean change, with nested intervals that widen with the horizon")
    func combination() throws {
        let fit = try AnnualForecaster().fit(values: Self.values, lastYear: 2000, seriesName: "N0001")
        #expect(fit.errorScale == .relative && fit.thetaOnLogScale)
        let forecast = fit.forecast(horizon: 6)
        #expect(forecast.points.map(\.year) == Array(2001...2006) && forecast.modelName == "annual")
        var previousWidth = 0.0
        for (h, point) in zip(1..., forecast.points) {
            let c = fit.componentForecasts(h)
            let last = Self.values.last!
            let w = fit.memberWeights
            let combined = w.damped * c.dampedTrend + w.robust * c.robustTrend + w.theta * c.theta
            #expect(abs(point.mean - (last + fit.trendScale * (combined - last))) <= 1e-9 * point.mean)
            let i80 = try #require(point.interval(80)), i95 = try #require(point.interval(95))
            #expect(i95.lower < i80.lower && i80.lower < point.mean && point.mean < i80.upper && i80.upper < i95.upper)
            // Asymmetric: a·q·s·h^p down, q·s·h^p/a up (a = 0.85).
            #expect(abs((i95.upper - point.mean) * 0.85 - (point.mean - i95.lower) / 0.85) <= 1e-9 * point.mean)
            #expect(i95.upper - i95.lower > previousWidth)
            previousWidth = i95.upper - i95.lower
        }
        // The same numbers every time.
        #expect(try AnnualForecaster().fit(values: Self.values, lastYear: 2000, seriesName: "N0001").forecast(horizon: 6) == forecast)
    }

    @Test("the trend scale follows a steady trend (λ = 1.25) and damps a noisy one")
    func trendScale() throws {
        // Steady growth: T is large, λ at its cap.
        let steady = try AnnualForecaster().fit(values: Self.values, lastYear: 2000, seriesName: "N0001")
        #expect(steady.trendScale == 1.25)
        // Changes +10, −9, +11, −10, +9, −8, +10: mean 13/7, sd ≈ 9.6, T ≈ 0.19, λ = 1.5 + 0.65·ln T ≈ 0.42.
        let noisy: [Double] = [100, 110, 101, 112, 102, 111, 103, 113]
        let fit = try AnnualForecaster().fit(values: noisy, lastYear: 2000, seriesName: "noisy")
        let changes = zip(noisy.dropFirst(), noisy).map { log($0) - log($1) }
        let mean = changes.reduce(0, +) / Double(changes.count)
        let sd = (changes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(changes.count)).squareRoot()
        let expected = min(max(1.5 + 0.65 * log(max(abs(mean) / sd, 0.1)), 0.3), 1.25)
        #expect(abs(fit.trendScale - expected) < 1e-12 && fit.trendScale < 0.5)
    }

    @Test("each member weighs the inverse mean |error|^1.5 of its own forecasts from the earlier origins")
    func memberWeights() throws {
        let x = Self.values
        let forecaster = AnnualForecaster()
        let fit = try forecaster.fit(values: x, lastYear: 2000, seriesName: "N0001")
        // The same weights from separate fits to every prefix (origins 4…13 of the 14 values), h ≤ 6, errors / h^0.75.
        var sums = [0.0, 0.0, 0.0]
        for origin in 4..<x.count {
            let prefix = Array(x.prefix(origin))
            let damped = try DampedTrendSmoothing(damping: 0.85).fit(prefix)
            let robust = try RobustTrend().fit(prefix)
            let theta = try ThetaMethod().fit(prefix.map { log($0) })
            for h in 1...min(6, x.count - origin) {
                let actual = x[origin + h - 1], weight = pow(Double(h), -0.75)
                sums[0] += pow(abs(actual - damped.forecast(h)), 1.5) * weight
                sums[1] += pow(abs(actual - robust.forecast(h)), 1.5) * weight
                sums[2] += pow(abs(actual - exp(theta.forecast(h))), 1.5) * weight
            }
        }
        let inverse = sums.map { 1 / $0 }, total = inverse.reduce(0, +)
        let w = fit.memberWeights
        for (got, expected) in zip([w.damped, w.robust, w.theta], inverse.map { $0 / total }) {
            #expect(abs(got - expected) < 1e-12, "got \(got), expected \(expected)")
        }
        #expect(abs(w.damped + w.robust + w.theta - 1) < 1e-12)
        // Shrunk all the way (a shrinkage far above the error count), the weights are equal.
        var shrunk = forecaster
        shrunk.memberWeightShrinkage = 1e12
        let equal = try shrunk.fit(values: x, lastYear: 2000, seriesName: "N0001").memberWeights
        #expect(abs(equal.damped - 1.0 / 3) < 1e-9 && abs(equal.theta - 1.0 / 3) < 1e-9)
    }

    @Test("a positive series keeps forecasts and interval ends at or above zero")
    func positiveSeriesStaysPositive() throws {
        let falling: [Double] = [9840, 8235, 7116, 6141, 5471, 4778, 3938, 3285, 2819, 2350, 2047, 1751, 1540, 1334, 1189]
        let forecast = try AnnualForecaster().fit(values: falling, lastYear: 15, seriesName: "N0529").forecast(horizon: 8)
        for point in forecast.points {
            #expect(point.mean >= 0)
            #expect(point.prediction.allSatisfy { $0.lower >= 0 && $0.upper >= $0.lower })
        }
    }

    @Test("a series with zero or negative values is forecast in its own units")
    func nonPositiveSeries() throws {
        let fit = try AnnualForecaster().fit(values: [-5, -3, -4, -1, 0, 2, 1], lastYear: 7, seriesName: "balance")
        #expect(fit.errorScale == .units && !fit.thetaOnLogScale && !fit.isPositive)
        let point = fit.forecast(horizon: 1).points[0]
        #expect(point.interval(95)!.lower < 0 && point.interval(95)!.upper > point.mean)
    }

    @Test("too few points, a gap, or a missing value are errors that say what to do")
    func errors() throws {
        #expect(throws: ForecastingError.tooFewPoints(series: "s", model: "annual", have: 2, need: 3)) {
            try AnnualForecaster().fit(values: [1, 2], lastYear: 2020, seriesName: "s")
        }
        #expect(throws: ForecastingError.nonFiniteValue(series: "s", year: 2020)) {
            try AnnualForecaster().fit(values: [1, 2, .nan, 4], lastYear: 2021, seriesName: "s")
        }
        let gappy = try Series(name: "g", observations: [2015, 2016, 2018, 2019].map { Observation(year: $0, value: Double($0 - 2000)) })
        do {
            _ = try AnnualForecaster().fit(gappy)
            Issue.record("a gap must be refused")
        } catch let error as ForecastingError {
            #expect(error.description.contains("no value for 2017") && error.description.contains("a trend model such as linear"))
        }
        // Three points are enough: one origin, one error, shrunk towards the naive scale.
        let short = try AnnualForecaster().fit(values: [10, 11, 13], lastYear: 2022, seriesName: "s")
        #expect(short.rollingErrorCount == 1 && short.scale > 0)
    }
}
