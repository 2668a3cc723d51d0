import Foundation
import Testing
@testable import PlancastIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Atomic output files")
struct AtomicFileTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
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

    @Test("temporary files of a dead process are removed; those of a live process and other files are kept")
    func staleTemporaryFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A process that has ended: its pid no longer exists (until reused, which this test cannot see).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        let live: Int32 = 1  // init always exists
        let names = [".targets.csv.\(dead).123.tmp", ".targets.csv.\(live).456.tmp", ".other.csv.\(dead).7.tmp",
                     ".targets.csv.notapid.1.tmp", "targets.csv", "notes.txt"]
        for name in names { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data()) }
        let removed = removeStaleTemporaryFiles(in: folder.path, for: ["targets.csv", "projections.csv"])
        #expect(removed == [".targets.csv.\(dead).123.tmp"])
        #expect(Self.listing(folder) == names.filter { $0 != ".targets.csv.\(dead).123.tmp" }.sorted())
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
}
