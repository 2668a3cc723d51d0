import Foundation
import Testing
import PlancastTestSupport
@testable import LinearAlgebra

/// A NIST StRD linear regression problem with its certified values.
struct NISTLinearProblem {
    let name: String
    let y: [Double]
    let x: [[Double]]           // predictor columns as given in the file
    let estimates: [Double]
    let standardDeviations: [Double]
    let residualStandardDeviation: Double
    let rSquared: Double

    init(_ name: String) throws {
        self.name = name
        let lines = try Fixtures.lines("nist/linear/\(name).dat")
        func range(_ label: String) -> ClosedRange<Int> {
            let line = lines.first { $0.contains(label) }!
            let numbers = line.components(separatedBy: CharacterSet.decimalDigits.inverted).compactMap { Int($0) }
            return numbers[0]...numbers[1]
        }
        let certified = range("Certified Values")
        let data = range("Data  ")
        var est: [Double] = [], sd: [Double] = []
        var rsd = Double.nan, r2 = Double.nan
        for lineNumber in certified {
            let fields = lines[lineNumber - 1].split(separator: " ").map(String.init)
            guard let first = fields.first else { continue }
            if first.hasPrefix("B"), fields.count == 3, Int(first.dropFirst()) != nil {
                est.append(Double(fields[1])!)
                sd.append(Double(fields[2])!)
            } else if first == "Standard", fields.count >= 3, fields[1] == "Deviation" {
                rsd = Double(fields[2])!
            } else if first == "R-Squared" {
                r2 = Double(fields[1])!
            }
        }
        var ys: [Double] = []
        var xs: [[Double]] = []
        for lineNumber in data {
            let values = lines[lineNumber - 1].split(separator: " ").compactMap { Double(String($0)) }
            guard !values.isEmpty else { continue }
            ys.append(values[0])
            if xs.isEmpty { xs = Array(repeating: [], count: values.count - 1) }
            for k in 1..<values.count { xs[k - 1].append(values[k]) }
        }
        y = ys; x = xs
        estimates = est; standardDeviations = sd
        residualStandardDeviation = rsd; rSquared = r2
    }

    /// The design the certified model uses.
    var design: ExtendedMatrix {
        let t = x[0]
        func powers(_ degree: Int) -> ExtendedMatrix {
            // Powers computed in extended precision: Filip's x¹⁰ rounded to Double alone costs 2 digits.
            ExtendedMatrix(columns: (0...degree).map { d in t.map { v in
                var p: ExtendedFloat = 1
                for _ in 0..<d { p *= ExtendedFloat(v) }
                return p
            } })
        }
        switch name {
        case "Norris": return powers(1)
        case "Pontius": return powers(2)
        case "Filip": return powers(10)
        case "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5": return powers(5)
        case "NoInt1", "NoInt2": return ExtendedMatrix(Matrix(columns: [t]))
        case "Longley": return ExtendedMatrix(Matrix(columns: [Array(repeating: 1, count: y.count)] + x))
        default: fatalError("unknown NIST problem \(name)")
        }
    }

    var hasIntercept: Bool { !name.hasPrefix("NoInt") }
}

struct NISTLinearResult {
    let coefficients: Double
    let standardDeviations: Double
    let residualSD: Double
    let rSquared: Double
}

func solveNIST(_ problem: NISTLinearProblem) throws -> NISTLinearResult {
    let fit = try leastSquares(design: problem.design, response: problem.y)
    let n = Double(problem.y.count), p = Double(fit.coefficients.count)
    let residualSD = (fit.residualSumOfSquares / (n - p)).squareRoot()
    let total: Double
    if problem.hasIntercept {
        let mean = extendedSum(problem.y) / n
        total = extendedSumOfSquares(problem.y.map { $0 - mean })
    } else {
        total = extendedSumOfSquares(problem.y)   // NIST's uncentred R² for models without intercept
    }
    let r2 = 1 - fit.residualSumOfSquares / total
    let lreCoefficients = zip(fit.coefficients, problem.estimates).map(logRelativeError).min()!
    let lreSD = zip(fit.standardErrors, problem.standardDeviations).map(logRelativeError).min()!
    return NISTLinearResult(coefficients: lreCoefficients, standardDeviations: lreSD,
                            residualSD: logRelativeError(residualSD, problem.residualStandardDeviation),
                            rSquared: logRelativeError(r2, problem.rSquared))
}

@Suite("NIST StRD linear regression: certified digits")
struct NISTLinearTests {
    static let names = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
                        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]

    @Test("every coefficient, its standard deviation, the residual SD and R² reach the certified digits",
          arguments: names)
    func certifiedDigits(name: String) throws {
        let problem = try NISTLinearProblem(name)
        #expect(problem.estimates.count == problem.design.columns)
        let lre = try solveNIST(problem)
        print("NIST \(name): LRE coefficients \(String(format: "%.1f", lre.coefficients)), SD \(String(format: "%.1f", lre.standardDeviations)), residual SD \(String(format: "%.1f", lre.residualSD)), R² \(String(format: "%.1f", lre.rSquared))")
        #expect(lre.coefficients >= 10, "coefficients: \(lre.coefficients) digits")
        // Filip's design has condition ~1e15 before scaling; its SDs come from R⁻¹ without refinement.
        #expect(lre.standardDeviations >= (name == "Filip" ? 7 : 10), "SDs: \(lre.standardDeviations) digits")
        #expect(lre.residualSD >= 10, "residual SD: \(lre.residualSD) digits")
        #expect(lre.rSquared >= 10, "R²: \(lre.rSquared) digits")
    }

    @Test("without refinement, large-residual Wampler5 loses digits: the refinement is what earns them")
    func refinementMatters() throws {
        let problem = try NISTLinearProblem("Wampler5")
        let unrefined = try leastSquares(design: problem.design, response: problem.y,
                                         options: LeastSquaresOptions(maximumRefinementSteps: 0))
        let refined = try leastSquares(design: problem.design, response: problem.y)
        let lreUnrefined = zip(unrefined.coefficients, problem.estimates).map(logRelativeError).min()!
        let lreRefined = zip(refined.coefficients, problem.estimates).map(logRelativeError).min()!
        #expect(lreUnrefined < 8)
        #expect(lreRefined >= 10)
    }
}
