import Foundation

/// A NIST StRD nonlinear model `f(x; b)` with its gradient `∂f/∂b`, both written out by hand from the
/// `Model:` block of the data file. `x` holds the predictors of one observation (two for Nelson).
struct NISTNonlinearModel: Sendable {
    let parameterCount: Int
    let value: @Sendable (_ x: [Double], _ b: [Double]) -> Double
    let gradient: @Sendable (_ x: [Double], _ b: [Double]) -> [Double]

    /// The model of the named data set.
    static func named(_ name: String) -> NISTNonlinearModel {
        switch name {
        case "Misra1a", "BoxBOD": return exponentialRise
        case "Chwirut1", "Chwirut2": return chwirut
        case "Lanczos1", "Lanczos2", "Lanczos3": return lanczos
        case "Gauss1", "Gauss2", "Gauss3": return gauss
        case "DanWood": return danWood
        case "Misra1b": return misra1b
        case "Kirby2": return kirby2
        case "Hahn1", "Thurber": return cubicOverCubic
        case "Nelson": return nelson
        case "MGH17": return mgh17
        case "Misra1c": return misra1c
        case "Misra1d": return misra1d
        case "Roszman1": return roszman1
        case "ENSO": return enso
        case "MGH09": return mgh09
        case "Rat42": return rat42
        case "MGH10": return mgh10
        case "Eckerle4": return eckerle4
        case "Rat43": return rat43
        case "Bennett5": return bennett5
        default: fatalError("no model for NIST problem \(name)")
        }
    }

    /// `b1·(1 − exp(−b2·x))` (Misra1a, BoxBOD).
    static let exponentialRise = NISTNonlinearModel(parameterCount: 2, value: { x, b in
        -b[0] * expm1(-b[1] * x[0])
    }, gradient: { x, b in
        let e = exp(-b[1] * x[0])
        return [-expm1(-b[1] * x[0]), b[0] * x[0] * e]
    })

    /// `exp(−b1·x) / (b2 + b3·x)`.
    static let chwirut = NISTNonlinearModel(parameterCount: 3, value: { x, b in
        exp(-b[0] * x[0]) / (b[1] + b[2] * x[0])
    }, gradient: { x, b in
        let d = b[1] + b[2] * x[0]
        let f = exp(-b[0] * x[0]) / d
        return [-x[0] * f, -f / d, -x[0] * f / d]
    })

    /// `b1·exp(−b2·x) + b3·exp(−b4·x) + b5·exp(−b6·x)`.
    static let lanczos = NISTNonlinearModel(parameterCount: 6, value: { x, b in
        b[0] * exp(-b[1] * x[0]) + b[2] * exp(-b[3] * x[0]) + b[4] * exp(-b[5] * x[0])
    }, gradient: { x, b in
        let e1 = exp(-b[1] * x[0]), e2 = exp(-b[3] * x[0]), e3 = exp(-b[5] * x[0])
        return [e1, -b[0] * x[0] * e1, e2, -b[2] * x[0] * e2, e3, -b[4] * x[0] * e3]
    })

    /// `b1·exp(−b2·x) + b3·exp(−(x − b4)²/b5²) + b6·exp(−(x − b7)²/b8²)`.
    static let gauss = NISTNonlinearModel(parameterCount: 8, value: { x, b in
        let u = (x[0] - b[3]) / b[4], v = (x[0] - b[6]) / b[7]
        return b[0] * exp(-b[1] * x[0]) + b[2] * exp(-u * u) + b[5] * exp(-v * v)
    }, gradient: { x, b in
        let e = exp(-b[1] * x[0])
        let u = (x[0] - b[3]) / b[4], v = (x[0] - b[6]) / b[7]
        let g1 = exp(-u * u), g2 = exp(-v * v)
        return [e, -b[0] * x[0] * e,
                g1, b[2] * g1 * 2 * u / b[4], b[2] * g1 * 2 * u * u / b[4],
                g2, b[5] * g2 * 2 * v / b[7], b[5] * g2 * 2 * v * v / b[7]]
    })

    /// `b1·x^b2`.
    static let danWood = NISTNonlinearModel(parameterCount: 2, value: { x, b in
        b[0] * pow(x[0], b[1])
    }, gradient: { x, b in
        let power = pow(x[0], b[1])
        return [power, b[0] * power * log(x[0])]
    })

