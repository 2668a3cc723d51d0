import Testing
@testable import LinearAlgebra

/// `checkLAPACK` is the one place a LAPACK `info` becomes a Swift error (LayeringTests checks that
/// every LAPACKE call goes through it); these tests pin what each `info` becomes.
@Suite("LAPACK info")
struct LAPACKInfoTests {
    @Test("info 0 is success; a negative info names the rejected argument whatever the routine")
    func zeroAndNegative() throws {
        try checkLAPACK(0, "dgesv")
        #expect(throws: LinearAlgebraError.invalidArgument(routine: "dgesv", position: 4)) { try checkLAPACK(-4, "dgesv") }
        #expect(throws: LinearAlgebraError.invalidArgument(routine: "dpotrf", position: 1)) {
            try checkLAPACK(-1, "dpotrf", positive: .notPositiveDefinite)
        }
    }

    @Test("a positive info is read as the routine defines it", arguments: [
        (PositiveInfo.singular, LinearAlgebraError.singular(routine: "r", pivot: 3)),
        (.notPositiveDefinite, .notPositiveDefinite(minor: 3)),
        (.didNotConverge, .didNotConverge(routine: "r", info: 3)),
    ])
    func positive(reading: PositiveInfo, expected: LinearAlgebraError) {
        #expect(throws: expected) { try checkLAPACK(3, "r", positive: reading) }
    }

    @Test("a singular system reaches the typed error through LAPACK itself (dgesv's zero pivot)")
    func singularThroughLAPACK() {
        // The second column is twice the first: elimination leaves U[2,2] = 0, which dgesv reports as info 2.
        #expect(throws: LinearAlgebraError.singular(routine: "dgesv", pivot: 2)) {
            try solveLinearSystem(Matrix(rows: [[1, 2], [2, 4]]), [1, 2])
        }
    }

    @Test("NaN is refused before LAPACK sees it (LAPACKE would report it as a negative info)")
    func nonFinite() {
        #expect(throws: LinearAlgebraError.nonFiniteInput("the linear system")) {
            try solveLinearSystem(Matrix(rows: [[1, .nan], [0, 1]]), [1, 2])
        }
    }
}
