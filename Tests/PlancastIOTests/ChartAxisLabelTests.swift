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
@Suite("Fan chart: y-axis labels inside the chart")
struct ChartAxisLabelTests {
    /// A run of one indicator whose values are `values` (2016–2020), projected to 2025.
    static func report(values: [Double]) throws -> String {
        let rows = zip(2016...2020, values).map { "grdp,\($0),\(formatNumber($1))" }
        let folder = try makeTemporaryFolder("chart-axis", texts: [
            "data.csv": (["series,year,value"] + rows).joined(separator: "\n") + "\n",
            "s.yaml": """
            plancast: 1
            title: "Axis"
            language: en
            data: data.csv
            as_of: 2020
            horizon: 2025
            simulation: {draws: 200, seed: 1}
            indicators:
              - {id: grdp, name: GRDP, series: grdp, unit: million VND, bounds: {lower: 0},
                 targets: [{id: G1, kind: level, year: 2025, comparison: at_least, value: \(formatNumber(values.last! * 1.4))}]}
            scenarios:
              baseline: {}

            """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try LoadedScenario(contentsOf: folder.appendingPathComponent("s.yaml").path).run(RunOptions())
        return htmlReport(result, language: "en")
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

    @Test("labels of up to seven characters keep the plot's edge at 72, as before")
    func shortLabelsKeepTheEdge() throws {
        let ticks = Self.ticks(in: try Self.report(values: [310, 330, 350, 380, 400]))
        #expect(!ticks.isEmpty && ticks.allSatisfy { $0.x == 64 }, "\(ticks)")
    }
}
