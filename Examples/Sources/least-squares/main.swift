// LinearAlgebra: a straight line by least squares through LAPACK (QR with column pivoting).
//
//     swift run --package-path Examples --scratch-path .build-examples least-squares
//
// The data are y = 3 + 0.5·x plus the residuals (1, −1, −1, 1), which sum to zero and are orthogonal
// to x: the least-squares line is exactly 3 + 0.5·x and the residual sum of squares exactly 4, an
// answer known without any solver.
import LinearAlgebra

let x: [Double] = [1, 2, 3, 4]
let y = zip(x, [1.0, -1, -1, 1]).map { 3 + 0.5 * $0 + $1 }
let design = Matrix(rows: x.map { [1, $0] })   // an intercept column and the x column

do {
    let solution = try leastSquares(design: design, response: y)
    print("intercept \(rounded(solution.coefficients[0])), slope \(rounded(solution.coefficients[1]))")
    print("residual sum of squares \(rounded(solution.residualSumOfSquares)), rank \(solution.rank) of \(design.columns)")
    // A column that repeats another cannot be estimated: a typed error, not a number.
    let collinear = Matrix(rows: x.map { [1, $0, 2 * $0] })
    do {
        _ = try leastSquares(design: collinear, response: y)
    } catch let error as LinearAlgebraError {
        print("collinear design: \(error)")
    }
} catch {
    print("error: \(error)")
}

/// Rounded to 10⁻⁹: the exact answer, whatever the last bits of this machine's arithmetic. (No
/// Foundation here: the example also checks that LinearAlgebra alone links.)
func rounded(_ value: Double) -> String {
    "\((value * 1e9).rounded() / 1e9)"
}
