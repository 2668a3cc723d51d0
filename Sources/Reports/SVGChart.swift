import Foundation
import DataFiles
import Forecasting
import Planning

/// How the scenarios of a report are drawn: the first with its bands, the others as coloured lines that
/// also differ by dash pattern, so no scenario is told apart by colour alone.
enum ScenarioStyle {
    static let colours = ["#1c5fa8", "#d9480f", "#6741d9", "#2b8a3e", "#0c8599", "#862e9c"]
    /// SVG `stroke-dasharray` values; the first (solid) belongs to the first scenario.
    static let dashes = ["", "8 4", "2 3", "12 4 3 4", "5 2", "1 4"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }
    static func dash(_ index: Int) -> String { index == 0 ? "" : dashes[1 + (index - 1) % (dashes.count - 1)] }
}

/// The colours of the chart's other marks.
enum ChartColour {
    static let data = "#212529"
    static let later = "#495057"
    static let trend = "#868e96"
    static let target = "#a61e4d"
    static let grid = "#e3e6ea"
    static let axis = "#495057"
}

/// One entry of a chart's legend, drawn in HTML under the chart.
struct LegendItem: Equatable {
    enum Swatch: Equatable {
        case actual, estimate, later, trend, band80, band95, target
        case line(scenario: Int)
        case none
    }
    var swatch: Swatch
    var text: String
}

/// Ticks at 1, 2, 2.5 or 5 × 10ᵏ covering `lower...upper` with about `count` intervals, and the
/// decimals the step needs.
///
/// ```swift
/// niceTicks(lower: 0.3, upper: 4.9, count: 5)   // step 1, ticks 0, 1, 2, 3, 4, 5
/// ```
func niceTicks(lower: Double, upper: Double, count: Int) -> (ticks: [Double], step: Double, decimals: Int) {
    var lower = lower, upper = upper
    if !(upper > lower) {
        let pad = Swift.max(1, abs(lower) * 0.1)
        lower -= pad
        upper += pad
    }
    let raw = (upper - lower) / Double(Swift.max(1, count))
    let magnitude = pow(10, floor(log10(raw)))
    let ratio = raw / magnitude
    // The round step nearest to the raw one (the thresholds are the geometric midpoints).
    let step = (ratio < 1.414 ? 1 : ratio < 2.236 ? 2 : ratio < 3.536 ? 2.5 : ratio < 7.071 ? 5 : 10) * magnitude
    let first = (lower / step).rounded(.down)
    let last = (upper / step).rounded(.up)
    let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
    var decimals = 0
    while decimals < 8 {
        let scaled = step * pow(10, Double(decimals))
        if abs(scaled - scaled.rounded()) < 1e-6 * Swift.max(1, scaled) { break }
        decimals += 1
    }
    return (ticks, step, decimals)
}

/// The fan chart of one indicator as an inline `<svg class="fan-chart">`: the data, the fitted trend,
/// the first scenario's median with its 80% and 95% bands, the other scenarios as lines, and the targets.
///
/// Every number is kept at full precision until it is written (coordinates with one decimal, labels
/// with the precision of their tick step).
struct FanChart {
    let outcome: IndicatorOutcome
    let result: PlanResult
    let labels: Labels
    /// A number unique in the report, for the ids of `<title>` and `<desc>`.
    let number: Int

    static let width = 640.0
    static let height = 380.0
    /// The plot's edges; the left one moves right when the y-axis labels need more room than
    /// `narrowestLeft` leaves them (`leftEdge(for:)`).
    let right = 618.0, top = 44.0, bottom = 328.0
    static let narrowestLeft = 72.0

    var indicator: Indicator { outcome.indicator }
    var scenarios: [String] { result.scenarioNames }

    /// The projected rows (no history) of a scenario.
    func projected(_ scenario: String) -> [ProjectionRow] {
        (outcome.projections[scenario] ?? []).filter { $0.kind == .projected }
    }

    /// Scenarios after the first whose projection differs from the first's, with their index.
    var distinctScenarios: [(index: Int, name: String)] {
        guard let first = scenarios.first else { return [] }
        let reference = projected(first)
        return scenarios.enumerated().dropFirst().compactMap { index, name in
            let rows = projected(name)
            return rows.isEmpty || rows == reference ? nil : (index, name)
        }
    }

    /// Scenarios after the first whose projection is the first's.
    var sameAsFirst: [String] {
        guard let first = scenarios.first, !projected(first).isEmpty else { return [] }
        let distinct = Set(distinctScenarios.map(\.name))
        return scenarios.dropFirst().filter { !distinct.contains($0) }
    }

    /// The fitted trend at every year of the data, on the data scale.
    var trendCurve: [(year: Int, value: Double)] {
        guard let fit = outcome.fit, fit.lastYear > fit.firstYear else { return [] }
        let years = Array(fit.firstYear...fit.lastYear)
        return fit.forecast(years: years, levels: [], bounds: indicator.bounds).points.map { ($0.year, $0.mean) }
    }

