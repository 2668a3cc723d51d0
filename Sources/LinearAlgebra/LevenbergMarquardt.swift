import CLAPACKE

/// How `levenbergMarquardt` differentiates the residuals when no Jacobian is given.
public enum DifferenceScheme: Sendable, CaseIterable {
    /// `(r(β + hⱼeⱼ) − r(β − hⱼeⱼ)) / 2hⱼ` with `hⱼ = ε^⅓·|βⱼ|`: two evaluations per parameter, about
    /// ten correct digits.
    case central
    /// `(r(β + hⱼeⱼ) − r(β)) / hⱼ` with `hⱼ = ε^½·|βⱼ|`: one evaluation per parameter, about eight
    /// correct digits.
    case forward
}

/// Options for `levenbergMarquardt`.
///
/// The three tolerances are relative and each one, when met, ends the iteration as converged; they
/// are MINPACK's `xtol`, `ftol` and `gtol` (Moré, Garbow and Hillstrom 1980). The defaults are tight
/// because iterations are cheap next to a wrong digit: with them and analytic Jacobians every NIST
/// StRD nonlinear problem that converges reaches at least 9 certified digits (`NISTNonlinearTests`).
///
/// ```swift
/// var options = LevenbergMarquardtOptions()
/// options.maximumIterations = 200
/// options.differenceScheme = .forward
/// ```
public struct LevenbergMarquardtOptions: Sendable {
    /// The most iterations (Jacobian evaluations) before `NonlinearFitError.didNotConverge`.
    public var maximumIterations: Int
    /// Converged when the trust region has shrunk to `stepTolerance · ‖D·β‖`, `D` the column scaling:
    /// no step can then change the scaled parameters by more than this fraction.
    public var stepTolerance: Double
    /// Converged when a step reduced the sum of squares by at most this fraction and the linear
    /// model predicted no more.
    public var costTolerance: Double
    /// Converged when the cosine of the angle between the residuals and every column of the
    /// Jacobian is at most this (the first-order condition `Jᵀr = 0`, made scale free). Off (0) by
    /// default, as in MINPACK's `lmder1`: for an ill-conditioned Jacobian a small cosine still allows
    /// a large error in the parameters.
    public var gradientTolerance: Double
    /// The first trust-region radius as a multiple of `‖D·β₀‖` (MINPACK's `factor`); smaller values
    /// keep the first steps closer to start values that are known to be good.
    public var initialStepBound: Double
    /// The difference scheme used when no Jacobian is given.
    public var differenceScheme: DifferenceScheme

    public init(maximumIterations: Int = 1000, stepTolerance: Double = 1e-12, costTolerance: Double = 1e-14,
                gradientTolerance: Double = 0, initialStepBound: Double = 100,
                differenceScheme: DifferenceScheme = .central) {
        self.maximumIterations = maximumIterations
        self.stepTolerance = stepTolerance
        self.costTolerance = costTolerance
        self.gradientTolerance = gradientTolerance
        self.initialStepBound = initialStepBound
        self.differenceScheme = differenceScheme
    }
}

/// The result of a nonlinear least-squares fit `min Σ wᵢ rᵢ(β)²`.
public struct NonlinearFit: Sendable {
    /// The estimates `β̂`.
    public let parameters: [Double]
    /// `rᵢ(β̂) = yᵢ − f(xᵢ; β̂)`, on the scale of the response (not weighted).
    public let residuals: [Double]
    /// `Σ wᵢ rᵢ(β̂)²`, accumulated in extended precision.
    public let residualSumOfSquares: Double
    /// `(JᵀWJ)⁻¹` at `β̂`, from `R⁻¹` of the Jacobian's QR factors; multiply by σ̂² for the
    /// covariance of `β̂`. Every entry is NaN when the Jacobian at `β̂` is singular (some parameter has
    /// no effect on the fit there, so it is not identifiable).
    public let unscaledCovariance: Matrix
    /// Iterations taken: trust-region iterations plus Gauss–Newton refinement steps (each one
    /// evaluation of the Jacobian).
    public let iterations: Int
    /// Evaluations of the residual function, difference Jacobians included.
    public let evaluations: Int
    /// Whether one of the tolerances in `LevenbergMarquardtOptions` was met at a point where every
    /// parameter still affects the residuals. False, with `reason` saying why, when the iteration
    /// ran into a degenerate point (a parameter whose Jacobian column vanished, such as a growth rate
    /// gone to infinity: try other start values), or stopped because no step could make progress at
    /// machine precision before a tolerance was met (only with tolerances below machine precision;
    /// the parameters are then the best the arithmetic allows).
    public let converged: Bool
    /// Which test ended the iteration, in words.
    public let reason: String

