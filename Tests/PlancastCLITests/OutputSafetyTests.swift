import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Output safety (issue 7): a run killed at any moment leaves every output either as the previous run
// wrote it or as this run would have written it, never a part, and no partial file visible among the
// outputs; inputs are never overwritten, even when --out points at the input folder.

@Suite("Output safety: atomic outputs, inputs never overwritten")
struct OutputSafetyTests {
    static let outputNames = ["projections.csv", "targets.csv", "results.json", "summary.md", "report.html"]

    /// A folder with the valid plan and data; `draws` paths per indicator (a slower run for the kill test).
    static func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(validPlan.utf8).write(to: folder.appendingPathComponent("plan.yaml"))
        try Data(validData.utf8).write(to: folder.appendingPathComponent("data.csv"))
        return folder
    }

    static func outputs(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in outputNames {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) { result[name] = data }
        }
        return result
    }

    /// The entries of `folder` other than the outputs themselves.
    static func strays(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !outputNames.contains($0) }.sorted()
    }

    /// The inode of a file, to see when it is replaced by a rename.
    static func inode(_ url: URL) -> UInt64? {
        var status = stat()
        return stat(url.path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    /// Whether `name` is one of plancast's temporary files, `.<output>.<pid>.<random>.tmp`.
    static func isTemporaryFile(_ name: String) -> Bool {
        outputNames.contains { output in
            name.hasPrefix(".\(output).") && name.hasSuffix(".tmp")
                && name.dropFirst(output.count + 2).dropLast(4).split(separator: ".").count == 2
        }
    }

    @Test("a run killed with SIGKILL at any moment leaves each output old or new and complete, and no visible partial file")
    func killedRun() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draws = "20000"
        // The previous outputs (seed 1) and the ones the killed runs are writing (seed 2), both complete.
        let old = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", draws, "--seed", "1"], in: folder)
        let new = try PlancastProcess.run(["run", "plan.yaml", "--out", "reference", "--quiet", "--draws", draws, "--seed", "2"], in: folder)
        try #require(old.status == 0 && new.status == 0, "\(old.standardError) \(new.standardError)")
        let out = folder.appendingPathComponent("out")
        let previous = Self.outputs(in: out)
        let next = Self.outputs(in: folder.appendingPathComponent("reference"))
        try #require(previous.count == Self.outputNames.count && next.count == Self.outputNames.count)
        #expect(previous != next, "the two seeds must give different outputs for this test to mean anything")

        var killedWhileWriting = 0, killedDuringRenames = 0, killedEarly = 0
        var mixed = 0, leftovers = 0
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<15 {
            let previousFiles = Set(Self.outputNames.compactMap { Self.inode(out.appendingPathComponent($0)) })
            let process = try PlancastProcess.start(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", draws, "--seed", "2"], in: folder)
            let deadline = Date().addingTimeInterval(60)
            switch attempt % 3 {
            case 0:
                // Watch the folder and kill the moment a temporary file appears: in the middle of writing.
                var seen = false
                while process.isRunning && Date() < deadline {
                    if Self.strays(in: out).contains(where: Self.isTemporaryFile) { seen = true; break }
                }
                kill(process.processIdentifier, SIGKILL)
                if seen { killedWhileWriting += 1 }
            case 1:
                // Kill the moment the first output is replaced: between two renames.
                var seen = false
                while process.isRunning && Date() < deadline {
                    if Self.outputNames.contains(where: { Self.inode(out.appendingPathComponent($0)).map { !previousFiles.contains($0) } ?? false }) {
                        seen = true; break
                    }
                }
                kill(process.processIdentifier, SIGKILL)
                if seen { killedDuringRenames += 1 }
            default:
                // Kill after a random delay anywhere in the run.
                usleep(UInt32.random(in: 0...1_500_000, using: &generator))
                if process.isRunning { killedEarly += 1 }
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()

            let now = Self.outputs(in: out)
            for name in Self.outputNames {
                let bytes = now[name]
                #expect(bytes == previous[name] || bytes == next[name],
                        "attempt \(attempt): \(name) is neither the previous nor the new complete file (\(bytes?.count ?? -1) bytes)")
            }
            if Self.outputNames.contains(where: { now[$0] == previous[$0] }) && Self.outputNames.contains(where: { now[$0] == next[$0] }) {
                mixed += 1
            }
            for stray in Self.strays(in: out) {
                // SIGKILL cannot be caught: a temporary file may survive, but only as a hidden temporary file.
                #expect(Self.isTemporaryFile(stray), "attempt \(attempt): \(stray) is left among the outputs")
                leftovers += 1
            }
            // Back to the previous outputs, so that every attempt starts from the same state.
            for (name, bytes) in previous { try bytes.write(to: out.appendingPathComponent(name)) }
        }
        // A run that completes clears the temporary files the killed runs left, and writes the new outputs.
        let finish = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", draws, "--seed", "2"], in: folder)
        #expect(finish.status == 0, "\(finish.standardError)")
        #expect(Self.strays(in: out) == [], "temporary files left after a complete run")
        #expect(Self.outputs(in: out) == next)
        // Not assertions (timing varies with the machine), but shown when the test is run verbosely.
        print("kill test: killed while a temporary file existed \(killedWhileWriting)/5, after the first rename \(killedDuringRenames)/5, "
              + "at a random moment before the end \(killedEarly)/5; \(mixed) attempts left old and new outputs side by side (each complete); "
              + "\(leftovers) hidden temporary files left, cleared by the next complete run")
    }

    @Test("--out at the input folder writes the outputs beside the inputs and leaves the inputs byte for byte")
    func outAtInputFolder() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = ["plan.yaml", "data.csv"].map { try? Data(contentsOf: folder.appendingPathComponent($0)) }
        let outcome = try PlancastProcess.run(["run", "plan.yaml", "--out", ".", "--quiet"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(["plan.yaml", "data.csv"].map { try? Data(contentsOf: folder.appendingPathComponent($0)) } == inputs)
        #expect(Self.outputs(in: folder).count == Self.outputNames.count)
    }

    @Test("an output that is a link to an input, or a hard link of it, is refused and the input kept", arguments: ["symbolic", "hard"])
    func outputLinkedToInput(_ kind: String) throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let data = folder.appendingPathComponent("data.csv")
        let link = out.appendingPathComponent("targets.csv")
        if kind == "symbolic" {
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: data)
        } else {
            try FileManager.default.linkItem(at: data, to: link)
        }
        let before = FolderSnapshot(folder)
        let outcome = try PlancastProcess.run(["run", "plan.yaml", "--out", "out"], in: folder)
        #expect(outcome.status == 73, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("is an input of this run and is never overwritten; choose another folder (--out)"), "\(outcome.standardError)")
        #expect(FolderSnapshot(folder) == before)
    }
}
