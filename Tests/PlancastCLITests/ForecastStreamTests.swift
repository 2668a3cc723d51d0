import Foundation
import Testing
import Forecasting
import DataFiles
import Reports
@testable import PlancastCLI

/// Issue 16: `forecast` streams its output in input order through a bounded reorder window instead of
/// holding every row (peak memory on a million series is measured by Benchmarks/scale/forecast.sh).
@Suite("forecast output streamed in input order")
struct ForecastStreamTests {
    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var bytes: [UInt8] = []
        /// Series handed in when each write reached the sink.
        var handedInAtWrite: [Int] = []
        var handedIn = 0
    }

    @Test("rows reach the output while series are still handed in, in input order, and few finished series ever wait")
    func streamsInOrder() throws {
        let forecaster = AnnualForecaster()
        let job = BatchForecast(horizon: 6, levels: [80, 95], method: .annual(forecaster, forecaster.quantiles(levels: [80, 95])))
        var generator = SeededGenerator(seed: 16)
        let entries = (0..<6000).map { k -> LongSeriesBatch.Entry in
            var level = 100.0 + Double(k % 50)
            let values = (0..<20).map { _ -> Double in level *= 1 + 0.03 + 0.05 * (Double.random(in: 0..<1, using: &generator) - 0.5); return level }
            // Every 13th series cannot be forecast: its failure keeps its place too.
            return LongSeriesBatch.Entry(id: "s\(k)", times: Array(1990..<2010), values: k % 13 == 0 ? [1] : values,
                                         problem: k % 13 == 0 ? "too short" : nil)
        }
        let recorder = Recorder()
        let stream = OrderedForecastStream(job: job, header: "header\n", sink: { bytes in
            recorder.lock.withLock {
                recorder.bytes += bytes
                recorder.handedInAtWrite.append(recorder.handedIn)
            }
        }, progress: nil)
        for (order, entry) in entries.enumerated() {
            try stream.submit(entry, order: order)
            recorder.lock.withLock { recorder.handedIn += 1 }
        }
        let outcome = try stream.finish()

        var expected = Array("header\n".utf8)
        var failures: [String] = []
        for entry in entries {
            switch job.forecast(entry) {
            case let .rows(bytes): expected += bytes
            case let .failure(id, _): failures.append(id)
            }
        }
        #expect(recorder.bytes == expected, "the rows of every series, in input order")
        #expect(outcome.failures.map { $0.id } == failures)
        #expect(outcome.succeeded == entries.count - failures.count)
        #expect(recorder.handedInAtWrite.count >= 2)
        #expect(recorder.handedInAtWrite.first.map { $0 < entries.count } == true,
                "the first rows were written only after all \(entries.count) series were handed in")
        #expect(stream.mostWaiting <= stream.window, "\(stream.mostWaiting) finished series waited; the window is \(stream.window)")
    }
}
