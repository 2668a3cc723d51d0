import Foundation
import Testing
import PlancastTestSupport
@testable import Forecasting

/// The accuracy measures against the published M3 numbers and against `Benchmarks/score.py`.
@Suite("Accuracy measures (sMAPE, MASE, OWA, coverage, MSIS)")
struct AccuracyTests {
    @Test("Naive2 on the 645 M3 yearly series gives the published sMAPE 17.88 and MASE 3.172")
    func naive2MatchesPublishedM3() throws {
        let data = M3Data.shared
        let items = data.ids.map { id in
            ScoredSeries(seriesName: id, training: data.train[id]!, actual: data.test[id]!,
                         forecast: Array(repeating: data.train[id]!.last!, count: data.test[id]!.count))
        }
        let summary = try summarizeAccuracy(items)
        // Published to 2 and 3 decimals (Makridakis & Hibon 2000; Hyndman & Koehler 2006, Table 4).
        #expect((summary.sMAPE * 100).rounded() / 100 == 17.88)
        #expect((summary.MASE * 1000).rounded() / 1000 == 3.172)
        #expect(summary.OWA == 1)
        #expect(summary.naive2SMAPE == summary.sMAPE)
        #expect(summary.series == 645 && summary.points == 3870)
        #expect(summary.coverage95 == nil && summary.MSIS == nil)
    }

    /// `Tests/Data/m3/accuracy/score.json` was written by
    /// `python3 Benchmarks/score.py --train train.csv --test test.csv --forecasts thetaf_forecasts.csv --json`
    /// in `Tests/Data/m3/accuracy` (43 series, R `forecast::thetaf` forecasts; see the README there).
    @Test("every measure equals score.py's on a reference forecast file")
    func agreesWithScorePy() throws {
        let folder = M3Data.folder.appendingPathComponent("accuracy")
        let train = try readLongCSV(folder.appendingPathComponent("train.csv"))
        let test = try readLongCSV(folder.appendingPathComponent("test.csv"))
        let forecasts = try readForecastCSV(folder.appendingPathComponent("thetaf_forecasts.csv"))
        let reference = try JSONDecoder().decode(ScoreReference.self,
                                                 from: Data(contentsOf: folder.appendingPathComponent("score.json")))
        let items = test.keys.sorted().map { id -> ScoredSeries in
            let rows = test[id]!.times.map { forecasts[id]![$0]! }
            return ScoredSeries(seriesName: id, training: train[id]!.values, actual: test[id]!.values,
                                forecast: rows.map { $0[0] }, lower80: rows.map { $0[1] }, upper80: rows.map { $0[2] },
                                lower95: rows.map { $0[3] }, upper95: rows.map { $0[4] })
        }
        let summary = try summarizeAccuracy(items)
        #expect(summary.series == reference.series && summary.points == reference.points)
        // The same sums in the same order; numpy's pairwise mean may differ in the last bits only.
        let tolerance = 1e-12
        for (name, ours, theirs) in [("sMAPE", summary.sMAPE, reference.sMAPE), ("MASE", summary.MASE, reference.MASE),
                                     ("OWA", summary.OWA, reference.OWA), ("cov80", summary.coverage80!, reference.cov80),
                                     ("cov95", summary.coverage95!, reference.cov95), ("MSIS", summary.MSIS!, reference.MSIS),
                                     ("naive2 sMAPE", summary.naive2SMAPE, reference.naive2_sMAPE),
                                     ("naive2 MASE", summary.naive2MASE, reference.naive2_MASE)] {
            #expect(abs(ours - theirs) <= tolerance * abs(theirs), "\(name): \(ours) vs score.py \(theirs)")
        }
    }

    @Test("the per-series measures follow their definitions")
    func definitions() {
        #expect(abs(symmetricMAPE(actual: [100, 110], forecast: [90, 110]) - 100.0 / 19) < 1e-12)
        #expect(symmetricMAPE(actual: [0], forecast: [0]) == 0)
        #expect(naiveScale([1, 3, 2]) == 1.5)
        #expect(naiveScale([5]).isNaN)
        #expect(meanAbsoluteScaledError(actual: [4, 6], forecast: [5, 5], scale: 2) == 0.5)
        // Width 2 everywhere; the second value is 1 below the interval: penalty 2/0.05 · 1 = 40.
        let msis = scaledIntervalScore(actual: [1, -1], lower: [0, 0], upper: [2, 2], alpha: 0.05, scale: 1)
        #expect(msis == (2 + 2 + 40) / 2)
    }

    @Test("interval coverage at any level is the share of values inside, both ends included; summarizeAccuracy agrees at 80%")
    func coverageAtAnyLevel() throws {
        #expect(intervalCoverage(actual: [1, 2, 3, 4], lower: [0, 2.5, 2, 4], upper: [2, 3, 3, 6]) == 0.75)
        let item = ScoredSeries(seriesName: "x", training: [1, 2, 4], actual: [5, 6, 9], forecast: [5, 6, 7],
                                lower80: [4, 7, 8], upper80: [6, 8, 10])
        let summary = try summarizeAccuracy([item])
        #expect(summary.coverage80 == intervalCoverage(actual: item.actual, lower: item.lower80!, upper: item.upper80!))
    }

    @Test("a series whose training values never change cannot be scaled, and says so")
    func zeroScale() {
        let item = ScoredSeries(seriesName: "flat", training: [3, 3, 3], actual: [3], forecast: [3])
        #expect(throws: AccuracyError.undefinedScale(series: "flat", count: 3)) { try summarizeAccuracy([item]) }
        #expect(throws: AccuracyError.noSeries) { try summarizeAccuracy([]) }
    }

    private struct ScoreReference: Decodable {
        let series: Int, points: Int
        let sMAPE: Double, MASE: Double, OWA: Double, cov80: Double, cov95: Double, MSIS: Double
        let naive2_sMAPE: Double, naive2_MASE: Double
    }
}
