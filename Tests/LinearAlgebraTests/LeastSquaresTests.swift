import Testing
@testable import LinearAlgebra

@Suite("Least squares through LAPACK")
struct LeastSquaresTests {
    @Test("an exact line is recovered")
    func exactLine() throws {
        let x = Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3]])
        let fit = try leastSquares(design: x, response: [1, 3, 5, 7])
        #expect(abs(fit.coefficients[0] - 1) < 1e-14)
        #expect(abs(fit.coefficients[1] - 2) < 1e-14)
        #expect(fit.residualSumOfSquares < 1e-28)
    }

    @Test("a duplicated column is reported as rank deficiency, not garbage")
    func rankDeficient() {
        let x = Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3], [0, 2, 4, 6]])
        #expect(throws: LinearAlgebraError.rankDeficient(rank: 2, columns: 3)) {
            try leastSquares(design: x, response: [1, 2, 3, 5])
        }
    }

    @Test("NaN in the response is refused before LAPACK sees it")
    func nanRefused() {
        let x = Matrix(columns: [[1, 1, 1], [0, 1, 2]])
        #expect(throws: LinearAlgebraError.nonFiniteInput("the response")) {
            try leastSquares(design: x, response: [1, .nan, 3])
        }
    }

    @Test("fewer observations than parameters is refused")
    func tooFew() {
        let x = Matrix(columns: [[1], [2]])
        #expect(throws: LinearAlgebraError.tooFewObservations(observations: 1, parameters: 2)) {
            try leastSquares(design: x, response: [1])
        }
    }

    @Test("weighted least squares equals ordinary least squares on rows scaled by √w")
    func weightedEqualsScaled() throws {
        let t: [Double] = [0, 1, 2, 3, 4, 5]
        let y: [Double] = [1.0, 2.7, 3.1, 4.8, 5.2, 7.1]
        let w: [Double] = [0.5, 1, 2, 1, 3, 0.25]
        let weighted = try leastSquares(design: Matrix(columns: [[1, 1, 1, 1, 1, 1], t]), response: y, weights: w)
        let r = w.map { $0.squareRoot() }
        let scaled = try leastSquares(design: Matrix(columns: [r, zip(t, r).map(*)]), response: zip(y, r).map(*))
        for j in 0..<2 {
            #expect(abs(weighted.coefficients[j] - scaled.coefficients[j]) < 1e-13)
            #expect(abs(weighted.unscaledCovariance[j, j] - scaled.unscaledCovariance[j, j]) < 1e-13)
        }
        #expect(abs(weighted.residualSumOfSquares - scaled.residualSumOfSquares) < 1e-12)
    }

    @Test("Cholesky reproduces its matrix, and a non-positive-definite one is refused with its minor")
    func cholesky() throws {
        let a = Matrix(rows: [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
        let l = try choleskyLower(a)
        let back = l.multiplied(by: l.transposed)
        for i in 0..<3 { for j in 0..<3 { #expect(abs(back[i, j] - a[i, j]) < 1e-14) } }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
            try choleskyLower(Matrix(rows: [[1, 2], [2, 1]]))
        }
    }
}
