import CLAPACKE

/// A Householder QR factorisation with column pivoting, `A·P = Q·R`, of a column-scaled matrix.
///
/// Columns are scaled to unit Euclidean norm before factoring, so that the rank decision and the
/// conditioning do not depend on the units of each column. The factorisation is computed once and
/// then used for any number of right-hand sides (the solution and each refinement step).
struct QRFactorization {
    let rows: Int
    let columns: Int
    /// Householder vectors below the diagonal and `R` on and above it (LAPACK's compact form).
    var factors: [Double]
    var tau: [Double]
    /// 0-based column permutation: column `k` of `A·P` is column `permutation[k]` of `A`.
    let permutation: [Int]
    /// The scale applied to each original column (`1/‖aⱼ‖`).
    let columnScale: [Double]
    /// Numerical rank: the number of leading diagonal entries of `R` above the tolerance.
    let rank: Int

    /// Factors `a` (m × n, m ≥ n).
    ///
    /// - Parameter relativeTolerance: a diagonal entry `|rₖₖ| ≤ tolerance · |r₁₁|` counts as zero.
    /// - Throws: `LinearAlgebraError` for a LAPACK failure.
    init(_ a: Matrix, relativeTolerance: Double) throws {
        let m = a.rows, n = a.columns
        rows = m
        columns = n
        var scale = [Double](repeating: 1, count: n)
        var scaled = a.storage
        for j in 0..<n {
            var sum: ExtendedFloat = 0
            for i in 0..<m { let v = ExtendedFloat(a[i, j]); sum += v * v }
            let norm = Double(sum.squareRoot())
            // A column too small to scale without overflow (norm below the least normal) is left as it is.
            scale[j] = norm >= Double.leastNormalMagnitude ? 1 / norm : 1
            for i in 0..<m { scaled[i + j * m] *= scale[j] }
        }
        columnScale = scale

        var pivots = [Int32](repeating: 0, count: n)
        var tauValues = [Double](repeating: 0, count: min(m, n))
        // Workspace query, then the factorisation with the size LAPACK asked for.
        var query = 0.0
        try checkLAPACK(LAPACKE_dgeqp3_work(columnMajor, Int32(m), Int32(n), &scaled, Int32(max(1, m)),
                                           &pivots, &tauValues, &query, -1), "dgeqp3")
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        try checkLAPACK(LAPACKE_dgeqp3_work(columnMajor, Int32(m), Int32(n), &scaled, Int32(max(1, m)),
                                           &pivots, &tauValues, &work, Int32(work.count)), "dgeqp3")
        factors = scaled
        tau = tauValues
        permutation = pivots.map { Int($0) - 1 }

        let first = n > 0 ? abs(scaled[0]) : 0
        var r = 0
        while r < min(m, n), abs(scaled[r + r * m]) > relativeTolerance * first { r += 1 }
        rank = r
    }

    /// The diagonal of `R`.
    var diagonal: [Double] { (0..<min(rows, columns)).map { factors[$0 + $0 * rows] } }

    /// Applies `Qᵀ` (or `Q` when `transpose` is false) to a vector of length m.
    func applyQ(_ v: [Double], transpose: Bool) throws -> [Double] {
        let m = rows, n = columns
        var c = v
        var a = factors
        var t = tau
        let trans = Int8(UInt8(ascii: transpose ? "T" : "N"))
        var query = 0.0
        try checkLAPACK(LAPACKE_dormqr_work(columnMajor, Int8(UInt8(ascii: "L")), trans,
                                           Int32(m), 1, Int32(n), &a, Int32(m), &t, &c, Int32(m), &query, -1), "dormqr")
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        try checkLAPACK(LAPACKE_dormqr_work(columnMajor, Int8(UInt8(ascii: "L")), trans,
                                           Int32(m), 1, Int32(n), &a, Int32(m), &t, &c, Int32(m),
                                           &work, Int32(work.count)), "dormqr")
        return c
    }

    /// Solves `R·z = v` (or `Rᵀ·z = v` when `transpose`), for the leading n entries of `v`.
    func solveTriangular(_ v: [Double], transpose: Bool) throws -> [Double] {
        let n = columns
        var z = Array(v.prefix(n))
        var a = factors
        try checkLAPACK(LAPACKE_dtrtrs(columnMajor, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: transpose ? "T" : "N")),
                                       Int8(UInt8(ascii: "N")), Int32(n), 1, &a, Int32(rows), &z, Int32(n)), "dtrtrs")
        return z
    }

    /// Maps a vector in the scaled, pivoted coordinates back to the original columns: `x = D·P·z`.
    func unpivot(_ z: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: columns)
        for k in 0..<columns { x[permutation[k]] = z[k] * columnScale[permutation[k]] }
        return x
    }

    /// Maps a vector of the original column space into scaled, pivoted coordinates: `Pᵀ·D·g`
    /// (the transform a gradient `Aᵀr` undergoes).
    func pivotAndScale(_ g: [Double]) -> [Double] {
        (0..<columns).map { g[permutation[$0]] * columnScale[permutation[$0]] }
    }

    /// Solves `min ‖A·x − b‖` for full-rank `A`, returning `x` in the original (unscaled, unpivoted) columns.
    func solve(_ b: [Double]) throws -> [Double] {
        unpivot(try solveTriangular(try applyQ(b, transpose: true), transpose: false))
    }

    /// One step of Björck's iterative refinement on the augmented system
    /// `[I A; Aᵀ 0]·[r; x] = [b; 0]`, whose residuals `f = b − r − A·x` and `g = −Aᵀ·r` the caller
    /// computed in extended precision. Returns the corrections `(δr, δx)`.
    ///
    /// Refining `r` together with `x` is what lets problems with large residuals (NIST Wampler4 and 5)
    /// reach full accuracy, where refining `x` alone stalls.
    func augmentedCorrection(f: [Double], g: [Double]) throws -> (residual: [Double], solution: [Double]) {
        let n = columns
        let h = try solveTriangular(pivotAndScale(g), transpose: true)       // Rᵀ h = g
        var d = try applyQ(f, transpose: true)                               // d = Qᵀ f
        var rhs = [Double](repeating: 0, count: n)
        for k in 0..<n { rhs[k] = d[k] - h[k] }
        let dx = unpivot(try solveTriangular(rhs, transpose: false))        // R δx = d₁ − h
        for k in 0..<n { d[k] = h[k] }
        let dr = try applyQ(d, transpose: false)                             // δr = Q [h; d₂]
        return (dr, dx)
    }

    /// `(AᵀA)⁻¹` in the original columns, computed from `R⁻¹` (`dtrtri`), never by inverting `AᵀA`.
    func unscaledCovariance() throws -> Matrix {
        let n = columns
        var rInverse = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0...j { rInverse[i + j * n] = factors[i + j * rows] } }
        try checkLAPACK(LAPACKE_dtrtri(columnMajor, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")),
                                       Int32(n), &rInverse, Int32(n)), "dtrtri")
        // C = R⁻¹ R⁻ᵀ, accumulated in extended precision; then undo pivoting and scaling.
        var covariance = Matrix(rows: n, columns: n)
        for a in 0..<n {
            for b in a..<n {
                var sum: ExtendedFloat = 0
                for k in b..<n { sum += ExtendedFloat(rInverse[a + k * n]) * ExtendedFloat(rInverse[b + k * n]) }
                let pa = permutation[a], pb = permutation[b]
                let value = Double(sum) * columnScale[pa] * columnScale[pb]
                covariance[pa, pb] = value
                covariance[pb, pa] = value
            }
        }
        return covariance
    }
}
