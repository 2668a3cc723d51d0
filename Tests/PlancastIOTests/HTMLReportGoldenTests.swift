import Foundation
import Testing
@testable import PlancastIO

/// The HTML of a small fixture, compared byte for byte with a committed file, so every change to the
/// report shows up in review as a diff of `Golden/*.html`.
///
/// After an intended change, regenerate the files and review their diff:
///
///     PLANCAST_UPDATE_GOLDEN=1 swift test --filter HTMLReportGoldenTests
@Suite("report.html golden files")
struct HTMLReportGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["PLANCAST_UPDATE_GOLDEN"] == "1"

    @Test("the fixture's report is byte-identical to the committed golden file", arguments: ["en", "vi"])
    func matchesGoldenFile(language: String) throws {
        let html = htmlReport(try ReportFixture.result(), language: language)
        let url = Self.folder.appendingPathComponent("fixture-report.\(language).html")
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: url)
            print("wrote \(url.path)")
            return
        }
        let expected = try #require(try? String(contentsOf: url, encoding: .utf8),
                                    "no golden file \(url.path); run PLANCAST_UPDATE_GOLDEN=1 swift test --filter HTMLReportGoldenTests")
        if html != expected {
            let actualLines = html.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
            let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let show: ([String]) -> String = { line < $0.count ? $0[line] : "(end of file)" }
            Issue.record("""
                report.html differs from \(url.lastPathComponent) from line \(line + 1):
                  expected: \(show(expectedLines))
                  actual:   \(show(actualLines))
                If the change is intended, run PLANCAST_UPDATE_GOLDEN=1 swift test --filter HTMLReportGoldenTests and review the diff.
                """)
        }
    }

    @Test("rendering twice gives the same bytes")
    func deterministic() throws {
        let result = try ReportFixture.result()
        #expect(htmlReport(result, language: "en") == htmlReport(result, language: "en"))
    }
}
