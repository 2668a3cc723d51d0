import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles

/// A scenario adjustment that changes none of the projected years (a shock written for a year of the
/// data or after the horizon, a recovery from the first projected year) leaves the scenario the same
/// as without it: `validate` and `run` say so, with the line, instead of staying silent.
@Suite("Scenario adjustments that change nothing are reported")
struct AdjustmentWarningTests {
    static let data = """
    series,year,value
    grdp,2016,27100
    grdp,2017,29000
    grdp,2018,31000
    grdp,2019,33400
    grdp,2020,34100

    """

    static func scenario(_ adjustments: [String]) -> String {
        """
        plancast: 1
        title: "Adjustments"
        data: data.csv
        as_of: 2020
        horizon: 2025
        indicators:
          - id: grdp
            name: "GRDP"
            series: grdp
            unit: billion VND
            targets:
              - {id: G1, kind: level, year: 2025, comparison: at_least, value: 40000}
        scenarios:
          baseline: {}
          covid:
            adjustments:
        \(adjustments.map { "      - " + $0 }.joined(separator: "\n"))

        """
    }

    func loaded(_ adjustments: [String]) throws -> (LoadedScenario, URL) {
        try loadScenario("adjustment-warnings", yaml: Self.scenario(adjustments), csv: Self.data)
    }

    @Test("a shock in a year of the data, a shock after the horizon and a recovery from the first projected year are each named with their line")
    func noEffectIsReported() throws {
        let (scenario, folder) = try loaded([
            "{type: shock, indicator: grdp, years: [2020], change: -0.05}",
            "{type: shock, indicator: grdp, years: [2031], change: -0.05}",
            "{type: recovery, indicator: grdp, from: 2021, years: 2}",
            "{type: shock, indicator: grdp, years: [2021], change: -0.05}",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let warnings = scenario.warnings().filter { $0.contains("scenarios.covid") }
        #expect(warnings.count == 3, "\(warnings)")
        #expect(warnings.first?.contains("s.yaml:17: scenarios.covid.adjustments[0]: shock −5% in 2020 changes none of the projected years of 'grdp' (2021–2025)") == true, "\(warnings)")
        #expect(warnings.dropFirst().first?.contains("s.yaml:18: scenarios.covid.adjustments[1]") == true)
        #expect(warnings.last?.contains("s.yaml:19: scenarios.covid.adjustments[2]") == true)
        #expect(warnings.last?.contains("closes the gap of 2020, which must be a projected year") == true)

        // run says the same from the years it projected.
        let result = try scenario.run(RunOptions(draws: 200))
        #expect(scenario.adjustmentWarnings(for: result) == warnings)
    }

    @Test("adjustments that change a projected year give no warning")
    func effectiveAdjustmentsAreQuiet() throws {
        let (scenario, folder) = try loaded([
            "{type: shock, indicator: grdp, years: [2021], change: -0.05}",
            "{type: recovery, indicator: grdp, from: 2022, years: 2}",
            "{type: growth, indicator: grdp, from: 2018, change: 1}",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(scenario.warnings().isEmpty, "\(scenario.warnings())")
        #expect(scenario.adjustmentWarnings(for: try scenario.run(RunOptions(draws: 200))).isEmpty)
    }
}