    /// The targets drawn on this chart: numeric, with a value, and about the quantity on its axis. An
    /// average-growth target of a level series is about growth (%/year), not the level: it has a chart
    /// of its own (`GrowthChart`) and no marker here.
    var drawnTargets: [Target] {
        indicator.targets.filter { $0.kind != .milestone && $0.value != nil && !isGrowthOfLevel($0) }
    }

    /// Whether `target` is an average growth of a level series (drawn on a growth axis of its own).
    func isGrowthOfLevel(_ target: Target) -> Bool {
        target.kind == .averageGrowth && !indicator.isGrowthRate
    }

    /// The first year of the term (for targets that hold over every year or on average over the term).
    var termStart: Int { (result.plan.baseYear ?? result.plan.asOf) + 1 }

    /// The vertical extent of a target: its value, or its range.
    func targetRange(_ target: Target) -> ClosedRange<Double> {
        let value = target.value!
        switch target.comparison {
        case .between?: return value...Swift.max(value, target.valueHigh ?? value)
        case .about?:
            let spread = abs(value) * target.tolerance
            return (value - spread)...(value + spread)
        default: return value...value
        }
    }

    func spansTerm(_ target: Target) -> Bool {
        (target.kind == .annualFlow || target.kind == .averageGrowth) && termStart < target.year
    }

    // MARK: Scales

    struct Scales {
        let xMin: Double, xMax: Double, yMin: Double, yMax: Double
        let yTicks: [Double], yDecimals: Int
        let xTicks: [Int]
        /// Whether a band of the first scenario reaches beyond the chart (it is then clipped at its edge).
        let clipped80: Bool, clipped95: Bool
    }

    /// The axes. The data, the trend, the medians and the targets always fit; an interval band widens the
    /// axis only while it does not crush them (at most 3× their span for 80%, 1.6× the result for 95%);
    /// beyond that it is clipped at the chart's edge and the legend says so.
    func scales() -> Scales {
        var years: [Int] = outcome.history.map(\.year) + outcome.laterActuals.map(\.year)
        var core: [Double] = outcome.history.map(\.value) + outcome.laterActuals.map(\.value)
        core += trendCurve.map(\.value)
        var band80: [Double] = [], band95: [Double] = []
        for scenario in scenarios {
            for row in projected(scenario) {
                years.append(row.year)
                core.append(row.central)
                if scenario == scenarios.first {
                    band80 += [row.lo80, row.hi80].compactMap { $0 }
                    band95 += [row.lo95, row.hi95].compactMap { $0 }
                }
            }
        }
        for target in drawnTargets {
            years.append(target.year)
            if spansTerm(target) { years.append(termStart) }
            let range = targetRange(target)
            core += [range.lowerBound, range.upperBound]
        }
        func extent(_ values: [Double]) -> (low: Double, high: Double)? {
            let finite = values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return nil }
            return (low, high)
        }
        func span(_ e: (low: Double, high: Double)?) -> Double { e.map { $0.high - $0.low } ?? 0 }
        var values = core
        let coreSpan = span(extent(core))
        let clipped80 = !band80.isEmpty && coreSpan > 0 && span(extent(core + band80)) > 3 * coreSpan
        if !clipped80 { values += band80 }
        let innerSpan = span(extent(values))
        let clipped95 = !band95.isEmpty && (clipped80 || (innerSpan > 0 && span(extent(values + band95)) > 1.6 * innerSpan))
        if !clipped95 { values += band95 }

