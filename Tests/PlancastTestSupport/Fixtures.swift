import Foundation

/// The repository and its test data, found from this file, for every test target.
public enum Fixtures {
    /// The root of the repository (the folder of `Package.swift`).
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Data`, the reference data with the scripts that produced them.
    public static let data = repository.appendingPathComponent("Tests/Data")

    /// A file or folder of the repository, by its path from the root (`Scenarios/langson-2025.yaml`).
    public static func repository(_ relative: String) -> URL { repository.appendingPathComponent(relative) }

    /// A file or folder of `Tests/Data`, by its path there (`m3/yearly_train.csv`).
    public static func data(_ relative: String) -> URL { data.appendingPathComponent(relative) }

    /// The JSON file at `relative` in `Tests/Data`, decoded.
    public static func decode<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: data(relative)))
    }

    /// The lines of the text file at `relative` in `Tests/Data`, empty ones included; LF, CRLF and
    /// CR line ends alike (Swift reads "\r\n" as one Character, so the split is on any newline).
    public static func lines(_ relative: String) throws -> [String] {
        try String(contentsOf: data(relative), encoding: .utf8)
            .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }
}
