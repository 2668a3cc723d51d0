import Foundation
import Forecasting
import Planning
import Yams

/// A YAML node with the key path that leads to it, for messages that name file, line and key.
///
/// Every node the reader looks at is made through `init`, which refuses an explicit YAML tag, so a
/// tag never changes what a value means behind the reader's back.
struct YAMLNode {
    let node: Node
    let path: String
    let file: String

    /// - Throws: `InputError` with the key path and line for a node with an explicit tag.
    init(node: Node, path: String, file: String) throws {
        self.node = node
        self.path = path
        self.file = file
        try refuseTag(of: node, path: path)
    }

    var line: Int? { node.mark?.line }

    /// Refuses an explicit tag (`!include other.yaml`, `!!float 5`, `!custom key:`): Yams keeps the
    /// node and drops what the tag asks for, so `!include` would silently read as the file's name.
    ///
    /// Yams leaves an untagged node's tag empty, except that it gives a quoted or block scalar the
    /// string tag: `!!str` on such a scalar, which says only what its quotes say, cannot be told
    /// apart and is the one tag that passes.
    private func refuseTag(of node: Node, path: String) throws {
        var name: String
        switch node {
        case let .scalar(scalar):
            name = scalar.tag.description
            if name == Tag.Name.str.rawValue && scalar.style != .plain { return }
        case let .mapping(mapping): name = mapping.tag.description
        case let .sequence(sequence): name = sequence.tag.description
        }
        if name.isEmpty { return }
        let standard = "tag:yaml.org,2002:"
        if name.hasPrefix(standard) { name = "!!" + name.dropFirst(standard.count) }
        throw InputError(file: file, line: node.mark?.line, key: path.isEmpty ? nil : path,
                         "remove the tag '\(excerpt(name))': plancast reads plain YAML values and does not act on tags (a scenario file cannot include another file)")
    }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, key: path.isEmpty ? nil : path, message)
    }

    private func child(_ node: Node, _ key: String) throws -> YAMLNode {
        try YAMLNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The entries of a mapping, refusing keys not in `allowed` (with the nearest valid key as a hint).
    ///
    /// - Parameter log: where a refused key goes instead of being thrown (reading goes on with the
    ///   other keys). The key a misspelled key most likely meant, or whose value was refused, is
    ///   marked unreadable in it when the mapping lacks it, so that it is not also reported missing.
    /// - Throws: `InputError` when the node is not a mapping, or for the first refused key without `log`.
    func mapping(allowed: [String], log: ProblemLog? = nil) throws -> [String: YAMLNode] {
        guard case let .mapping(mapping) = node else {
            throw error("should be a mapping of keys (\(allowed.prefix(4).joined(separator: ", "))…), not \(kindName)")
        }
        var result: [String: YAMLNode] = [:]
        var meantKeys: [String] = []
        for (keyNode, value) in mapping {
            var meant: String? = nil
            do {
                guard case let .scalar(scalar) = keyNode else { throw error("has a key that is not text") }
                let key = scalar.string
                _ = try child(keyNode, key)   // a tagged key
                if !allowed.contains(key) {
                    meant = nearestName(key, among: allowed)
                    var hint = meant.map { "did you mean '\($0)'?" } ?? "valid keys: \(allowed.joined(separator: ", "))"
                    // "value:\u{A0}48000" (a non-breaking space, as a word processor writes it) is one key to YAML.
                    if key.unicodeScalars.contains(where: { $0 == "\u{A0}" || $0 == "\u{202F}" }) {
                        hint += " (it holds a non-breaking space, as word processors write after ':'; type a plain space)"
                    }
                    throw InputError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? excerpt(key) : "\(path).\(excerpt(key))",
                                     "unknown key '\(excerpt(key))'; \(hint)")
                }
                if result[key] != nil {
                    throw InputError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : "\(path).\(key)",
                                     "the key '\(key)' appears twice; keep one")
                }
                meant = key
                result[key] = try child(value, key)
            } catch let problem as InputError {
                guard let log else { throw problem }
                log.record(problem)
                if let meant { meantKeys.append(meant) }
            }
        }
        for key in meantKeys where result[key] == nil {
            log?.markUnreadable(path.isEmpty ? key : "\(path).\(key)")
        }
        return result
    }

    /// The pairs of a mapping whose keys are names (scenario names, years), in file order.
    func namedEntries() throws -> [(String, YAMLNode)] {
        guard case let .mapping(mapping) = node else { throw error("should be a mapping of names, not \(kindName)") }
        var seen = Set<String>()
        var result: [(String, YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else { throw error("has a key that is not text") }
            _ = try child(keyNode, scalar.string)   // a tagged key
            guard seen.insert(scalar.string).inserted else {
                throw InputError(file: file, line: keyNode.mark?.line, key: "\(path).\(scalar.string)", "'\(excerpt(scalar.string))' appears twice; keep one")
            }
            result.append((scalar.string, try child(value, scalar.string)))
        }
        return result
    }

    func sequence() throws -> [YAMLNode] {
        guard case let .sequence(sequence) = node else { throw error("should be a list, not \(kindName)") }
        return try sequence.enumerated().map { try YAMLNode(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard case let .scalar(scalar) = node else { throw error("should be text, not \(kindName)") }
        return scalar.string
    }

    func int() throws -> Int {
        let text = try string()
        if let value = Int(text) { return value }
        // `Int(value)` would trap beyond Int's range: suggest a rewrite only for plausible sizes.
        if let value = plainDecimal(text), value == value.rounded(), abs(value) < 1e15 {
            throw error("'\(excerpt(text))' should be a whole number; write \(Int(value))")
        }
        throw error("'\(excerpt(text))' should be a whole number such as 2025")
    }

    /// A plain decimal number (`plainDecimal(_:)`: no hexadecimal, `.inf` or `nan`) within ±10^18.
    ///
    /// - Parameter fraction: the value is a fraction (a shock's −0.05 for a 5% fall), so `-5%` is
    ///   answered with `-0.05`, not `-5`.
    func double(fraction: Bool = false) throws -> Double {
        let text = try string()
        guard let value = plainDecimal(text), value.isFinite, abs(value) <= largestInputMagnitude else {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("%"), let percent = plainDecimal(String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces)),
               percent.isFinite, abs(percent) <= largestInputMagnitude {
                if fraction {
                    throw error("'\(excerpt(text))' should be a fraction without '%': write \(formatNumber(percent / 100)) (a \(formatNumber(abs(percent)))% \(percent < 0 ? "fall" : "rise"))")
                }
                throw error("'\(excerpt(text))' should be a number without '%': write \(formatNumber(percent))")
            }
            if text.contains(",") { throw error("'\(excerpt(text))' should be a number with a dot as decimal mark and no thousands separators") }
            if plainDecimal(text) != nil { throw error("'\(excerpt(text))' is too large to compute with (more than 10^18); check the units") }
            throw error("'\(excerpt(text))' should be a number such as 12.5")
        }
        return value
    }

    /// A list of whole numbers, or a single one.
    func intList() throws -> [Int] {
        if case .scalar = node { return [try int()] }
        return try sequence().map { try $0.int() }
    }

    var kindName: String {
        switch node {
        case .scalar(let s): return "the value '\(excerpt(s.string))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