        var firstYear = years.min() ?? result.asOf, lastYear = years.max() ?? result.asOf
        if firstYear == lastYear { firstYear -= 1; lastYear += 1 }
        var (low, high) = extent(values) ?? (0, 1)
        // Breathing room, so no point sits on the frame; then the indicator's own bounds.
        let pad = (high - low) * 0.05
        let touchesZero = low >= 0 && low <= high * 0.5
        low -= pad
        high += pad
        if let lower = indicator.bounds?.lowerBound, lower.isFinite, low < lower, (extent(values)?.low ?? lower) >= lower { low = lower }
        if let upper = indicator.bounds?.upperBound, upper.isFinite, high > upper, (extent(values)?.high ?? upper) <= upper { high = upper }
        // Levels are drawn from zero when zero is not far below the data; growth rates may be negative.
        if touchesZero { low = 0 }
        let (ticks, _, decimals) = niceTicks(lower: low, upper: high, count: 5)
        let yearSpan = lastYear - firstYear
        let step = yearSpan <= 8 ? 1 : yearSpan <= 16 ? 2 : yearSpan <= 40 ? 5 : 10
        let xTicks = stride(from: firstYear, through: lastYear, by: 1).filter { $0 % step == 0 }
        return Scales(xMin: Double(firstYear) - 0.5, xMax: Double(lastYear) + 0.5,
                      yMin: ticks.first!, yMax: ticks.last!, yTicks: ticks, yDecimals: decimals, xTicks: xTicks,
                      clipped80: clipped80, clipped95: clipped95)
    }

    // MARK: Drawing

    /// The chart's coordinates: years and values to SVG x and y, written with one decimal.
    struct Plot {
        let scales: Scales
        let left: Double, right: Double, top: Double, bottom: Double

        func x(_ year: Int) -> Double { left + (Double(year) - scales.xMin) / (scales.xMax - scales.xMin) * (right - left) }
        func y(_ value: Double) -> Double { bottom - (value - scales.yMin) / (scales.yMax - scales.yMin) * (bottom - top) }
        func n(_ v: Double) -> String { fixed(v, 1) }
        func polyline(_ points: [(Int, Double)]) -> String {
            points.enumerated().map { k, p in (k == 0 ? "M" : "L") + n(x(p.0)) + "," + n(y(p.1)) }.joined(separator: " ")
        }
    }

    /// The `<svg>` element: its title and description, the axes, the as-of line, the projection
    /// (bands, trend, medians, other scenarios), the targets, the data, and the target labels.
    func svg() -> String {
        let scales = scales()
        let plot = Plot(scales: scales, left: Self.leftEdge(for: scales), right: right, top: top, bottom: bottom)
        let n = plot.n
        var out = opening(plot)
        out += axes(plot)
        out += asOfLine(plot)
        out += projection(plot)
        let (markers, targetLabels) = targetMarkers(plot)
        out += markers
        out += dataPoints(plot)
        if outcome.model == nil {
            out += "<text class=\"no-projection-note\" x=\"\(n(right))\" y=\"\(n(top - 18))\" text-anchor=\"end\" font-size=\"14\" font-style=\"italic\" fill=\"\(ChartColour.axis)\">\(escapeHTML(labels.noProjectionShort))</text>\n"
        }
        out += placedTargetLabels(targetLabels, plot)
        out += "</svg>"
        return out
    }

    /// The left edge of the plot: `narrowestLeft` holds y-axis labels of up to seven characters
    /// (written 8 units left of the plot at 14 px, about 9 units a character); a longer one, such as
    /// 40000000 (a GRDP in million VND), moves the edge right so that it is not cut off at the edge of
    /// the chart.
    static func leftEdge(for scales: Scales) -> Double {
        let longest = scales.yTicks.map { fixed($0, scales.yDecimals).count }.max() ?? 0
        return longest <= 7 ? narrowestLeft : 10 + 9 * Double(longest)
    }

    /// The opening tag, with the title and the description for screen readers.
    func opening(_ plot: Plot) -> String {
        let n = plot.n
        let name = labels.name(indicator)
        let titleID = "chart-\(number)-title", descID = "chart-\(number)-desc"
        var out = "<svg class=\"fan-chart\(outcome.model == nil ? " no-projection" : "")\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" data-indicator=\"\(escapeHTML(indicator.id))\" data-quantity=\"\(indicator.isGrowthRate ? "growth" : "level")\" data-value-axis=\"y\" data-plot=\"\(n(top)) \(n(bottom))\">\n"
        out += "<title id=\"\(titleID)\">\(escapeHTML(labels.chartTitle(name)))</title>\n"
        out += "<desc id=\"\(descID)\">\(escapeHTML(description()))</desc>\n"
        return out
    }

    /// The y axis with its grid and unit, the x axis with its years.
    func axes(_ plot: Plot) -> String {
        let (s, x, y, n) = (plot.scales, plot.x, plot.y, plot.n)
        var out = ""
        // Grid and y axis.
        out += "<g class=\"y-axis\" font-size=\"14\" fill=\"\(ChartColour.axis)\">\n"
        for tick in s.yTicks {
            let ty = n(y(tick))
            out += "<line x1=\"\(n(plot.left))\" x2=\"\(n(right))\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"\(ChartColour.grid)\"/>"
            out += "<text class=\"tick\" data-value=\"\(fixed(tick, s.yDecimals))\" x=\"\(n(plot.left - 8))\" y=\"\(ty)\" dy=\"0.35em\" text-anchor=\"end\">\(fixed(tick, s.yDecimals))</text>\n"
        }
        out += "</g>\n"
        if let unit = indicator.unit {
            out += "<text class=\"unit\" x=\"8\" y=\"\(n(top - 18))\" font-size=\"14\" font-weight=\"600\" fill=\"\(ChartColour.axis)\">\(escapeHTML(unit))</text>\n"
        }
        // x axis.
        out += "<g class=\"x-axis\" font-size=\"14\" fill=\"\(ChartColour.axis)\">\n"
        out += "<line x1=\"\(n(plot.left))\" x2=\"\(n(right))\" y1=\"\(n(bottom))\" y2=\"\(n(bottom))\" stroke=\"\(ChartColour.axis)\"/>\n"
        for year in s.xTicks {
            let tx = n(x(year))
            out += "<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(n(bottom))\" y2=\"\(n(bottom + 5))\" stroke=\"\(ChartColour.axis)\"/>"
            out += "<text x=\"\(tx)\" y=\"\(n(bottom + 21))\" text-anchor=\"middle\">\(year)</text>\n"
        }
        out += "<text x=\"\(n(right))\" y=\"\(n(bottom + 42))\" text-anchor=\"end\" font-weight=\"600\">\(escapeHTML(labels.year))</text>\n"
        out += "</g>\n"
        return out
    }

    /// The as-of line and its label (only for a projected indicator whose as-of year is inside the plot).
    func asOfLine(_ plot: Plot) -> String {
        let (x, n) = (plot.x, plot.n)
        var out = ""
        // The as-of year: data to its left were used, the projection starts after the last of them.
        let asOfX = x(result.asOf)
        if outcome.model != nil, asOfX > plot.left, asOfX < right {
            out += "<g class=\"as-of\" font-size=\"13\" fill=\"\(ChartColour.axis)\">"
            out += "<line x1=\"\(n(asOfX))\" x2=\"\(n(asOfX))\" y1=\"\(n(top - 2))\" y2=\"\(n(bottom))\" stroke=\"#adb5bd\" stroke-dasharray=\"4 4\"/>"
            // The label sits above the plot, centred on the line, kept inside the chart and clear of the unit.
            let text = labels.dataUpTo(result.asOf)
            let half = Double(text.count) * 3.7
            let (labelX, anchor) = asOfX + half > Self.width - 4 ? (asOfX + 4, "end")
                : asOfX - half < plot.left + 40 ? (asOfX - 4, "start") : (asOfX, "middle")
            out += "<text x=\"\(n(labelX))\" y=\"\(n(top - 5))\" text-anchor=\"\(anchor)\">\(escapeHTML(text))</text></g>\n"
        }
        return out
    }

    /// The projection, clipped to the plot: the first scenario's 95% and 80% bands and median, the
    /// fitted trend, and the other scenarios where they leave the first one's median.
    func projection(_ plot: Plot) -> String {
        let (polyline, n) = (plot.polyline, plot.n)
        var out = ""
        // Bands and lines start at the last observation, so the fan opens from the data; a band wider
        // than the axis is clipped at the plot's edge.
        let clipID = "chart-\(number)-plot"
        out += "<clipPath id=\"\(clipID)\"><rect x=\"\(n(plot.left))\" y=\"\(n(top))\" width=\"\(n(right - plot.left))\" height=\"\(n(bottom - top))\"/></clipPath>\n"
        out += "<g clip-path=\"url(#\(clipID))\">\n"
        let anchor = outcome.history.last.map { ($0.year, $0.value) }
        if let first = scenarios.first {
            let rows = projected(first)
            for (level, opacity) in [(95, "0.16"), (80, "0.32")] {
                let upper = rows.compactMap { row in (level == 95 ? row.hi95 : row.hi80).map { (row.year, $0) } }
                let lower = rows.compactMap { row in (level == 95 ? row.lo95 : row.lo80).map { (row.year, $0) } }
                guard !upper.isEmpty, upper.count == lower.count else { continue }
                let outline = (anchor.map { [$0] } ?? []) + upper + lower.reversed()
                out += "<path class=\"band\(level)\" d=\"\(polyline(outline)) Z\" fill=\"\(ScenarioStyle.colour(0))\" fill-opacity=\"\(opacity)\"/>\n"
            }
        }
        let trend = trendCurve
        if trend.count > 1 {
            out += "<path class=\"trend\" d=\"\(polyline(trend.map { ($0.year, $0.value) }))\" fill=\"none\" stroke=\"\(ChartColour.trend)\" stroke-width=\"2.5\"/>\n"
        }
        if let first = scenarios.first, !projected(first).isEmpty {
            let points = (anchor.map { [$0] } ?? []) + projected(first).map { ($0.year, $0.central) }
            out += "<path class=\"median\" d=\"\(polyline(points))\" fill=\"none\" stroke=\"\(ScenarioStyle.colour(0))\" stroke-width=\"2.5\"/>\n"
        }
        out += scenarioLines(plot, anchor: anchor)
        out += "</g>\n"
        return out
    }

    /// The scenarios other than the first, each only where it leaves the first one's median.
    func scenarioLines(_ plot: Plot, anchor: (Int, Double)?) -> String {
        let polyline = plot.polyline
        var out = ""
        // Lines drawn earlier are wider, so a scenario that coincides with a later one still shows beside it.
        let others = distinctScenarios
        let reference = scenarios.first.map(projected) ?? []
        for (k, (index, scenario)) in others.enumerated() {
            // Only where the scenario leaves the first one's median (from the point before, to the point
            // where it rejoins), so shared stretches show the first scenario's line.
            let points = (anchor.map { [$0] } ?? []) + projected(scenario).map { ($0.year, $0.central) }
            let offset = anchor == nil ? 0 : 1
            let differs = points.indices.map { i -> Bool in
                let r = i - offset
                guard r >= 0, r < reference.count else { return false }
                return abs(points[i].1 - reference[r].central) > 1e-9 * Swift.max(1, abs(reference[r].central))
            }
            var runs: [[(Int, Double)]] = []
            var i = 0
            while i < points.count {
                guard differs[i] else { i += 1; continue }
                var j = i
                while j + 1 < points.count && differs[j + 1] { j += 1 }
                runs.append(Array(points[Swift.max(0, i - 1)...Swift.min(points.count - 1, j + 1)]))
                i = j + 1
            }
            guard !runs.isEmpty else { continue }
            let width = 2 + 1.25 * Double(others.count - 1 - k)
            out += "<path class=\"scenario\" data-scenario=\"\(escapeHTML(scenario))\" d=\"\(runs.map(polyline).joined(separator: " "))\" fill=\"none\" stroke=\"\(ScenarioStyle.colour(index))\" stroke-width=\"\(formatNumber(width))\" stroke-dasharray=\"\(ScenarioStyle.dash(index))\"/>\n"
        }
        return out
    }

    /// The target markers, and where each one's label belongs.
    func targetMarkers(_ plot: Plot) -> (svg: String, labels: [(x: Double, y: Double, text: String)]) {
        let (x, y, n) = (plot.x, plot.y, plot.n)
        var out = ""
        // Targets: a ring at a single value, a bar over a range, a dashed span over the term.
        var targetLabels: [(x: Double, y: Double, text: String)] = []
        if !drawnTargets.isEmpty {
            out += "<g class=\"targets\" stroke=\"\(ChartColour.target)\" fill=\"none\" stroke-width=\"2.5\">\n"
            for target in drawnTargets {
                let range = targetRange(target)
                let tx = x(target.year)
                let low = y(range.lowerBound), high = y(range.upperBound), middle = y(target.value!)
                // Each marker names its value and where it sits, so a check can read it off the axis.
                out += "<g class=\"target\" data-target=\"\(escapeHTML(target.id))\" data-kind=\"\(target.kind.rawValue)\" data-value=\"\(formatNumber(target.value!))\" data-at=\"\(n(middle))\">"
                if spansTerm(target) {
                    let sx = x(termStart)
                    if high < low - 1 {
                        out += "<rect x=\"\(n(sx))\" y=\"\(n(high))\" width=\"\(n(tx - sx))\" height=\"\(n(low - high))\" fill=\"\(ChartColour.target)\" fill-opacity=\"0.10\" stroke=\"none\"/>"
                    }
                    out += "<line x1=\"\(n(sx))\" x2=\"\(n(tx))\" y1=\"\(n(middle))\" y2=\"\(n(middle))\" stroke-dasharray=\"6 3\" stroke-width=\"2\"/>"
                }
                if high < low - 1 {
                    out += "<line x1=\"\(n(tx))\" x2=\"\(n(tx))\" y1=\"\(n(low))\" y2=\"\(n(high))\" stroke-width=\"3.5\"/>"
                    for end in [low, high] {
                        out += "<line x1=\"\(n(tx - 7))\" x2=\"\(n(tx + 7))\" y1=\"\(n(end))\" y2=\"\(n(end))\"/>"
                    }
                    if target.comparison == .about {
                        out += "<circle cx=\"\(n(tx))\" cy=\"\(n(middle))\" r=\"4\" fill=\"#fff\"/>"
                    }
                } else {
                    out += "<circle cx=\"\(n(tx))\" cy=\"\(n(middle))\" r=\"7\" fill=\"#fff\" fill-opacity=\"0.6\"/>"
                    out += "<line x1=\"\(n(tx - 12))\" x2=\"\(n(tx + 12))\" y1=\"\(n(middle))\" y2=\"\(n(middle))\"/>"
                }
                out += "</g>\n"
                targetLabels.append((tx, high, targetLabel(target)))
            }
            out += "</g>\n"
        }
        return (out, targetLabels)
    }

    /// The data: actuals filled, estimates hollow, later data as diamonds.
    func dataPoints(_ plot: Plot) -> String {
        let (x, y, n) = (plot.x, plot.y, plot.n)
        var out = ""
        // Data on top: actuals filled, estimates hollow; later data (not used in the fit) as diamonds.
        out += "<g class=\"data\" stroke-width=\"1.8\">\n"
        for o in outcome.history {
            let hollow = o.kind == .estimate
            out += "<circle class=\"\(hollow ? "estimate" : "actual")\" cx=\"\(n(x(o.year)))\" cy=\"\(n(y(o.value)))\" r=\"4.5\" fill=\"\(hollow ? "#fff" : ChartColour.data)\" stroke=\"\(ChartColour.data)\"/>\n"
        }
        for o in outcome.laterActuals {
            let cx = x(o.year), cy = y(o.value), r = 5.5
            let hollow = o.kind == .estimate
            out += "<path class=\"later\" d=\"M\(n(cx)),\(n(cy - r)) L\(n(cx + r)),\(n(cy)) L\(n(cx)),\(n(cy + r)) L\(n(cx - r)),\(n(cy)) Z\" fill=\"\(hollow ? "#fff" : ChartColour.later)\" stroke=\"\(ChartColour.later)\"/>\n"
        }
        out += "</g>\n"
        return out
    }

    /// White outline behind text that sits on lines or bands.
    var halo: String { " paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"4\" stroke-linejoin=\"round\"" }

    /// "P3.1 > 4.4", with "(average over the term)" or "(every year)" where that is what the target means.
    func targetLabel(_ target: Target) -> String {
        var text = "\(target.id) \(labels.statement(target, indicator))"
        if target.kind == .averageGrowth { text += " (\(labels.averageOverTerm))" }
        if target.kind == .annualFlow { text += " (\(labels.everyYear))" }
        return text
    }

    /// Target labels left of their markers (right of them near the left edge), moved apart so none overlap.
    func placedTargetLabels(_ items: [(x: Double, y: Double, text: String)], _ plot: Plot) -> String {
        guard !items.isEmpty else { return "" }
        let lineHeight = 18.0
        var placed: [(x: Double, y: Double, text: String)] = []
        for item in items.sorted(by: { $0.y < $1.y || ($0.y == $1.y && $0.text < $1.text) }) {
            var ty = Swift.max(top + 28, item.y - 12)
            if let last = placed.last, ty < last.y + lineHeight { ty = last.y + lineHeight }
            placed.append((item.x, ty, item.text))
        }
        // Push the stack back up if it runs below the plot.
        if let last = placed.last, last.y > bottom - 6 {
            let shift = last.y - (bottom - 6)
            placed = placed.map { ($0.x, $0.y - shift, $0.text) }
        }
        var out = "<g class=\"target-labels\" font-size=\"14\" font-weight=\"600\" fill=\"\(ChartColour.target)\">\n"
        for item in placed {
            let estimatedWidth = Double(item.text.count) * 7.8
            let leftward = item.x - 14 - estimatedWidth >= plot.left
            let tx = leftward ? item.x - 14 : Swift.min(item.x + 14, right - estimatedWidth)
            out += "<text x=\"\(fixed(tx, 1))\" y=\"\(fixed(item.y, 1))\" text-anchor=\"\(leftward ? "end" : "start")\"\(halo)>\(escapeHTML(item.text))</text>\n"
        }
        return out + "</g>\n"
    }

    /// What the chart shows, in sentences, for screen readers.
    func description() -> String {
        let unit = indicator.unit.map { " (\(labels.unit): \($0))" } ?? ""
        var parts: [String] = []
        let data = outcome.history.map { o in
            "\(o.year): \(formatNumber(o.value))" + (o.kind == .estimate ? " (\(labels.estimate))" : "")
        }
        parts.append("\(labels.data)\(unit): " + data.joined(separator: "; ") + ".")
        if !outcome.laterActuals.isEmpty {
            parts.append(sentenceCase(labels.laterData(result.asOf)) + ": "
                         + outcome.laterActuals.map { "\($0.year): \(formatNumber($0.value))" }.joined(separator: "; ") + ".")
        }
        if let fit = outcome.fit {
            parts.append("\(labels.fittedTrend): \(fit.model.name).")
        } else if outcome.planning != nil {
            parts.append(labels.planningModelShort)
        } else {
            parts.append(labels.notEnoughData(points: outcome.history.count, asOf: result.asOf))
        }
        for scenario in scenarios {
            guard let last = projected(scenario).last else { continue }
            var text = "\(scenario), \(last.year): \(labels.median) \(significant(last.central, digits: 4))"
            if scenario == scenarios.first, let lo = last.lo80, let hi = last.hi80 {
                text += ", \(labels.interval80) \(significant(lo, digits: 4))–\(significant(hi, digits: 4))"
                if let lo95 = last.lo95, let hi95 = last.hi95 {
                    text += ", \(labels.interval95) \(significant(lo95, digits: 4))–\(significant(hi95, digits: 4))"
                }
            }
            parts.append(text + ".")
        }
        for target in indicator.targets {
            var text = "\(labels.goal) \(target.id): " + (target.kind == .milestone ? labels.milestone : "\(target.statement) \(target.year)")
            let verdicts = scenarios.compactMap { scenario -> String? in
                guard let a = result.assessment(target.id, scenario) else { return nil }
                return "\(scenario): " + (a.probabilityOfMeeting.map { "\(labels.probability) \(String(format: "%.2f", $0)), " } ?? "") + labels.status(a.status)
            }
            if !verdicts.isEmpty { text += "; " + verdicts.joined(separator: "; ") }
            parts.append(text + ".")
        }
        return parts.joined(separator: " ")
    }

    /// The legend entries for what this chart actually shows.
    func legend() -> [LegendItem] {
        var items: [LegendItem] = []
        if outcome.history.contains(where: { $0.kind != .estimate }) { items.append(LegendItem(swatch: .actual, text: "\(labels.data): \(labels.actual)")) }
        if outcome.history.contains(where: { $0.kind == .estimate }) { items.append(LegendItem(swatch: .estimate, text: "\(labels.data): \(labels.estimate)")) }
        if !outcome.laterActuals.isEmpty { items.append(LegendItem(swatch: .later, text: labels.laterData(result.asOf))) }
        if trendCurve.count > 1 { items.append(LegendItem(swatch: .trend, text: labels.fittedTrend)) }
        if let first = scenarios.first, !projected(first).isEmpty {
            items.append(LegendItem(swatch: .line(scenario: 0), text: labels.scenarioMedian(first)))
            let s = scales()
            items.append(LegendItem(swatch: .band80, text: "\(first): \(labels.interval80)" + (s.clipped80 ? " (\(labels.clipped))" : "")))
            items.append(LegendItem(swatch: .band95, text: "\(first): \(labels.interval95)" + (s.clipped95 ? " (\(labels.clipped))" : "")))
            for (index, scenario) in distinctScenarios {
                items.append(LegendItem(swatch: .line(scenario: index), text: labels.scenarioMedian(scenario)))
            }
            if !sameAsFirst.isEmpty {
                items.append(LegendItem(swatch: .none, text: sameAsFirst.joined(separator: ", ") + ": " + labels.sameAs(first)))
            }
        }
        if !drawnTargets.isEmpty { items.append(LegendItem(swatch: .target, text: labels.goal)) }
        return items
    }
}