    /// `b1·(1 − (1 + b2·x/2)^−2)`.
    static let misra1b = NISTNonlinearModel(parameterCount: 2, value: { x, b in
        let u = 1 + b[1] * x[0] / 2
        return b[0] * (1 - 1 / (u * u))
    }, gradient: { x, b in
        let u = 1 + b[1] * x[0] / 2
        return [1 - 1 / (u * u), b[0] * x[0] / (u * u * u)]
    })

    /// `(b1 + b2·x + b3·x²) / (1 + b4·x + b5·x²)`.
    static let kirby2 = NISTNonlinearModel(parameterCount: 5, value: { x, b in
        let t = x[0]
        return (b[0] + b[1] * t + b[2] * t * t) / (1 + b[3] * t + b[4] * t * t)
    }, gradient: { x, b in
        let t = x[0]
        let numerator = b[0] + b[1] * t + b[2] * t * t
        let denominator = 1 + b[3] * t + b[4] * t * t
        let f = numerator / denominator
        return [1 / denominator, t / denominator, t * t / denominator,
                -f * t / denominator, -f * t * t / denominator]
    })

    /// `(b1 + b2·x + b3·x² + b4·x³) / (1 + b5·x + b6·x² + b7·x³)` (Hahn1, Thurber).
    static let cubicOverCubic = NISTNonlinearModel(parameterCount: 7, value: { x, b in
        let t = x[0]
        return (b[0] + b[1] * t + b[2] * t * t + b[3] * t * t * t) / (1 + b[4] * t + b[5] * t * t + b[6] * t * t * t)
    }, gradient: { x, b in
        let t = x[0], t2 = t * t, t3 = t2 * t
        let numerator = b[0] + b[1] * t + b[2] * t2 + b[3] * t3
        let denominator = 1 + b[4] * t + b[5] * t2 + b[6] * t3
        let f = numerator / denominator
        return [1 / denominator, t / denominator, t2 / denominator, t3 / denominator,
                -f * t / denominator, -f * t2 / denominator, -f * t3 / denominator]
    })

    /// `b1 − b2·x1·exp(−b3·x2)`, fitted to `log y`.
    static let nelson = NISTNonlinearModel(parameterCount: 3, value: { x, b in
        b[0] - b[1] * x[0] * exp(-b[2] * x[1])
    }, gradient: { x, b in
        let e = exp(-b[2] * x[1])
        return [1, -x[0] * e, b[1] * x[0] * x[1] * e]
    })

    /// `b1 + b2·exp(−x·b4) + b3·exp(−x·b5)`.
    static let mgh17 = NISTNonlinearModel(parameterCount: 5, value: { x, b in
        b[0] + b[1] * exp(-x[0] * b[3]) + b[2] * exp(-x[0] * b[4])
    }, gradient: { x, b in
        let e4 = exp(-x[0] * b[3]), e5 = exp(-x[0] * b[4])
        return [1, e4, e5, -b[1] * x[0] * e4, -b[2] * x[0] * e5]
    })

    /// `b1·(1 − (1 + 2·b2·x)^−½)`.
    static let misra1c = NISTNonlinearModel(parameterCount: 2, value: { x, b in
        b[0] * (1 - 1 / (1 + 2 * b[1] * x[0]).squareRoot())
    }, gradient: { x, b in
        let u = 1 + 2 * b[1] * x[0]
        let root = u.squareRoot()
        return [1 - 1 / root, b[0] * x[0] / (u * root)]
    })

    /// `b1·b2·x / (1 + b2·x)`.
    static let misra1d = NISTNonlinearModel(parameterCount: 2, value: { x, b in
        b[0] * b[1] * x[0] / (1 + b[1] * x[0])
    }, gradient: { x, b in
        let u = 1 + b[1] * x[0]
        return [b[1] * x[0] / u, b[0] * x[0] / (u * u)]
    })

    /// `b1 − b2·x − arctan(b3/(x − b4))/π`, with the principal branch of arctan as NIST certifies it.
    static let roszman1 = NISTNonlinearModel(parameterCount: 4, value: { x, b in
        b[0] - b[1] * x[0] - atan(b[2] / (x[0] - b[3])) / Double.pi
    }, gradient: { x, b in
        let s = x[0] - b[3]
        let q = Double.pi * (s * s + b[2] * b[2])
        return [1, -x[0], -s / q, -b[2] / q]
    })

