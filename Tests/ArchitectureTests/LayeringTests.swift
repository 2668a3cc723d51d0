import Foundation
import Testing
import PlancastTestSupport

/// The layering of ARCHITECTURE.md, read from the source files themselves: every `import` points
/// down, LAPACK sits behind `LinearAlgebra` and its one `info` checker, and no layer below the
/// command line speaks of command-line flags.
@Suite("layering")
struct LayeringTests {
    /// The plancast modules, lowest first. A module may import only modules before it.
    static let layers = ["CLAPACKE", "LinearAlgebra", "Forecasting", "Planning", "DataFiles", "Reports", "PlancastIO",
                         "PlancastCLI", "plancast"]
    /// Modules of the platform, allowed in every layer.
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Musl", "Dispatch"]
    /// The layers below the data files, which may import nothing but the platform and the layers below.
    static let numerical: Set<String> = ["LinearAlgebra", "Forecasting", "Planning"]
    /// The layers below the command line, which must not mention a flag.
    static let belowCommandLine = ["LinearAlgebra", "Forecasting", "Planning", "DataFiles", "Reports", "PlancastIO"]

    static let root = Fixtures.repository

    /// The Swift files of `Sources/<module>` (with `extensions: ["swift", "md"]` also its DocC pages),
    /// with their text.
    static func sources(of module: String, extensions: Set<String> = ["swift"]) throws -> [(name: String, text: String)] {
        let folder = root.appendingPathComponent("Sources").appendingPathComponent(module)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension) {
            files.append(("\(module)/\(url.lastPathComponent)", try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The modules a file imports (`import X`, `@testable import X`, `import struct X.Y`).
    static func imports(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var words = line.split(separator: " ").map(String.init)
            while let first = words.first, first.hasPrefix("@") || ["public", "internal", "private", "package"].contains(first) {
                words.removeFirst()
            }
            guard words.first == "import", words.count >= 2 else { return nil }
            let name = words.count >= 3 && ["struct", "class", "enum", "protocol", "func", "typealias", "var", "let"].contains(words[1])
                ? words[2] : words[1]
            return String(name.split(separator: ".").first ?? "")
        }
    }

    @Test("the module list matches the folders of Sources/")
    func everyModuleHasALayer() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
            .filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.layers), "a new target needs its place in LayeringTests.layers and ARCHITECTURE.md")
    }

    @Test("every import of a plancast module points to a lower layer", arguments: layers.dropFirst())
    func importsPointDown(module: String) throws {
        let level = Self.layers.firstIndex(of: module)!
        for file in try Self.sources(of: module) {
            for imported in Self.imports(in: file.text) {
                if let importedLevel = Self.layers.firstIndex(of: imported) {
                    #expect(importedLevel < level, "\(file.name) imports \(imported), a layer at or above \(module)")
                } else if Self.numerical.contains(module) {
                    #expect(Self.system.contains(imported), "\(file.name) imports \(imported); the numerical layers use only the platform")
                } else if imported == "ArgumentParser" {
                    #expect(module == "PlancastCLI", "\(file.name) imports ArgumentParser, which belongs to the command line")
                }
            }
        }
    }

    @Test("only LinearAlgebra imports CLAPACKE or calls LAPACKE", arguments: layers.dropFirst())
    func lapackStaysBehindLinearAlgebra(module: String) throws {
        guard module != "LinearAlgebra" else { return }
        for file in try Self.sources(of: module) {
            #expect(!Self.imports(in: file.text).contains("CLAPACKE"), "\(file.name) imports CLAPACKE")
            #expect(!file.text.contains("LAPACKE_"), "\(file.name) calls LAPACKE")
        }
    }

    @Test("every LAPACKE call hands its info to checkLAPACK, the one place that turns it into a typed error")
    func everyLAPACKCallIsChecked() throws {
        var calls = 0
        for file in try Self.sources(of: "LinearAlgebra") {
            let text = file.text
            var searchFrom = text.startIndex
            while let call = text.range(of: #"LAPACKE_[a-z0-9_]+\("#, options: .regularExpression, range: searchFrom..<text.endIndex) {
                calls += 1
                let before = text[text.startIndex..<call.lowerBound]
                #expect(before.hasSuffix("checkLAPACK("), "\(file.name): \(text[call]) is called without checkLAPACK")
                searchFrom = call.upperBound
            }
            if !file.name.hasSuffix("LinearAlgebraError.swift") {
                #expect(!text.contains("LAPACK_COL_MAJOR"), "\(file.name) spells the layout itself instead of columnMajor")
            }
        }
        #expect(calls >= 10, "found only \(calls) LAPACKE calls: has the scan stopped recognising them?")
    }

    @Test("no layer below the command line mentions a command-line flag, in code or in its DocC pages", arguments: belowCommandLine)
    func noFlagsBelowTheCommandLine(module: String) throws {
        let flag = try Regex(#"(?:^|[^A-Za-z0-9_-])--[a-z][a-z0-9-]*"#)
        for file in try Self.sources(of: module, extensions: ["swift", "md"]) {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                #expect(!line.contains(flag), "\(file.name):\(number + 1) mentions a flag: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test("no code decides an error's category from the spelling of a key")
    func noCategoryFromFlagSpelling() throws {
        for module in Self.layers.dropFirst() {
            for file in try Self.sources(of: module) {
                #expect(!file.text.contains(#"hasPrefix("--")"#), "\(file.name) recognises a flag by its spelling; use a typed subject")
            }
        }
    }
}