/// `text` with its first letter in upper case.
func sentenceCase(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
}

/// `text` as a sentence of its own: the first letter in upper case and a full stop at the end.
func sentence(_ text: String) -> String {
    let cased = sentenceCase(text)
    return cased.hasSuffix(".") ? cased : cased + "."
}

/// The chart of an average-growth target of a level series, on its own axis (% a year): for each
/// scenario the projected average growth over the term (median and 80% interval of the paths), the
/// historical growth over its stated period, and the target as a line (a band for a range).
///
/// The level chart of the same indicator carries no marker for such a target: a growth of 10% a
/// year is not a level of 10.
struct GrowthChart {
    let target: Target
    let indicator: Indicator
    let result: PlanResult
    let labels: Labels
    /// Unique in the report, for the ids of `<title>` and `<desc>`.
    let number: String

    static let width = 640.0
    let left = 170.0, right = 610.0, top = 40.0
    static let rowHeight = 34.0
    /// The most characters of a row's label that fit left of the plot (160 units at 14 px); a longer
    /// scenario name is shortened with "…" and given whole in the label's `<title>` (and in the legend
    /// and the list of adjustments below the chart).
    static let longestRowLabel = 18

    /// The rows: the historical growth (when known), then one per scenario, or one for all when they agree.
    var rows: [(label: String, median: Double, interval: (Double, Double)?, historical: Bool)] {
        var rows: [(String, Double, (Double, Double)?, Bool)] = []
        let all = result.scenarioNames.compactMap { result.assessment(target.id, $0) }
        if let first = all.first, let h = first.historicalGrowth, h.isFinite, let period = labels.period(first) {
            rows.append(("\(labels.historicalShort) \(period)", h * 100, nil, true))
        }
        let agree = result.scenariosAgree(target.id)
        for a in agree ? Array(all.prefix(1)) : all {
            guard let median = a.projected, median.isFinite else { continue }
            let interval = a.lo80.flatMap { lo in a.hi80.map { (lo, $0) } }
            rows.append((agree ? labels.allScenarios : a.scenario, median, interval, false))
        }
        return rows
    }

