import Planning

/// Every independent problem found in the input files of one command, in file order: the problems of
/// the scenario file by line, then those of its data file.
///
/// ```swift
/// do { _ = try LoadedScenario(contentsOf: "plan.yaml") } catch let error as InputProblems {
///     error.problems.map(\.description)
///     // ["plan.yaml:6: horizn: unknown key 'horizn'; did you mean 'horizon'?",
///     //  "plan.yaml:15: indicators[0].targets[0].kind: unknown kind 'levl'; did you mean 'level'? …"]
/// }
/// ```
///
/// A reader throws it when a file has two or more problems that do not depend on each other; one
/// problem alone is thrown as the `InputError` itself, and a problem that leaves the rest of a file
/// unreadable (a YAML syntax error, a top level that is not a mapping) stops reading at once.
public struct InputProblems: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two or more problems, each naming its file and line or key path, in file order.
    public var problems: [InputError]

    public init(_ problems: [InputError]) {
        self.problems = problems
    }

    /// Throws nothing for no problem, the problem itself for one, and `InputProblems` (in file order)
    /// for more.
    public static func throwIfAny(_ problems: [InputError]) throws {
        if problems.count == 1 { throw problems[0] }
        if problems.count > 1 { throw InputProblems(inFileOrder(problems)) }
    }

    /// The files the problems are in, in order of first appearance.
    public var files: [String] {
        var seen = Set<String>()
        return problems.compactMap(\.file).filter { seen.insert($0).inserted }
    }

    /// The process exit status: 65 when any problem is about content, else that of the first.
    public var exitStatus: Int32 {
        problems.contains { $0.category == .data } ? 65 : problems.first?.exitStatus ?? 65
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// `problems` grouped by file in order of first appearance, each file's by line (a problem without
    /// a line first), otherwise in the order found.
    static func inFileOrder(_ problems: [InputError]) -> [InputError] {
        var rank: [String: Int] = [:]
        for problem in problems where rank[problem.file ?? ""] == nil { rank[problem.file ?? ""] = rank.count }
        return problems.enumerated().sorted { a, b in
            let left = (rank[a.element.file ?? ""]!, a.element.line ?? 0, a.offset)
            let right = (rank[b.element.file ?? ""]!, b.element.line ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }
}

/// The problems found while reading one file, and the key paths each leaves unreadable, so that the
/// checks that follow say nothing about a value that was never read (no "needs a comparison" after
/// "unknown comparison").
final class ProblemLog {
    let file: String
    private(set) var problems: [InputError] = []
    private(set) var unreadable: [String] = []
    /// The line, key and message of every problem recorded.
    private var said = Set<String>()

    init(file: String) {
        self.file = file
    }

    /// Records `problem` (once: an unknown key written twice on one line, `{type: a, type: b}`, is one
    /// problem), and marks `paths` as unreadable.
    func record(_ problem: InputError, unreadable paths: String...) {
        if said.insert("\(problem.line ?? 0) \(problem.key ?? "") \(problem.message)").inserted { problems.append(problem) }
        unreadable += paths
    }

    /// Marks `path` as unreadable without a problem of its own (one already said why).
    func markUnreadable(_ path: String) {
        unreadable.append(path)
    }

    /// The value `body` reads, or nil when it throws: the problem is recorded and `path` (with
    /// `alsoUnreadable`) marked unreadable.
    func attempt<T>(_ path: String, alsoUnreadable: [String] = [], _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let problem as InputError {
            record(problem)
        } catch {
            record(InputError(file: file, key: path.isEmpty ? nil : path, "\(error)"))
        }
        unreadable += [path] + alsoUnreadable
        return nil
    }

    /// Whether `key` is, or lies under, a key path that could not be read.
    func isUnreadable(_ key: String?) -> Bool {
        guard let key else { return false }
        return unreadable.contains { key == $0 || key.hasPrefix($0 + ".") || key.hasPrefix($0 + "[") }
    }
}
