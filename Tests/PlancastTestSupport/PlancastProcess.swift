import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `plancast` executable, run as a user runs it: exit status and stderr exactly as printed.
///
/// The executable is looked for beside the test bundle (SwiftPM builds every product of the package
/// into the same folder, whatever `--scratch-path` says), then in `.build/debug` of the package. Set
/// `PLANCAST_EXECUTABLE` to use another one.
public enum PlancastProcess {
    /// The result of one run.
    public struct Outcome: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// Whether the run was stopped for taking longer than the limit (a hang).
        public var timedOut: Bool
        /// Whether the process ended by a signal (a trap is SIGILL or SIGTRAP).
        public var signalled: Bool
    }

    /// The repository root.
    public static let packageRoot = Fixtures.repository

    public static let executable: URL? = {
        let manager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["PLANCAST_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
        }
        if let exe = try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("plancast")
            if manager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// Whether this process runs as root (then file permissions do not stop it).
    public static var isRoot: Bool { getuid() == 0 }

    /// A way to run a command as an unprivileged user when running as root (`runuser -u nobody --`).
    public static let unprivilegedPrefix: [String]? = {
        guard isRoot, getpwnam("nobody") != nil else { return nil }
        for path in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"] where FileManager.default.isExecutableFile(atPath: path) {
            return [path, "-u", "nobody", "--"]
        }
        return nil
    }()

    /// Runs `plancast` with `arguments` in `folder`, stopping it after `limit` seconds.
    ///
    /// - Parameter unprivileged: run as user `nobody` (only when root; see `unprivilegedPrefix`).
    /// - Parameter environment: variables set for this run on top of the test's own.
    /// - Parameter redirect: a shell redirection of standard output (`>/dev/full`, `>&-`): plancast is
    ///   then started through `sh`, which `exec`s it (so the status and signal are plancast's own), and
    ///   its standard output is not captured.
    public static func run(_ arguments: [String], in folder: URL, limit: TimeInterval = 120, unprivileged: Bool = false,
                           environment extra: [String: String] = [:], standardOutput redirect: String? = nil) throws -> Outcome {
        guard let executable else {
            throw ProcessFailure("the plancast executable was not found beside the tests; run `swift build` first or set PLANCAST_EXECUTABLE")
        }
        let process = Process()
        if let redirect {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \"$@\" \(redirect)", executable.path] + arguments
        } else if unprivileged, let prefix = unprivilegedPrefix {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, given in given }
        process.environment = environment
        // Output goes to files outside `folder`, so that the folder's snapshot sees only what plancast wrote.
        let captures = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: captures) }
        let outPath = captures.appendingPathComponent("stdout").path, errPath = captures.appendingPathComponent("stderr").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        if redirect == nil { process.standardOutput = out }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + limit) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        try out.close()
        try err.close()
        return Outcome(status: process.terminationStatus,
                       standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                       timedOut: timedOut,
                       signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Starts `plancast` without waiting (for the kill tests); output is discarded.
    public static func start(_ arguments: [String], in folder: URL) throws -> Process {
        guard let executable else { throw ProcessFailure("the plancast executable was not found beside the tests") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

public struct ProcessFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What a folder holds: every entry by relative path, with the bytes of regular files (large files
/// by size only), so that two snapshots differ when anything was created, removed or changed.
public struct FolderSnapshot: Equatable, CustomStringConvertible {
    public var entries: [String: String]

    public init(_ folder: URL) {
        entries = [:]
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder.path) else { return }
        while let relative = enumerator.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            var status = stat()
            guard lstat(path, &status) == 0 else { entries[relative] = "vanished"; continue }
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                if status.st_size > 1 << 20 {
                    entries[relative] = "file of \(status.st_size) bytes"
                } else {
                    let bytes = manager.contents(atPath: path) ?? Data()
                    entries[relative] = "file: " + bytes.base64EncodedString()
                }
            case S_IFDIR: entries[relative] = "folder"
            case S_IFLNK: entries[relative] = "link to " + ((try? manager.destinationOfSymbolicLink(atPath: path)) ?? "?")
            default: entries[relative] = "special file"
            }
        }
    }

    public var description: String { entries.keys.sorted().joined(separator: ", ") }

    /// The entries that differ from `other`, for a failure message.
    public func changes(from other: FolderSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).sorted().compactMap { key in
            switch (other.entries[key], entries[key]) {
            case (nil, _?): return "created \(key)"
            case (_?, nil): return "removed \(key)"
            case let (a?, b?) where a != b: return "changed \(key)"
            default: return nil
            }
        }
    }
}
