import Foundation
import Testing
import PlancastTestSupport
@testable import LinearAlgebra

/// A NIST StRD nonlinear regression problem: data, both start vectors and the certified values.
struct NISTNonlinearProblem: Sendable {
    enum Difficulty: String, Sendable { case lower = "Lower", average = "Average", higher = "Higher" }

    let name: String
    let difficulty: Difficulty
    /// The response the model is fitted to: `y`, or `log y` for Nelson.
    let response: [Double]
    /// The predictors of each observation (one, or two for Nelson).
    let predictors: [[Double]]
    let starts: [[Double]]                 // start 1 and start 2
    let certified: [Double]
    let certifiedStandardDeviations: [Double]
    let residualSumOfSquares: Double
    let residualStandardDeviation: Double
    let degreesOfFreedom: Int
    let model: NISTNonlinearModel

    init(_ name: String) throws {
        self.name = name
        let lines = try Fixtures.lines("nist/nonlinear/\(name).dat")
        func words(_ line: String) -> [String] { line.split(whereSeparator: \.isWhitespace).map(String.init) }

        let dataHeader = lines.first { $0.contains("Data") && $0.contains("(lines") }!
        let bounds = dataHeader.components(separatedBy: CharacterSet.decimalDigits.inverted).compactMap { Int($0) }
        let difficultyLine = lines.first { $0.contains("Level of Difficulty") }!
        difficulty = Difficulty(rawValue: words(difficultyLine)[0])!

        var starts: [[Double]] = [[], []]
        var estimates: [Double] = [], deviations: [Double] = []
        var rss = Double.nan, rsd = Double.nan, df = 0
        for line in lines[..<(bounds[0] - 1)] {
            let fields = words(line)
            guard let first = fields.first else { continue }
            if first.hasPrefix("b"), Int(first.dropFirst()) != nil, fields.count == 6, fields[1] == "=" {
                starts[0].append(Double(fields[2])!)
                starts[1].append(Double(fields[3])!)
                estimates.append(Double(fields[4])!)
                deviations.append(Double(fields[5])!)
            } else if line.hasPrefix("Residual Sum of Squares:") {
                rss = Double(fields.last!)!
            } else if line.hasPrefix("Residual Standard Deviation:") {
                rsd = Double(fields.last!)!
            } else if line.hasPrefix("Degrees of Freedom:") {
                df = Int(fields.last!)!
            }
        }
        var ys: [Double] = [], xs: [[Double]] = []
        for lineNumber in bounds[0]...bounds[1] {
            let values = words(lines[lineNumber - 1]).compactMap(Double.init)
            guard !values.isEmpty else { continue }
            ys.append(values[0])
            xs.append(Array(values.dropFirst()))
        }
        response = name == "Nelson" ? ys.map { log($0) } : ys
        predictors = xs
        self.starts = starts
        certified = estimates
        certifiedStandardDeviations = deviations
        residualSumOfSquares = rss
        residualStandardDeviation = rsd
        degreesOfFreedom = df
        model = NISTNonlinearModel.named(name)
    }

    var observations: Int { response.count }

    /// `yᵢ − f(xᵢ; b)`.
    func residuals(_ b: [Double]) -> [Double] {
        zip(response, predictors).map { y, x in y - model.value(x, b) }
    }

    /// `∂f/∂b`, n × p, from the hand-written gradient.
    func jacobian(_ b: [Double]) -> Matrix {
        Matrix(rows: predictors.map { model.gradient($0, b) })
    }
}

/// How close one fit came to the certified values, in correct digits (LRE, capped at 16).
struct NISTNonlinearOutcome: Sendable {
    let parameters: Double
    let standardDeviations: Double
    let residualSD: Double
    let fit: NonlinearFit

