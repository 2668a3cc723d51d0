/// A problem with an input file or option: names the file, the line or key, and what to do.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Category: Sendable, Equatable {
        /// The file or folder is missing or cannot be read (exit status 66).
        case noInput
        /// The content is malformed or inconsistent (exit status 65).
        case data
        /// An output cannot be written (exit status 73).
        case cannotCreate
        /// A command-line option is wrong (exit status 64).
        case usage
    }

    public var file: String?
    public var line: Int?
    public var key: String?
    public var message: String
    public var category: Category

    public init(file: String? = nil, line: Int? = nil, key: String? = nil, _ message: String, category: Category = .data) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.category = category
    }

    public var description: String {
        var location = ""
        if let file { location = file }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        if let key { location += location.isEmpty ? key : ": \(key)" }
        return location.isEmpty ? message : "\(location): \(message)"
    }

    /// The process exit status for this error (sysexits.h).
    public var exitStatus: Int32 {
        switch category {
        case .usage: return 64
        case .data: return 65
        case .noInput: return 66
        case .cannotCreate: return 73
        }
    }
}