    /// `n − p`.
    public var residualDegreesOfFreedom: Int { residuals.count - parameters.count }

    /// `σ̂² = RSS / (n − p)`, or NaN without residual degrees of freedom.
    public var residualVariance: Double {
        residualDegreesOfFreedom > 0 ? residualSumOfSquares / Double(residualDegreesOfFreedom) : .nan
    }

    /// Asymptotic standard errors `σ̂ · √diag((JᵀWJ)⁻¹)`.
    public var standardErrors: [Double] {
        let s2 = residualVariance
        return (0..<parameters.count).map { (s2 * unscaledCovariance[$0, $0]).squareRoot() }
    }
}

/// Why a nonlinear fit failed.
public enum NonlinearFitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The iteration limit was reached; `lastStep` is the last trial step relative to the scaled
    /// parameters, `cost` the sum of squares reached.
    case didNotConverge(iterations: Int, lastStep: Double, cost: Double)
    /// The residual function returned NaN or an infinite value where the fit cannot step around it:
    /// at the start (iteration 0). Trial points with non-finite residuals are only rejected.
    case nonFiniteResidual(iteration: Int)
    /// The Jacobian (given, or by differences) holds NaN or an infinite value at an accepted point,
    /// where the residuals themselves are finite.
    case nonFiniteJacobian(iteration: Int)
    /// There are fewer observations than parameters.
    case tooFewObservations(observations: Int, parameters: Int)

    public var description: String {
        switch self {
        case let .didNotConverge(iterations, lastStep, cost):
            return "the nonlinear fit did not converge in \(iterations) iterations (last relative step \(lastStep), sum of squares \(cost)); try other start values, rescale the parameters to similar magnitudes, or allow more iterations"
        case let .nonFiniteResidual(iteration):
            return iteration == 0
                ? "the model gives NaN or infinite residuals at the start values; choose start values where the model can be evaluated at every observation"
                : "the model gives NaN or infinite residuals at iteration \(iteration); try other start values"
        case let .nonFiniteJacobian(iteration):
            return "the Jacobian holds NaN or an infinite value at iteration \(iteration); check the model's derivatives, or choose start values where the model is differentiable"
        case let .tooFewObservations(observations, parameters):
            return "\(observations) observations cannot determine \(parameters) parameters; at least \(parameters) are needed, and \(parameters + 1) for standard errors"
        }
    }
}

