// Forecasting: fit a logistic trend with a known cap to a short share series and project it.
//
//     swift run --package-path Examples --scratch-path .build-examples fit-trend
//
// A model is a cheap description; `fit` returns an immutable fitted trend (coefficients, standard
// errors, residuals); a forecast is asked for by year, with its intervals by level, and a logistic
// projection never leaves (0, cap).
//
// With a known cap the logistic is fitted linearly on the logit scale, so numpy's least squares of
// log(y / (100 − y)) on (year − 2017) is an independent check: intercept −1.1558, slope 0.28198, and
// 100 / (1 + e^−(−1.1558 + 0.28198·8)) = 75.03 for 2025, as printed below.
import Foundation
import Forecasting

let shares: [(Int, Double)] = [(2014, 12.1), (2015, 15.3), (2016, 18.6), (2017, 23.9), (2018, 29.7), (2019, 35.2), (2020, 42.8)]

do {
    let series = try Series(name: "households with clean water (%)",
                            observations: shares.map { Observation(year: $0.0, value: $0.1) })
    let fit = try TrendModel(shape: .logistic(cap: 100)).fit(series)
    print("\(fit.model.name) on \(fit.count) points, \(fit.firstYear)–\(fit.lastYear): R² \(significant(fit.rSquared))")
    for (name, (value, error)) in zip(fit.termNames, zip(fit.coefficients, fit.standardErrors)) {
        print("  \(name) = \(significant(value)) ± \(significant(error))")
    }
    let forecast = fit.forecast(through: 2025, levels: [80, 95])
    for point in forecast.points {
        let p80 = point.interval(80)!, p95 = point.interval(95)!
        print("  \(point.year): \(significant(point.mean))  80% \(significant(p80.lower))–\(significant(p80.upper))  95% \(significant(p95.lower))–\(significant(p95.upper))")
    }
} catch {
    print("error: \(error)")
}

/// Four significant digits, so the output reads the same on any machine's floating point.
func significant(_ value: Double) -> String {
    String(format: "%.4g", value)
}