    init(_ problem: NISTNonlinearProblem, _ fit: NonlinearFit) {
        self.fit = fit
        parameters = zip(fit.parameters, problem.certified).map(logRelativeError).min()!
        standardDeviations = zip(fit.standardErrors, problem.certifiedStandardDeviations).map(logRelativeError).min()!
        residualSD = logRelativeError(fit.residualVariance.squareRoot(), problem.residualStandardDeviation)
    }
}

/// Fits `problem` from start 1 or 2 with the hand-written Jacobian (or differences), printing one
/// line of the table the closing note quotes. A fit that throws prints its error and returns nil.
func fitNIST(_ problem: NISTNonlinearProblem, start: Int, analyticJacobian: Bool = true,
             options: LevenbergMarquardtOptions = .init()) -> (NISTNonlinearOutcome?, Error?) {
    let label = "\(problem.name.padding(toLength: 9, withPad: " ", startingAt: 0)) start \(start)\(analyticJacobian ? "" : " (differences)")"
    let jacobian: (([Double]) -> Matrix)? = analyticJacobian ? { problem.jacobian($0) } : nil
    do {
        let fit = try levenbergMarquardt(start: problem.starts[start - 1], observations: problem.observations,
                                         residuals: problem.residuals, jacobian: jacobian,
                                         options: options)
        let outcome = NISTNonlinearOutcome(problem, fit)
        func digits(_ x: Double) -> String { String(format: "%4.1f", x) }
        print("NIST nonlinear \(label): LRE parameters \(digits(outcome.parameters)), SD \(digits(outcome.standardDeviations)), residual SD \(digits(outcome.residualSD)); iterations \(fit.iterations), evaluations \(fit.evaluations); \(fit.reason)")
        return (outcome, nil)
    } catch {
        print("NIST nonlinear \(label): failed: \(error)")
        return (nil, error)
    }
}

@Suite("NIST StRD nonlinear regression: certified digits", .serialized)
struct NISTNonlinearTests {
    static let lowerAndAverage = ["Misra1a", "Chwirut2", "Chwirut1", "Lanczos3", "Gauss1", "Gauss2", "DanWood",
                                  "Misra1b", "Kirby2", "Hahn1", "Nelson", "MGH17", "Lanczos1", "Lanczos2",
                                  "Gauss3", "Misra1c", "Misra1d", "Roszman1", "ENSO"]
    static let higher = ["MGH09", "Thurber", "BoxBOD", "Rat42", "MGH10", "Eckerle4", "Rat43", "Bennett5"]

    /// Lanczos1's data are its model rounded to 13 digits, so its certified RSS (1.4e-25) and the SDs
    /// derived from it are round-off; NIST itself says to compare its parameters only.
    static func checksResidualScale(_ name: String) -> Bool { name != "Lanczos1" }

    @Test("all 27 files parse with the certified shapes and difficulty")
    func parsing() throws {
        var counts: [NISTNonlinearProblem.Difficulty: Int] = [:]
        for name in Self.lowerAndAverage + Self.higher {
            let problem = try NISTNonlinearProblem(name)
            counts[problem.difficulty, default: 0] += 1
            let p = problem.model.parameterCount
            #expect(problem.certified.count == p, "\(name)")
            #expect(problem.starts.allSatisfy { $0.count == p }, "\(name)")
            // Rat43.dat says 9 degrees of freedom for 15 observations and 4 parameters; its certified
            // residual SD, √(RSS/11), shows the 9 is a misprint.
            #expect(problem.observations - p == (name == "Rat43" ? 11 : problem.degreesOfFreedom), "\(name)")
            #expect(problem.predictors.allSatisfy { $0.count == (name == "Nelson" ? 2 : 1) }, "\(name)")
            #expect((problem.difficulty == .higher) == Self.higher.contains(name), "\(name)")
        }
        #expect(counts == [.lower: 8, .average: 11, .higher: 8])
    }

