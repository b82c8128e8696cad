import Foundation

/// Values kept by key for things worked out again and again from the same inputs (decoded
/// plan bodies, practice reviews). At most `capacity` are kept; when full, the one kept
/// longest goes first. Safe to share between threads.
public final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    /// Keys in the order they were first kept; `next` is the oldest once full.
    private var order: [Key] = []
    private var next = 0
    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(capacity, 1) }

    public func value(for key: Key) -> Value? { lock.withLock { values[key] } }

    /// Keeps `value` for `key`, in place of anything kept for it before.
    public func keep(_ value: Value, for key: Key) {
        lock.withLock {
            if values[key] == nil {
                if order.count < capacity {
                    order.append(key)
                } else {
                    values[order[next]] = nil
                    order[next] = key
                    next = (next + 1) % capacity
                }
            }
            values[key] = value
        }
    }

    /// How many values are kept.
    public var count: Int { lock.withLock { values.count } }
}
