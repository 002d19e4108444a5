import Foundation

/// Results of a pure function remembered by their exact inputs, safe to share between threads.
/// At most `capacity` entries are kept; past that, results are computed and not kept, so memory
/// stays bounded whatever the input. A result is computed outside the lock: two threads may both
/// compute one, and being a function of the key alone they get the same value.
final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    let capacity: Int
    private let lock = NSLock()
    private var known: [Key: Value] = [:]

    init(capacity: Int) { self.capacity = capacity }

    func value(for key: Key, _ compute: () -> Value) -> Value {
        lock.lock()
        let remembered = known[key]
        lock.unlock()
        if let remembered { return remembered }
        let value = compute()
        lock.lock()
        if known.count < capacity { known[key] = value }
        lock.unlock()
        return value
    }
}

/// Monthly quantities from per-execution figures, remembered: `Representable.decimal` writes and
/// reads the figure as text (~7,000 instructions) and the product costs ~4,000 more, while most
/// machines of a report share their executions a month and many share a figure (the defaults give
/// the same billed duration; no Express children is 0). The key is the exact bits of both inputs.
enum MonthlyQuantity {
    private static let products = BoundedMemo<ProductKey, Decimal?>(capacity: 8192)
    private static let decimals = BoundedMemo<UInt64, Decimal?>(capacity: 8192)

    struct ProductKey: Hashable, Sendable {
        var executions: DecimalBits
        var perExecution: UInt64
    }

    /// `Representable.product(executions, Representable.decimal(perExecution))`.
    static func of(_ executions: Decimal, times perExecution: Double) -> Decimal? {
        guard let bits = DecimalBits(executions) else { return Representable.product(executions, Representable.decimal(perExecution)) }
        return products.value(for: ProductKey(executions: bits, perExecution: perExecution.bitPattern)) {
            Representable.product(executions, decimal(perExecution))
        }
    }

    /// `Representable.decimal(value)`.
    static func decimal(_ value: Double) -> Decimal? {
        decimals.value(for: value.bitPattern) { Representable.decimal(value) }
    }
}