    @Test("at the certified parameters the hand-written models give the certified residual sum of squares",
          arguments: lowerAndAverage + higher)
    func modelsMatchCertifiedRSS(name: String) throws {
        let problem = try NISTNonlinearProblem(name)
        guard Self.checksResidualScale(name) else { return }
        let rss = extendedSumOfSquares(problem.residuals(problem.certified))
        // The certified parameters are rounded to 11 digits; the RSS at them agrees to about 10.
        #expect(logRelativeError(rss, problem.residualSumOfSquares) >= 8, "\(name): RSS \(rss)")
    }

    @Test("each hand-written Jacobian agrees with central differences at both starts and the solution",
          arguments: lowerAndAverage + higher)
    func jacobiansAgreeWithDifferences(name: String) throws {
        let problem = try NISTNonlinearProblem(name)
        for b in problem.starts + [problem.certified] {
            let analytic = problem.jacobian(b)
            let numeric = try #require(try differenceJacobian(at: b, residuals: problem.residuals(b), scheme: .central,
                                                              evaluate: problem.residuals))
            let responseNorm = euclideanNorm(problem.response)
            for j in 0..<analytic.columns {
                // Central differences with h = ε^⅓·|bⱼ| carry a truncation error of about h² (1e-6 of the
                // column allows for third derivatives up to 1e4 times the first) and a round-off error of
                // about ε·‖y‖/h, which dominates for columns far smaller than the response (MGH17 start 1).
                let h = 6.055454452393343e-06 * abs(b[j])
                let allowed = 1e-6 * euclideanNorm(analytic.column(j)) + 10 * Double.ulpOfOne * responseNorm / h
                let difference = euclideanNorm(zip(analytic.column(j), numeric.column(j)).map(-))
                #expect(difference <= allowed, "\(name) b\(j + 1) at \(b): difference \(difference), allowed \(allowed)")
            }
        }
    }

    @Test("lower- and average-difficulty sets reach 6 certified digits from both starts",
          arguments: lowerAndAverage, [1, 2])
    func lowerAndAverageDifficulty(name: String, start: Int) throws {
        let problem = try NISTNonlinearProblem(name)
        let (outcome, error) = fitNIST(problem, start: start)
        let lre = try #require(outcome, "\(name) start \(start): \(String(describing: error))")
        #expect(lre.fit.converged, "\(name) start \(start): \(lre.fit.reason)")
        #expect(lre.parameters >= 6, "\(name) start \(start): parameters \(lre.parameters) digits")
        if Self.checksResidualScale(name) {
            #expect(lre.standardDeviations >= 4, "\(name) start \(start): SDs \(lre.standardDeviations) digits")
            #expect(lre.residualSD >= 6, "\(name) start \(start): residual SD \(lre.residualSD) digits")
        }
    }

    @Test("at least 6 of the 8 higher-difficulty sets reach 6 certified digits from start 2")
    func higherDifficultyFromStart2() throws {
        var solved: [String] = []
        for name in Self.higher {
            let problem = try NISTNonlinearProblem(name)
            guard let lre = fitNIST(problem, start: 2).0, lre.parameters >= 6 else { continue }
            solved.append(name)
            // Where the parameters converged, so must their SDs and the residual SD.
            #expect(lre.standardDeviations >= 4, "\(name) start 2: SDs \(lre.standardDeviations) digits")
            #expect(lre.residualSD >= 6, "\(name) start 2: residual SD \(lre.residualSD) digits")
        }
        #expect(solved.count >= 6, "solved only \(solved)")
    }

    @Test("from start 1 a higher-difficulty set reaches the certified values or says that it did not",
          arguments: higher)
    func higherDifficultyFromStart1(name: String) throws {
        let problem = try NISTNonlinearProblem(name)
        let (outcome, error) = fitNIST(problem, start: 1)
        if let error {
            #expect(error is NonlinearFitError, "\(name): \(error)")
        } else if let lre = outcome {
            if lre.parameters >= 6 {
                #expect(lre.standardDeviations >= 4, "\(name) start 1: SDs \(lre.standardDeviations) digits")
            } else {
                // A wrong answer must not be reported as converged.
                #expect(!lre.fit.converged, "\(name) start 1: \(lre.parameters) digits, yet converged: \(lre.fit.reason)")
            }
        }
    }

    @Test("with difference Jacobians the lower-difficulty sets still reach 6 digits from start 2",
          arguments: lowerAndAverage.prefix(8))
    func differenceJacobians(name: String) throws {
        let problem = try NISTNonlinearProblem(name)
        let (outcome, error) = fitNIST(problem, start: 2, analyticJacobian: false)
        let lre = try #require(outcome, "\(name): \(String(describing: error))")
        #expect(lre.parameters >= 6, "\(name): parameters \(lre.parameters) digits")
    }
}

