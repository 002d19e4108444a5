import Foundation

/// `total × usage / sum`, each distinct division done once per process. A Decimal division costs
/// ~60,000 instructions, and a report repeats the same ones: machines with the same usage (the
/// same defaults give the same GB-seconds) share a scenario's total and sum, and a what-if prices
/// the same machine alone again. The key is the operands' exact bits, so a remembered quotient is
/// the one the division would give: never a value merely equal to it in another representation.
enum ShareQuotients {
    /// Beyond this many entries, quotients are computed and not kept (memory stays bounded).
    static let capacity = 4096

    private static let known = BoundedMemo<Key, Decimal>(capacity: capacity)

    static func quotient(total: Decimal, usage: Decimal, sum: Decimal) -> Decimal {
        guard let key = Key(total, usage, sum) else { return divide(total: total, usage: usage, sum: sum) }
        return known.value(for: key) { divide(total: total, usage: usage, sum: sum) }
    }

    /// `total * usage / sum`, Foundation's bits, in integers where `ExactDecimal` can.
    static func divide(total: Decimal, usage: Decimal, sum: Decimal) -> Decimal {
        ExactDecimal.quotient(ExactDecimal.product(total, usage), sum)
    }

    /// The three operands' bytes, as stored.
    struct Key: Hashable, Sendable {
        var total: DecimalBits
        var usage: DecimalBits
        var sum: DecimalBits

        init?(_ total: Decimal, _ usage: Decimal, _ sum: Decimal) {
            guard let total = DecimalBits(total), let usage = DecimalBits(usage), let sum = DecimalBits(sum) else { return nil }
            self.total = total
            self.usage = usage
            self.sum = sum
        }
    }
}

/// A Decimal's 20 bytes (exponent, length and flags, mantissa), compared and hashed as stored.
struct DecimalBits: Hashable, Sendable {
    var head: UInt64
    var middle: UInt64
    var tail: UInt32

    /// Nil should Decimal's layout ever not be 20 bytes: the caller then does the arithmetic.
    init?(_ value: Decimal) {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        (head, middle, tail) = withUnsafeBytes(of: value) { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
    }
}
