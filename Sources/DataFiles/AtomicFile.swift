import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `data` to `path` atomically: into a temporary file in the same folder, flushed, then renamed
/// over the target. A reader sees the old file or the new one, never a part.
///
/// - Throws: `InputError` (category `.cannotCreate`) naming the path.
public func writeAtomically(_ data: Data, to path: String) throws {
    try writeFilesAtomically([(path: path, data: data)])
}

/// Writes several files so that each is replaced whole and a failure before the last step changes none.
///
/// Every file is first written to a temporary file beside its target, `.<name>.<pid>.<random>.tmp`
/// (hidden, so a listing of the folder never shows a part as an output), and flushed to disk. Only
/// when all are written are they renamed over their targets, one `rename(2)` each, and the folder
/// is flushed. A process killed before the renames leaves the old outputs and at most some hidden
/// temporary files, which the next write of the same names clears (`removeStaleTemporaryFiles(in:for:)`); killed
/// between two renames, it leaves some outputs old and some new, each of them complete.
///
/// - Throws: `InputError` (category `.cannotCreate`, exit status 73, subject `.outputLocation`) naming
///   the path and the reason; every temporary file is removed first.
public func writeFilesAtomically(_ files: [(path: String, data: Data)]) throws {
    // An existing target that is not a file (a folder called targets.csv) would fail at rename time,
    // after other files were replaced: refuse it before anything is written.
    for file in files {
        var status = stat()
        if lstat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw InputError(file: file.path, "is a folder; move it away or write to another folder", category: .cannotCreate, subject: .outputLocation)
        }
    }
    // Whatever command writes, an output never replaces a file this process read as input (by
    // identity, so a link to it or another name for it counts too).
    for file in files where InputFiles.contains(file.path) {
        throw InputError(file: file.path, "is an input of this run and is never overwritten; write the output elsewhere", category: .cannotCreate,
                         subject: .outputLocation)
    }
    // A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written to as it is: renaming a
    // file over it would put a regular file in its place (as root, `/dev/null` itself).
    let streams = files.filter { isStream($0.path) }
    let files = files.filter { !isStream($0.path) }
    let targets = files.map { replacedPath($0.path) }
    for target in targets { removeStaleTemporaryFiles(beside: target) }
    var staged: [String] = []
    func discardStaged() { for temporary in staged { unlink(temporary) } }
    do {
        for (file, target) in zip(files, targets) {
            staged.append(try writeTemporaryFile(file.data, beside: target))
        }
        for stream in streams { try writeStream(stream.data, to: stream.path) }
    } catch {
        discardStaged()
        throw error
    }
    for (index, (file, temporary)) in zip(files, staged).enumerated() where rename(temporary, targets[index]) != 0 {
        let reason = String(cString: strerror(errno))
        for remaining in staged[index...] { unlink(remaining) }
        throw InputError(file: file.path, "cannot be replaced (\(reason)); write to another folder", category: .cannotCreate, subject: .outputLocation)
    }
    for folder in Set(targets.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 { _ = fsync(descriptor); close(descriptor) }
    }
}

/// The file an output at `path` replaces: `path` itself, or, when it is a symbolic link to a
/// regular file, the file the link leads to — so that `/dev/stdout` redirected to a file (a link to
/// `/proc/self/fd/1`, itself a link to the file) gets the output instead of being replaced by it,
/// and a link to a shared file keeps pointing at the new contents.
func replacedPath(_ path: String) -> String {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
          stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
          let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// Whether `path` (following links) is something other than a regular file or a folder: a
/// character device such as `/dev/null`, a FIFO or a socket, which an output is written into
/// directly, never replaced.
func isStream(_ path: String) -> Bool {
    var status = stat()
    guard stat(path, &status) == 0 else { return false }
    let type = status.st_mode & S_IFMT
    return type != S_IFREG && type != S_IFDIR
}

/// Opens the device or pipe at `path` for writing (see `isStream`).
private func openStream(_ path: String) throws -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw writeError(path, errno, isStream: true) }
    return descriptor
}

/// Writes `data` into the device or pipe at `path` (see `isStream`).
private func writeStream(_ data: Data, to path: String) throws {
    let descriptor = try openStream(path)
    var failure = writeAll(data, to: descriptor)
    if close(descriptor) != 0, failure == 0 { failure = errno }
    if failure != 0 { throw writeError(path, failure, isStream: true) }
}

/// The name of a temporary file for `name` in this process: `.<name>.<pid>.<random>.tmp`.
func temporaryName(for name: String) -> String {
    ".\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
}

/// Writes `data` to a new temporary file in the folder of `path`, flushed to disk; returns its path.
private func writeTemporaryFile(_ data: Data, beside path: String) throws -> String {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(temporaryName(for: url.lastPathComponent)).path
    // O_EXCL: never write through something that is already there (a symbolic link planted in the folder).
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw writeError(path, errno) }
    var failure = writeAll(data, to: descriptor)
    if failure == 0, fsync(descriptor) != 0 { failure = errno }
    if close(descriptor) != 0, failure == 0 { failure = errno }
    if failure != 0 {
        unlink(temporary)
        throw writeError(path, failure)
    }
    return temporary
}

