// libFuzzer target: the YAML scenario reader (parseScenarioText: Yams, key checks, Plan.validate,
// key-path lines). Built and run by scripts/fuzz.
//
// Findings: traps, and any error other than `InputError` or `InputProblems` (it would reach the user
// as exit 1 without a file, line or key); a document that reads but whose plan still has problems
// (`Plan.problems`); an `InputProblems` of fewer than two problems, or whose problems are not all of
// this file, not in file order (by line), or repeat one (the same key, line and message). One key may
// have several problems (a mapping missing two keys; a key written twice), and an alias `*a` repeats
// its anchor's problems on the anchor's line under its own key paths: not repeats.
import Foundation
import PlancastIO
import Planning

/// The problems the scenario reader collected: two or more, each of `file` with a message, in line
/// order, none said twice.
private func checkProblems(_ problems: [InputError], file: String) {
    if problems.count < 2 { fuzzFailure("InputProblems of \(problems.count) problem") }
    for problem in problems where problem.file != file || problem.message.isEmpty {
        fuzzFailure("a problem of \(problem.file ?? "no file") with message '\(problem.message)' among \(problems)")
    }
    for (a, b) in zip(problems, problems.dropFirst()) where (a.line ?? 0) > (b.line ?? 0) {
        fuzzFailure("problems not in file order: line \(a.line ?? 0) before \(b.line ?? 0) in \(problems)")
    }
    var said = Set<String>()
    for problem in problems where !said.insert("\(problem.line ?? 0) \(problem.key ?? "") \(problem.message)").inserted {
        fuzzFailure("a problem said twice: \(problem) in \(problems)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    guard let text = String(data: data, encoding: .utf8) else { return 0 }   // readScenarioFile refuses it before
    do {
        let document = try parseScenarioText(text, file: "/fuzz/plan.yaml")
        // The reader reports every problem of the plan: none is left in a document that reads.
        let problems = document.plan.problems
        if !problems.isEmpty { fuzzFailure("the reader accepted a plan with problems: \(problems)") }
        // A document that reads must resolve every scenario and know the line of what it names.
        for scenario in document.plan.scenarios {
            _ = try document.plan.scenarios.resolvedAdjustments(of: scenario.name)
        }
        for (i, _) in document.plan.indicators.enumerated() where document.line(of: "indicators[\(i)]") == nil {
            fuzzFailure("no line for indicators[\(i)]")
        }
    } catch is InputError {
    } catch let error as InputProblems {
        checkProblems(error.problems, file: "/fuzz/plan.yaml")
    } catch {
        fuzzFailure("the scenario reader threw \(type(of: error)): \(error)")
    }
    return 0
}
