import Dispatch

/// Order-preserving parallel map over all cores.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            results.set(i, transform(items[i]))
        }
        return results.values()
    }
}

/// Slots written once each from different threads, read after all writes finished.
private final class ResultBox<R>: @unchecked Sendable {
    private var storage: [R?]
    private let lock = NSLockLike()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: R) { lock.withLock { storage[i] = value } }
    func values() -> [R] { lock.withLock { storage.map { $0! } } }
}

#if canImport(Foundation)
import Foundation
typealias NSLockLike = NSLock
#endif
