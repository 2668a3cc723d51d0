import Foundation
import Testing
import PlancastTestSupport
import Forecasting
import Planning
@testable import DataFiles
@testable import Reports

/// The y-axis labels of a fan chart are written right-aligned 8 units left of the plot; with the
/// plot's left edge fixed at 72, a label of eight characters or more (a GRDP of 40000000 million VND)
/// began left of the chart and was cut off ("0000000"). The edge now moves right for long labels.
/// Likewise a growth chart's row labels (scenario names) right of 160 units.
@Suite("Charts: axis and row labels inside the chart")
struct ChartAxisLabelTests {
    /// The report of a run of one indicator 'grdp' whose values are `values` (2016–2020), projected to
    /// 2025 with `target` (a flow mapping) under `scenarios` (lines below `scenarios:`).
    static func report(values: [Double], target: String, scenarios: String = "  baseline: {}") throws -> String {
        let rows = zip(2016...2020, values).map { "grdp,\($0),\(formatNumber($1))" }
        let (scenario, folder) = try loadScenario("chart-labels", yaml: """
            plancast: 1
            title: "Labels"
            language: en
            data: data.csv
            as_of: 2020
            horizon: 2025
            simulation: {draws: 200, seed: 1}
            indicators:
              - {id: grdp, name: GRDP, series: grdp, unit: million VND, bounds: {lower: 0}, targets: [\(target)]}
            scenarios:
            \(scenarios)

            """, csv: (["series,year,value"] + rows).joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try scenario.run(RunOptions())
        return htmlReport(result, language: "en")
    }

    /// A level target 40% above the last value.
    static func report(values: [Double]) throws -> String {
        try report(values: values, target: "{id: G1, kind: level, year: 2025, comparison: at_least, value: \(formatNumber(values.last! * 1.4))}")
    }

    /// Each y-axis label: its x (where it ends) and its text.
    static func ticks(in html: String) -> [(x: Double, text: String)] {
        let pattern = #"<text class="tick" data-value="[^"]*" x="([0-9.]+)"[^>]*>([^<]*)</text>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
            (Double(html[Range(m.range(at: 1), in: html)!])!, String(html[Range(m.range(at: 2), in: html)!]))
        }
    }

    @Test("labels of eight to thirteen digits begin inside the chart (14 px digits are about 8.9 units wide)",
          arguments: [[31e6, 33e6, 35e6, 38e6, 40e6], [1.2e12, 1.5e12, 1.7e12, 1.9e12, 2.1e12]])
    func longLabelsFit(values: [Double]) throws {
        let ticks = Self.ticks(in: try Self.report(values: values))
        #expect(ticks.count >= 3)
        #expect(ticks.contains { $0.text.count >= 8 }, "\(ticks)")
        for tick in ticks {
            #expect(tick.x - 8.9 * Double(tick.text.count) >= 0, "label \(tick.text) begins at \(tick.x - 8.9 * Double(tick.text.count))")
        }
    }

    @Test("a long scenario name on a growth chart is shortened with '…' to fit left of the plot, and given whole in its <title>")
    func longScenarioNameOnGrowthChart() throws {
        let long = "covid_recovery_with_high_public_investment"
        let html = try Self.report(values: [100, 106, 113, 120, 127],
                                   target: "{id: G1, kind: average_growth, year: 2025, comparison: at_least, value: 7}",
                                   scenarios: "  baseline: {}\n  \(long): {adjustments: [{type: growth, indicator: grdp, from: 2021, change: 2}]}")
        let chart = try #require(html.range(of: "<svg class=\"growth-chart\"").map { String(html[$0.lowerBound...].prefix(while: { $0 != "\u{0}" })) })
        let rows = String(chart[chart.range(of: "<g class=\"rows\"")!.lowerBound..<chart.range(of: "</svg>")!.lowerBound])
        #expect(rows.contains("<title>\(long)</title>covid_recovery_wi…</text>"), "\(rows)")
        #expect(!rows.contains(">\(long)</text>"))
        #expect(rows.contains(">baseline</text>"))
    }

    @Test("labels of up to seven characters keep the plot's edge at 72, as before")
    func shortLabelsKeepTheEdge() throws {
        let ticks = Self.ticks(in: try Self.report(values: [310, 330, 350, 380, 400]))
        #expect(!ticks.isEmpty && ticks.allSatisfy { $0.x == 64 }, "\(ticks)")
    }
}
