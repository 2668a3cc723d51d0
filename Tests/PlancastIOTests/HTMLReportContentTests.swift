import Foundation
import Testing
import Forecasting
@testable import Planning
@testable import DataFiles
@testable import Reports

/// What report.html must hold, whatever its layout.
@Suite("report.html content")
struct HTMLReportContentTests {
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("one <svg> chart per indicator with data, none for an indicator without data", arguments: ["en", "vi"])
    func oneChartPerIndicatorWithData(language: String) throws {
        let result = try ReportFixture.result()
        let html = htmlReport(result, language: language)
        let withData = result.outcomes.filter { !$0.history.isEmpty }.count
        #expect(withData == 3)
        // One fan chart per indicator with data, and one growth chart per average growth of a level (A.4).
        #expect(Self.occurrences(of: "<svg", in: html) == withData + 1)
        #expect(Self.occurrences(of: "<svg class=\"fan-chart", in: html) == withData)
        #expect(Self.occurrences(of: "<svg class=\"growth-chart", in: html) == 1)
        #expect(!html.contains("data-indicator=\"bridge\""))
        // Every chart names itself for screen readers.
        #expect(Self.occurrences(of: "<title id=\"chart-", in: html) == withData)
        #expect(Self.occurrences(of: "<title id=\"growth-", in: html) == 1)
        #expect(Self.occurrences(of: "<desc id=\"chart-", in: html) == withData)
    }

    @Test("names with < and & are escaped, never written raw")
    func escapesNames() throws {
        let html = htmlReport(try ReportFixture.result(), language: "en")
        #expect(html.contains("Khách du lịch &lt;quốc tế&gt; &amp; nội địa"))
        #expect(!html.contains("<quốc tế>"))
        #expect(html.contains("<title>Fixture plan &lt;2018–2021&gt; &amp; more</title>"))
        #expect(!html.contains("<2018–2021>"))
        #expect(html.contains("href=\"https://example.org/stats?year=2015&amp;table=2\""))
    }

    @Test("escapeHTML escapes the five HTML specials and keeps Vietnamese as it is")
    func escapeHTMLSpecials() {
        #expect(escapeHTML(#"<a href="x">Tom & 'Jerry'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(escapeHTML("Độ che phủ rừng") == "Độ che phủ rừng")
    }

    @Test("no script, and no web address other than the data-source links")
    func selfContained() throws {
        let result = try ReportFixture.result()
        let html = htmlReport(result, language: "en")
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("xmlns"))
        #expect(!html.lowercased().contains("@import"))
        let sources = Set(result.outcomes.flatMap { $0.history + $0.laterActuals }.compactMap(\.source).map(escapeHTML))
        let addresses = try Regex(#"(?i)(https?:)?//[^\s"'<>)]+"#)
        var found: [String] = []
        for match in html.matches(of: addresses) {
            let address = String(html[match.range])
            found.append(address)
            #expect(sources.contains(address), "the report refers to \(address), which is not a data source")
        }
        // Every address source is a link (its text repeats the address).
        for source in ReportFixture.sources.map(escapeHTML) {
            #expect(html.contains("<a href=\"\(source)\">\(source)</a>"), "no link to \(source)")
        }
        #expect(found.count == 2 * ReportFixture.sources.count)
        // A source that is not an address stays text.
        #expect(html.contains("2017: Provincial statistical yearbook 2018, p. 12"))
    }

    @Test("every target and scenario is on the status board with its status in words")
    func statusBoard() throws {
        let result = try ReportFixture.result()
        let html = htmlReport(result, language: "en")
        for (_, target) in result.plan.targets {
            #expect(html.contains("<th scope=\"row\" data-label=\"id\">\(target.id)</th>"))
        }
        // Colour is never alone: each badge carries its status in words.
        for status in [TargetStatus.achieved, .onTrack, .atRisk, .offTrack, .noData] {
            #expect(html.contains("</span> \(status.rawValue)</span>"), "no badge with the words '\(status.rawValue)'")
        }
        #expect(html.contains("P(meet) 0.60"))
        #expect(html.contains("2.55 <span class=\"range\">(2.35–2.75)</span>"))
        let vietnamese = htmlReport(result, language: "vi")
        #expect(vietnamese.contains("<html lang=\"vi\">"))
        #expect(vietnamese.contains("có nguy cơ") && vietnamese.contains("không có số liệu") && vietnamese.contains("đã đạt"))
    }

