import Foundation
import Testing
@testable import DataFiles
@testable import Reports

/// The HTML, the terminal table and `summary.md` of a small fixture in both languages, compared byte
/// for byte with committed files, so every change to what a reader sees shows up in review as a diff
/// of `Golden/*`.
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
        try Self.compare(htmlReport(try ReportFixture.result(), language: language), with: "fixture-report.\(language).html")
    }

    @Test("the fixture's terminal table (without colour) is byte-identical to the committed golden file", arguments: ["en", "vi"])
    func terminalMatchesGoldenFile(language: String) throws {
        try Self.compare(try ReportFixture.result().terminalTable(colour: false, language: language), with: "fixture-terminal.\(language).txt")
    }

    @Test("the fixture's summary.md is byte-identical to the committed golden file", arguments: ["en", "vi"])
    func summaryMatchesGoldenFile(language: String) throws {
        try Self.compare(try ReportFixture.result().summaryMarkdown(language: language), with: "fixture-summary.\(language).md")
    }

    /// Compares `html` (or any text) with the golden file `name`, or writes it when updating.
    static func compare(_ html: String, with name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
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
                the output differs from \(url.lastPathComponent) from line \(line + 1):
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