/// Fits `β` to minimise `Σ wᵢ rᵢ(β)²` by Levenberg–Marquardt with Moré's trust region (MINPACK `lmder`).
///
/// ```swift
/// let t: [Double] = [0, 1, 2, 3, 4, 5]
/// let y = t.map { 10 / (1 + exp(2 - $0)) }                 // a logistic with cap 10
/// let fit = try levenbergMarquardt(start: [8, 1, 1], observations: t.count) { b in
///     zip(t, y).map { x, y in y - b[0] / (1 + exp(b[1] - b[2] * x)) }
/// }
/// fit.parameters   // [10.0, 2.0, 1.0]
/// ```
///
/// Each iteration scales the parameters by `D`, the largest Euclidean norm each Jacobian column has
/// had, and takes the step `δ` that minimises `‖J·δ − r‖` subject to `‖D·δ‖ ≤ Δ`. That step solves
/// the augmented least-squares problem `[J; √λ·D]·δ = [r; 0]`, factored by LAPACK's pivoted QR,
/// with `λ` found by Moré's safeguarded Newton iteration; `Δ` grows or shrinks with the ratio of
/// the actual to the predicted reduction. A trial point where the residuals are not finite is
/// treated as a failed step and the region shrinks tenfold.
///
/// Once a tolerance is met, Gauss–Newton steps continue while they contract: near the minimum the
/// sum of squares changes by less than its rounding error, so the trust region alone leaves the
/// parameters at about √ε of their scaled size, which costs weakly determined parameters their
/// digits (NIST ENSO's b8 keeps 6 without this, 10 with it).
///
/// - Parameters:
///   - start: the start values `β₀`.
///   - observations: `n`, the number of residuals.
///   - residuals: `rᵢ(β) = yᵢ − f(xᵢ; β)`, `n` values.
///   - jacobian: `∂f/∂β` (n × p, the derivative of the model, not of the residuals), or nil for
///     differences of the residuals (`options.differenceScheme`).
///   - weights: optional positive weights `wᵢ` (`Var(εᵢ) = σ²/wᵢ`).
///   - options: iteration limit and tolerances.
/// - Returns: the estimates, residuals and `(JᵀWJ)⁻¹` at the solution.
/// - Throws: `NonlinearFitError.didNotConverge` at the iteration limit; `.nonFiniteResidual` when the
///   start cannot be evaluated; `.nonFiniteJacobian`; `.tooFewObservations`;
///   `LinearAlgebraError.dimensionMismatch` or `.nonFiniteInput` for inconsistent input.
/// - Complexity: O(n p²) per trial of `λ`, a few trials per iteration.
public func levenbergMarquardt(start: [Double], observations: Int,
                               residuals: ([Double]) -> [Double],
                               jacobian: (([Double]) -> Matrix)? = nil,
                               weights: [Double]? = nil,
                               options: LevenbergMarquardtOptions = .init()) throws -> NonlinearFit {
    try checkNonlinearProblem(start: start, observations: observations, weights: weights)
    return try withoutActuallyEscaping(residuals) { residuals in
        var solver = try LevenbergMarquardtSolver(start: start, observations: observations, residuals: residuals,
                                                  jacobian: jacobian, weights: weights, options: options)
        var stop = try solver.iterate()
        let refinementSteps = try solver.refine()
        if refinementSteps > 0 { stop.reason += "; then \(refinementSteps) Gauss–Newton refinement steps" }
        return try solver.result(stop)
    }
}

/// Refuses a problem `levenbergMarquardt` cannot start on: no parameters, fewer observations than
/// parameters, start values or weights that are not finite (weights must also be positive).
private func checkNonlinearProblem(start: [Double], observations n: Int, weights: [Double]?) throws {
    let p = start.count
    guard p > 0 else { throw LinearAlgebraError.dimensionMismatch("a nonlinear fit needs at least one parameter") }
    guard n >= p else { throw NonlinearFitError.tooFewObservations(observations: n, parameters: p) }
    guard start.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFiniteInput("the start values") }
    if let weights {
        guard weights.count == n else {
            throw LinearAlgebraError.dimensionMismatch("\(n) observations but \(weights.count) weights")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw LinearAlgebraError.nonFiniteInput("the weights (each must be a positive finite number)")
        }
    }
}

/// The state of one `levenbergMarquardt` fit, in the named steps of MINPACK's `lmder`: the
/// trust-region iteration (`iterate`, one region at a time in `tryStepsInRegion`), the Gauss–Newton
/// refinement (`refine`) and the covariance at the solution (`result`).
private struct LevenbergMarquardtSolver {
    /// Which test ended the iteration: whether it counts as converged, and why, in words.
    struct Stop {
        var converged: Bool
        var reason: String
    }

    /// The reductions of the sum of squares a trial step gives and the linear model predicted,
    /// relative to the current one, and their ratio.
    struct Reduction {
        var actual: Double
        var predicted: Double
        var directional: Double
        var ratio: Double
    }

    let n: Int, p: Int
    let residuals: ([Double]) -> [Double]
    let jacobian: (([Double]) -> Matrix)?
    let weights: [Double]?
    let rootWeights: [Double]?
    let options: LevenbergMarquardtOptions
    let epsilon = Double.ulpOfOne
    /// Evaluations of the residual function so far.
    var evaluations = 0

    /// The current point, its weighted residuals and their norm.
    var beta: [Double]
    var r: [Double] = []
    var rNorm = 0.0
    var iteration = 0
    var lambda = 0.0
    var radius = 0.0
    /// `‖D·β‖`.
    var betaNorm = 0.0
    /// `D`: the largest norm each Jacobian column has had.
    var scale: [Double]
    var lastStep = Double.nan
    /// The Jacobian at `beta`, when the refinement evaluated it there and took no step after.
    var jacobianAtSolution: Matrix? = nil