@Suite("Levenberg–Marquardt behaviour")
struct LevenbergMarquardtTests {
    static let t: [Double] = Array(0..<12).map(Double.init)
    /// A logistic trend with cap 50, midpoint 5 and rate 0.8, plus a fixed wobble.
    static let y: [Double] = t.enumerated().map { i, x in 50 / (1 + exp(0.8 * (5 - x))) + (i.isMultiple(of: 2) ? 0.3 : -0.3) }

    static func logisticResiduals(_ b: [Double]) -> [Double] {
        zip(t, y).map { x, y in y - b[0] / (1 + exp(b[2] * (b[1] - x))) }
    }

    @Test("a logistic trend with unknown cap is fitted from rough start values, with and without a Jacobian")
    func logisticWithUnknownCap() throws {
        let analytic = try levenbergMarquardt(start: [30, 3, 0.3], observations: Self.t.count,
                                              residuals: Self.logisticResiduals,
                                              jacobian: { b in
            Matrix(rows: Self.t.map { x in
                let e = exp(b[2] * (b[1] - x)), u = 1 + e
                return [1 / u, -b[0] * b[2] * e / (u * u), -b[0] * (b[1] - x) * e / (u * u)]
            })
        })
        let differences = try levenbergMarquardt(start: [30, 3, 0.3], observations: Self.t.count,
                                                 residuals: Self.logisticResiduals)
        #expect(analytic.converged)
        #expect(abs(analytic.parameters[0] - 50) < 1)
        #expect(abs(analytic.parameters[1] - 5) < 0.1)
        #expect(abs(analytic.parameters[2] - 0.8) < 0.05)
        for j in 0..<3 {
            // Central differences carry about ten digits; the optimum is flat to second order.
            #expect(abs(analytic.parameters[j] - differences.parameters[j]) <= 1e-7 * abs(analytic.parameters[j]))
        }
    }

