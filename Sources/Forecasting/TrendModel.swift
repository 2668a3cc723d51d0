/// The shape of a trend.
public enum TrendShape: Sendable, Hashable, Codable {
    /// `y = a + b·t`.
    case linear
    /// `ln y = a + b·t`: constant growth; needs `y > 0`.
    case exponential
    /// `y = a + b·t + … + c·t^degree`.
    case polynomial(degree: Int)
    /// `y = K / (1 + e^−(a + b·t))`; with a known `cap` fitted linearly on the logit scale, else by Levenberg–Marquardt.
    case logistic(cap: Double?)
    /// `y = K·e^(−e^−(a + b·t))`; with a known `cap` fitted linearly on the log-log scale, else by Levenberg–Marquardt.
    case gompertz(cap: Double?)

    /// The name used in files and messages.
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .exponential: return "exponential"
        case let .polynomial(degree): return degree == 2 ? "quadratic" : "polynomial(\(degree))"
        case let .logistic(cap): return cap.map { "logistic(cap \(formatNumber($0)))" } ?? "logistic"
        case let .gompertz(cap): return cap.map { "gompertz(cap \(formatNumber($0)))" } ?? "gompertz"
        }
    }
}

/// A change in a linear-in-parameters trend at a point in time.
public enum Intervention: Sendable, Hashable, Codable {
    /// A level shift from `year` on: the regressor is 1 for years ≥ `year`.
    case step(year: Int)
    /// A slope change from `year` on: the regressor is max(0, t − `year`).
    case hinge(year: Int)
    /// One-off deviations in `years` (e.g. 2020 and 2021): the regressor is 1 in those years.
    case pulse(years: [Int])

    /// The term's name, e.g. `step:2020`.
    public var name: String {
        switch self {
        case let .step(year): return "step:\(year)"
        case let .hinge(year): return "hinge:\(year)"
        case let .pulse(years): return "pulse:" + years.map(String.init).joined(separator: ",")
        }
    }

    func regressor(_ year: Int) -> Double {
        switch self {
        case let .step(y): return year >= y ? 1 : 0
        case let .hinge(y): return Double(max(0, year - y))
        case let .pulse(ys): return ys.contains(year) ? 1 : 0
        }
    }
}

/// How observations are weighted in the fit (`Var(εᵢ) = σ²/wᵢ`).
public struct Weighting: Sendable, Hashable, Codable {
    /// Recent years heavier: `w = decay^(last year − year)` (ESCAP-style), `nil` for equal weights.
    public var recentDecay: Double?
    /// The weight of a row flagged `estimate` (1 treats estimates like actuals).
    public var estimateWeight: Double

    public init(recentDecay: Double? = nil, estimateWeight: Double = 1) {
        self.recentDecay = recentDecay
        self.estimateWeight = estimateWeight
    }

    public static let equal = Weighting()

    /// Whether every weight is 1.
    public var isEqual: Bool { recentDecay == nil && estimateWeight == 1 }

    func weights(for observations: [Observation]) -> [Double]? {
        if isEqual { return nil }
        let last = observations.last?.year ?? 0
        return observations.map { o in
            var w = o.kind == .estimate ? estimateWeight : 1
            if let decay = recentDecay { w *= pow(decay, Double(last - o.year)) }
            return w
        }
    }
}

/// A description of a trend model: cheap to make, fitted with `fit(_:)`.
///
/// ```swift
/// let model = TrendModel(shape: .logistic(cap: 100), interventions: [.pulse(years: [2020, 2021])])
/// let fitted = try model.fit(series)
/// let forecast = fitted.forecast(through: 2025)
/// ```
public struct TrendModel: Sendable, Hashable, Codable {
    public var shape: TrendShape
    public var interventions: [Intervention]
    public var weighting: Weighting
    /// Damping of the trend beyond the last observation: the slope is multiplied by `damping` each
    /// further year (0 < φ ≤ 1; `nil` is no damping). Applies to the trend term only.
    public var damping: Double?

    public init(shape: TrendShape, interventions: [Intervention] = [], weighting: Weighting = .equal, damping: Double? = nil) {
        self.shape = shape
        self.interventions = interventions
        self.weighting = weighting
        self.damping = damping
    }

    public static let linear = TrendModel(shape: .linear)
    public static let exponential = TrendModel(shape: .exponential)

    /// The model's name with its options, e.g. `exponential+step:2020 damped(0.8)`.
    public var name: String {
        var text = shape.name
        for i in interventions { text += "+" + i.name }
        if let damping { text += " damped(\(formatNumber(damping)))" }
        return text
    }

    /// The number of coefficients of the linear predictor (the cap of an unknown-cap fit not counted).
    public var linearParameterCount: Int {
        let base: Int
        switch shape {
        case let .polynomial(degree): base = degree + 1
        default: base = 2
        }
        return base + interventions.count
    }

    /// The number of estimated parameters including an unknown cap (σ not counted).
    public var parameterCount: Int {
        switch shape {
        case .logistic(nil), .gompertz(nil): return linearParameterCount + 1
        default: return linearParameterCount
        }
    }

    /// The fewest points this model can be fitted to with at least one residual degree of freedom.
    public var minimumPoints: Int { parameterCount + 1 }

    /// The fewest points any model can be fitted to: those of a linear trend, the simplest shape (3; the
    /// planning forecaster and the batch method need as many).
    public static var fewestPoints: Int { TrendModel(shape: .linear).minimumPoints }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
