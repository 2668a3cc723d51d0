import Foundation

/// A problem with a series or a model that the user can fix; every message says what to do.
public enum ForecastingError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateYear(series: String, year: Int)
    case nonFiniteValue(series: String, year: Int)
    case tooFewPoints(series: String, model: String, have: Int, need: Int)
    case nonPositiveValue(series: String, model: String, year: Int, value: Double)
    case outsideBounds(series: String, model: String, year: Int, value: Double, lower: Double, upper: Double)
    case interventionOutsideData(series: String, term: String, first: Int, last: Int)
    case singularDesign(series: String, model: String, detail: String)
    case didNotConverge(series: String, model: String, iterations: Int, detail: String)
    case invalidModel(String)

    /// What to do with `have` points that are too few: more data, or a simpler model when one would fit them.
    public static func tooFewPointsAdvice(have: Int) -> String {
        have < TrendModel.fewestPoints ? "add data: no model fits fewer than \(TrendModel.fewestPoints) points"
            : "add data or choose a simpler model (a linear trend needs \(TrendModel.fewestPoints))"
    }

    public var description: String {
        switch self {
        case let .duplicateYear(series, year):
            return "series '\(series)' has two values for \(year); keep one row per year"
        case let .nonFiniteValue(series, year):
            return "series '\(series)' has a missing or non-finite value in \(year); remove the row or give a number"
        case let .tooFewPoints(series, model, have, need):
            return "series '\(series)' has \(have) point\(have == 1 ? "" : "s"); \(article(model)) \(model) trend needs at least \(need); "
                + Self.tooFewPointsAdvice(have: have)
        case let .nonPositiveValue(series, model, year, value):
            return "series '\(series)' has \(formatNumber(value)) in \(year); \(article(model)) \(model) trend needs values above 0; use a linear model or correct the value"
        case let .outsideBounds(series, model, year, value, lower, upper):
            return "series '\(series)' has \(formatNumber(value)) in \(year), outside the range (\(formatNumber(lower)), \(formatNumber(upper))) that \(article(model)) \(model) trend needs; raise the cap or correct the value"
        case let .interventionOutsideData(series, term, first, last):
            return "series '\(series)': \(term) must fall inside the data (\(first)–\(last)) with data on both sides; move or drop it"
        case let .singularDesign(series, model, detail):
            return "series '\(series)': the \(model) trend cannot be identified (\(detail)); drop a term or add data"
        case let .didNotConverge(series, model, iterations, detail):
            return "series '\(series)': the \(model) fit did not converge after \(iterations) iterations (\(detail)); give a known cap or use a simpler model"
        case let .invalidModel(text):
            return text
        }
    }
}

/// "an" before a vowel sound, else "a".
func article(_ word: String) -> String {
    guard let first = word.lowercased().first else { return "a" }
    return "aeio".contains(first) ? "an" : "a"
}
