import Foundation
import Testing
import PlancastTestSupport
import DataFiles
import Reports

/// `plancast draft` and `plancast data template`, run as a user runs them (exit status, stderr, files).
@Suite("plancast draft and plancast data template")
struct DraftCommandTests {
    static let seed = Fixtures.data("draft/langson-action-program-2020-2025.txt")

    static func folder() throws -> URL { try makeTemporaryFolder("draft") }

    static func listing(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test("the draft of the seed passes validate; its template, filled in part, validates and runs with the empty rows ignored")
    func seedRoundTrip() throws {
        let folder = try Self.folder()
        try FileManager.default.copyItem(at: Self.seed, to: folder.appendingPathComponent("seed.txt"))
        let draft = try PlancastProcess.run(["draft", "seed.txt", "--out", "seed.yaml"], in: folder)
        #expect(draft.status == 0, "\(draft.standardError)")
        #expect(draft.standardOutput.contains("37 targets and 1 milestone from"))
        let validate = try PlancastProcess.run(["validate", "seed.yaml"], in: folder)
        #expect(validate.status == 0, "\(validate.standardError)")
        #expect(validate.standardOutput.contains("38 targets, 1 scenario;"), "\(validate.standardOutput)")
        let header = try String(contentsOf: folder.appendingPathComponent("seed.yaml"), encoding: .utf8)
        #expect(header.hasPrefix("# Drafted by plancast draft from seed.txt: 37 targets and 1 milestone in 5 programmes,"), "\(header.prefix(200))")

        let template = try PlancastProcess.run(["data", "template", "seed.yaml", "--from", "2016", "--out", "seed-data.csv"], in: folder)
        #expect(template.status == 0, "\(template.standardError)")
        var lines = try String(contentsOf: folder.appendingPathComponent("seed-data.csv"), encoding: .utf8).components(separatedBy: "\n")
        #expect(lines[0] == "series,year,value,unit,kind,source,quote")
        // 37 numeric targets × 2016–2020.
        #expect(lines.filter { !$0.isEmpty }.count == 1 + 37 * 5)
        #expect(lines[1].hasPrefix("tong_kim_ngach_xuat_nhap_khau,2016,,triệu USD,"))
        // Fill three years of the first indicator, map it in the scenario, leave every other row empty.
        for (k, value) in [(3, "5100"), (4, "5600"), (5, "6000")] {
            lines[k] = lines[k].replacingOccurrences(of: ",,triệu USD,,,", with: ",\(value),triệu USD,actual,customs yearbook,")
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("seed-data.csv"))
        let yamlPath = folder.appendingPathComponent("seed.yaml")
        let yaml = try String(contentsOf: yamlPath, encoding: .utf8)
            .replacingOccurrences(of: "    # series: tong_kim_ngach_xuat_nhap_khau        (once the data file has it)\n",
                                  with: "    series: tong_kim_ngach_xuat_nhap_khau\n")
        try Data(yaml.utf8).write(to: yamlPath)
        let filled = try PlancastProcess.run(["validate", "seed-data.csv", "seed.yaml"], in: folder)
        #expect(filled.status == 0, "\(filled.standardError)")
        #expect(filled.standardOutput.contains("1 series, 3 rows"))
        #expect(filled.standardOutput.contains("182 rows without a value ignored"))
        let run = try PlancastProcess.run(["run", "seed.yaml", "--out", "results", "--draws", "200"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        // The closing lines speak the run's language (they were English under a Vietnamese table).
        #expect(run.standardOutput.contains("Bỏ qua 182 dòng không có giá trị của seed-data.csv"), "\(run.standardOutput.suffix(300))")
        #expect(run.standardOutput.hasSuffix("Đã ghi projections.csv, targets.csv, results.json, summary.md, report.html vào results/\n"))
        let english = try PlancastProcess.run(["run", "seed.yaml", "--out", "results-en", "--draws", "200", "--lang", "en"], in: folder)
        #expect(english.standardOutput.contains("Ignored 182 rows of seed-data.csv without a value"))
        #expect(english.standardOutput.hasSuffix("Wrote projections.csv, targets.csv, results.json, summary.md, report.html to results-en/\n"))
        let targets = try String(contentsOf: folder.appendingPathComponent("results/targets.csv"), encoding: .utf8)
        // The filled indicator is assessed from its three values, never from zeros.
        #expect(targets.contains("P1.1,tong_kim_ngach_xuat_nhap_khau,baseline,2025,about,6650,"))
        #expect(!targets.components(separatedBy: "\n").first { $0.hasPrefix("P1.1,") }!.contains("no data"))
    }

    @Test("the template fills in the values the data file already has")
    func knownValues() throws {
        let folder = try Self.folder()
        try Data("series,year,value,kind,source\nvisitors,2019,1.8,actual,office\nvisitors,2020,1.2,estimate,report\n".utf8)
            .write(to: folder.appendingPathComponent("data.csv"))
        try Data("""
        plancast: 1
        title: t
        data: data.csv
        as_of: 2020
        horizon: 2025
        indicators:
          - id: visitors
            series: visitors
            unit: million
            targets:
              - {id: T1, kind: level, year: 2025, comparison: at_least, value: 2.5}
          - id: Độ che phủ rừng
            unit: "%"
            targets:
              - {id: T2, kind: share, year: 2025, comparison: at_least, value: 65}
        scenarios:
          baseline: {description: trend}

        """.utf8).write(to: folder.appendingPathComponent("plan.yaml"))
        let outcome = try PlancastProcess.run(["data", "template", "plan.yaml", "--from", "2019"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput == """
        series,year,value,unit,kind,source,quote
        visitors,2019,1.8,million,actual,office,
        visitors,2020,1.2,million,estimate,report,
        do_che_phu_rung,2019,,%,,,
        do_che_phu_rung,2020,,%,,,

        """)
        let late = try PlancastProcess.run(["data", "template", "plan.yaml", "--from", "2021"], in: folder)
        #expect(late.status == 64 && late.standardError.contains("after as_of 2020"))
    }

    @Test("bad documents: a clear message naming the file, exit 65 or 66, nothing written", arguments: [
        ("binary.txt", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]), Int32(65), "NUL byte"),
        ("latin.txt", Data("Mục tiêu cụ thể\n".utf8) + Data([0x2D, 0x54, 0xEA, 0x6E, 0x0A]), 65, "is not UTF-8 text"),
        ("empty.txt", Data(), 65, "is empty"),
        ("blank.txt", Data(" \n\n\t\n".utf8), 65, "is empty"),
        ("notargets.txt", Data("Kế hoạch\nNhiệm vụ, giải pháp\n-Nâng cấp Quốc lộ 4B, đạt 100 km.\n".utf8), 65, "has no target section"),
    ])
    func badDocuments(name: String, content: Data, status: Int32, message: String) throws {
        let folder = try Self.folder()
        try content.write(to: folder.appendingPathComponent(name))
        let before = try Self.listing(folder)
        let outcome = try PlancastProcess.run(["draft", name, "--out", "draft.yaml"], in: folder)
        #expect(outcome.status == status)
        #expect(outcome.standardError.contains(name) && outcome.standardError.contains(message), "\(outcome.standardError)")
        #expect(!outcome.signalled)
        #expect(try Self.listing(folder) == before)
    }

    @Test("a missing document exits 66; an existing --out is kept unless --force")
    func missingAndExisting() throws {
        let folder = try Self.folder()
        let missing = try PlancastProcess.run(["draft", "nothing.txt"], in: folder)
        #expect(missing.status == 66 && missing.standardError.contains("nothing.txt"))
        try FileManager.default.copyItem(at: Self.seed, to: folder.appendingPathComponent("seed.txt"))
        try Data("old\n".utf8).write(to: folder.appendingPathComponent("seed.yaml"))
        let kept = try PlancastProcess.run(["draft", "seed.txt", "--out", "seed.yaml"], in: folder)
        #expect(kept.status == 73 && kept.standardError.contains("--force"))
        #expect(try String(contentsOf: folder.appendingPathComponent("seed.yaml"), encoding: .utf8) == "old\n")
        let replaced = try PlancastProcess.run(["draft", "seed.txt", "--out", "seed.yaml", "--force"], in: folder)
        #expect(replaced.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("seed.yaml"), encoding: .utf8).contains("P5.4"))
        // The document itself is never the output.
        let own = try PlancastProcess.run(["draft", "seed.txt", "--out", "seed.txt", "--force"], in: folder)
        #expect(own.status == 73)
        #expect(try Data(contentsOf: folder.appendingPathComponent("seed.txt")) == Data(contentsOf: Self.seed))
        let template = try PlancastProcess.run(["data", "template", "seed.yaml", "--out", "seed.yaml"], in: folder)
        #expect(template.status == 73 && template.standardError.contains("--force"))
    }

    @Test("--lang en and --title, --base-year change the reading and the header")
    func options() throws {
        let folder = try Self.folder()
        try Data("""
        Provincial plan 2021-2025
        Specific targets
        - By 2025, attract more than 4.4 million tourist arrivals.
        - Average GRDP growth of 7-7.5% per year.
        Tasks and solutions
        - Upgrade National Highway 4B, 30 km.

        """.utf8).write(to: folder.appendingPathComponent("plan.txt"))
        let outcome = try PlancastProcess.run(["draft", "plan.txt", "--lang", "en", "--title", "Test plan", "--base-year", "2020"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let yaml = outcome.standardOutput
        #expect(yaml.contains("title: \"Test plan\"") && yaml.contains("base_year: 2020") && yaml.contains("as_of: 2020") && yaml.contains("horizon: 2025"))
        #expect(yaml.contains("comparison: more_than\n        value: 4.4"))
        #expect(yaml.contains("kind: average_growth") && yaml.contains("value_high: 7.5"))
        #expect(!yaml.contains("value: 30"))
        let bad = try PlancastProcess.run(["draft", "plan.txt", "--lang", "fr"], in: folder)
        #expect(bad.status == 64)
    }
}
