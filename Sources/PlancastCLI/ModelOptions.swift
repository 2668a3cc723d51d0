import ArgumentParser
import Forecasting
import DataFiles
import Reports

/// Options that describe a trend model, shared by `fit` and `forecast`.
struct ModelOptions: ParsableArguments {
    @Option(help: "Trend model: \(ModelName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: ModelName = .auto

    // `.unconditional` on numbers: `--cap -5` reads -5 and is refused by `validate()` with a clear
    // message, instead of ArgumentParser's "missing value for --cap".
    @Option(parsing: .unconditional, help: "Known cap (saturation level) of a logistic or Gompertz trend, e.g. 100 for a percentage.")
    var cap: Double?

    @Option(parsing: .unconditional, help: "Degree of a polynomial trend.")
    var degree: Int?

    @Option(name: .customLong("break"), help: ArgumentHelp("A break in the trend: step:YEAR (level shift) or hinge:YEAR (slope change). Repeatable.", valueName: "kind:year"))
    var breaks: [String] = []

    @Option(help: ArgumentHelp("One-off years to absorb with a pulse term, e.g. 2020,2021.", valueName: "years"))
    var pulse: String?

    @Option(help: "Weights: equal, or recent (recent years heavier).")
    var weights: WeightScheme = .equal

    @Option(parsing: .unconditional, help: "Yearly decay of weights with --weights recent.")
    var recentDecay: Double = 0.8

    @Option(parsing: .unconditional, help: "Weight of rows flagged 'estimate' (1 = as actuals).")
    var estimateWeight: Double = 1

    @Option(parsing: .unconditional, help: "Damping of the trend beyond the data (0 < φ ≤ 1).")
    var damping: Double?

    @Option(parsing: .unconditional, help: "Upper bound of the indicator (100 for a percentage): caps auto's saturating candidates.")
    var upperBound: Double?

    enum WeightScheme: String, ExpressibleByArgument, CaseIterable { case equal, recent }

    func validate() throws {
        if let cap, !(cap > 0 && cap.isFinite) { throw ValidationError("Please give --cap a positive number.") }
        if let degree, !(1...10).contains(degree) { throw ValidationError("Please give --degree between 1 and 10.") }
        // Options the chosen model would silently ignore.
        if cap != nil, model != .logistic && model != .gompertz {
            throw ValidationError("Please drop --cap or choose --model logistic or --model gompertz: only those trends have a known cap (--upper-bound caps auto's candidates).")
        }
        if degree != nil, model != .polynomial {
            throw ValidationError("Please drop --degree or choose --model polynomial: only that trend has a degree.")
        }
        if let upperBound, !upperBound.isFinite { throw ValidationError("Please give --upper-bound a finite number.") }
        if let damping, !(damping > 0 && damping <= 1) { throw ValidationError("Please give --damping a value in (0, 1].") }
        if !(estimateWeight > 0 && estimateWeight.isFinite) { throw ValidationError("Please give --estimate-weight a positive number.") }
        if !(recentDecay > 0 && recentDecay <= 1) { throw ValidationError("Please give --recent-decay a value in (0, 1].") }
        _ = try interventions()
    }

    func interventions() throws -> [Intervention] {
        var result: [Intervention] = []
        for text in breaks {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let year = Int(parts[1]) else {
                throw ValidationError("Please write --break as step:YEAR or hinge:YEAR, not '\(text)'.")
            }
            switch parts[0] {
            case "step": result.append(.step(year: year))
            case "hinge": result.append(.hinge(year: year))
            default: throw ValidationError("Please write --break as step:YEAR or hinge:YEAR, not '\(text)'.")
            }
        }
        if let pulse {
            let years = pulse.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !years.isEmpty, years.allSatisfy({ $0 != nil }) else {
                throw ValidationError("Please write --pulse as years separated by commas, e.g. 2020,2021.")
            }
            result.append(.pulse(years: years.map { $0! }))
        }
        return result
    }

    func specification() throws -> ModelSpecification {
        ModelSpecification(name: model, cap: cap, degree: degree, interventions: try interventions(),
                           weighting: Weighting(recentDecay: weights == .recent ? recentDecay : nil, estimateWeight: estimateWeight),
                           damping: damping, upperBound: upperBound)
    }
}

extension ModelName: ExpressibleByArgument {}

/// The levels of a `--levels` option ("80,95"), ascending; a usage error for anything but distinct
/// percentages between 0 and 100.
func parseIntervalLevels(_ levels: String) throws -> [Double] {
    var values: [Double] = []
    for part in levels.split(separator: ",", omittingEmptySubsequences: false) {
        let text = part.trimmingCharacters(in: .whitespaces)
        guard let value = plainDecimal(text), value > 0, value < 100 else {
            throw ValidationError("Please give --levels as percentages between 0 and 100 separated by commas, e.g. --levels 80,95 (not '\(text)').")
        }
        values.append(value)
    }
    let sorted = Array(Set(values)).sorted()
    guard sorted.count == values.count else {
        throw ValidationError("Please give each level in --levels once.")
    }
    return sorted
}