/// Writes all of `data` to `descriptor`, retrying interrupted and short writes; calls `afterEachWrite`
/// after each `write(2)`. Returns 0, or the `errno` of the write that failed.
func writeAll(_ data: some ContiguousBytes, to descriptor: Int32, afterEachWrite: () -> Void = {}) -> Int32 {
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int32 in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
            afterEachWrite()
        }
        return 0
    }
}

/// A file written piece by piece, atomically: into a hidden temporary file beside `path`, flushed and
/// renamed over it by `commit()`. Until then (and when discarded or never committed) the file at
/// `path` is untouched, so a long output can be streamed without being held in memory. The
/// temporary file of a run that was killed is removed by the next writer of the same `path`.
///
/// A `path` that is a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written to directly,
/// as it comes: it cannot be replaced whole, and renaming a file over it would put a regular file
/// in its place.
///
/// ```swift
/// let file = try AtomicFileWriter(path: "forecasts.csv")
/// try file.write(Array("series_id,t\n".utf8))
/// try file.commit()      // forecasts.csv appears whole
/// ```
public final class AtomicFileWriter {
    public let path: String
    /// The file replaced: `path`, or the file it links to (see `replacedPath`).
    private let target: String
    /// The hidden temporary file, or nil when `path` is a device or pipe written to directly.
    private let temporary: String?
    private var descriptor: Int32

    /// - Throws: `InputError` (category `.cannotCreate`, subject `.outputLocation`): `path` is a
    ///   folder or a file this process read as input, or its folder cannot be written.
    public init(path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw InputError(file: path, "is a folder; move it away or write to another folder", category: .cannotCreate, subject: .outputLocation)
        }
        if InputFiles.contains(path) {
            throw InputError(file: path, "is an input of this run and is never overwritten; write the output elsewhere", category: .cannotCreate,
                             subject: .outputLocation)
        }
        self.path = path
        target = replacedPath(path)
        if isStream(path) {
            temporary = nil
            descriptor = try openStream(path)
            return
        }
        removeStaleTemporaryFiles(beside: target)
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(temporaryName(for: url.lastPathComponent)).path
        self.temporary = temporary
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw writeError(path, errno) }
    }

    /// Appends `bytes`.
    ///
    /// - Throws: `InputError` naming the path (a full disk, say); the temporary file is then removed.
    public func write(_ bytes: some ContiguousBytes) throws {
        precondition(descriptor >= 0, "write after commit or discard")
        let failure = writeAll(bytes, to: descriptor)
        if failure != 0 {
            discard()
            throw writeError(path, failure, isStream: temporary == nil)
        }
    }

    /// Flushes the file and renames it over `path`; then flushes the folder. A device or pipe is
    /// only closed.
    public func commit() throws {
        precondition(descriptor >= 0, "commit after commit or discard")
        guard let temporary else {
            let failure: Int32 = close(descriptor) == 0 ? 0 : errno
            descriptor = -1
            if failure != 0 { throw writeError(path, failure, isStream: true) }
            return
        }
        var failure: Int32 = fsync(descriptor) == 0 ? 0 : errno
        if close(descriptor) != 0, failure == 0 { failure = errno }
        descriptor = -1
        if failure == 0, rename(temporary, target) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw writeError(path, failure)
        }
        let folder = open(URL(fileURLWithPath: target).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { _ = fsync(folder); close(folder) }
    }

    /// Removes the temporary file; `path` is left as it was (a device or pipe keeps what was
    /// already written to it).
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        if let temporary { unlink(temporary) }
    }

    deinit { discard() }
}

func writeError(_ path: String, _ code: Int32, isStream: Bool = false) -> InputError {
    let reason: String
    switch code {
    case EACCES where isStream, EPERM where isStream: reason = "permission denied"
    case EACCES, EPERM: reason = "the folder is not writable (permission denied)"
    case ENOENT, ENOTDIR: reason = "the folder does not exist"
    case ENOSPC, EDQUOT: reason = "the disk is full"
    case EROFS: reason = "the folder is on a read-only file system"
    default: reason = String(cString: strerror(code))
    }
    return InputError(file: path, "cannot be written (\(reason)); write to another folder", category: .cannotCreate, subject: .outputLocation)
}

/// Removes the temporary files of `names` in `folder` that a killed earlier run left behind: those
/// named `.<name>.<pid>.<random>.tmp` whose process no longer exists. Files of a run still going on
/// (its process exists) are left alone; nothing else in the folder is touched.
///
/// - Returns: the names of the files removed.
@discardableResult
public func removeStaleTemporaryFiles(in folder: String, for names: [String]) -> [String] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    var removed: [String] = []
    for entry in entries where names.contains(where: { isStaleTemporaryName(entry, of: $0) }) {
        if unlink(folder + "/" + entry) == 0 { removed.append(entry) }
    }
    return removed.sorted()
}