    /// Evaluates the residuals at the start values.
    ///
    /// - Throws: `NonlinearFitError.nonFiniteResidual(iteration: 0)` when they are not finite.
    init(start: [Double], observations: Int, residuals: @escaping ([Double]) -> [Double], jacobian: (([Double]) -> Matrix)?,
         weights: [Double]?, options: LevenbergMarquardtOptions) throws {
        n = observations
        p = start.count
        self.residuals = residuals
        self.jacobian = jacobian
        self.weights = weights
        rootWeights = weights?.map { $0.squareRoot() }
        self.options = options
        beta = start
        scale = [Double](repeating: 1, count: start.count)
        r = try weightedResiduals(beta)
        guard r.allSatisfy(\.isFinite) else { throw NonlinearFitError.nonFiniteResidual(iteration: 0) }
        rNorm = euclideanNorm(r)
    }

    /// `√wᵢ·rᵢ(β)`, possibly not finite.
    mutating func weightedResiduals(_ beta: [Double]) throws -> [Double] {
        evaluations += 1
        var r = residuals(beta)
        guard r.count == n else {
            throw LinearAlgebraError.dimensionMismatch("the residual function returned \(r.count) values for \(n) observations")
        }
        if let rootWeights { for i in 0..<n { r[i] *= rootWeights[i] } }
        return r
    }

    /// `√W·∂f/∂β`, or nil when it is not finite.
    mutating func weightedJacobian(_ beta: [Double], _ r: [Double]) throws -> Matrix? {
        var j: Matrix
        if let jacobian {
            j = jacobian(beta)
            guard j.rows == n, j.columns == p else {
                throw LinearAlgebraError.dimensionMismatch("the Jacobian is \(j.rows)×\(j.columns), expected \(n)×\(p)")
            }
            if let rootWeights {
                for c in 0..<p { for i in 0..<n { j[i, c] *= rootWeights[i] } }
            }
        } else {
            guard let difference = try differenceJacobian(at: beta, residuals: r, scheme: options.differenceScheme,
                                                          evaluate: { try weightedResiduals($0) }) else { return nil }
            j = difference
        }
        return j.isFinite ? j : nil
    }

    /// The trust-region iteration: a Jacobian, then trial steps in its region until one is accepted,
    /// until a tolerance is met or no progress is possible.
    ///
    /// - Throws: `NonlinearFitError.didNotConverge` at the iteration limit, `.nonFiniteJacobian`.
    mutating func iterate() throws -> Stop {
        while true {
            guard iteration < options.maximumIterations else {
                throw NonlinearFitError.didNotConverge(iterations: iteration, lastStep: lastStep, cost: rNorm * rNorm)
            }
            iteration += 1
            guard let j = try weightedJacobian(beta, r) else {
                throw NonlinearFitError.nonFiniteJacobian(iteration: iteration - 1)
            }
            let columnNorms = (0..<p).map { euclideanNorm(j.column($0)) }
            if iteration == 1 {
                scale = columnNorms.map { $0 > 0 ? $0 : 1 }
                betaNorm = scaledNorm(beta, scale)
                radius = options.initialStepBound * (betaNorm > 0 ? betaNorm : 1)
            }
            if rNorm == 0 { return Stop(converged: true, reason: "the residuals are zero (an exact fit)") }

            // The largest cosine between the residuals and a column of J.
            var gradientCosine = 0.0
            for c in 0..<p where columnNorms[c] > 0 {
                gradientCosine = max(gradientCosine, abs(extendedDot(j, column: c, r)) / (columnNorms[c] * rNorm))
            }
            if gradientCosine <= options.gradientTolerance {
                return Stop(converged: true,
                            reason: "the residuals are orthogonal to the Jacobian's columns within gradientTolerance (cosine \(gradientCosine))")
            }
            for c in 0..<p { scale[c] = max(scale[c], columnNorms[c]) }
            if let stop = try tryStepsInRegion(columnScaled(j, by: scale), gradientCosine: gradientCosine) { return stop }
        }
    }

