import Foundation
import Testing
import PropertyBased
@testable import Forecasting

// Properties of fitted trends that hold for any valid data (issue 7), checked on random series with
// x-sheep/swift-property-based: a failure prints the shrunk input and a seed to replay it with
// `.fixedSeed(...)`.
//
// A series is drawn from a few numbers (length, level, slope, noise, gaps, a seed for the noise), so
// that shrinking simplifies the series itself, not a list of unrelated values.

/// The recipe of a random annual series: `count` years from 2000 with random gaps, a linear path
/// `level + slope·t` plus noise of size `noise`, the noise drawn from `seed`.
struct SeriesRecipe: Sendable, CustomStringConvertible {
    var count: Int
    var level: Double
    var slope: Double
    var noise: Double
    var seed: UInt64

    /// The years: from 2000, each 1 to 3 years after the one before (irregular years are normal).
    var years: [Int] {
        var rng = SeededGenerator(seed: seed ^ 0x5EED)
        var year = 2000
        return (0..<count).map { _ in defer { year += 1 + Int(rng.next() % 3) }; return year }
    }

    /// The values of a linear trend with noise.
    var linearValues: [Double] {
        var rng = SeededGenerator(seed: seed)
        return years.map { level + slope * Double($0 - 2000) + noise * rng.nextNormal() }
    }

    var description: String { "\(count) points, level \(level), slope \(slope), noise \(noise), seed \(seed)" }
}

let seriesRecipes = zip(Gen.int(in: 5...16), Gen.double(in: -100...100), Gen.double(in: -10...10),
                        Gen.double(in: 0.01...20), Gen.uint64(in: 0...UInt64(UInt32.max)))
    .map { SeriesRecipe(count: $0, level: $1, slope: $2, noise: $3, seed: $4) }

/// Random values anywhere inside (0, cap): "any valid data" for a bounded model.
struct BoundedRecipe: Sendable, CustomStringConvertible {
    var count: Int
    var cap: Double
    var seed: UInt64
    /// The share of the cap the values stay away from 0 and from the cap (0 allows any value in (0, cap)).
    var margin: Double

    var years: [Int] { SeriesRecipe(count: count, level: 0, slope: 0, noise: 0, seed: seed).years }

    var values: [Double] {
        var rng = SeededGenerator(seed: seed)
        return years.map { _ in cap * (margin + (1 - 2 * margin) * rng.nextUniform()) }
    }

    var description: String { "\(count) points in (0, \(cap)), margin \(margin), seed \(seed)" }
}

let boundedRecipes = zip(Gen.int(in: 4...14), Gen.double(in: 1...1000), Gen.uint64(in: 0...UInt64(UInt32.max)),
                         Gen.double(in: 0...0.2))
    .map { BoundedRecipe(count: $0, cap: $1, seed: $2, margin: $3) }

func series(_ years: [Int], _ values: [Double]) throws -> Series {
    try Series(name: "random", observations: zip(years, values).map { Observation(year: $0, value: $1) })
}

/// Projected years: 1 to 30 years past the data.
func horizonYears(after last: Int) -> [Int] { Array((last + 1)...(last + 30)) }