    var height: Double { top + Double(Swift.max(1, rows.count)) * Self.rowHeight + 52 }
    var bottom: Double { height - 52 }

    func targetRange() -> ClosedRange<Double> {
        let value = target.value!
        switch target.comparison {
        case .between?: return value...Swift.max(value, target.valueHigh ?? value)
        case .about?: return (value - abs(value) * target.tolerance)...(value + abs(value) * target.tolerance)
        default: return value...value
        }
    }

    func svg() -> String {
        let rows = rows
        let range = targetRange()
        var values = [range.lowerBound, range.upperBound, 0]
        for row in rows {
            values.append(row.median)
            if let i = row.interval { values += [i.0, i.1] }
        }
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        let pad = Swift.max(0.5, (high - low) * 0.06)
        low -= pad
        high += pad
        let (ticks, _, decimals) = niceTicks(lower: low, upper: high, count: 6)
        let xMin = ticks.first!, xMax = ticks.last!
        func x(_ v: Double) -> Double { left + (Swift.min(Swift.max(v, xMin), xMax) - xMin) / (xMax - xMin) * (right - left) }
        func n(_ v: Double) -> String { fixed(v, 1) }
        let titleID = "growth-\(number)-title", descID = "growth-\(number)-desc"
        var out = "<svg class=\"growth-chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" data-indicator=\"\(escapeHTML(indicator.id))\" data-target=\"\(escapeHTML(target.id))\" data-quantity=\"growth\" data-value-axis=\"x\" data-plot=\"\(n(left)) \(n(right))\">\n"
        out += "<title id=\"\(titleID)\">\(escapeHTML(labels.growthChartTitle(target.id, labels.name(indicator))))</title>\n"
        out += "<desc id=\"\(descID)\">\(escapeHTML(description(rows)))</desc>\n"
        // Grid and the growth axis.
        out += "<g class=\"x-axis\" font-size=\"14\" fill=\"\(ChartColour.axis)\">\n"
        for tick in ticks {
            let tx = n(x(tick))
            out += "<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(n(top))\" y2=\"\(n(bottom))\" stroke=\"\(tick == 0 ? "#adb5bd" : ChartColour.grid)\"/>"
            out += "<text class=\"tick\" data-value=\"\(fixed(tick, decimals))\" x=\"\(tx)\" y=\"\(n(bottom + 21))\" text-anchor=\"middle\">\(fixed(tick, decimals))</text>\n"
        }
        out += "<line x1=\"\(n(left))\" x2=\"\(n(right))\" y1=\"\(n(bottom))\" y2=\"\(n(bottom))\" stroke=\"\(ChartColour.axis)\"/>\n"
        out += "<text class=\"unit\" x=\"\(n(right))\" y=\"\(n(bottom + 42))\" text-anchor=\"end\" font-weight=\"600\">\(escapeHTML(labels.averageGrowthAxis(labels.term(result.plan))))</text>\n</g>\n"
        // The target: a line at its value, a shaded band over its range.
        let lowX = x(range.lowerBound), highX = x(range.upperBound), valueX = x(target.value!)
        out += "<g class=\"targets\" stroke=\"\(ChartColour.target)\" fill=\"none\" stroke-width=\"2.5\">"
        out += "<g class=\"target\" data-target=\"\(escapeHTML(target.id))\" data-kind=\"\(target.kind.rawValue)\" data-value=\"\(formatNumber(target.value!))\" data-at=\"\(n(valueX))\">"
        if highX > lowX + 1 {
            out += "<rect x=\"\(n(lowX))\" y=\"\(n(top))\" width=\"\(n(highX - lowX))\" height=\"\(n(bottom - top))\" fill=\"\(ChartColour.target)\" fill-opacity=\"0.10\" stroke=\"none\"/>"
            out += "<line x1=\"\(n(highX))\" x2=\"\(n(highX))\" y1=\"\(n(top))\" y2=\"\(n(bottom))\" stroke-dasharray=\"6 3\"/>"
        }
        out += "<line x1=\"\(n(valueX))\" x2=\"\(n(valueX))\" y1=\"\(n(top))\" y2=\"\(n(bottom))\" stroke-dasharray=\"6 3\"/>"
        out += "</g></g>\n"
        out += "<text class=\"target-label\" x=\"\(n(valueX))\" y=\"\(n(top - 16))\" text-anchor=\"\(valueX > right - 160 ? "end" : "start")\" font-size=\"14\" font-weight=\"600\" fill=\"\(ChartColour.target)\">\(escapeHTML("\(target.id) \(labels.statement(target, indicator))"))</text>\n"
        // One row per scenario (and the historical growth): the 80% interval as a bar, the median as a dot.
        out += "<g class=\"rows\" font-size=\"14\" fill=\"\(ChartColour.axis)\">\n"
        for (k, row) in rows.enumerated() {
            let cy = top + (Double(k) + 0.5) * Self.rowHeight
            let colour = row.historical ? ChartColour.data : ScenarioStyle.colour(Swift.max(0, result.scenarioNames.firstIndex(of: row.label) ?? 0))
            let shown = row.label.count > Self.longestRowLabel ? String(row.label.prefix(Self.longestRowLabel - 1)) + "…" : row.label
            let whole = shown == row.label ? "" : "<title>\(escapeHTML(row.label))</title>"
            out += "<text x=\"\(n(left - 10))\" y=\"\(n(cy))\" dy=\"0.35em\" text-anchor=\"end\">\(whole)\(escapeHTML(shown))</text>"
            if let (lo, hi) = row.interval {
                out += "<line class=\"interval80\" x1=\"\(n(x(lo)))\" x2=\"\(n(x(hi)))\" y1=\"\(n(cy))\" y2=\"\(n(cy))\" stroke=\"\(colour)\" stroke-width=\"8\" stroke-opacity=\"0.45\"/>"
            }
            out += "<circle class=\"\(row.historical ? "historical" : "median")\" cx=\"\(n(x(row.median)))\" cy=\"\(n(cy))\" r=\"6\" fill=\"\(row.historical ? "#fff" : colour)\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        }
        out += "</g>\n</svg>"
        return out
    }

    func description(_ rows: [(label: String, median: Double, interval: (Double, Double)?, historical: Bool)]) -> String {
        var parts = ["\(labels.goal) \(target.id): \(labels.statement(target, indicator)) \(labels.term(result.plan))."]
        for row in rows {
            var text = "\(row.label): \(significant(row.median, digits: 3))\(labels.perYear)"
            if let (lo, hi) = row.interval { text += ", \(labels.interval80) \(significant(lo, digits: 3))–\(significant(hi, digits: 3))" }
            parts.append(text + ".")
        }
        return parts.joined(separator: " ")
    }
}