    /// Trial steps for one Jacobian, the region shrinking after each rejected one, until one is
    /// accepted (nil: the iteration goes on) or a stopping test is met.
    mutating func tryStepsInRegion(_ scaledJacobian: Matrix, gradientCosine: Double) throws -> Stop? {
        while true {
            // The step in the scaled parameters D·β, then in β.
            let (scaledStep, newLambda) = try trustRegionStep(jacobian: scaledJacobian, residuals: r,
                                                              radius: radius, lambda: lambda)
            lambda = newLambda
            let trial = (0..<p).map { beta[$0] + scaledStep[$0] / scale[$0] }
            let stepNorm = euclideanNorm(scaledStep)
            if iteration == 1 { radius = min(radius, stepNorm) }
            // A trial point off the model's domain counts as an infinitely bad step.
            let trialResiduals = trial.allSatisfy(\.isFinite) ? try weightedResiduals(trial) : []
            let trialNorm = !trialResiduals.isEmpty && trialResiduals.allSatisfy(\.isFinite)
                ? euclideanNorm(trialResiduals) : .infinity
            let reduction = reductions(scaledJacobian, step: scaledStep, stepNorm: stepNorm, trialNorm: trialNorm)
            updateRegion(reduction, stepNorm: stepNorm, trialNorm: trialNorm)
            lastStep = betaNorm > 0 ? stepNorm / betaNorm : stepNorm
            let accepted = reduction.ratio >= 1e-4
            if accepted {
                beta = trial
                r = trialResiduals
                rNorm = trialNorm
                betaNorm = scaledNorm(beta, scale)
            }
            if let stop = stoppingTest(reduction, gradientCosine: gradientCosine) { return stop }
            if accepted { return nil }
        }
    }

    /// Actual and predicted relative reductions of the sum of squares by `step`, and their ratio.
    func reductions(_ scaledJacobian: Matrix, step: [Double], stepNorm: Double, trialNorm: Double) -> Reduction {
        let actual = 0.1 * trialNorm < rNorm ? 1 - (trialNorm / rNorm) * (trialNorm / rNorm) : -1
        let predictedFit = euclideanNorm(scaledJacobian.multiplied(by: step)) / rNorm
        let predictedDamping = lambda.squareRoot() * stepNorm / rNorm
        let predicted = predictedFit * predictedFit + 2 * predictedDamping * predictedDamping
        let directional = -(predictedFit * predictedFit + predictedDamping * predictedDamping)
        let ratio = predicted != 0 ? actual / predicted : 0
        return Reduction(actual: actual, predicted: predicted, directional: directional, ratio: ratio)
    }

    /// Moré's update of the trust region (and of λ) from how well the step's reduction was predicted.
    mutating func updateRegion(_ reduction: Reduction, stepNorm: Double, trialNorm: Double) {
        let (actual, directional, ratio) = (reduction.actual, reduction.directional, reduction.ratio)
        if ratio <= 0.25 {
            var factor = actual >= 0 ? 0.5 : 0.5 * directional / (directional + 0.5 * actual)
            if 0.1 * trialNorm >= rNorm || factor < 0.1 || !factor.isFinite { factor = 0.1 }
            radius = factor * min(radius, stepNorm / 0.1)
            lambda /= factor
        } else if lambda == 0 || ratio >= 0.75 {
            radius = stepNorm / 0.5
            lambda *= 0.5
        }
    }

    /// The convergence tests (the tolerances of `options`), then the tests that no progress is
    /// possible at machine precision; nil when the iteration goes on.
    func stoppingTest(_ reduction: Reduction, gradientCosine: Double) -> Stop? {
        let (actual, predicted, ratio) = (reduction.actual, reduction.predicted, reduction.ratio)
        if abs(actual) <= options.costTolerance && predicted <= options.costTolerance && 0.5 * ratio <= 1 {
            return Stop(converged: true, reason: "the relative reduction of the sum of squares fell below costTolerance")
        }
        if radius <= options.stepTolerance * betaNorm {
            return Stop(converged: true, reason: "the relative step fell below stepTolerance")
        }
        if rNorm == 0 { return Stop(converged: true, reason: "the residuals are zero (an exact fit)") }
        if abs(actual) <= epsilon && predicted <= epsilon && 0.5 * ratio <= 1 {
            return Stop(converged: false, reason: "no further reduction of the sum of squares is possible at machine precision")
        }
        if radius <= epsilon * betaNorm || radius == 0 {
            return Stop(converged: false, reason: "no further improvement of the parameters is possible at machine precision")
        }
        if gradientCosine <= epsilon {
            return Stop(converged: false, reason: "the residuals are orthogonal to the Jacobian's columns to machine precision")
        }
        return nil
    }

