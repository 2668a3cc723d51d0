/// The solution of a (weighted) linear least-squares problem `min Σ wᵢ (yᵢ − xᵢᵀβ)²`.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The estimates `β̂`, one per column of the design.
    public let coefficients: [Double]
    /// `yᵢ − xᵢᵀβ̂`, on the scale of the response (not weighted).
    public let residuals: [Double]
    /// `Σ wᵢ rᵢ²`, accumulated in extended precision.
    public let residualSumOfSquares: Double
    /// `(XᵀWX)⁻¹`; multiply by σ̂² for the covariance of `β̂`.
    public let unscaledCovariance: Matrix
    /// Numerical rank of the design (equal to the number of columns for a solution).
    public let rank: Int
    /// Number of observations.
    public let observations: Int
    /// Estimates of the reciprocal condition number of the column-scaled design: min |rₖₖ| / max |rₖₖ|.
    public let reciprocalCondition: Double
    /// Refinement steps taken.
    public let refinementSteps: Int

    /// `n − p`.
    public var residualDegreesOfFreedom: Int { observations - coefficients.count }

    /// `σ̂² = RSS / (n − p)`, or NaN without residual degrees of freedom.
    public var residualVariance: Double {
        residualDegreesOfFreedom > 0 ? residualSumOfSquares / Double(residualDegreesOfFreedom) : .nan
    }

    /// Standard errors `σ̂ · √diag((XᵀWX)⁻¹)`.
    public var standardErrors: [Double] {
        let s2 = residualVariance
        return (0..<coefficients.count).map { (s2 * unscaledCovariance[$0, $0]).squareRoot() }
    }
}

/// Options for `leastSquares`.
public struct LeastSquaresOptions: Sendable {
    /// A diagonal entry of `R` at or below `rankTolerance · |r₁₁|` (after column scaling) makes the design rank deficient.
    public var rankTolerance: Double
    /// The most refinement steps with residuals accumulated in extended precision.
    public var maximumRefinementSteps: Int

    public init(rankTolerance: Double = 1e-13, maximumRefinementSteps: Int = 8) {
        self.rankTolerance = rankTolerance
        self.maximumRefinementSteps = maximumRefinementSteps
    }
}

/// Solves a linear least-squares problem by Householder QR with column scaling and pivoting (`dgeqp3`),
/// refining the solution with residuals accumulated in extended precision.
///
/// ```swift
/// let x = Matrix(columns: [[1, 1, 1], [0, 1, 2]])
/// let fit = try leastSquares(design: x, response: [1, 3, 5])
/// fit.coefficients   // [1.0, 2.0]
/// ```
///
/// - Parameters:
///   - design: the n × p design matrix `X`, n ≥ p.
///   - response: the n values `y`.
///   - weights: optional positive weights `wᵢ` (`Var(εᵢ) = σ²/wᵢ`).
/// - Returns: the estimates, residuals and `(XᵀWX)⁻¹`.
/// - Throws: `LinearAlgebraError.rankDeficient` when a column is (numerically) a combination of others;
///   `.nonFiniteInput`, `.dimensionMismatch`, `.tooFewObservations` for bad input.
/// - Complexity: O(n p²).
public func leastSquares(design: Matrix, response: [Double], weights: [Double]? = nil,
                         options: LeastSquaresOptions = LeastSquaresOptions()) throws -> LeastSquaresSolution {
    try leastSquares(design: ExtendedMatrix(design), response: response, weights: weights, options: options)
}

