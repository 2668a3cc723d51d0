import Foundation

/// xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64: fast, with a 2²⁵⁶ period, and
/// the same stream for the same seed on every machine. plancast's only source of randomness.
///
/// ```swift
/// var rng = SeededGenerator(seed: 2020)
/// rng.next()        // the same 64 bits on every run
/// rng.nextNormal()  // a standard normal variate
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// A generator for stream `index` of `seed`: independent substreams for parallel or per-indicator work.
    public init(seed: UInt64, stream index: UInt64) {
        self.init(seed: seed &+ 0xD1B5_4A32_D192_ED03 &* (index &+ 1))
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform variate in the open interval (0, 1).
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal variate (Marsaglia's polar method).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal { spareNormal = nil; return spare }
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// A gamma(shape, 1) variate (Marsaglia & Tsang, 2000).
    public mutating func nextGamma(shape: Double) -> Double {
        if shape < 1 {
            return nextGamma(shape: shape + 1) * pow(nextUniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat { x = nextNormal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = nextUniform()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A Student-t variate with `degreesOfFreedom` ν > 0 (Bailey's polar method, 1994): a point (u, v)
    /// uniform in the unit disk, w = u² + v², gives u·√(ν(w^(−2/ν) − 1)/w). Exact for every ν, with no
    /// logarithm; for ν = 4, the planning forecaster's, only square roots.
    public mutating func nextStudentT(degreesOfFreedom nu: Double) -> Double {
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let w = u * u + v * v
            if w > 0 && w < 1 {
                let power = nu == 4 ? 1 / w.squareRoot() : pow(w, -2 / nu)
                return u * (nu * (power - 1) / w).squareRoot()
            }
        }
    }

    /// A χ² variate with `degreesOfFreedom`.
    public mutating func nextChiSquared(degreesOfFreedom: Double) -> Double {
        2 * nextGamma(shape: degreesOfFreedom / 2)
    }

    /// A χ² variate with a whole number of degrees of freedom from 1 to 40, the fast way: −2·ln of a
    /// product of uniforms for each pair of degrees of freedom (a sum of exponentials), plus a squared
    /// normal when the number is odd. Other numbers use the gamma generator.
    public mutating func nextChiSquaredFast(degreesOfFreedom nu: Double) -> Double {
        guard nu >= 1, nu <= 40, nu == nu.rounded() else { return nextChiSquared(degreesOfFreedom: nu) }
        let k = Int(nu)
        var product = 1.0, value = 0.0
        for _ in 0..<(k / 2) {
            product *= nextUniform()
            if product < 1e-200 { value -= 2 * log(product); product = 1 }   // never underflow to 0
        }
        value -= 2 * log(product)
        if k % 2 == 1 { let z = nextNormal(); value += z * z }
        return value
    }
}