    /// Gauss–Newton refinement; returns the number of steps taken.
    ///
    /// Near the minimum the sum of squares changes by less than its rounding error, so the ratio test
    /// can no longer tell a good step from a bad one and the trust region stops the parameters at
    /// about √ε of their scaled norm. Gauss–Newton steps that contract (each at most 0.9 of the one
    /// before, the first at most 10⁻⁶·‖D·β‖) and do not raise the residual norm by more than a factor
    /// 1 + √ε settle Jᵀr = 0 to working precision.
    mutating func refine() throws -> Int {
        var refinementSteps = 0
        var stepLimit = 1e-6 * betaNorm
        while rNorm > 0, iteration < options.maximumIterations {
            guard let j = try weightedJacobian(beta, r) else { break }
            jacobianAtSolution = j
            let qr = try QRFactorization(columnScaled(j, by: scale), relativeTolerance: epsilon * Double(max(n, 10)))
            guard qr.rank == p else { break }
            let scaledStep = try qr.solve(r)
            let stepNorm = euclideanNorm(scaledStep)
            guard stepNorm > epsilon * betaNorm, stepNorm <= stepLimit else { break }
            let trial = (0..<p).map { beta[$0] + scaledStep[$0] / scale[$0] }
            let trialResiduals = try weightedResiduals(trial)
            // The sum of squares may not rise beyond what rounding explains.
            guard trialResiduals.allSatisfy(\.isFinite),
                  euclideanNorm(trialResiduals) <= rNorm * (1 + epsilon.squareRoot()) else { break }
            iteration += 1
            refinementSteps += 1
            jacobianAtSolution = nil
            beta = trial
            r = trialResiduals
            rNorm = euclideanNorm(r)
            betaNorm = scaledNorm(beta, scale)
            stepLimit = 0.9 * stepNorm
        }
        return refinementSteps
    }

    /// The fit at the point reached: the covariance from the Jacobian there (a degenerate point,
    /// where a parameter no longer moves the fit, is not converged), the unweighted residuals and
    /// their weighted sum of squares.
    mutating func result(_ stop: Stop) throws -> NonlinearFit {
        var stop = stop
        let atSolution: Matrix?
        if let jacobianAtSolution { atSolution = jacobianAtSolution } else { atSolution = try weightedJacobian(beta, r) }
        guard let finalJacobian = atSolution else {
            throw NonlinearFitError.nonFiniteJacobian(iteration: iteration)
        }
        let finalNorms = (0..<p).map { euclideanNorm(finalJacobian.column($0)) }
        let finalScale = (0..<p).map { max(scale[$0], finalNorms[$0]) }
        // A parameter whose Jacobian column has shrunk below ε of the largest it has been no longer moves
        // the fit (a rate gone to infinity, a cap gone to zero): the point is degenerate, not a minimum.
        let vanished = (0..<p).filter { finalNorms[$0] < epsilon * finalScale[$0] }
        if !vanished.isEmpty {
            let positions = vanished.map { "\($0 + 1)" }.joined(separator: ", ")
            stop = Stop(converged: false, reason: "at the point reached the residuals do not depend on parameter \(positions) (its Jacobian column is below ε of its largest size), so it is not identified there and the point is not a proper minimum; try other start values (\(stop.reason))")
        }
        let covariance = try unscaledCovariance(finalJacobian, scale: finalScale)
        let unweighted: [Double]
        if rootWeights == nil {
            unweighted = r
        } else {
            unweighted = residuals(beta)
            evaluations += 1
        }
        var rss: ExtendedFloat = 0
        for i in 0..<n {
            let v = ExtendedFloat(unweighted[i])
            rss += v * v * ExtendedFloat(weights?[i] ?? 1)
        }
        return NonlinearFit(parameters: beta, residuals: unweighted, residualSumOfSquares: Double(rss),
                            unscaledCovariance: covariance, iterations: iteration, evaluations: evaluations,
                            converged: stop.converged, reason: stop.reason)
    }

