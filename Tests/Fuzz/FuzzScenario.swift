// libFuzzer target: the YAML scenario reader (parseScenarioText: Yams, key checks, Plan.validate,
// key-path lines). Built and run by scripts/fuzz.
//
// Findings: traps, and any error other than `InputError` or `InputProblems` (it would reach the user
// as exit 1 without a file, line or key).
import Foundation
import PlancastIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    guard let text = String(data: data, encoding: .utf8) else { return 0 }   // readScenarioFile refuses it before
    do {
        let document = try parseScenarioText(text, file: "/fuzz/plan.yaml")
        // A document that reads must resolve every scenario and know the line of what it names.
        for scenario in document.plan.scenarios {
            _ = try document.plan.scenarios.resolvedAdjustments(of: scenario.name)
        }
        for (i, _) in document.plan.indicators.enumerated() where document.line(of: "indicators[\(i)]") == nil {
            fuzzFailure("no line for indicators[\(i)]")
        }
    } catch is InputError {
    } catch let error as InputProblems {
        if error.problems.count < 2 { fuzzFailure("InputProblems of \(error.problems.count) problem") }
    } catch {
        fuzzFailure("the scenario reader threw \(type(of: error)): \(error)")
    }
    return 0
}
