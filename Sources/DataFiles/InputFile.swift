import Foundation
import Forecasting
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to do about a path that names no file: a folder written with '\' (a Windows path) is written
/// with '/'; a file whose name differs only in case is named; else "check the path".
///
/// ```swift
/// missingFileHint(#"data\langson.csv"#)   // "write folders with '/', not '\': data/langson.csv"
/// missingFileHint("Data.CSV")            // "did you mean 'data.csv'? (names differ in case on Linux)"
/// ```
func missingFileHint(_ path: String) -> String {
    if path.contains("\\") {
        return "write folders with '/', not '\\': \(path.replacingOccurrences(of: "\\", with: "/"))"
    }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path, name = url.lastPathComponent
    if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder),
       let match = entries.sorted().first(where: { $0 != name && $0.lowercased() == name.lowercased() }) {
        return "did you mean '\(match)'? (names differ in case on Linux)"
    }
    return "check the path"
}

/// An input file opened read-only: the one way plancast opens a file it reads (data, scenario,
/// workbook, forecast and batch files), so that every reader refuses a missing file, a folder or a
/// file without permission in the same words.
///
/// The file is opened `O_RDONLY | O_NONBLOCK`, so a named pipe without a writer cannot hang the run,
/// then checked through that descriptor (a limit on its size holds for a symbolic link to a large
/// file too) and switched to blocking reads, so a pipe with a writer (`<(…)`) is read to its end.
struct InputFile {
    let path: String
    let descriptor: Int32
    /// The size of a regular file; nil for a pipe or a device.
    let regularFileSize: Int?

    /// Opens `path`, registering a regular file as an input of this process (see `InputFiles`).
    ///
    /// - Throws: `InputError` naming the file, category `.noInput` (exit status 66): missing, a part of
    ///   the path not a folder, no permission, a folder, or any other reason it cannot be opened.
    init(opening path: String) throws {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT:
                throw InputError(file: path, "no such file; " + missingFileHint(path), category: .noInput)
            case ENOTDIR:
                throw InputError(file: path, "no such file (a part of the path is a file, not a folder); check the path", category: .noInput)
            case EACCES, EPERM:
                throw InputError(file: path, "cannot be read (permission denied); check its permissions", category: .noInput)
            default:
                throw InputError(file: path, "cannot be opened (\(String(cString: strerror(code)))); check the path", category: .noInput)
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw InputError(file: path, "cannot be read (\(String(cString: strerror(code)))); check the path", category: .noInput)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw InputError(file: path, "is a folder, not a file; give the path of a file inside it", category: .noInput)
        }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular { InputFiles.register(status) }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        self.path = path
        self.descriptor = descriptor
        self.regularFileSize = isRegular ? Int(status.st_size) : nil
    }

    /// Closes the file.
    func release() { close(descriptor) }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end of the file.
    ///
    /// - Throws: `InputError` (`.noInput`) for a read error.
    func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == EAGAIN { return 0 }
            throw InputError(file: path, "could not be read (\(String(cString: strerror(errno)))); check the file", category: .noInput)
        }
    }
}

/// Reads a whole input file read-only, refusing folders, unreadable files and files over `maximumBytes`.
///
/// The file is opened as `InputFile` opens every input: the size limit holds for a symbolic link to
/// a large file too, and a pipe or device is read only up to the limit.
///
/// - Parameter maximumBytes: the largest file accepted; injectable so tests need not write large files.
/// - Throws: `InputError` naming the file: missing, a folder or unreadable (category `.noInput`, exit
///   status 66), larger than the limit (`.data`, 65).
public func readInputFile(at path: String, maximumBytes: Int,
                          whenTooLarge advice: String = "split it or keep only the series you need") throws -> Data {
    let file = try InputFile(opening: path)
    defer { file.release() }
    if let size = file.regularFileSize, size > maximumBytes {
        throw tooLarge(path, size: size, maximumBytes: maximumBytes, advice: advice)
    }
    var data = Data()
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try file.readBytes(into: $0) }
        if count == 0 { break }
        data.append(contentsOf: buffer[0..<count])
        if data.count > maximumBytes { throw tooLarge(path, size: data.count, maximumBytes: maximumBytes, advice: advice, atLeast: true) }
    }
    return data
}

private func tooLarge(_ path: String, size: Int, maximumBytes: Int, advice: String, atLeast: Bool = false) -> InputError {
    let what = atLeast ? "holds more than" : "is \(formatByteCount(size)), more than"
    return InputError(file: path, "\(what) the \(formatByteCount(maximumBytes)) plancast reads; \(advice)")
}

/// A size in bytes as a person reads it: `200 MB`, `1.5 MB`, `12 KB`, `300 bytes`.
func formatByteCount(_ bytes: Int) -> String {
    let megabytes = Double(bytes) / Double(1 << 20)
    if megabytes >= 1 { return formatNumber((megabytes * 10).rounded() / 10) + " MB" }
    if bytes >= 1 << 10 { return formatNumber((Double(bytes) / 1024 * 10).rounded() / 10) + " KB" }
    return "\(bytes) bytes"
}
