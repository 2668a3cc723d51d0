// Shared by the fuzz targets (compiled into each of them by scripts/fuzz).
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reports a broken invariant and aborts, so that libFuzzer saves the input as a crash.
func fuzzFailure(_ message: String) -> Never {
    FileHandle.standardError.write(Data("fuzz finding: \(message)\n".utf8))
    abort()
}

/// Reads the fuzzer's bytes as a stream of small decisions (for structure-aware targets).
struct ByteReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { index += 1 }
        return index < bytes.count ? bytes[index] : 0
    }

    /// A number in 0..<bound.
    mutating func int(below bound: Int) -> Int { bound <= 1 ? 0 : Int(byte()) % bound }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int64(bitPattern: value)
    }

    /// Mostly plausible years, sometimes anything at all.
    mutating func year() -> Int {
        switch byte() % 8 {
        case 0: return Int(int64())
        case 1: return [Int.min, Int.max, 0, -1, 999, 1000, 9999, 10000][int(below: 8)]
        default: return 2000 + int(below: 40)
        }
    }

    /// Mostly ordinary numbers, sometimes extreme ones (never NaN: the readers refuse it before).
    mutating func double() -> Double {
        switch byte() % 8 {
        case 0: return [0, -0.0, 1e18, -1e18, 1e-300, .leastNonzeroMagnitude, -1, 100, 181][int(below: 9)]
        case 1: return Double(int64()) / 1e6
        default: return Double(Int(byte()) - 64) / 4
        }
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[int(below: choices.count)] }
}
