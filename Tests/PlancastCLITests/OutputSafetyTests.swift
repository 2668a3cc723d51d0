import Foundation
import Testing
import PlancastTestSupport
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
        try makeTemporaryFolder("safety", texts: ["plan.yaml": validPlan, "data.csv": validData])
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

    /// The inode of a file or folder, to see when it is replaced by a rename.
    static func inode(_ url: URL) -> UInt64? {
        var status = stat()
        return stat(url.path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    /// Whether `name` is one of plancast's hidden folders beside `out`, `.out.<pid>.<random>.tmp`.
    static func isHiddenResultsFolder(_ name: String) -> Bool {
        name.hasPrefix(".out.") && name.hasSuffix(".tmp") && name.dropFirst(5).dropLast(4).split(separator: ".").count == 2
    }

    /// Every entry of `folder` with its bytes (the whole set a reader of the folder sees).
    static func everything(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            result[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data()
        }
        return result
    }

    /// Puts `set` back as the whole content of `out`.
    static func restore(_ out: URL, to set: [String: Data]) throws {
        try? FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for (name, bytes) in set { try bytes.write(to: out.appendingPathComponent(name)) }
    }

    /// The previous outputs in `out` (seed 1, with a file of the user's beside them) and the set a run
    /// with seed 2 writes (in `reference`, plus the user's file it keeps); both complete and different.
    static func oldAndNewSets(in folder: URL, draws: String) throws -> (old: [String: Data], new: [String: Data]) {
        let old = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", draws, "--seed", "1"], in: folder)
        let new = try PlancastProcess.run(["run", "plan.yaml", "--out", "reference", "--quiet", "--draws", draws, "--seed", "2"], in: folder)
        try #require(old.status == 0 && new.status == 0, "\(old.standardError) \(new.standardError)")
        let notes = Data("the user's notes, not written by plancast\n".utf8)
        try notes.write(to: folder.appendingPathComponent("out/notes.txt"))
        var previous = everything(in: folder.appendingPathComponent("out"))
        var next = everything(in: folder.appendingPathComponent("reference"))
        next["notes.txt"] = notes
        try #require(previous.count == outputNames.count + 1 && next.count == outputNames.count + 1)
        previous["notes.txt"] = notes
        #expect(previous != next, "the two seeds must give different outputs for this test to mean anything")
        return (previous, next)
    }

    @Test("a run killed with SIGKILL at any moment leaves the whole old set or the whole new one, never a mix")
    func killedRun() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draws = "20000"
        let out = folder.appendingPathComponent("out")
        let (previous, next) = try Self.oldAndNewSets(in: folder, draws: draws)

        var killedWhileWriting = 0, killedAfterSwap = 0, killedEarly = 0, endedNew = 0, leftovers = 0
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<15 {
            let previousFolder = Self.inode(out)
            let process = try PlancastProcess.start(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", draws, "--seed", "2"], in: folder)
            let deadline = Date().addingTimeInterval(60)
            switch attempt % 3 {
            case 0:
                // Watch beside the folder and kill the moment the new set's hidden folder appears: while it is written.
                var seen = false
                while process.isRunning && Date() < deadline {
                    if Self.strays(in: folder).contains(where: Self.isHiddenResultsFolder) { seen = true; break }
                }
                kill(process.processIdentifier, SIGKILL)
                if seen { killedWhileWriting += 1 }
            case 1:
                // Kill the moment the folder is swapped: while the old set is being deleted.
                var seen = false
                while process.isRunning && Date() < deadline {
                    if let now = Self.inode(out), now != previousFolder { seen = true; break }
                }
                kill(process.processIdentifier, SIGKILL)
                if seen { killedAfterSwap += 1 }
            default:
                // Kill after a random delay anywhere in the run.
                usleep(UInt32.random(in: 0...1_500_000, using: &generator))
                if process.isRunning { killedEarly += 1 }
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()

            let now = Self.everything(in: out)
            #expect(now == previous || now == next,
                    "attempt \(attempt): out holds \(now.keys.sorted()), neither the whole previous set nor the whole new one")
            if now == next { endedNew += 1 }
            for stray in Self.strays(in: folder) where !["plan.yaml", "data.csv", "out", "reference"].contains(stray) {
                // SIGKILL cannot be caught: a hidden folder may survive beside the results, but only that.
                #expect(Self.isHiddenResultsFolder(stray), "attempt \(attempt): \(stray) is left beside the outputs")
                leftovers += 1
            }
            try Self.restore(out, to: previous)
        }
        // A run that completes clears the hidden folders the killed runs left, and writes the new set.
        let finish = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", draws, "--seed", "2"], in: folder)
        #expect(finish.status == 0, "\(finish.standardError)")
        #expect(Self.strays(in: folder) == ["data.csv", "out", "plan.yaml", "reference"], "hidden folders left after a complete run")
        #expect(Self.everything(in: out) == next)
        // Not assertions (timing varies with the machine), but shown when the test is run verbosely.
        print("kill test: killed while the new set was written \(killedWhileWriting)/5, after the swap \(killedAfterSwap)/5, "
              + "at a random moment before the end \(killedEarly)/5; \(endedNew) attempts left the whole new set, the others the whole old one; "
              + "\(leftovers) hidden folders left, cleared by the next complete run")
    }

    @Test("killed with SIGKILL after each step of the write phase (PLANCAST_TEST_KILL_AT_STEP), the folder holds the whole old set or the whole new one")
    func killedAtEveryStep() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let (previous, next) = try Self.oldAndNewSets(in: folder, draws: "200")
        var oldAfter: [Int] = [], newAfter: [Int] = []
        var step = 1
        while true {
            let outcome = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet", "--draws", "200", "--seed", "2"], in: folder,
                                                  environment: ["PLANCAST_TEST_KILL_AT_STEP": "\(step)"])
            let now = Self.everything(in: out)
            #expect(now == previous || now == next,
                    "killed after step \(step): out holds \(now.keys.sorted()), neither the whole previous set nor the whole new one")
            if now == previous { oldAfter.append(step) } else if now == next { newAfter.append(step) }
            if !outcome.signalled {
                // The step was never reached: the run went through; every step before it was tried.
                #expect(outcome.status == 0, "\(outcome.standardError)")
                #expect(now == next)
                break
            }
            #expect(outcome.status == SIGKILL, "step \(step): ended by signal \(outcome.status), not SIGKILL")
            try Self.restore(out, to: previous)
            step += 1
            try #require(step < 500, "the write phase should take far fewer than 500 steps")
        }
        // The swap is one step: before it the old set, from it on the new one.
        #expect(!oldAfter.isEmpty && !newAfter.isEmpty)
        #expect((oldAfter.max() ?? 0) < (newAfter.min() ?? 0), "old after steps \(oldAfter), new after \(newAfter)")
        #expect(Self.strays(in: folder) == ["data.csv", "out", "plan.yaml", "reference"], "hidden folders left after the complete run")
        print("kill-at-every-step test: \(step - 1) steps; the old set after steps 1–\(oldAfter.max() ?? 0), the new set from step \(newAfter.min() ?? 0)")
    }

    @Test("a run with fewer formats leaves only its own outputs: no older file of another format looks current")
    func fewerFormats() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet"], in: folder)
        #expect(all.status == 0, "\(all.standardError)")
        #expect(Set(Self.outputs(in: folder.appendingPathComponent("out")).keys) == Set(Self.outputNames))
        let csv = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet", "--format", "csv", "--seed", "3"], in: folder)
        #expect(csv.status == 0, "\(csv.standardError)")
        #expect(Self.everything(in: folder.appendingPathComponent("out")).keys.sorted() == ["projections.csv", "targets.csv"])
    }

    @Test("--out at the input folder is refused, naming the input; the folder is left byte for byte")
    func outAtInputFolder() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = FolderSnapshot(folder)
        let outcome = try PlancastProcess.run(["run", "plan.yaml", "--out", ".", "--quiet"], in: folder)
        #expect(outcome.status == 73, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("data.csv: is an input of this run and is never overwritten; choose another folder (--out)"), "\(outcome.standardError)")
        #expect(FolderSnapshot(folder) == before)
    }

    @Test("--out . where the current folder holds a subfolder is refused as the current folder, not by asking to move the subfolder away")
    func outAtCurrentFolderWithSubfolder() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("notes"), withIntermediateDirectories: true)
        let before = FolderSnapshot(folder)
        let outcome = try PlancastProcess.run(["run", "../plan.yaml", "--out", ".", "--quiet"], in: work)
        #expect(outcome.status == 73, "\(outcome.standardError)")
        #expect(outcome.standardError.contains(".: is the current folder or contains it"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("notes"))
        #expect(FolderSnapshot(folder) == before)
    }

    @Test("--out at a folder holding an input (by a hard link under another name) is refused and nothing changes")
    func outHoldingAnInput() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: folder.appendingPathComponent("data.csv"), to: out.appendingPathComponent("backup.csv"))
        let before = FolderSnapshot(folder)
        let outcome = try PlancastProcess.run(["run", "plan.yaml", "--out", "out", "--quiet"], in: folder)
        #expect(outcome.status == 73, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("backup.csv: is an input of this run and is never overwritten; choose another folder (--out)"), "\(outcome.standardError)")
        #expect(FolderSnapshot(folder) == before)
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
