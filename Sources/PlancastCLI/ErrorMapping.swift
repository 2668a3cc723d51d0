import DataFiles
import Reports

// The one place where errors of the layers below learn the command line's words. The layers below
// carry structured keys, categories and typed subjects (`InputError.Subject`); only here does a
// subject become the flag that made the request.

/// The options of one command that an error may be about (nil: the command has no such option).
struct OptionNames {
    /// Where the command writes: `--out` (run) or `--output`.
    var output: String?
    /// The option that names a series to fit.
    var series: String?
    /// The option that picks scenarios to run.
    var scenario: String?
}

extension InputError {
    /// This error with the option that made its request named: the output option after the advice
    /// of an output error, the series or scenario option as the key of an unknown or repeated name.
    ///
    /// ```swift
    /// // "out/targets.csv: is a folder; move it away or write to another folder (--out)"
    /// error.namingOptions(OptionNames(output: "--out"))
    /// ```
    func namingOptions(_ options: OptionNames) -> InputError {
        var named = self
        switch subject {
        case .outputLocation: if let output = options.output { named.message += " (\(output))" }
        case .requestedSeries: if let series = options.series, key == nil { named.key = series }
        case .requestedScenario: if let scenario = options.scenario, key == nil { named.key = scenario }
        case nil: break
        }
        return named
    }
}
