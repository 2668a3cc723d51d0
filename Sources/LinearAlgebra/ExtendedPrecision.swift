/// The widest floating-point type this platform computes in: `Float80` on x86 (not Windows),
/// `Double` elsewhere. Used to accumulate residuals during iterative refinement.
#if arch(x86_64) && !os(Windows)
public typealias ExtendedFloat = Float80
#else
public typealias ExtendedFloat = Double
#endif

/// Sum of squares of `values`, accumulated in extended precision.
public func extendedSumOfSquares(_ values: [Double]) -> Double {
    var total: ExtendedFloat = 0
    for v in values { let e = ExtendedFloat(v); total += e * e }
    return Double(total)
}

/// Sum of `values`, accumulated in extended precision.
public func extendedSum(_ values: [Double]) -> Double {
    var total: ExtendedFloat = 0
    for v in values { total += ExtendedFloat(v) }
    return Double(total)
}

/// A column-major matrix of `ExtendedFloat`, for designs whose entries are known beyond `Double`.
public struct ExtendedMatrix: Sendable {
    public let rows: Int
    public let columns: Int
    public var storage: [ExtendedFloat]

    /// Widens a `Double` matrix.
    public init(_ matrix: Matrix) {
        rows = matrix.rows
        columns = matrix.columns
        storage = matrix.storage.map { ExtendedFloat($0) }
    }

    /// A matrix from its columns, each of the same length.
    public init(columns: [[ExtendedFloat]]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "all columns must have the same length")
        self.rows = rows
        self.columns = columns.count
        storage = columns.flatMap { $0 }
    }

    @inlinable
    public subscript(row: Int, column: Int) -> ExtendedFloat {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// Each entry rounded to `Double`.
    public var rounded: Matrix {
        Matrix(rows: rows, columns: columns, columnMajor: storage.map { Double($0) })
    }

    /// Whether every entry is finite.
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