    /// `b1 + b2·cos(2πx/12) + b3·sin(2πx/12) + b5·cos(2πx/b4) + b6·sin(2πx/b4) + b8·cos(2πx/b7)
    /// + b9·sin(2πx/b7)`: the periods are b4 and b7.
    static let enso = NISTNonlinearModel(parameterCount: 9, value: { x, b in
        let a = 2 * Double.pi * x[0]
        return b[0] + b[1] * cos(a / 12) + b[2] * sin(a / 12)
            + b[4] * cos(a / b[3]) + b[5] * sin(a / b[3])
            + b[7] * cos(a / b[6]) + b[8] * sin(a / b[6])
    }, gradient: { x, b in
        let a = 2 * Double.pi * x[0]
        let u = a / b[3], v = a / b[6]
        return [1, cos(a / 12), sin(a / 12),
                (b[4] * sin(u) - b[5] * cos(u)) * u / b[3], cos(u), sin(u),
                (b[7] * sin(v) - b[8] * cos(v)) * v / b[6], cos(v), sin(v)]
    })

    /// `b1·(x² + x·b2) / (x² + x·b3 + b4)`.
    static let mgh09 = NISTNonlinearModel(parameterCount: 4, value: { x, b in
        let t = x[0]
        return b[0] * (t * t + t * b[1]) / (t * t + t * b[2] + b[3])
    }, gradient: { x, b in
        let t = x[0]
        let numerator = t * t + t * b[1]
        let denominator = t * t + t * b[2] + b[3]
        let f = b[0] * numerator / denominator
        return [numerator / denominator, b[0] * t / denominator, -f * t / denominator, -f / denominator]
    })

    /// `b1 / (1 + exp(b2 − b3·x))`.
    static let rat42 = NISTNonlinearModel(parameterCount: 3, value: { x, b in
        b[0] / (1 + exp(b[1] - b[2] * x[0]))
    }, gradient: { x, b in
        let e = exp(b[1] - b[2] * x[0])
        let u = 1 + e
        return [1 / u, -b[0] * e / (u * u), b[0] * x[0] * e / (u * u)]
    })

    /// `b1·exp(b2/(x + b3))`.
    static let mgh10 = NISTNonlinearModel(parameterCount: 3, value: { x, b in
        b[0] * exp(b[1] / (x[0] + b[2]))
    }, gradient: { x, b in
        let s = x[0] + b[2]
        let e = exp(b[1] / s)
        return [e, b[0] * e / s, -b[0] * e * b[1] / (s * s)]
    })

    /// `(b1/b2)·exp(−½((x − b3)/b2)²)`.
    static let eckerle4 = NISTNonlinearModel(parameterCount: 3, value: { x, b in
        let z = (x[0] - b[2]) / b[1]
        return b[0] / b[1] * exp(-0.5 * z * z)
    }, gradient: { x, b in
        let z = (x[0] - b[2]) / b[1]
        let g = exp(-0.5 * z * z)
        return [g / b[1], b[0] * g / (b[1] * b[1]) * (z * z - 1), b[0] * g * z / (b[1] * b[1])]
    })

    /// `b1 / (1 + exp(b2 − b3·x))^(1/b4)`.
    static let rat43 = NISTNonlinearModel(parameterCount: 4, value: { x, b in
        b[0] / pow(1 + exp(b[1] - b[2] * x[0]), 1 / b[3])
    }, gradient: { x, b in
        let e = exp(b[1] - b[2] * x[0])
        let u = 1 + e
        let f = b[0] * pow(u, -1 / b[3])
        return [f / b[0], -f * e / (b[3] * u), f * e * x[0] / (b[3] * u), f * log1p(e) / (b[3] * b[3])]
    })

    /// `b1·(b2 + x)^(−1/b3)`.
    static let bennett5 = NISTNonlinearModel(parameterCount: 3, value: { x, b in
        b[0] * pow(b[1] + x[0], -1 / b[2])
    }, gradient: { x, b in
        let s = b[1] + x[0]
        let power = pow(s, -1 / b[2])
        return [power, -b[0] * power / (b[2] * s), b[0] * power * log(s) / (b[2] * b[2])]
    })
}
