import Foundation
import Planning
import Yams

/// A YAML node with the key path that leads to it, for messages that name file, line and key.
struct YAMLNode {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, key: path.isEmpty ? nil : path, message)
    }

    private func child(_ node: Node, _ key: String) -> YAMLNode {
        YAMLNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The entries of a mapping, refusing keys not in `allowed` (with the nearest valid key as a hint).
    func mapping(allowed: [String]) throws -> [String: YAMLNode] {
        guard case let .mapping(mapping) = node else {
            throw error("should be a mapping of keys (\(allowed.prefix(4).joined(separator: ", "))…), not \(kindName)")
        }
        var result: [String: YAMLNode] = [:]
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else { throw error("has a key that is not text") }
            let key = scalar.string
            if !allowed.contains(key) {
                let hint = nearestName(key, among: allowed).map { "did you mean '\($0)'?" }
                    ?? "valid keys: \(allowed.joined(separator: ", "))"
                throw InputError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : "\(path).\(key)",
                                 "unknown key '\(key)'; \(hint)")
            }
            if result[key] != nil {
                throw InputError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : "\(path).\(key)",
                                 "the key '\(key)' appears twice; keep one")
            }
            result[key] = child(value, key)
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
            guard seen.insert(scalar.string).inserted else {
                throw InputError(file: file, line: keyNode.mark?.line, key: "\(path).\(scalar.string)", "'\(scalar.string)' appears twice; keep one")
            }
            result.append((scalar.string, child(value, scalar.string)))
        }
        return result
    }

    func sequence() throws -> [YAMLNode] {
        guard case let .sequence(sequence) = node else { throw error("should be a list, not \(kindName)") }
        return sequence.enumerated().map { YAMLNode(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard case let .scalar(scalar) = node else { throw error("should be text, not \(kindName)") }
        return scalar.string
    }

    func int() throws -> Int {
        let text = try string()
        if let value = Int(text) { return value }
        // `Int(value)` would trap beyond Int's range: suggest a rewrite only for plausible sizes.
        if let value = Double(text), value == value.rounded(), abs(value) < 1e15 {
            throw error("'\(text)' should be a whole number; write \(Int(value))")
        }
        throw error("'\(text)' should be a whole number such as 2025")
    }

    func double() throws -> Double {
        let text = try string()
        guard let value = Double(text), value.isFinite, abs(value) <= largestInputMagnitude else {
            if text.contains(",") { throw error("'\(text)' should be a number with a dot as decimal mark and no thousands separators") }
            if let value = Double(text), !value.isNaN { throw error("'\(text)' is too large to compute with (more than 10^18); check the units") }
            throw error("'\(text)' should be a number such as 12.5")
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
        case .scalar(let s): return "the value '\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
