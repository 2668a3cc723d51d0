import Foundation
import Testing
import PlancastTestSupport
@testable import DataFiles
@testable import Reports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Atomic output files")
struct AtomicFileTests {
    static func folder() throws -> URL { try makeTemporaryFolder("atomic") }

    /// The pid of a process that has ended: it no longer exists (until reused, which a test cannot see).
    static func endedProcessID() throws -> Int32 {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        return ended.processIdentifier
    }

    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("several files are replaced together; the folder holds no temporary file afterwards")
    func writesAll() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path, b = folder.appendingPathComponent("b.csv").path
        try Data("old a".utf8).write(to: URL(fileURLWithPath: a))
        try writeFilesAtomically([(path: a, data: Data("new a".utf8)), (path: b, data: Data("new b".utf8))])
        #expect(FileManager.default.contents(atPath: a) == Data("new a".utf8))
        #expect(FileManager.default.contents(atPath: b) == Data("new b".utf8))
        #expect(Self.listing(folder) == ["a.csv", "b.csv"])
    }

    @Test("when one file cannot be written, none is replaced and no temporary file is left")
    func allOrNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path
        try Data("old a".utf8).write(to: URL(fileURLWithPath: a))
        let missing = folder.appendingPathComponent("no-such-folder/b.csv").path
        #expect(throws: InputError(file: missing, "cannot be written (the folder does not exist); write to another folder", category: .cannotCreate, subject: .outputLocation)) {
            try writeFilesAtomically([(path: a, data: Data("new a".utf8)), (path: missing, data: Data("new b".utf8))])
        }
        #expect(FileManager.default.contents(atPath: a) == Data("old a".utf8))
        #expect(Self.listing(folder) == ["a.csv"])
    }

    @Test("an output name taken by a folder is refused before anything is written")
    func folderInTheWay() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path, b = folder.appendingPathComponent("b.csv").path
        try Data("old a".utf8).write(to: URL(fileURLWithPath: a))
        try FileManager.default.createDirectory(atPath: b, withIntermediateDirectories: false)
        #expect(throws: InputError(file: b, "is a folder; move it away or write to another folder", category: .cannotCreate, subject: .outputLocation)) {
            try writeFilesAtomically([(path: a, data: Data("new a".utf8)), (path: b, data: Data("new b".utf8))])
        }
        #expect(FileManager.default.contents(atPath: a) == Data("old a".utf8))
        #expect(Self.listing(folder) == ["a.csv", "b.csv"])
    }

    /// A FIFO in `folder` with a reader already open (so that opening it for writing does not block),
    /// and a function that reads what was written once the writer has closed it.
    static func pipe(in folder: URL, named name: String) throws -> (path: String, read: () -> Data) {
        let path = folder.appendingPathComponent(name).path
        #expect(mkfifo(path, 0o600) == 0)
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(reader >= 0)
        return (path, {
            var data = Data(), buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(reader, &buffer, buffer.count)
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
            }
            close(reader)
            return data
        })
    }

    static func isFIFO(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
    }

    @Test("an output that is a pipe or a device (a FIFO, /dev/null) is written into, never replaced by a regular file")
    func deviceOrPipeOutput() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let streamed = try Self.pipe(in: folder, named: "streamed")
        let file = try AtomicFileWriter(path: streamed.path)
        try file.write(Array("series_id,t\n".utf8))
        try file.commit()
        #expect(Self.isFIFO(streamed.path))
        #expect(streamed.read() == Data("series_id,t\n".utf8))

        let whole = try Self.pipe(in: folder, named: "whole")
        let a = folder.appendingPathComponent("a.csv").path
        try writeFilesAtomically([(path: a, data: Data("a".utf8)), (path: whole.path, data: Data("whole".utf8))])
        #expect(Self.isFIFO(whole.path))
        #expect(whole.read() == Data("whole".utf8))
        #expect(FileManager.default.contents(atPath: a) == Data("a".utf8))
        #expect(Self.listing(folder) == ["a.csv", "streamed", "whole"])
    }

    @Test("temporary files of a dead process are removed; those of a live process and other files are kept")
    func staleTemporaryFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = try Self.endedProcessID()
        let live: Int32 = 1  // init always exists
        let names = [".targets.csv.\(dead).123.tmp", ".targets.csv.\(live).456.tmp", ".other.csv.\(dead).7.tmp",
                     ".targets.csv.notapid.1.tmp", "targets.csv", "notes.txt"]
        for name in names { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data()) }
        let removed = removeStaleTemporaryFiles(in: folder.path, for: ["targets.csv", "projections.csv"])
        #expect(removed == [".targets.csv.\(dead).123.tmp"])
        #expect(Self.listing(folder) == names.filter { $0 != ".targets.csv.\(dead).123.tmp" }.sorted())
    }

    @Test("an output that is a link to a file (as /dev/stdout redirected to one) replaces that file and keeps the link")
    func linkToAFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func isLink(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
        }
        // `--output /dev/stdout > redirected.csv`: a link to /proc/self/fd/N, a link to the file.
        let redirected = folder.appendingPathComponent("redirected.csv").path
        let descriptor = open(redirected, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor) }
        let stdout = folder.appendingPathComponent("stdout").path
        try FileManager.default.createSymbolicLink(atPath: stdout, withDestinationPath: "/proc/self/fd/\(descriptor)")
        let file = try AtomicFileWriter(path: stdout)
        try file.write(Array("streamed".utf8))
        try file.commit()
        // It used to rename a regular file over the link (as root, over /dev/stdout itself) and leave the file empty.
        #expect(isLink(stdout))
        #expect(FileManager.default.contents(atPath: redirected) == Data("streamed".utf8))

        let shared = folder.appendingPathComponent("shared.csv").path, link = folder.appendingPathComponent("link.csv").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: shared))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: shared)
        try writeFilesAtomically([(path: link, data: Data("whole".utf8))])
        #expect(isLink(link))
        #expect(FileManager.default.contents(atPath: shared) == Data("whole".utf8))
        #expect(Self.listing(folder) == ["link.csv", "redirected.csv", "shared.csv", "stdout"])
    }

    @Test("the next write of a file clears the temporary file a killed writer of it left, and only that")
    func staleTemporaryFileOfAKilledWriter() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = try Self.endedProcessID()
        // What `plancast forecast --output out.csv` killed halfway left (a 21 MB part on a 100,000-series run).
        let names = [".out.csv.\(dead).1.tmp", ".out.csv.1.2.tmp", ".other.csv.\(dead).3.tmp", ".b.csv.\(dead).4.tmp"]
        for name in names { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("part".utf8)) }
        let file = try AtomicFileWriter(path: folder.appendingPathComponent("out.csv").path)
        try file.write(Array("whole".utf8))
        try file.commit()
        try writeFilesAtomically([(path: folder.appendingPathComponent("b.csv").path, data: Data("b".utf8))])
        #expect(Self.listing(folder) == [".other.csv.\(dead).3.tmp", ".out.csv.1.2.tmp", "b.csv", "out.csv"])
    }

    @Test("output folders: made when missing; a file in the way or an impossible place is named")
    func outputFolder() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nested = folder.appendingPathComponent("a/b/c").path
        try prepareOutputFolder(nested)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory) && isDirectory.boolValue)
        let file = folder.appendingPathComponent("file").path
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        #expect(throws: InputError(file: file, "is a file, not a folder; give a folder, or a name for a new one", category: .cannotCreate, subject: .outputLocation)) {
            try prepareOutputFolder(file)
        }
        #expect(throws: InputError(file: file + "/x", "cannot be created: \(file) is a file, not a folder; choose another folder", category: .cannotCreate, subject: .outputLocation)) {
            try prepareOutputFolder(file + "/x")
        }
    }

    // MARK: Results folders replaced as one set (issue 16)

    static let outputNames = ["a.csv", "b.csv", "c.md"]

    static func contents(_ folder: URL) -> [String: String] {
        var result: [String: String] = [:]
        for name in listing(folder) {
            result[name] = String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data(), as: UTF8.self)
        }
        return result
    }

    @Test("a results folder is replaced by the new set only: an older output of a name not written now is gone, other files are kept")
    func resultsFolderHoldsOnlyTheNewSet() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try replaceResultsFolder(out.path, with: [("a.csv", Data("old a".utf8)), ("b.csv", Data("old b".utf8)), ("c.md", Data("old c".utf8))],
                                 outputNames: Self.outputNames)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        try replaceResultsFolder(out.path, with: [("a.csv", Data("new a".utf8))], outputNames: Self.outputNames)
        #expect(Self.contents(out) == ["a.csv": "new a", "notes.txt": "mine"])
        #expect(Self.listing(parent) == ["out"], "no hidden folder is left beside the results")
    }

    @Test("each step is reported, and between any two the folder holds the old set or the new one")
    func resultsFolderSteps() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try replaceResultsFolder(out.path, with: [("a.csv", Data("old a".utf8)), ("b.csv", Data("old b".utf8))], outputNames: Self.outputNames)
        var seen: [[String: String]] = []
        var steps: [Int] = []
        try replaceResultsFolder(out.path, with: [("a.csv", Data("new a".utf8)), ("c.md", Data("new c".utf8))], outputNames: Self.outputNames) { step in
            steps.append(step)
            seen.append(Self.contents(out))
        }
        // mkdir; open, write, fsync, close of two files; fsync of the new folder; the exchange; fsync of
        // the parent; two removals and the rmdir of the old folder.
        #expect(steps == Array(1...15))
        let old = ["a.csv": "old a", "b.csv": "old b"], new = ["a.csv": "new a", "c.md": "new c"]
        #expect(seen.allSatisfy { $0 == old || $0 == new })
        #expect(seen.first == old && seen.last == new)
    }

    @Test("a folder inside the results folder is refused before anything is written")
    func resultsFolderWithSubfolder() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("keep"), withIntermediateDirectories: true)
        #expect(throws: InputError(file: out.path + "/keep", "is a folder inside the results folder, which is replaced whole; move it away or write to another folder",
                                   category: .cannotCreate, subject: .outputLocation)) {
            try replaceResultsFolder(out.path, with: [("a.csv", Data("a".utf8))], outputNames: Self.outputNames)
        }
        #expect(Self.listing(parent) == ["out"])
        #expect(Self.listing(out) == ["keep"])
    }

    @Test("hidden results folders of a dead process are removed; those of a live process and other entries are kept")
    func staleResultsFolders() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let dead = try Self.endedProcessID()
        let names = [".out.\(dead).11.tmp", ".out.1.22.tmp", ".other.\(dead).33.tmp", "out"]
        for name in names {
            try FileManager.default.createDirectory(at: parent.appendingPathComponent(name), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: parent.appendingPathComponent(name).appendingPathComponent("a.csv"))
        }
        #expect(removeStaleResultsFolders(in: parent.path, for: "out") == [".out.\(dead).11.tmp"])
        #expect(Self.listing(parent) == names.filter { $0 != ".out.\(dead).11.tmp" }.sorted())
    }
}
