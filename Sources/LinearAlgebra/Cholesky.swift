import CLAPACKE

/// The lower Cholesky factor `L` of a symmetric positive-definite matrix, `A = L·Lᵀ` (`dpotrf`).
///
/// - Throws: `LinearAlgebraError.notPositiveDefinite(minor:)` when `A` is not positive definite.
public func choleskyLower(_ a: Matrix) throws -> Matrix {
    guard a.rows == a.columns else { throw LinearAlgebraError.dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)×\(a.columns)") }
    guard a.isFinite else { throw LinearAlgebraError.nonFiniteInput("the matrix to factor") }
    let n = a.rows
    if n == 0 { return a }
    var storage = a.storage
    try checkLAPACK(LAPACKE_dpotrf(columnMajor, Int8(UInt8(ascii: "L")), Int32(n), &storage, Int32(n)),
                    "dpotrf", positive: .notPositiveDefinite)
    var lower = Matrix(rows: n, columns: n, columnMajor: storage)
    for j in 0..<n { for i in 0..<j { lower[i, j] = 0 } }
    return lower
}

/// A factor `L` with `A = L·Lᵀ` for a symmetric positive semi-definite matrix: Cholesky when it succeeds,
/// otherwise the symmetric eigen-decomposition with negative eigenvalues (round-off) set to zero (`dsyevd`).
public func covarianceFactor(_ a: Matrix) throws -> Matrix {
    if let lower = try? choleskyLower(a) { return lower }
    guard a.isFinite else { throw LinearAlgebraError.nonFiniteInput("the covariance matrix") }
    let n = a.rows
    var storage = a.storage
    var eigenvalues = [Double](repeating: 0, count: n)
    try checkLAPACK(LAPACKE_dsyevd(columnMajor, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n),
                                   &storage, Int32(n), &eigenvalues), "dsyevd", positive: .didNotConverge)
    var factor = Matrix(rows: n, columns: n)
    for j in 0..<n {
        let s = max(eigenvalues[j], 0).squareRoot()
        for i in 0..<n { factor[i, j] = storage[i + j * n] * s }
    }
    return factor
}

/// Solves the square system `A·x = b` by LU with partial pivoting (`dgesv`).
public func solveLinearSystem(_ a: Matrix, _ b: [Double]) throws -> [Double] {
    guard a.rows == a.columns, b.count == a.rows else { throw LinearAlgebraError.dimensionMismatch("solve needs a square matrix and a matching vector") }
    guard a.isFinite, b.allSatisfy(\.isFinite) else { throw LinearAlgebraError.nonFiniteInput("the linear system") }
    let n = a.rows
    var storage = a.storage
    var x = b
    var pivots = [Int32](repeating: 0, count: n)
    try checkLAPACK(LAPACKE_dgesv(columnMajor, Int32(n), 1, &storage, Int32(n), &pivots, &x, Int32(n)), "dgesv")
    return x
}
