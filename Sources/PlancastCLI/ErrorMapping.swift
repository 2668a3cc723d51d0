import Planning
import PlancastIO

// The one place where errors of the layers below learn the command line's words: flag names and
// exit categories. The layers below carry structured keys and typed subjects instead.

extension InputError {
    /// A planning error as the command line says it: a request of `--scenario` (an unknown or a repeated
    /// name) is a wrong option (exit 64); anything else is about the scenario file's content (exit 65).
    init(planning error: PlanningError, file: String) {
        if error.requestedScenario != nil {
            self.init(file: file, key: "--scenario", error.message, category: .usage)
        } else {
            self.init(file: file, key: error.key, error.message, category: .data)
        }
    }

    /// This error with the option that made its request named: the output option (`--out`, `--output`)
    /// after the advice of an output error, `--series` as the key of a requested series.
    ///
    /// ```swift
    /// // "out/targets.csv: is a folder; move it away or write to another folder (--out)"
    /// error.namingOptions(output: "--out")
    /// ```
    func namingOptions(output: String?, series: String?) -> InputError {
        var named = self
        switch subject {
        case .outputLocation: if let output { named.message += " (\(output))" }
        case .requestedSeries: if let series, key == nil { named.key = series }
        case nil: break
        }
        return named
    }
}
