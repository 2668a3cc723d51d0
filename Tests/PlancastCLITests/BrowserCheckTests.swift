import Foundation
import Testing
import PlancastTestSupport
@testable import PlancastCLI

/// The Lạng Sơn report in a real browser: scripts/browser-check.sh renders a fresh report.html with
/// headless Chromium and checks the screenshot, the console, the network and the DOM.
///
/// Without Chromium the test is skipped with a message, except on CI (the environment variable `CI`
/// is set), where a missing browser is a failure: CI must install the Debian package `chromium`.
@Suite("report.html in a real browser")
struct BrowserCheckTests {
    static let root = Fixtures.repository

    /// The first of the usual Chromium names found on PATH.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let onCI: Bool = {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !["", "0", "false"].contains(value.lowercased())
    }()

    @Test("headless Chromium shows the Lạng Sơn report in Vietnamese and English: not blank, no console errors, no network, one chart per indicator with data, every target marker on its axis",
          .enabled(if: chromium != nil || onCI,
                   "chromium is not on PATH; install the Debian package chromium to run the browser check (on CI, with CI set, this fails instead)"),
          arguments: ["vi", "en"])
    func langSonReportInChromium(language: String) throws {
        guard Self.chromium != nil else {
            Issue.record("CI is set but chromium is not on PATH: .ci/run must install it (apt-get install -y chromium)")
            return
        }
        let folder = temporaryPath("browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        var command = try Plancast.parseAsRoot(["run", Self.root.appendingPathComponent("Scenarios/langson-2025.yaml").path,
                                                "--out", folder.path, "--quiet", "--lang", language])
        try command.run()
        let report = folder.appendingPathComponent("report.html")
        #expect(FileManager.default.fileExists(atPath: report.path))
        let text = try Self.check(report)
        #expect(text.contains("browser-check: passed"), "\(text)")
        #expect(text.contains("target markers read off their axes: ") && !text.contains("axes: 0 in"), "\(text)")
    }

    /// Runs scripts/browser-check.sh on `report` (its results.json beside it); returns what it printed,
    /// having recorded an issue if it failed.
    static func check(_ report: URL) throws -> String {
        let run = try runProgram(["/bin/bash", Self.root.appendingPathComponent("scripts/browser-check.sh").path, report.path,
                                  report.deletingLastPathComponent().appendingPathComponent("report.png").path])
        #expect(run.status == 0, "scripts/browser-check.sh failed:\n\(run.output)")
        return run.output
    }
}
