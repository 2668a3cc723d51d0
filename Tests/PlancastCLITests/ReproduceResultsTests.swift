import Foundation
import Testing
import PlancastTestSupport
@testable import PlancastCLI

@Suite("Committed results are what a fresh run writes")
struct ReproduceResultsTests {
    @Test("a fresh run of each committed scenario reproduces Results/<name>/ byte for byte",
          arguments: ["langson-2025", "langson-2030"])
    func reproduces(name: String) throws {
        let committed = Fixtures.repository("Results/\(name)")
        let fresh = temporaryPath("reproduce-\(name)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let status = runPlancast(["run", Fixtures.repository("Scenarios/\(name).yaml").path,
                                  "--out", fresh.path, "--quiet"])
        #expect(status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: committed.path).filter { !$0.hasSuffix(".png") }.sorted()
        #expect(files.contains("targets.csv") && files.contains("projections.csv") && files.contains("results.json"))
        for file in files {
            let expected = try Data(contentsOf: committed.appendingPathComponent(file))
            let actual = try Data(contentsOf: fresh.appendingPathComponent(file))
            #expect(actual == expected, "\(file) differs from the committed Results/\(name)/\(file); rerun `make run` and commit, or find the change")
        }
    }

    @Test("two runs with the same seed write identical bytes; another seed changes the numbers")
    func sameSeedSameBytes() throws {
        let scenario = Fixtures.repository("Scenarios/langson-2030.yaml").path
        let base = temporaryPath("seed")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = base.appendingPathComponent("a").path, b = base.appendingPathComponent("b").path, c = base.appendingPathComponent("c").path
        #expect(runPlancast(["run", scenario, "--out", a, "--quiet", "--format", "csv"]) == 0)
        #expect(runPlancast(["run", scenario, "--out", b, "--quiet", "--format", "csv"]) == 0)
        #expect(runPlancast(["run", scenario, "--out", c, "--quiet", "--format", "csv", "--seed", "99"]) == 0)
        let read = { (folder: String) in try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("targets.csv")) }
        #expect(try read(a) == read(b))
        #expect(try read(a) != read(c))
    }
}