    /// `(JᵀJ)⁻¹`, factored in the scaled parameters (so that a column too small to scale counts as
    /// zero), then scaled back: `(JᵀJ)⁻¹ = D⁻¹ (J̃ᵀJ̃)⁻¹ D⁻¹`; every entry NaN when J is singular.
    func unscaledCovariance(_ j: Matrix, scale: [Double]) throws -> Matrix {
        do {
            let scaled = try QRFactorization(columnScaled(j, by: scale), relativeTolerance: 0).unscaledCovariance()
            return Matrix(rows: p, columns: p, columnMajor: (0..<(p * p)).map { k in
                scaled.storage[k] / (scale[k % p] * scale[k / p])
            })
        } catch LinearAlgebraError.singular {
            return Matrix(rows: p, columns: p, columnMajor: Array(repeating: .nan, count: p * p))
        }
    }
}

/// The Levenberg–Marquardt step for one trust region, in scaled parameters: Moré's (1978)
/// algorithm, MINPACK `lmpar`.
///
/// Returns `δ` minimising `‖J·δ − r‖` subject to `‖δ‖ ≤ Δ`, with `λ` such that `δ` solves
/// `[J; √λ·I]·δ = [r; 0]` and either `λ = 0` (the Gauss–Newton step fits in the region) or
/// `|‖δ‖ − Δ| ≤ 0.1·Δ`. `lambda` is the estimate from the previous call. Each trial `λ` costs one
/// pivoted QR of the (n + p) × p augmented matrix.
func trustRegionStep(jacobian j: Matrix, residuals r: [Double], radius: Double,
                     lambda initial: Double) throws -> (step: [Double], lambda: Double) {
    let n = j.rows, p = j.columns
    let smallest = Double.leastNormalMagnitude

    // The Gauss–Newton step; when J is singular, the solution in its independent columns.
    let gaussNewton = try QRFactorization(j, relativeTolerance: Double.ulpOfOne * Double(max(n, 10)))
    var step = try gaussNewton.solve(r, rank: gaussNewton.rank)
    var length = euclideanNorm(step)
    var excess = length - radius
    if excess <= 0.1 * radius { return (step, 0) }

    // Bounds on λ: Newton's step from λ = 0 below (when J has full rank), ‖Jᵀr‖/Δ above.
    var lower = 0.0
    if gaussNewton.rank == p {
        let q = step.map { $0 / length }
        let z = euclideanNorm(try gaussNewton.solveTriangular(gaussNewton.pivotAndScale(q), transpose: true))
        lower = excess / radius / z / z
        if !lower.isFinite { lower = 0 }
    }
    let gradientNorm = euclideanNorm((0..<p).map { extendedDot(j, column: $0, r) })
    var upper = gradientNorm / radius
    if upper == 0 { upper = smallest / min(radius, 0.1) }

    var lambda = min(max(initial, lower), upper)
    if lambda == 0 { lambda = gradientNorm / length }
    var augmented = Matrix(rows: n + p, columns: p)
    for c in 0..<p { for i in 0..<n { augmented[i, c] = j[i, c] } }
    let rightSide = r + Array(repeating: 0, count: p)
    for iteration in 1...10 {
        if lambda == 0 || !lambda.isFinite { lambda = max(smallest, 0.001 * upper) }
        for c in 0..<p { augmented[n + c, c] = lambda.squareRoot() }
        let qr = try QRFactorization(augmented, relativeTolerance: 0)
        step = try qr.solve(rightSide)
        length = euclideanNorm(step)
        if length == 0 { break }          // Jᵀr = 0 to the last bit: a stationary point
        let previous = excess
        excess = length - radius
        if abs(excess) <= 0.1 * radius || (lower == 0 && excess <= previous && previous < 0) || iteration == 10 {
            break
        }
        // Newton's correction to λ for the secular equation 1/‖δ(λ)‖ = 1/Δ.
        let q = step.map { $0 / length }
        let z = euclideanNorm(try qr.solveTriangular(qr.pivotAndScale(q), transpose: true))
        let correction = excess / radius / z / z
        if excess > 0 { lower = max(lower, lambda) }
        if excess < 0 { upper = min(upper, lambda) }
        lambda = max(lower, lambda + correction)
    }
    return (step, lambda)
}

