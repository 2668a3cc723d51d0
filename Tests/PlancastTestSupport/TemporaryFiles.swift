import Foundation
import DataFiles

/// A path under the temporary directory, `plancast-<label>-<UUID>`, that does not exist yet: for a
/// folder a command under test creates itself.
public func temporaryPath(_ label: String, extension pathExtension: String = "") -> URL {
    let name = "plancast-\(label)-\(UUID().uuidString)" + (pathExtension.isEmpty ? "" : ".\(pathExtension)")
    return FileManager.default.temporaryDirectory.appendingPathComponent(name)
}

/// A fresh folder under the temporary directory (`plancast-<label>-<UUID>`) holding `files` (name →
/// bytes); the caller removes it.
public func makeTemporaryFolder(_ label: String, files: [String: Data] = [:]) throws -> URL {
    let folder = temporaryPath(label)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, bytes) in files { try bytes.write(to: folder.appendingPathComponent(name)) }
    return folder
}

/// A fresh folder under the temporary directory holding `files` (name → UTF-8 text).
public func makeTemporaryFolder(_ label: String, texts files: [String: String]) throws -> URL {
    try makeTemporaryFolder(label, files: files.mapValues { Data($0.utf8) })
}

/// A fresh file under the temporary directory holding `bytes`; returns its path.
public func makeTemporaryFile(_ label: String, extension pathExtension: String = "csv", bytes: some Sequence<UInt8>) throws -> String {
    let path = temporaryPath(label, extension: pathExtension)
    try Data(bytes).write(to: path)
    return path.path
}

/// A fresh file under the temporary directory holding `text` as UTF-8; returns its path.
public func makeTemporaryFile(_ label: String, extension pathExtension: String = "csv", text: String) throws -> String {
    try makeTemporaryFile(label, extension: pathExtension, bytes: Array(text.utf8))
}

/// A scenario file (`s.yaml`, holding `yaml`) and its data (`data.csv`, holding `csv`) in a fresh
/// temporary folder, read as `plancast run` reads them; the caller removes `folder`.
public func loadScenario(_ label: String, yaml: String, csv: String) throws -> (scenario: LoadedScenario, folder: URL) {
    let folder = try makeTemporaryFolder(label, texts: ["s.yaml": yaml, "data.csv": csv])
    do {
        return (try LoadedScenario(contentsOf: folder.appendingPathComponent("s.yaml").path), folder)
    } catch {
        try? FileManager.default.removeItem(at: folder)
        throw error
    }
}
