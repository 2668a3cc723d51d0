import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces the outputs in `folder` with `files` as one set: a reader of the folder sees the whole
/// previous set or the whole new one, never a mix, and never a part of a file.
///
/// ```swift
/// try replaceResultsFolder("Results/plan", with: [("targets.csv", csv), ("results.json", json)],
///                          outputNames: ["projections.csv", "targets.csv", "results.json"])
/// // Results/plan holds targets.csv and results.json of this run; an older projections.csv is gone
/// ```
///
/// The new set is written into a hidden sibling folder, `.<name>.<pid>.<random>.tmp` beside
/// `folder`, every file flushed to disk and then the folder itself. On Linux the two folders are
/// then swapped with one `renameat2(…, RENAME_EXCHANGE)`, so `folder` holds the old set up to that
/// call and the new set from it on; the old set, now under the hidden name, is deleted after. Where
/// `renameat2` is missing or the file system cannot exchange (other systems, some network file
/// systems), the fallback is two renames — the old folder to a hidden name, the new one into place —
/// between which `folder` does not exist: a reader may find no folder for that moment, but never a
/// mix. A process killed at any step leaves at most hidden sibling folders, which the next call
/// removes once their process is gone.
///
/// The swapped-in folder holds only this set of outputs: an older file of a name in `outputNames`
/// that this set lacks (a run with fewer formats) is not carried over. Other files in the folder
/// (say a screenshot of the report) are kept, by a hard link in the new folder, so replacing the
/// results never deletes what the program did not write.
///
/// - Parameters:
///   - folder: the results folder; created (and the folders above it) when missing. A symbolic link
///     to a folder is followed, and the folder it names is replaced.
///   - files: the outputs of this run, by file name.
///   - outputNames: every name the program writes into such a folder (of any format).
///   - afterStep: called after each step that changes the disk (a folder made, a file opened,
///     written, flushed or closed, a link, a rename, a removal), with the step's number from 1, so
///     that a test can stop the process between any two of them.
/// - Throws: `InputError` (category `.cannotCreate`, exit status 73) naming the folder or file: the
///   folder holds a file read as input by this process (by device and inode, links included), or a
///   folder of its own; it is (or contains) the current folder; a folder cannot be made or written.
///   Nothing visible changes when it throws.
public func replaceResultsFolder(_ folder: String, with files: [(name: String, data: Data)], outputNames: [String],
                                 afterStep: ((Int) -> Void)? = nil) throws {
    try prepareOutputFolder(folder)
    let target = realFolderPath(folder)
    let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
    let name = URL(fileURLWithPath: target).lastPathComponent
    try refuseInputs(in: target, outputNames: outputNames)
    // The current folder before its subfolders: asked to move them away, a user who gave "." would
    // only meet this refusal next.
    let current = realFolderPath(FileManager.default.currentDirectoryPath)
    if current == target || current.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
        throw InputError(file: folder, "is the current folder or contains it; the results folder is replaced whole, so give a folder of its own, or a name for a new one", category: .cannotCreate,
                         subject: .outputLocation)
    }
    let kept = try entriesToKeep(in: target, shownAs: folder, outputNames: outputNames)

    var step = 0
    func done() { step += 1; afterStep?(step) }
    removeStaleResultsFolders(in: parent, for: name)

    let staging = parent + "/" + temporaryName(for: name)
    guard mkdir(staging, 0o777) == 0 else {
        throw InputError(file: folder, "cannot be replaced: no new folder can be made beside it in \(parent) (\(reason(errno))); choose another folder", category: .cannotCreate,
                         subject: .outputLocation)
    }
    done()
    do {
        for file in files {
            try writeFlushed(file.data, to: staging + "/" + file.name, shownAs: folder + "/" + file.name, afterStep: done)
        }
        for entry in kept {
            guard linkat(AT_FDCWD, target + "/" + entry, AT_FDCWD, staging + "/" + entry, 0) == 0 else {
                throw InputError(file: folder + "/" + entry, "is not a result of this program and cannot be kept in the new results folder (\(reason(errno))); move it away or choose another folder",
                                 category: .cannotCreate, subject: .outputLocation)
            }
            done()
        }
        try flushFolder(staging, afterStep: done)
    } catch {
        removeFolder(staging)
        throw error
    }
    let old = try swapFolders(staging, target, parent: parent, name: name, shownAs: folder, afterStep: done)
    try flushFolder(parent, afterStep: done)
    if let old { removeFolder(old, afterStep: done) }
}