/// Removes what an earlier, killed run left beside `path` on its way to writing it: the temporary
/// files of `path`'s name whose process no longer exists (see `removeStaleTemporaryFiles(in:for:)`).
func removeStaleTemporaryFiles(beside path: String) {
    let url = URL(fileURLWithPath: path)
    removeStaleTemporaryFiles(in: url.deletingLastPathComponent().path, for: [url.lastPathComponent])
}

/// The process that made `entry`, when it is a temporary name for `name`: `.<name>.<pid>.<random>.tmp`.
private func temporaryOwner(_ entry: String, of name: String) -> Int32? {
    guard entry.hasPrefix(".\(name)."), entry.hasSuffix(".tmp"), entry.count > name.count + 6 else { return nil }
    let middle = entry.dropFirst(name.count + 2).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
    guard middle.count == 2, let pid = Int32(middle[0]), pid > 0, UInt64(middle[1]) != nil else { return nil }
    return pid
}

/// Whether `entry` is a temporary name for `name` (of this process or another).
func isTemporaryName(_ entry: String, of name: String) -> Bool { temporaryOwner(entry, of: name) != nil }

/// Whether `entry` is a temporary name for `name` whose process no longer exists.
func isStaleTemporaryName(_ entry: String, of name: String) -> Bool {
    guard let pid = temporaryOwner(entry, of: name), pid != getpid() else { return false }
    return kill(pid, 0) != 0 && errno == ESRCH
}

/// Creates `folder` (and the folders above it) if needed, with a clear error when that is impossible.
///
/// - Throws: `InputError` (category `.cannotCreate`, exit status 73) naming the folder and what is in
///   the way: a file where a folder should be, a folder without write permission, a read-only disk.
public func prepareOutputFolder(_ folder: String) throws {
    var status = stat()
    if stat(folder, &status) == 0 {
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw InputError(file: folder, "is a file, not a folder; give a folder, or a name for a new one", category: .cannotCreate,
                             subject: .outputLocation)
        }
        guard access(folder, W_OK) == 0 else {
            throw InputError(file: folder, "is not writable (permission denied); choose another folder", category: .cannotCreate,
                             subject: .outputLocation)
        }
        return
    }
    // Create the missing folders one by one, so that the message can name the part in the way.
    let absolute = folder.hasPrefix("/")
    var path = absolute ? "" : "."
    for component in folder.split(separator: "/") where !component.isEmpty {
        path += "/" + component
        if stat(path, &status) == 0 {
            if status.st_mode & S_IFMT != S_IFDIR {
                let shown = absolute ? path : String(path.dropFirst(2))
                throw InputError(file: folder, "cannot be created: \(shown) is a file, not a folder; choose another folder",
                                 category: .cannotCreate, subject: .outputLocation)
            }
            continue
        }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            let code = errno
            let reason: String
            switch code {
            case EACCES, EPERM: reason = "permission denied"
            case EROFS: reason = "read-only file system"
            case ENOENT: reason = "new folders cannot be made there"
            default: reason = String(cString: strerror(code))
            }
            throw InputError(file: folder, "cannot be created (\(reason)); choose another folder", category: .cannotCreate,
                             subject: .outputLocation)
        }
    }
}

/// The files this process has read as inputs (`readInputFile` registers each one), so that
/// `writeFilesAtomically` refuses to replace any of them, whichever command writes.
///
/// A file is known by device, inode, size and modification time: a hard link or a symbolic link to
/// an input is the input; a new file that happens to reuse a deleted input's inode is not.
public enum InputFiles {
    struct Identity: Hashable {
        var device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            #if canImport(Darwin)
            let modified = status.st_mtimespec
            #else
            let modified = status.st_mtim
            #endif
            seconds = Int(modified.tv_sec)
            nanoseconds = Int(modified.tv_nsec)
        }

        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            self.init(status)
        }
    }

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var identities = Set<Identity>()
        func insert(_ identity: Identity) { lock.lock(); identities.insert(identity); lock.unlock() }
        func contains(_ identity: Identity) -> Bool { lock.lock(); defer { lock.unlock() }; return identities.contains(identity) }
    }

    private static let registry = Registry()

    /// Records the file at `path` as an input of this process.
    public static func register(_ path: String) {
        if let identity = Identity(path: path) { registry.insert(identity) }
    }

    static func register(_ status: stat) { registry.insert(Identity(status)) }

    /// Whether the file at `path` (following links) is one this process read as input.
    public static func contains(_ path: String) -> Bool {
        Identity(path: path).map(registry.contains) ?? false
    }
}