    @Test("indicators without data are listed with the data they need")
    func noDataList() throws {
        let html = htmlReport(try ReportFixture.result(), language: "en")
        #expect(html.contains("<section id=\"no-data\">"))
        #expect(html.contains("Data needed: a dated report of the opening of each bridge"))
    }

    @Test("nice axis ticks cover the range with round steps")
    func ticks() {
        let (ticks, step, decimals) = niceTicks(lower: 0.3, upper: 4.9, count: 5)
        #expect(step == 1 && decimals == 0)
        #expect(ticks == [0, 1, 2, 3, 4, 5])
        let growth = niceTicks(lower: -0.8, upper: 12.1, count: 5)
        #expect(growth.step == 2.5 && growth.decimals == 1 && growth.ticks.first == -2.5 && growth.ticks.last == 12.5)
        let flat = niceTicks(lower: 7, upper: 7, count: 5)
        #expect(flat.ticks.first! < 7 && flat.ticks.last! > 7)
    }
}

/// Growth targets on their own axis: an average growth of a level series has no marker on the level
/// chart, and a growth chart (% a year) whose ticks put its marker at its value.
@Suite("report.html: every target on its own quantity's axis")
struct TargetAxisTests {
    /// The `<svg …>…</svg>` elements of a class, in order.
    static func charts(_ html: String, _ cls: String) -> [String] {
        html.components(separatedBy: "<svg class=\"\(cls)").dropFirst().map { String($0.prefix { _ in true }.components(separatedBy: "</svg>")[0]) }
    }

    /// The pixel of `value` on a chart's axis, from its first and last tick.
    static func pixel(of value: Double, in svg: String, axis: String) throws -> Double {
        let regex = try Regex("class=\"tick\" data-value=\"([-0-9.]+)\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\"")
        let ticks = svg.matches(of: regex).map { m -> (Double, Double) in
            let v = Double(String(m.output[1].substring!))!
            let p = Double(String(m.output[axis == "x" ? 2 : 3].substring!))!
            return (v, p)
        }
        let (v0, p0) = ticks.first!, (v1, p1) = ticks.last!
        return p0 + (value - v0) / (v1 - v0) * (p1 - p0)
    }

    @Test("the average growth of a level series is drawn on a growth chart, not on the level chart", arguments: ["en", "vi"])
    func growthOnItsOwnAxis(language: String) throws {
        let html = htmlReport(try ReportFixture.result(), language: language)
        let fan = try #require(Self.charts(html, "fan-chart").first { $0.contains("data-indicator=\"arrivals\"") })
        #expect(!fan.contains("data-target=\"A.4\""), "the level chart of arrivals carries the growth target A.4")
        #expect(fan.contains("data-target=\"A.1\""))
        let growth = try #require(Self.charts(html, "growth-chart").first, "no growth chart")
        #expect(growth.contains("data-target=\"A.4\" data-quantity=\"growth\" data-value-axis=\"x\""))
        let marker = try #require(growth.firstMatch(of: try Regex("data-target=\"A.4\" data-kind=\"average_growth\" data-value=\"10\" data-at=\"([0-9.]+)\"")))
        let at = Double(String(marker.output[1].substring!))!
        #expect(abs(try Self.pixel(of: 10, in: growth, axis: "x") - at) < 0.2)
        // Every marker of the level chart sits at its value on the level axis.
        for m in fan.matches(of: try Regex("data-value=\"([-0-9.]+)\" data-at=\"([0-9.]+)\"")) {
            let value = Double(String(m.output[1].substring!))!, at = Double(String(m.output[2].substring!))!
            #expect(abs(try Self.pixel(of: value, in: fan, axis: "y") - at) < 0.2)
        }
        // One row per scenario (they differ) and the historical growth with its period.
        #expect(growth.contains("2015–2018"))
        #expect(Self.count(of: "class=\"median\"", in: growth) == 2)
    }

    static func count(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }
}
