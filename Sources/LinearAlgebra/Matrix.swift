/// A dense matrix of `Double` stored column by column, the layout LAPACK expects.
///
/// ```swift
/// var a = Matrix(rows: 2, columns: 2)
/// a[0, 1] = 3
/// a.column(1)   // [3.0, 0.0]
/// ```
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Column-major storage: element (i, j) lives at `i + j * rows`.
    public var storage: [Double]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: 0, count: rows * columns)
    }

    /// A matrix from column-major storage.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * columns, "storage holds \(storage.count) values, not \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from its columns, each of the same length.
    public init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "all columns must have the same length")
        self.init(rows: rows, columns: columns.count, columnMajor: columns.flatMap { $0 })
    }

    /// A matrix from its rows, each of the same length.
    public init(rows: [[Double]]) {
        let columnCount = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columnCount }, "all rows must have the same length")
        self.init(rows: rows.count, columns: columnCount)
        for (i, row) in rows.enumerated() {
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    /// The identity matrix of order `n`.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// The `j`-th column as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// The `i`-th row as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// Whether every element is finite (neither NaN nor infinite).
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }

    /// The product `self · vector`.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "vector length \(vector.count) does not match \(columns) columns")
        var result = Array(repeating: 0.0, count: rows)
        for j in 0..<columns {
            let v = vector[j]
            if v == 0 { continue }
            let base = j * rows
            for i in 0..<rows { result[i] += storage[base + i] * v }
        }
        return result
    }

    /// The product `self · other`.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        var result = Matrix(rows: rows, columns: other.columns)
        for j in 0..<other.columns {
            for k in 0..<columns {
                let b = other[k, j]
                if b == 0 { continue }
                for i in 0..<rows { result[i, j] += self[i, k] * b }
            }
        }
        return result
    }

    /// The quadratic form `xᵀ · self · x` of a square matrix.
    public func quadraticForm(_ x: [Double]) -> Double {
        precondition(rows == columns && x.count == rows, "quadratic form needs a square matrix and a matching vector")
        var total = 0.0
        for j in 0..<columns {
            var inner = 0.0
            for i in 0..<rows { inner += self[i, j] * x[i] }
            total += inner * x[j]
        }
        return total
    }
}
