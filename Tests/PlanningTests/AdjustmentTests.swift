import Testing
@testable import Planning

@Suite("Scenario adjustments on a path")
struct AdjustmentTests {
    let years = [2021, 2022, 2023, 2024, 2025]
    let trend: [Double] = [100, 110, 120, 130, 140]

    func applied(_ adjustments: [Adjustment]) -> [Double] {
        var path = trend
        for a in adjustments { a.apply(to: &path, trend: trend, years: years) }
        return path
    }

    @Test("a shock multiplies only its years")
    func shock() {
        #expect(applied([.shock(indicator: "x", years: [2021, 2022], change: -0.5)]) == [50, 55, 120, 130, 140])
    }

    @Test("an adjustment changes a projected year, or is known to change none (so a run can say so)", arguments: [
        (Adjustment.shock(indicator: "x", years: [2022], change: -0.5), true),
        (.shock(indicator: "x", years: [2020], change: -0.5), false),          // a year of the data
        (.shock(indicator: "x", years: [2031], change: -0.5), false),          // after the horizon
        (.level(indicator: "x", from: 2018, change: 2), true),                 // from before: every projected year
        (.growth(indicator: "x", from: 2030, change: 1), false),
        (.recovery(indicator: "x", from: 2022, years: 2), true),
        (.recovery(indicator: "x", from: 2021, years: 2), false),              // the gap of 2020 is not projected
        (.recovery(indicator: "x", from: 2026, years: 1), false),
        (.override(indicator: "x", values: [2019: 5]), false),
        (.override(indicator: "x", values: [2019: 5, 2025: 6]), true),
        (.cap(indicator: "x", value: 1), true),
    ])
    func changesAny(adjustment: Adjustment, changes: Bool) {
        #expect(adjustment.changesAny(of: years) == changes)
        // What it says is what applying it does, on a path off its trend in 2021 (so a recovery has a gap to close).
        let shocked = applied([.shock(indicator: "x", years: [2021], change: -0.5)])
        #expect((applied([.shock(indicator: "x", years: [2021], change: -0.5), adjustment]) != shocked) == changes)
    }

    @Test("a recovery closes the gap to the trend linearly and is back on trend in from + years − 1")
    func recovery() {
        let path = applied([.shock(indicator: "x", years: [2021, 2022], change: -0.6),
                            .recovery(indicator: "x", from: 2023, years: 3)])
        // The gap in 2022 is −66; it closes by a third each year from 2023.
        #expect(abs(path[2] - (120 - 44)) < 1e-12)
        #expect(abs(path[3] - (130 - 22)) < 1e-12)
        #expect(path[4] == 140)
    }

    @Test("a draw that overflowed to infinity recovers without NaN: no gap to an infinite trend, back on a finite trend at the end (found by fuzzing)")
    func recoveryOfAnInfiniteDraw() {
        let recovery = Adjustment.recovery(indicator: "x", from: 2023, years: 3)
        let infiniteTrend: [Double] = [100, .infinity, .infinity, .infinity, .infinity]
        var path = infiniteTrend
        recovery.apply(to: &path, trend: infiniteTrend, years: years)
        #expect(path == infiniteTrend)
        path = [100, .infinity, .infinity, .infinity, .infinity]
        recovery.apply(to: &path, trend: trend, years: years)
        #expect(path == [100, .infinity, .infinity, .infinity, 140])
    }

    @Test("a capped path below an infinite trend recovers to the trend, never to ∞ − ∞ (fuzzing finding F7)")
    func recoveryOfACappedDrawUnderAnInfiniteTrend() {
        // An exponential trend on 3 points overflowed on some draws; the scenario capped the path at 8.25,
        // then asked for a recovery to the trend: the gap is −∞ and trend + gap·share was ∞ − ∞.
        let recovery = Adjustment.recovery(indicator: "x", from: 2023, years: 3)
        let infiniteTrend: [Double] = [100, .infinity, .infinity, .infinity, .infinity]
        var path: [Double] = [8.25, 8.25, 8.25, 8.25, 8.25]
        recovery.apply(to: &path, trend: infiniteTrend, years: years)
        #expect(path == [8.25, 8.25, .infinity, .infinity, .infinity])
        #expect(!path.contains { $0.isNaN })
    }

    @Test("a compound growth factor that overflows or underflows leaves a path at 0 or at ∞ as it is, never NaN")
    func growthAtTheEdges() {
        let longYears = Array(2021...2420)
        let zeros = [Double](repeating: 0, count: longYears.count)
        var path = zeros
        // 1.5^k overflows to ∞ after about 1,750 years; 11^k after about 296.
        Adjustment.growth(indicator: "x", from: 2021, change: 1000).apply(to: &path, trend: zeros, years: longYears)
        #expect(path == zeros)
        let infinite = [Double](repeating: .infinity, count: longYears.count)
        path = infinite
        // 0.0001^k underflows to 0 after about 81 years.
        Adjustment.growth(indicator: "x", from: 2021, change: -99.99).apply(to: &path, trend: infinite, years: longYears)
        #expect(path == infinite)
        #expect(!path.contains { $0.isNaN })
    }

    @Test("growth adds percentage points that compound from its first year")
    func growth() {
        let path = applied([.growth(indicator: "x", from: 2024, change: 10)])
        #expect(path[0...2] == trend[0...2])
        #expect(abs(path[3] - 130 * 1.1) < 1e-12)
        #expect(abs(path[4] - 140 * 1.21) < 1e-12)
    }

    @Test("level, override, cap and floor do what they say, in order")
    func others() {
        #expect(applied([.level(indicator: "x", from: 2024, change: 5)]) == [100, 110, 120, 135, 145])
        #expect(applied([.override(indicator: "x", values: [2022: 1])]) == [100, 1, 120, 130, 140])
        #expect(applied([.cap(indicator: "x", value: 125), .floor(indicator: "x", value: 105)]) == [105, 110, 120, 125, 125])
    }
}

@Suite("Targets and comparisons")
struct TargetTests {
    @Test("each comparison meets as written; about uses a 5% tolerance by default", arguments: [
        (Comparison.atLeast, 100.0, true), (.atLeast, 99.9, false), (.moreThan, 100, false), (.moreThan, 100.1, true),
        (.atMost, 100, true), (.atMost, 100.1, false), (.lessThan, 100, false), (.lessThan, 99.9, true),
        (.about, 105, true), (.about, 105.1, false), (.about, 95, true),
    ])
    func comparisons(comparison: Comparison, value: Double, expected: Bool) {
        let target = Target(id: "t", kind: .level, year: 2025, comparison: comparison, value: 100)
        #expect(target.isMet(by: value) == expected)
    }

    @Test("between includes both ends and measures the gap to the nearer end")
    func between() {
        let target = Target(id: "t", kind: .averageGrowth, year: 2025, comparison: .between, value: 3, valueHigh: 3.5)
        #expect(target.isMet(by: 3) && target.isMet(by: 3.5) && !target.isMet(by: 3.6))
        #expect(target.gap(3.2) == 0)
        #expect(abs(target.gap(4)! - 0.5) < 1e-12)
        #expect(abs(target.gap(2)! + 1) < 1e-12)
    }

    @Test("progress classes follow the Statistics Canada / Open SDG thresholds", arguments: [
        (1.2, ProgressClass.onTrack), (0.95, .onTrack), (0.94, .needsAcceleration), (0.6, .needsAcceleration),
        (0.59, .limitedProgress), (0, .limitedProgress), (-0.1, .deterioration),
    ])
    func classes(ratio: Double, expected: ProgressClass) {
        #expect(ProgressClass(ratio: ratio) == expected)
    }
}
