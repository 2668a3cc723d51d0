import Testing
import Forecasting
@testable import Planning

/// A share target makes its indicator a share: its data were checked against 0–100, but without
/// `bounds:` in the file the paths were not held there — a coverage at 99.6% was projected at 102.8%
/// (80% interval 70.9–146.8) and P(≥ 100%) came out 0.54. The share's 0–100 now holds for the fit
/// and every path, as if the file had said `bounds: {lower: 0, upper: 100}`.
@Suite("An indicator with a share target is kept within 0–100, one with a count target at or above 0")
struct ShareBoundsTests {
    static let coverage = try! Series(name: "cover", observations: zip([2015, 2016, 2018, 2020], [97.5, 98.4, 99.1, 99.6]).map {
        Observation(year: $0, value: $1)
    })

    static func plan(lower: Double? = nil, upper: Double? = nil) -> Plan {
        Plan(title: "shares", data: "unused.csv", asOf: 2020, baseYear: 2020, horizon: 2030, draws: 1000, seed: 1,
             indicators: [Indicator(id: "cover", series: "cover", unit: "%", lowerBound: lower, upperBound: upper,
                                    targets: [Target(id: "C1", programme: 1, kind: .share, year: 2030, comparison: .atLeast, value: 100)])],
             scenarios: [Scenario(name: "baseline")])
    }

    @Test("the bounds of a share: 0–100 when the file gives none or wider ones; narrower ones kept")
    func impliedBounds() {
        #expect(Self.plan().indicators[0].bounds == 0...100)
        #expect(Self.plan(lower: -10, upper: 120).indicators[0].bounds == 0...100)
        #expect(Self.plan(lower: 20, upper: 90).indicators[0].bounds == 20...90)
        let level = Indicator(id: "x", series: "x", targets: [Target(id: "X", kind: .level, year: 2030, comparison: .atLeast, value: 1)])
        #expect(level.bounds == nil)
        let count = Indicator(id: "n", series: "n", targets: [Target(id: "N", kind: .cumulativeCount, year: 2030, comparison: .atLeast, value: 2)])
        #expect(count.bounds == 0...Double.infinity)
    }

    @Test("a count without bounds in the file is never projected below 0")
    func countStaysAtOrAboveZero() throws {
        let zones = try Series(name: "zones", observations: zip(2016...2020, [3.0, 2, 0, 1, 0]).map { Observation(year: $0, value: $1) })
        let plan = Plan(title: "counts", data: "unused.csv", asOf: 2020, baseYear: 2020, horizon: 2025, draws: 1000, seed: 1,
                        indicators: [Indicator(id: "zones", series: "zones",
                                               targets: [Target(id: "Z1", kind: .cumulativeCount, year: 2025, comparison: .atLeast, value: 2)])],
                        scenarios: [Scenario(name: "baseline")])
        let rows = try #require(try runPlan(plan, data: ["zones": zones]).outcomes.first?.projections["baseline"]).filter { $0.kind == .projected }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.central >= 0 && ($0.lo95 ?? -1) >= 0 }, "\(rows.map(\.central))")
    }

    @Test("without bounds in the file, the projection and its intervals stay within 0–100, the same as with them")
    func pathsStayInside() throws {
        let data = ["cover": Self.coverage]
        let implied = try runPlan(Self.plan(), data: data)
        let explicit = try runPlan(Self.plan(lower: 0, upper: 100), data: data)
        let rows = try #require(implied.outcomes.first?.projections["baseline"]).filter { $0.kind == .projected }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.central <= 100 && ($0.hi95 ?? 0) <= 100 && ($0.lo95 ?? -1) >= 0 }, "\(rows.map(\.central))")
        #expect(implied.assessments == explicit.assessments)
    }
}