    @Test("a weight of 2 is the same as the observation entered twice")
    func weightsDuplicateObservations() throws {
        let weights = Self.t.map { $0 < 4 ? 2.0 : 1.0 }
        let weighted = try levenbergMarquardt(start: [40, 4, 0.5], observations: Self.t.count,
                                              residuals: Self.logisticResiduals, weights: weights)
        let duplicated = try levenbergMarquardt(start: [40, 4, 0.5], observations: Self.t.count + 4) { b in
            let r = Self.logisticResiduals(b)
            return r + r.prefix(4)
        }
        #expect(abs(weighted.residualSumOfSquares - duplicated.residualSumOfSquares) <= 1e-10 * duplicated.residualSumOfSquares)
        for j in 0..<3 {
            #expect(abs(weighted.parameters[j] - duplicated.parameters[j]) <= 1e-8 * abs(duplicated.parameters[j]))
            #expect(abs(weighted.unscaledCovariance[j, j] - duplicated.unscaledCovariance[j, j])
                    <= 1e-6 * duplicated.unscaledCovariance[j, j])
        }
        #expect(weighted.residuals.count == Self.t.count)
    }

    @Test("a trial step into a region where the model is undefined is shrunk, not fatal")
    func nonFiniteTrialShrinks() throws {
        // y = √(b·x) is NaN for b < 0; the first Gauss–Newton step from b = 50 overshoots below zero.
        let x: [Double] = [1, 2, 3, 4, 5]
        let y = x.map { (0.01 * $0).squareRoot() }
        let fit = try levenbergMarquardt(start: [50], observations: x.count,
                                         residuals: { b in zip(x, y).map { x, y in y - (b[0] * x).squareRoot() } },
                                         options: LevenbergMarquardtOptions(initialStepBound: 1e4))
        #expect(abs(fit.parameters[0] - 0.01) < 1e-12)
    }

    @Test("start values where the model cannot be evaluated are refused with advice")
    func nonFiniteStart() {
        #expect(throws: NonlinearFitError.nonFiniteResidual(iteration: 0)) {
            try levenbergMarquardt(start: [-1], observations: 3) { b in [1, 2, 3].map { $0 - b[0].squareRoot() } }
        }
        #expect(NonlinearFitError.nonFiniteResidual(iteration: 0).description.contains("start values"))
    }

    @Test("hitting the iteration limit throws didNotConverge with the iterations and the last step")
    func iterationLimit() throws {
        let problem = try NISTNonlinearProblem("Misra1a")
        do {
            _ = try levenbergMarquardt(start: problem.starts[0], observations: problem.observations,
                                       residuals: problem.residuals, jacobian: problem.jacobian,
                                       options: LevenbergMarquardtOptions(maximumIterations: 3))
            Issue.record("expected didNotConverge")
        } catch let NonlinearFitError.didNotConverge(iterations, lastStep, cost) {
            #expect(iterations == 3)
            #expect(lastStep > 0 && lastStep.isFinite)
            #expect(cost > problem.residualSumOfSquares)
            #expect(NonlinearFitError.didNotConverge(iterations: iterations, lastStep: lastStep, cost: cost)
                        .description.contains("try other start values"))
        }
    }

    @Test("fewer observations than parameters is refused")
    func tooFewObservations() {
        #expect(throws: NonlinearFitError.tooFewObservations(observations: 2, parameters: 3)) {
            try levenbergMarquardt(start: [1, 1, 1], observations: 2) { b in [b[0], b[1]] }
        }
    }

    @Test("a residual function of the wrong length is a dimension mismatch")
    func wrongResidualCount() {
        #expect(throws: LinearAlgebraError.self) {
            try levenbergMarquardt(start: [1], observations: 3) { b in [b[0], 1] }
        }
    }

    @Test("a parameter the residuals do not depend on is reported, with a NaN covariance, not a crash")
    func unidentifiableParameter() throws {
        let x: [Double] = [0, 1, 2, 3]
        let fit = try levenbergMarquardt(start: [1, 7], observations: 4) { b in x.map { 2 * $0 + 1 - b[0] * $0 - 1 } }
        #expect(abs(fit.parameters[0] - 2) < 1e-12)
        #expect(fit.parameters[1] == 7)
        #expect(fit.unscaledCovariance[1, 1].isNaN)
        #expect(!fit.converged)
        #expect(fit.reason.contains("parameter 2"))
    }

    @Test("the documentation example: a logistic with cap 10 recovered exactly")
    func documentationExample() throws {
        let t: [Double] = [0, 1, 2, 3, 4, 5]
        let y = t.map { 10 / (1 + exp(2 - $0)) }
        let fit = try levenbergMarquardt(start: [8, 1, 1], observations: t.count) { b in
            zip(t, y).map { x, y in y - b[0] / (1 + exp(b[1] - b[2] * x)) }
        }
        #expect(fit.converged)
        for (estimate, truth) in zip(fit.parameters, [10.0, 2, 1]) { #expect(abs(estimate - truth) < 1e-9) }
    }
}