/// The absolute path of `path` with symbolic links resolved (the path as given when it does not exist).
private func realFolderPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// Refuses a results folder that holds an input of this process (an input at an output's name
/// first: that is the file the run would otherwise have replaced).
private func refuseInputs(in folder: String, outputNames: [String]) throws {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let ordered = entries.sorted { (outputNames.contains($0) ? 0 : 1, $0) < (outputNames.contains($1) ? 0 : 1, $1) }
    for entry in ordered where InputFiles.contains(folder + "/" + entry) {
        let path = URL(fileURLWithPath: folder + "/" + entry).resolvingSymlinksInPath().standardizedFileURL.path
        throw InputError(file: path, "is an input of this run and is never overwritten; choose another folder", category: .cannotCreate,
                         subject: .outputLocation)
    }
}

/// The entries of the existing results folder to keep in the new one: everything but the program's
/// outputs and its temporary files. Refuses a folder inside (`refuseInputs` has refused inputs).
private func entriesToKeep(in folder: String, shownAs shown: String, outputNames: [String]) throws -> [String] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    var kept: [String] = []
    for entry in entries.sorted() {
        var status = stat()
        guard lstat(folder + "/" + entry, &status) == 0 else { continue }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw InputError(file: shown + "/" + entry, "is a folder inside the results folder, which is replaced whole; move it away or write to another folder",
                             category: .cannotCreate, subject: .outputLocation)
        }
        if outputNames.contains(entry) || outputNames.contains(where: { isTemporaryName(entry, of: $0) }) { continue }
        kept.append(entry)
    }
    return kept
}

/// Writes `data` to a new file at `path` and flushes it, one step per system call.
private func writeFlushed(_ data: Data, to path: String, shownAs shown: String, afterStep: () -> Void) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw writeError(shown, errno) }
    afterStep()
    var failure = writeAll(data, to: descriptor, afterEachWrite: afterStep)
    if failure == 0 {
        if fsync(descriptor) != 0 { failure = errno } else { afterStep() }
    }
    if close(descriptor) != 0, failure == 0 { failure = errno }
    guard failure == 0 else { throw writeError(shown, failure) }
    afterStep()
}

/// Flushes a folder's entries to disk.
private func flushFolder(_ folder: String, afterStep: () -> Void) throws {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
    afterStep()
}

/// `renameat2(2)` of glibc 2.28 and later, looked up at run time (Swift's Glibc module does not
/// declare it, and `syscall(2)` is variadic).
private let renameat2: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
    #if os(Linux)
    guard let symbol = dlsym(nil, "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    #else
    return nil
    #endif
}()

/// `RENAME_EXCHANGE` of `<linux/fs.h>`.
private let renameExchange: UInt32 = 1 << 1

/// Puts the folder `staging` in the place of `target`; returns where the old folder now is.
private func swapFolders(_ staging: String, _ target: String, parent: String, name: String, shownAs shown: String,
                         afterStep: () -> Void) throws -> String? {
    if let renameat2 {
        if renameat2(AT_FDCWD, staging, AT_FDCWD, target, renameExchange) == 0 {
            afterStep()
            return staging
        }
        if ![EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(errno) { throw swapError(staging, shown, errno) }
    }
    // The fallback: the old folder aside, then the new one into place.
    let old = parent + "/" + temporaryName(for: name)
    guard rename(target, old) == 0 else { throw swapError(staging, shown, errno) }
    afterStep()
    guard rename(staging, target) == 0 else {
        let code = errno
        _ = rename(old, target)
        throw swapError(staging, shown, code)
    }
    afterStep()
    return old
}

private func swapError(_ staging: String, _ shown: String, _ code: Int32) -> InputError {
    removeFolder(staging)
    return InputError(file: shown, "cannot be replaced (\(reason(code))); choose another folder", category: .cannotCreate, subject: .outputLocation)
}

/// Removes a folder the program made (its files, then the folder), one step per removal.
private func removeFolder(_ folder: String, afterStep: () -> Void = {}) {
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        var status = stat()
        guard lstat(folder + "/" + entry, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { continue }
        if unlink(folder + "/" + entry) == 0 { afterStep() }
    }
    if rmdir(folder) == 0 { afterStep() }
}

/// Removes the hidden folders `.<name>.<pid>.<random>.tmp` in `parent` that a killed earlier run
/// left (a new set not yet swapped in, or an old one not yet deleted), once their process is gone.
///
/// - Returns: the names of the folders removed.
@discardableResult
public func removeStaleResultsFolders(in parent: String, for name: String) -> [String] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
    var removed: [String] = []
    for entry in entries.sorted() where isStaleTemporaryName(entry, of: name) {
        var status = stat()
        guard lstat(parent + "/" + entry, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
        removeFolder(parent + "/" + entry)
        if access(parent + "/" + entry, F_OK) != 0 { removed.append(entry) }
    }
    return removed
}

private func reason(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "permission denied"
    case EROFS: return "read-only file system"
    case ENOSPC, EDQUOT: return "the disk is full"
    default: return String(cString: strerror(code))
    }
}
