import CLAPACKE

/// A failure of a linear-algebra routine, carrying LAPACK's own index where it gave one.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A LAPACK routine rejected argument number `position` (1-based, LAPACK's `info = -position`).
    case invalidArgument(routine: String, position: Int)
    /// A triangular factor has a zero on its diagonal at `pivot` (1-based).
    case singular(routine: String, pivot: Int)
    /// The design has numerical rank `rank` below its `columns` columns.
    case rankDeficient(rank: Int, columns: Int)
    /// The leading minor of order `minor` is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// An iterative routine did not converge (`info` as LAPACK returned it).
    case didNotConverge(routine: String, info: Int)
    /// The input holds NaN or an infinite value.
    case nonFiniteInput(String)
    /// The shapes of the inputs do not fit together.
    case dimensionMismatch(String)
    /// There are fewer observations than unknowns.
    case tooFewObservations(observations: Int, parameters: Int)

    public var description: String {
        switch self {
        case let .invalidArgument(routine, position):
            return "LAPACK \(routine) rejected argument \(position); this is a bug in plancast, please report it"
        case let .singular(routine, pivot):
            return "LAPACK \(routine): the matrix is singular (zero pivot at \(pivot))"
        case let .rankDeficient(rank, columns):
            return "the design matrix has rank \(rank) but \(columns) columns: some terms are not identifiable from the data (duplicate or collinear columns); remove a term or add data"
        case let .notPositiveDefinite(minor):
            return "the matrix is not positive definite (leading minor \(minor))"
        case let .didNotConverge(routine, info):
            return "LAPACK \(routine) did not converge (info \(info))"
        case let .nonFiniteInput(what):
            return "\(what) holds NaN or an infinite value; remove or correct it"
        case let .dimensionMismatch(what):
            return "dimension mismatch: \(what)"
        case let .tooFewObservations(observations, parameters):
            return "\(observations) observations cannot determine \(parameters) parameters; at least \(parameters + 1) are needed"
        }
    }
}

/// The single place where a LAPACK `info` becomes a Swift error.
///
/// - Parameters:
///   - info: the value the routine returned.
///   - routine: the routine's name, for the message.
///   - positive: how to read a positive `info` for this routine.
/// - Throws: `LinearAlgebraError` for any non-zero `info`.
@usableFromInline
func checkLAPACK(_ info: Int32, _ routine: String, positive: PositiveInfo = .singular) throws {
    if info == 0 { return }
    if info < 0 { throw LinearAlgebraError.invalidArgument(routine: routine, position: Int(-info)) }
    switch positive {
    case .singular: throw LinearAlgebraError.singular(routine: routine, pivot: Int(info))
    case .notPositiveDefinite: throw LinearAlgebraError.notPositiveDefinite(minor: Int(info))
    case .didNotConverge: throw LinearAlgebraError.didNotConverge(routine: routine, info: Int(info))
    }
}

/// How a routine's positive `info` is to be read.
@usableFromInline
enum PositiveInfo: Sendable {
    case singular, notPositiveDefinite, didNotConverge
}

/// Column-major layout for every LAPACKE call.
@usableFromInline
let columnMajor = Int32(LAPACK_COL_MAJOR)
