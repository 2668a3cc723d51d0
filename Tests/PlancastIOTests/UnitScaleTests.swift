import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles
@testable import Reports

/// Units that cannot silently disagree: the data file's `unit` against the indicator's, declared
/// conversions (`scale:`), and targets more than 20× from their series' last value.
@Suite("Units and scales")
struct UnitScaleTests {
    /// Loads a scenario with one indicator `tourists` over `data` (CSV text); `indicator` and
    /// `target` are YAML lines added to the indicator and its one target.
    func load(data: String, unit: String = "million arrivals", indicator: String = "", value: String = "4.4",
              kind: String = "level", target: String = "") throws -> LoadedScenario {
        let folder = try makeTemporaryFolder("units")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(data.utf8).write(to: folder.appendingPathComponent("data.csv"))
        let yaml = """
            plancast: 1
            title: t
            data: data.csv
            as_of: 2019
            horizon: 2025
            indicators:
              - id: tourists
                series: tourists
                unit: \(unit)
            \(indicator.isEmpty ? "" : "    " + indicator + "\n")    targets:
                  - {id: P3.1, kind: \(kind), year: 2025, comparison: at_least, value: \(value)\(target.isEmpty ? "" : ", " + target)}
            scenarios:
              baseline: {}
            """
        let path = folder.appendingPathComponent("plan.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return try LoadedScenario(contentsOf: path, currentYear: 2026)
    }

    static let arrivals = "series,year,value,unit\ntourists,2017,2100000,arrivals\ntourists,2018,2400000,arrivals\ntourists,2019,2900000,arrivals\n"
    static let millions = "series,year,value,unit\ntourists,2017,2.1,million arrivals\ntourists,2018,2.4,million arrivals\ntourists,2019,2.9,million arrivals\n"

    func failure(_ body: () throws -> LoadedScenario) -> InputError? {
        do { _ = try body(); return nil } catch let error as InputError { return error } catch { return nil }
    }

    @Test("data in arrivals against an indicator in million arrivals: exit 65 naming both units and the line")
    func unitMismatch() throws {
        let error = try #require(failure { try load(data: Self.arrivals) })
        #expect(error.exitStatus == 65)
        #expect(error.key == "indicators[0].unit")
        #expect(error.line == 9)
        #expect(error.message.contains("is in 'million arrivals' but series 'tourists'"))
        #expect(error.message.contains("is in 'arrivals' (line 2)"))
        #expect(error.message.contains("scale:"))
    }

    @Test("scale: 1e-6 converts arrivals to million arrivals: the series is read in millions")
    func declaredScale() throws {
        let scenario = try load(data: Self.arrivals, indicator: "scale: 1e-6")
        let values = try #require(scenario.data.series["tourists"]).observations.map(\.value)
        let expected = [2.1, 2.4, 2.9]
        for (v, e) in zip(values, expected) { #expect(abs(v - e) < 1e-12) }
        // The same data already in millions needs no scale, and a scale on top is refused.
        _ = try load(data: Self.millions)
        let error = try #require(failure { try load(data: Self.millions, indicator: "scale: 1e-6") })
        #expect(error.key == "indicators[0].scale")
        #expect(error.message.contains("already in 'million arrivals'"))
    }

    @Test("units compare without case, extra spaces or Unicode form mattering")
    func unitSpelling() throws {
        _ = try load(data: Self.millions, unit: "Million  arrivals")
        let vietnamese = "series,year,value,unit\nt,2018,1,lượt khách\nt,2019,2,lượt khách\n".replacingOccurrences(of: "t,", with: "tourists,")
        _ = try load(data: vietnamese, unit: "lượt khách".decomposedStringWithCanonicalMapping)
    }

    @Test("a target more than 20× from the last value stops the run, naming the target and the factor",
          arguments: [("4400000", "1.5e+06 times"), ("0.1", "1/29 of")])
    func targetFarFromData(_ value: String, _ factor: String) throws {
        let error = try #require(failure { try load(data: Self.millions, value: value) })
        #expect(error.exitStatus == 65)
        #expect(error.key == "indicators[0].targets[0].value")
        #expect(error.line == 11)
        #expect(error.message.contains("target P3.1 (\(value) million arrivals) is \(factor) the last value of series 'tourists' (2.9 in 2019)"))
        #expect(error.message.contains("scale_checked: true"))
    }

    @Test("a share written as a fraction against data in percent is caught; scale_checked: true lets it through")
    func shareAsFraction() throws {
        let percent = "series,year,value,unit\ntourists,2018,56.1,%\ntourists,2019,57.0,%\n"
        let error = try #require(failure { try load(data: percent, unit: "\"%\"", value: "0.575", kind: "share") })
        #expect(error.message.contains("1/99 of the last value"))
        _ = try load(data: percent, unit: "\"%\"", value: "0.575", kind: "share", target: "scale_checked: true")
    }

    @Test("19× is accepted, 21× is not: the tolerance is 20×")
    func tolerance() throws {
        _ = try load(data: Self.millions, value: "55.1")        // 19 × 2.9
        #expect(failure { try load(data: Self.millions, value: "60.9") } != nil)   // 21 × 2.9
    }

    @Test("a unit that changes within a series is refused with both places")
    func unitChangesWithinSeries() throws {
        let mixed = "series,year,value,unit\ntourists,2018,2.4,million arrivals\ntourists,2019,2900,thousand arrivals\n"
        let error = try #require(failure { try load(data: mixed) })
        #expect(error.line == 3)
        #expect(error.message.contains("is in 'thousand arrivals' here but in 'million arrivals' at line 2"))
    }
}