@Suite("Properties of fitted trends, for any valid data")
struct TrendPropertyTests {
    @Test("the 80% prediction interval lies inside the 95% one, around the projection (linear and exponential)")
    func nestedIntervals() async throws {
        await propertyCheck(count: 200, input: seriesRecipes, Gen.bool) { recipe, exponential in
            var values = recipe.linearValues
            let model: TrendModel
            if exponential {
                values = values.map { exp($0 / 100) }    // positive values, growth of a few % a year
                model = .exponential
            } else {
                model = .linear
            }
            let fit = try model.fit(try series(recipe.years, values))
            for point in fit.forecast(years: horizonYears(after: recipe.years.last!), levels: [80, 95]).points {
                let i80 = try #require(point.interval(80)), i95 = try #require(point.interval(95))
                #expect(i95.lower <= i80.lower && i80.lower <= point.mean && point.mean <= i80.upper && i80.upper <= i95.upper,
                        "\(point.year): 95% [\(i95.lower), \(i95.upper)], 80% [\(i80.lower), \(i80.upper)], mean \(point.mean)")
            }
        }
    }

    @Test("a logistic or Gompertz trend with a cap keeps its projection, intervals and simulated paths inside [0, cap]")
    func boundedModelStaysInside() async throws {
        await propertyCheck(count: 200, input: boundedRecipes, Gen.bool) { recipe, gompertz in
            let model = TrendModel(shape: gompertz ? .gompertz(cap: recipe.cap) : .logistic(cap: recipe.cap))
            let fit = try model.fit(try series(recipe.years, recipe.values))
            let years = horizonYears(after: recipe.years.last!)
            // Closed bounds: in floating point K/(1 + e^−z) rounds to K once z > 37; the open interval
            // (0, cap) holds up to that rounding.
            let inside = { (v: Double) in v.isFinite && v >= 0 && v <= recipe.cap }
            for point in fit.forecast(years: years, levels: [80, 95]).points {
                #expect(inside(point.mean), "\(point.year): mean \(point.mean)")
                for interval in point.prediction + point.confidence {
                    #expect(inside(interval.lower) && inside(interval.upper),
                            "\(point.year): \(interval.level)% [\(interval.lower), \(interval.upper)]")
                }
            }
            let paths = try fit.simulate(years: years, draws: 200, seed: 1)
            #expect(paths.values.allSatisfy(inside), "a simulated value outside [0, \(recipe.cap)]")
        }
    }

    @Test("the same seed gives the same simulated numbers; another seed other numbers")
    func sameSeedSameNumbers() async throws {
        await propertyCheck(count: 100, input: seriesRecipes, Gen.uint64(in: 0...UInt64.max)) { recipe, seed in
            let fit = try TrendModel.linear.fit(try series(recipe.years, recipe.linearValues))
            let years = horizonYears(after: recipe.years.last!)
            let a = try fit.simulate(years: years, draws: 300, seed: seed)
            let b = try fit.simulate(years: years, draws: 300, seed: seed)
            let c = try fit.simulate(years: years, draws: 300, seed: seed &+ 1)
            #expect(a.values == b.values)
            #expect(a.values != c.values)
        }
    }

    @Test("scaling the data of a linear trend by c scales its projection and every interval end by c")
    func linearScaling() async throws {
        let factors = Gen.double(in: 0.001...1000).map { $0 } // positive: the ends keep their order
        await propertyCheck(count: 200, input: seriesRecipes, factors, Gen.bool) { recipe, factor, negative in
            let c = negative ? -factor : factor
            let years = recipe.years
            let values = recipe.linearValues
            let original = try TrendModel.linear.fit(try series(years, values))
            let scaled = try TrendModel.linear.fit(try series(years, values.map { c * $0 }))
            let future = horizonYears(after: years.last!)
            let a = original.forecast(years: future, levels: [80, 95]).points
            let b = scaled.forecast(years: future, levels: [80, 95]).points
            // Tolerance: the fit is exact up to rounding; 1e-9 of the size of the numbers involved.
            let scale = (values.map(abs).max() ?? 1) + abs(recipe.slope) * 60 + recipe.noise * 10
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * abs(c) * scale }
            for (p, q) in zip(a, b) {
                #expect(close(c * p.mean, q.mean), "\(p.year): \(c) × \(p.mean) ≠ \(q.mean)")
                for level in [80.0, 95.0] {
                    let i = p.interval(level)!, j = q.interval(level)!
                    // A negative factor turns the interval round: c × upper is the new lower end.
                    let (lower, upper) = c > 0 ? (c * i.lower, c * i.upper) : (c * i.upper, c * i.lower)
                    #expect(close(lower, j.lower) && close(upper, j.upper),
                            "\(p.year) \(level)%: c × [\(i.lower), \(i.upper)] ≠ [\(j.lower), \(j.upper)]")
                }
            }
        }
    }
}
