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
    /// What the caller asked for, when the error is about that request rather than a file's content.
    /// Only the command layer knows which option made the request; it names it (see `Subject`).
    public var subject: Subject?

    /// A request of the caller that an error is about, typed so that no layer below the command line
    /// has to speak of (or recognise) flag names.
    public enum Subject: Sendable, Equatable {
        /// The folder or file the outputs were asked to go to (a results folder, a scores file).
        case outputLocation
        /// A series the caller asked for by name (a series to fit), not one named in a file.
        case requestedSeries(String)
        /// A scenario the caller asked to run (unknown, or asked for twice), not one a file names.
        case requestedScenario(String)
    }

    public init(file: String? = nil, line: Int? = nil, key: String? = nil, _ message: String, category: Category = .data,
                subject: Subject? = nil) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.category = category
        self.subject = subject
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

/// A piece of input as an error message may quote it: on one line (line breaks, tabs and other
/// control characters written as `\n`, `\t`, `\u{0}`) and at most `limit` characters, cut with `…`.
///
/// ```swift
/// excerpt("2025\nis the horizon")        // "2025\\nis the horizon"
/// excerpt(String(repeating: "x", count: 500)).count   // 81
/// ```
///
/// A message names the file and line, so the excerpt only has to let the reader recognise the value.
public func excerpt(_ text: some StringProtocol, limit: Int = 80) -> String {
    var result = String.UnicodeScalarView()
    var count = 0
    for scalar in text.unicodeScalars {
        if count >= limit {
            result.append("…")
            break
        }
        switch scalar {
        case "\n": result.append(contentsOf: #"\n"#.unicodeScalars)
        case "\r": result.append(contentsOf: #"\r"#.unicodeScalars)
        case "\t": result.append(contentsOf: #"\t"#.unicodeScalars)
        case _ where [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory):
            result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
        default: result.append(scalar)
        }
        count += 1
    }
    return String(result)
}
