import Foundation

/// The standard normal cumulative distribution function Φ(x).
public func normalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}

/// The standard normal density φ(x).
public func normalDensity(_ x: Double) -> Double {
    exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
}

/// The standard normal quantile Φ⁻¹(p), to full double precision.
///
/// A rational start (Abramowitz & Stegun 26.2.23) refined by Newton steps on `erfc`, working on the
/// smaller tail so that p near 1 loses nothing.
///
/// ```swift
/// normalQuantile(0.975)   // 1.959963984540054
/// ```
public func normalQuantile(_ p: Double) -> Double {
    guard p > 0, p < 1 else { return p == 0 ? -.infinity : (p == 1 ? .infinity : .nan) }
    if p == 0.5 { return 0 }
    let tail = min(p, 1 - p)       // solve Φ(−x) = tail for x > 0
    let t = (-2 * log(tail)).squareRoot()
    var x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
    for _ in 0..<60 {
        let f = 0.5 * erfc(x / 2.0.squareRoot()) - tail      // upper tail minus target
        let step = f / normalDensity(x)
        // Halley's correction for the curvature of the tail.
        let delta = step / (1 + 0.5 * x * step)
        x += delta
        if abs(delta) <= 1e-16 * abs(x) { break }
    }
    return p < 0.5 ? -x : x
}

/// ln Γ(x) for x > 0.
func logGamma(_ x: Double) -> Double { lgamma(x) }

/// The regularised incomplete beta function I_x(a, b) by Lentz's continued fraction.
public func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log1p(-x))
    if x < (a + 1) / (a + b + 2) {
        return front * betaContinuedFraction(x, a, b) / a
    }
    return 1 - front * betaContinuedFraction(1 - x, b, a) / b
}

private func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
        let m = Double(m)
        let m2 = 2 * m
        var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return h
}

/// P(T > x) for Student's t with `degreesOfFreedom` (any positive real).
public func studentTUpperTail(_ x: Double, degreesOfFreedom nu: Double) -> Double {
    if x.isNaN || nu.isNaN || nu <= 0 { return .nan }
    if nu.isInfinite { return 0.5 * erfc(x / 2.0.squareRoot()) }
    let tail = 0.5 * regularizedIncompleteBeta(nu / (nu + x * x), a: nu / 2, b: 0.5)
    return x >= 0 ? tail : 1 - tail
}

/// The Student-t cumulative distribution function.
public func studentTCDF(_ x: Double, degreesOfFreedom nu: Double) -> Double {
    if x.isNaN || nu.isNaN || nu <= 0 { return .nan }
    if nu.isInfinite { return normalCDF(x) }
    let tail = 0.5 * regularizedIncompleteBeta(nu / (nu + x * x), a: nu / 2, b: 0.5)
    return x >= 0 ? 1 - tail : tail
}

/// The Student-t density.
public func studentTDensity(_ x: Double, degreesOfFreedom nu: Double) -> Double {
    exp(logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * log(nu * Double.pi) - (nu + 1) / 2 * log1p(x * x / nu))
}

/// The Student-t quantile: the x with P(T ≤ x) = p.
///
/// Closed forms for 1 and 2 degrees of freedom; otherwise a safeguarded Newton iteration on the
/// smaller tail, started from the normal quantile. Agrees with scipy's `t.ppf` to ~1e-13.
///
/// ```swift
/// studentTQuantile(0.975, degreesOfFreedom: 10)   // 2.2281388519649385
/// ```
public func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
    guard p > 0, p < 1, nu > 0 else {
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return .nan
    }
    if p == 0.5 { return 0 }
    if nu.isInfinite { return normalQuantile(p) }
    let tail = min(p, 1 - p)
    let sign: Double = p < 0.5 ? -1 : 1
    if nu == 1 { return sign * tan(Double.pi * (0.5 - tail)) }
    if nu == 2 { return sign * (1 - 2 * tail) * (2 / (4 * tail * (1 - tail))).squareRoot() }
    // Bracket the root of upperTail(x) − tail on x > 0, then Newton steps kept inside the bracket.
    var low = 0.0
    var high = max(1.0, abs(normalQuantile(tail)) * 2)
    while studentTUpperTail(high, degreesOfFreedom: nu) > tail { low = high; high *= 2 }
    var x = min(max(abs(normalQuantile(tail)), low), high)
    for _ in 0..<200 {
        let f = studentTUpperTail(x, degreesOfFreedom: nu) - tail
        if f > 0 { low = x } else { high = x }
        let density = studentTDensity(x, degreesOfFreedom: nu)
        var next = x + f / density
        if !(next > low && next < high) { next = 0.5 * (low + high) }
        if abs(next - x) <= 4e-16 * abs(x) { x = next; break }
        x = next
    }
    return sign * x
}
