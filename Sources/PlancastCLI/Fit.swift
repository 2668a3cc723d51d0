import ArgumentParser
import Foundation
import Forecasting
import Planning
import DataFiles
import Reports

/// `plancast fit DATA.csv --series NAME …`: parameters, fit statistics and a projection with intervals.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a trend to one series and project it.",
        discussion: "Reads a CSV file or an .xlsx workbook: long (columns series,year,value; extra columns such as kind and source are kept) or a yearbook table (a name column, an optional unit column, then one column per year; 2024* or Sơ bộ 2024 marks estimates).")

    @Argument(help: "Data file (.csv or .xlsx): series,year,value columns, or a yearbook table with one column per year.")
    var data: String

    @Option(help: "The sheet to read from an .xlsx data file (default: the first).")
    var sheet: String?

    @Option(help: "CSV dialect of the data file: vi (semicolons, decimal commas) or standard (default: detected).")
    var csvDialect: CSVDialect?

    @Option(help: "The series to fit.")
    var series: String

    @OptionGroup var modelOptions: ModelOptions

    // `.unconditional`: a value with a leading minus (`--level -5`) is read as the value and then
    // refused with a clear message, instead of "missing value".
    @Option(parsing: .unconditional, help: "Use data up to and including this year only.")
    var asOf: Int?

    @Option(parsing: .unconditional, help: "Project through this year.")
    var through: Int?

    @Option(parsing: .unconditionalSingleValue, help: "Interval level in percent (repeatable).")
    var level: [Double] = []

    @Option(parsing: .unconditional, help: "Lower bound of the series (0 for a count): the projection and its intervals stay above it. A share (unit %) is kept in 0–100 without it.")
    var lowerBound: Double?

    func validate() throws {
        try requireNonEmptyPaths([data], "the data file")
        for l in level where !(l > 0 && l < 100) {
            throw ValidationError("Please give --level between 0 and 100, e.g. --level 95.")
        }
        if let lowerBound, !lowerBound.isFinite { throw ValidationError("Please give --lower-bound a finite number.") }
        if let lowerBound, let upper = modelOptions.upperBound, lowerBound >= upper {
            throw ValidationError("Please give --lower-bound below --upper-bound.")
        }
    }

    /// The series as an indicator: its unit (a share in % is kept in 0–100, a yearly rate in % is not
    /// bounded), and the bounds given.
    func indicator(of series: Series, unit: String?) -> Indicator {
        var indicator = Indicator(id: series.name, unit: unit, lowerBound: lowerBound, upperBound: modelOptions.upperBound)
        if let unit, unit.contains("%"), !indicator.isGrowthRate {
            indicator.lowerBound = indicator.lowerBound ?? 0
            indicator.upperBound = indicator.upperBound ?? 100
        }
        return indicator
    }

    func run() throws {
        try reportingErrors(OptionNames(series: "--series")) {
            let table = try readDataFile(at: data, sheet: sheet, dialect: csvDialect)
            if let note = table.dialectNote { printNote(note) }
            var s = try table.series(requested: series)
            if let asOf { s = s.through(asOf) }
            let indicator = indicator(of: s, unit: s.unit ?? table.units[s.name]?.0)
            // A value outside the bounds is refused, as run refuses it against the scenario's bounds:
            // `--upper-bound 10` on data that reach 18.5 projected quietly "kept at or below 10".
            if let bounds = indicator.bounds, let outside = s.observations.first(where: { !bounds.contains($0.value) }) {
                let above = outside.value > bounds.upperBound
                let limit = above ? bounds.upperBound : bounds.lowerBound
                let given = above ? (modelOptions.upperBound != nil ? "--upper-bound" : nil) : (lowerBound != nil ? "--lower-bound" : nil)
                let why = given.map { "the \(above ? "highest" : "lowest") value \($0) allows" }
                    ?? "the \(above ? "highest" : "lowest") value of a share in % (unit '\(indicator.unit ?? "%")')"
                let message = "series '\(s.name)' has \(formatNumber(outside.value)) in \(outside.year), \(above ? "above" : "below") \(formatNumber(limit)), \(why); correct the value, or the bound"
                throw table.locations[s.name]?[outside.year]?.error(file: data, key: "value", message) ?? InputError(file: data, message)
            }
            let fitted: ProjectionFit
            do {
                fitted = try modelOptions.specification().fitProjection(s, bounds: indicator.bounds, isRate: indicator.isGrowthRate)
            } catch let error as ForecastingError {
                // The model as asked for cannot be used (64), or the data do not allow it (65).
                if case .invalidModel = error { throw InputError(key: "--model", error.description, category: .usage) }
                throw InputError(file: data, error.description + (asOf.map { " (data up to --as-of \($0))" } ?? ""))
            }
            let levels = level.isEmpty ? [80, 95] : level.sorted()
            let last = fitted.projection.lastYear
            let horizon = through ?? (last + 5)
            if horizon - last > Plan.longestHorizon {
                throw InputError(key: "--through", "\(horizon) is more than \(Plan.longestHorizon) years after the last data year \(last); give an earlier year", category: .usage)
            }
            let report: FitReport
            switch fitted.projection {
            case let .trend(fit):
                report = FitReport(file: data, selection: TrendSelection(fit: fit, candidates: fitted.candidates, note: fitted.note),
                                   levels: levels, through: horizon, bounds: indicator.bounds)
            case let .planning(fit):
                report = FitReport(file: data, planning: fit, levels: levels, through: horizon, bounds: indicator.bounds)
            }
            try StandardOutput.write(report.text)
        }
    }
}
