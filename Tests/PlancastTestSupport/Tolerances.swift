import Foundation

/// |a − b| / |b|: the relative error of `a` against the reference `b` (|b| taken as at least 1e-300).
public func relativeError(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(b), 1e-300)
    return abs(a - b) / scale
}

/// Log relative error: the number of correct significant digits (absolute when the certified value is 0).
public func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
    if estimate == certified { return 16 }
    let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    return min(16, -log10(error))
}
