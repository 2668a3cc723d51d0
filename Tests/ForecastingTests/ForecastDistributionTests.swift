import Testing
@testable import Forecasting

@Suite("One forecast distribution, analytic or sampled")
struct ForecastDistributionTests {
    /// scipy 1.x: `scipy.stats.t.ppf([0.9, 0.975], 4)` = 1.5332062740589438, 2.7764451051977987.
    @Test("a Student-t distribution gives scipy's quantiles and symmetric intervals")
    func studentT() {
        let t = ForecastDistribution.studentT(location: 10, scale: 2, degreesOfFreedom: 4)
        #expect(abs(t.quantile(0.9) - (10 + 2 * 1.5332062740589438)) < 1e-9)
        #expect(abs(t.quantile(0.1) - (10 - 2 * 1.5332062740589438)) < 1e-9)
        #expect(t.median == 10)
        let ninetyFive = t.interval(95)
        #expect(abs(ninetyFive.upper - (10 + 2 * 2.7764451051977987)) < 1e-9)
        #expect(ninetyFive.upper - 10 == 10 - ninetyFive.lower)
        // Bounds hold every quantile.
        let bounded = ForecastDistribution.studentT(location: 1, scale: 2, degreesOfFreedom: 4, bounds: 0...100)
        #expect(bounded.interval(95).lower == 0)
    }

    @Test("a sampled distribution gives the quantiles of its sorted draws at any level")
    func sample() {
        var rng = SeededGenerator(seed: 3)
        let draws = (0..<5_001).map { _ in rng.nextNormal() }
        let distribution = ForecastDistribution.sample(draws)
        let sorted = draws.sorted()
        for level in [10.0, 50, 80, 95, 99] {
            let interval = distribution.interval(level)
            #expect(interval.lower == empiricalQuantile(sorted, (100 - level) / 200))
            #expect(interval.upper == empiricalQuantile(sorted, (100 + level) / 200))
        }
        #expect(distribution.median == empiricalQuantile(sorted, 0.5))
        let summary = distribution.summary(levels: [50, 80, 95])
        #expect(summary.intervals.map(\.level) == [50, 80, 95])
        #expect(summary.intervals[0].lower > summary.intervals[1].lower && summary.intervals[1].lower > summary.intervals[2].lower)
    }

    @Test("a trend's forecast intervals are its predictive distribution's, at any level")
    func trendForecastIsItsDistribution() throws {
        let series = try Series(name: "s", observations: [(2010, 3.1), (2011, 3.4), (2013, 4.4), (2014, 4.6), (2016, 5.9), (2017, 6.1)]
            .map { Observation(year: $0.0, value: $0.1) })
        let fit = try TrendModel(shape: .exponential).fit(series)
        let forecast = fit.forecast(years: [2020, 2025], levels: [50, 80, 99])
        for point in forecast.points {
            let observation = fit.predictiveDistribution(year: point.year)
            let mean = fit.meanDistribution(year: point.year)
            #expect(abs(point.mean - observation.median) < 1e-12 * point.mean)
            for interval in point.prediction {
                let other = observation.interval(interval.level)
                #expect(abs(interval.lower - other.lower) <= 1e-12 * abs(other.lower))
                #expect(abs(interval.upper - other.upper) <= 1e-12 * abs(other.upper))
            }
            // The trend's own interval is inside the interval for a new observation.
            for (trend, new) in zip(point.confidence, point.prediction) {
                #expect(trend.lower > new.lower && trend.upper < new.upper)
            }
            #expect(mean.median == observation.median)
        }
    }

    @Test("simulated paths answer as a distribution in each year")
    func pathsAsDistribution() {
        let paths = SimulatedPaths(years: [2021, 2022], draws: 4, values: [1, 10, 2, 20, 3, 30, 4, 40])
        #expect(paths.distribution(yearIndex: 1).median == 25)
        #expect(paths.distribution(yearIndex: 0).isSampled)
    }
}
