import Foundation

/// The scale a linear-in-parameters trend is fitted on, and the way back.
enum ResponseTransform: Sendable, Hashable {
    case identity
    case log
    /// `z = ln(y / (K − y))`
    case logit(cap: Double)
    /// `z = −ln(−ln(y / K))`
    case complementaryLogLog(cap: Double)

    func forward(_ y: Double) -> Double {
        switch self {
        case .identity: return y
        case .log: return Foundation.log(y)
        case let .logit(k): return Foundation.log(y / (k - y))
        case let .complementaryLogLog(k): return -Foundation.log(-Foundation.log(y / k))
        }
    }

    func inverse(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .log: return exp(z)
        case let .logit(k): return k / (1 + exp(-z))
        case let .complementaryLogLog(k): return k * exp(-exp(-z))
        }
    }

    /// `ln |dz/dy|` at `y`: turns a likelihood on the fitting scale into one on the data scale.
    func logJacobian(_ y: Double) -> Double {
        switch self {
        case .identity: return 0
        case .log: return -Foundation.log(y)
        case let .logit(k): return Foundation.log(k / (y * (k - y)))
        case let .complementaryLogLog(k): return -Foundation.log(-Foundation.log(y / k)) - Foundation.log(y)
        }
    }

    /// Whether `y` lies in the transform's domain.
    func accepts(_ y: Double) -> Bool {
        switch self {
        case .identity: return y.isFinite
        case .log: return y > 0
        case let .logit(k), let .complementaryLogLog(k): return y > 0 && y < k
        }
    }

    /// The open interval of valid values, for messages.
    var domain: (lower: Double, upper: Double) {
        switch self {
        case .identity: return (-.infinity, .infinity)
        case .log: return (0, .infinity)
        case let .logit(k), let .complementaryLogLog(k): return (0, k)
        }
    }
}

extension TrendShape {
    var transform: ResponseTransform? {
        switch self {
        case .linear, .polynomial: return .identity
        case .exponential: return .log
        case let .logistic(cap): return cap.map { .logit(cap: $0) }
        case let .gompertz(cap): return cap.map { .complementaryLogLog(cap: $0) }
        }
    }
}
