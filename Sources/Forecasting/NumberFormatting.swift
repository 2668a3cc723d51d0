#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A number as a person would write it: integers without a decimal point, others with up to 6 significant digits.
public func formatNumber(_ value: Double) -> String {
    if !value.isFinite { return "\(value)" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let text = printfFormat("%.6g", value)
    // Bytes, not `String.contains(_:)` with a string, which goes through Foundation's search (a fifth of
    // the time of writing a large workbook).
    return text.utf8.contains(UInt8(ascii: "e")) ? text : withoutTrailingZeros(text)
}

/// `value` written by the C library's `printf` with one conversion of a `Double` (`"%.3f"`, `"%.6g"`,
/// `"%.5e"`): the characters `String(format:)` gives (both round the exact binary value the same way,
/// with a dot for the decimal point), without Foundation's formatter, which costs about ten times as much
/// and dominated the rendering of large reports.
///
/// ```swift
/// printfFormat("%.2f", 0.125)   // "0.12"
/// printfFormat("%.6g", 1e-7)    // "1e-07"
/// ```
public func printfFormat(_ specification: String, _ value: Double) -> String {
    withVaList([value]) { arguments in
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String in
            let length = Int(vsnprintf(buffer.baseAddress!, 64, specification, arguments))
            precondition(length >= 0, "printfFormat: '\(specification)' is not a conversion of a Double")
            if length < 64 {
                return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: length), as: UTF8.self)
            }
            // A long number (a large value with many decimals): format again into a buffer that fits it.
            return withVaList([value]) { again in
                withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { large in
                    _ = vsnprintf(large.baseAddress!, length + 1, specification, again)
                    return String(decoding: UnsafeRawBufferPointer(start: large.baseAddress!, count: length), as: UTF8.self)
                }
            }
        }
    }
}

/// A number with `digits` decimals.
public func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "−∞") }
    let text = printfFormat("%.\(digits)f", value)
    // A negative number that rounds to zero is written as zero, without its sign.
    let zero = printfFormat("%.\(digits)f", 0.0)
    return text == "-" + zero ? zero : text
}

/// A number with 6 significant digits, without exponent for ordinary magnitudes.
public func significant(_ value: Double, digits: Int = 6) -> String {
    guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "−∞") }
    if value == 0 { return "0" }
    let magnitude = Int(floor(log10(abs(value))))
    if magnitude >= 12 || magnitude < -5 { return printfFormat("%.\(digits - 1)e", value) }
    let decimals = max(0, digits - 1 - magnitude)
    return withoutTrailingZeros(printfFormat("%.\(decimals)f", value))
}

/// A decimal number without the zeros that end its fraction, nor a point left alone ("2.500" → "2.5",
/// "3.0" → "3"); a number without a point as it is.
private func withoutTrailingZeros(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: ".")) else { return text }
    var text = text
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