/// Solves a linear least-squares problem whose design is known to extended precision.
///
/// The QR factorisation works on the design rounded to `Double`; the refinement residuals use the
/// extended entries, so the solution is that of the extended design (NIST Filip needs its powers of x
/// to more than 16 digits to reach 10 correct digits).
public func leastSquares(design extended: ExtendedMatrix, response: [Double], weights: [Double]? = nil,
                         options: LeastSquaresOptions = LeastSquaresOptions()) throws -> LeastSquaresSolution {
    let design = extended.rounded
    let n = design.rows, p = design.columns
    guard response.count == n else {
        throw LinearAlgebraError.dimensionMismatch("\(n) design rows but \(response.count) responses")
    }
    guard p > 0 else { throw LinearAlgebraError.dimensionMismatch("the design has no columns") }
    guard n >= p else { throw LinearAlgebraError.tooFewObservations(observations: n, parameters: p) }
    guard design.isFinite else { throw LinearAlgebraError.nonFiniteInput("the design matrix") }
    guard response.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFiniteInput("the response") }
    if let weights {
        guard weights.count == n else {
            throw LinearAlgebraError.dimensionMismatch("\(n) observations but \(weights.count) weights")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw LinearAlgebraError.nonFiniteInput("the weights (each must be a positive finite number)")
        }
    }
    // The weighted system √W·X β = √W·y, kept in extended precision for the refinement residuals.
    var ax = extended
    var bx = response.map { ExtendedFloat($0) }
    if let weights {
        for i in 0..<n {
            let root = ExtendedFloat(weights[i]).squareRoot()
            bx[i] *= root
            for j in 0..<p { ax[i, j] *= root }
        }
    }
    let a = ax.rounded
    let b = bx.map { Double($0) }

    let qr = try QRFactorization(a, relativeTolerance: options.rankTolerance)
    guard qr.rank == p else { throw LinearAlgebraError.rankDeficient(rank: qr.rank, columns: p) }

    var beta = try qr.solve(b)
    var r = extendedResidual(ax, bx, beta)
    // Björck's refinement of the augmented system, residuals accumulated in extended precision.
    var steps = 0
    for _ in 0..<options.maximumRefinementSteps {
        var f = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = bx[i] - ExtendedFloat(r[i])
            for j in 0..<p { sum -= ax[i, j] * ExtendedFloat(beta[j]) }
            f[i] = Double(sum)
        }
        var g = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var sum: ExtendedFloat = 0
            for i in 0..<n { sum -= ax[i, j] * ExtendedFloat(r[i]) }
            g[j] = Double(sum)
        }
        let (dr, dx) = try qr.augmentedCorrection(f: f, g: g)
        var changeNorm = 0.0, betaNorm = 0.0
        for j in 0..<p {
            beta[j] += dx[j]
            changeNorm = max(changeNorm, abs(dx[j]))
            betaNorm = max(betaNorm, abs(beta[j]))
        }
        for i in 0..<n { r[i] += dr[i] }
        steps += 1
        if changeNorm <= 1e-17 * betaNorm || changeNorm == 0 { break }
    }

    let residuals = extendedResidual(extended, response.map { ExtendedFloat($0) }, beta)
    var rss: ExtendedFloat = 0
    for i in 0..<n {
        let r = ExtendedFloat(residuals[i])
        rss += r * r * ExtendedFloat(weights?[i] ?? 1)
    }
    let diagonal = qr.diagonal.map(abs)
    let reciprocal = (diagonal.min() ?? 0) / max(diagonal.max() ?? 1, .leastNormalMagnitude)
    return LeastSquaresSolution(
        coefficients: beta,
        residuals: residuals,
        residualSumOfSquares: Double(rss),
        unscaledCovariance: try qr.unscaledCovariance(),
        rank: qr.rank,
        observations: n,
        reciprocalCondition: reciprocal,
        refinementSteps: steps)
}

/// `b − A·x`, each element accumulated in extended precision.
func extendedResidual(_ a: ExtendedMatrix, _ b: [ExtendedFloat], _ x: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: a.rows)
    for i in 0..<a.rows {
        var sum = b[i]
        for j in 0..<a.columns { sum -= a[i, j] * ExtendedFloat(x[j]) }
        result[i] = Double(sum)
    }
    return result
}
