import Foundation

/// Writes `data` to `path` atomically: into a temporary file in the same folder, flushed, then renamed
/// over the target. A reader sees the old file or the new one, never a part.
///
/// - Throws: `InputError` (category `.cannotCreate`) naming the path.
public func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let temporary = folder + "/.\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: nil) ,
          let handle = FileHandle(forWritingAtPath: temporary) else {
        throw InputError(file: path, "cannot be written (the folder is missing or not writable); choose another --out folder", category: .cannotCreate)
    }
    do {
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(file: path, "cannot be replaced (\(reason)); choose another --out folder", category: .cannotCreate)
        }
    } catch let error as InputError {
        try? FileManager.default.removeItem(atPath: temporary)
        throw error
    } catch {
        try? FileManager.default.removeItem(atPath: temporary)
        throw InputError(file: path, "could not be written: \(error.localizedDescription)", category: .cannotCreate)
    }
}

/// Creates `folder` (and its parents) if needed, with a clear error when that is impossible.
public func prepareOutputFolder(_ folder: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
            throw InputError(file: folder, "is a file, not a folder; give --out a folder", category: .cannotCreate)
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw InputError(file: folder, "is not writable; choose another --out folder", category: .cannotCreate)
        }
        return
    }
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
        throw InputError(file: folder, "cannot be created (\(error.localizedDescription)); choose another --out folder", category: .cannotCreate)
    }
}