/// `J·D⁻¹`, with any column whose norm is too small to be scaled safely (below `√(least normal)`,
/// negligible beside columns of norm up to 1) set to zero: that parameter is treated as having no
/// effect at this point.
func columnScaled(_ j: Matrix, by scale: [Double]) -> Matrix {
    var result = j
    for c in 0..<j.columns {
        for i in 0..<j.rows { result[i, c] /= scale[c] }
        if euclideanNorm(result.column(c)) < Double.leastNormalMagnitude.squareRoot() {
            for i in 0..<j.rows { result[i, c] = 0 }
        }
    }
    return result
}

extension QRFactorization {
    /// Solves `min ‖A·x − b‖` using only the first `rank` pivoted columns (the other components of
    /// the pivoted, scaled solution are zero), as MINPACK does for a singular Jacobian.
    func solve(_ b: [Double], rank: Int) throws -> [Double] {
        if rank == columns { return try solve(b) }
        var z = Array(try applyQ(b, transpose: true).prefix(rank))
        if rank > 0 {
            var a = factors
            try checkLAPACK(LAPACKE_dtrtrs(columnMajor, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")),
                                           Int8(UInt8(ascii: "N")), Int32(rank), 1, &a, Int32(rows), &z, Int32(rank)),
                            "dtrtrs")
        }
        return unpivot(z + Array(repeating: 0, count: columns - rank))
    }
}

/// `∂f/∂β = −∂r/∂β` by differences of the residuals at `beta`, or nil when no finite difference
/// exists for some column. Where one side of a central difference is not finite, the other side's
/// one-sided difference is used.
func differenceJacobian(at beta: [Double], residuals r: [Double], scheme: DifferenceScheme,
                        evaluate: ([Double]) throws -> [Double]) throws -> Matrix? {
    let n = r.count, p = beta.count
    // ε^⅓ balances truncation (h²) against round-off (ε/h) for central differences, ε^½ for forward.
    let relativeStep = scheme == .central ? 6.055454452393343e-06 : Double.ulpOfOne.squareRoot()
    var result = Matrix(rows: n, columns: p)
    for c in 0..<p {
        let h = relativeStep * (beta[c] != 0 ? abs(beta[c]) : 1)
        var shifted = beta
        shifted[c] = beta[c] + h
        let up = shifted[c] - beta[c]             // the step as represented
        let rUp = try evaluate(shifted)
        let upFinite = rUp.allSatisfy(\.isFinite)
        var rDown: [Double] = [], down = 0.0, downFinite = false
        if scheme == .central || !upFinite {
            shifted[c] = beta[c] - h
            down = beta[c] - shifted[c]
            rDown = try evaluate(shifted)
            downFinite = rDown.allSatisfy(\.isFinite)
        }
        switch (upFinite, downFinite) {
        case (true, true):
            for i in 0..<n { result[i, c] = -(rUp[i] - rDown[i]) / (up + down) }
        case (true, false):
            for i in 0..<n { result[i, c] = -(rUp[i] - r[i]) / up }
        case (false, true):
            for i in 0..<n { result[i, c] = -(r[i] - rDown[i]) / down }
        case (false, false):
            return nil
        }
    }
    return result
}

/// `Σᵢ J[i, column]·r[i]`, accumulated in extended precision.
func extendedDot(_ j: Matrix, column: Int, _ r: [Double]) -> Double {
    var sum: ExtendedFloat = 0
    let base = column * j.rows
    for i in 0..<j.rows { sum += ExtendedFloat(j.storage[base + i]) * ExtendedFloat(r[i]) }
    return Double(sum)
}

/// The Euclidean norm, scaled by the largest magnitude so that it neither overflows nor underflows.
func euclideanNorm(_ v: [Double]) -> Double {
    var largest = 0.0
    for x in v {
        if !x.isFinite { return .infinity }
        largest = max(largest, abs(x))
    }
    guard largest > 0 else { return 0 }
    var sum: ExtendedFloat = 0
    for x in v { let s = ExtendedFloat(x / largest); sum += s * s }
    return largest * Double(sum.squareRoot())
}

/// `‖D·v‖` for the diagonal scaling `d`.
func scaledNorm(_ v: [Double], _ d: [Double]) -> Double {
    euclideanNorm(zip(v, d).map(*))
}

