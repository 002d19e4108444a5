import Foundation
import Testing
@testable import SFNCostKit

/// `ExactDecimal` gives what Foundation's Decimal operators give, bit for bit (`DecimalBits`: exponent,
/// length, sign, compact flag, mantissa) and in text, on random values of every size, exponent and
/// sign, on the values reports compute with, and on the edges: zeros, NaN, 38-digit and 128-bit
/// mantissas, sums and products past 128 bits, exponents far apart, roundings that carry.
/// Each test also checks that the fast path itself answered often: else it would compare Foundation
/// with Foundation.
@Suite struct ExactDecimalTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    static func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: posix)! }

    static func same(_ fast: Decimal, _ foundation: Decimal) -> Bool {
        DecimalBits(fast) == DecimalBits(foundation) && fast.description == foundation.description
    }

    /// Edge values, then seeded random ones: 1 to 39 digits (sometimes with trailing zeros), exponents
    /// -45...45, both signs; then Foundation's own sums, products and quotients of them (compacted,
    /// 38-digit mantissas) and the prices and quantities of a report.
    static let values: [Decimal] = {
        var values: [Decimal] = [.nan, .zero, Decimal(), .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 .leastNonzeroMagnitude, Decimal(UInt64.max), Decimal(Int64.min), Representable.limit,
                                 -Representable.limit, Representable.limitSquared, Decimal(1), Decimal(-1), Decimal(10)]
        values += ["0.000000000", "-0.000000000", "0.00", "1e30", "1e-30", "5e127", "5e-127", "1e-128", "9e126",
                   "18446744073709551615", "18446744073709551616", "340282366920938463463374607431768211455",
                   "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
                   "10000000000000000000000000000000000000", "0.000025", "0.00001667", "0.000001", "0.00000417",
                   "0.0000166667", "0.0000150000", "4000", "1000000", "6000000000", "123456789012345678901234567890.12345678",
                   "0.5", "-0.5", "0.05", "0.049999999", "0.000000005", "-0.000000005", "0.999999995", "-0.999999995",
                   "12.5", "-12.5", "100", "1e19", "1e-19", "3.14159265358979323846264338327950288"]
            .map(decimal)
        var random = RandomMachine.Generator(state: 13)
        for _ in 0..<1500 {
            let count = random.int(1...39)
            var digits = String((0..<count).map { _ in Character(String(random.int(0...9))) })
            if random.int(0...3) == 0 { digits += String(repeating: "0", count: random.int(1...12)) }
            let sign = random.int(0...1) == 0 ? "-" : ""
            // Decimal(string:) refuses what is beyond its range (39 digits at e45): skipped.
            if let value = Decimal(string: sign + digits + "e\(random.int(-45...45))", locale: posix) { values.append(value) }
        }
        var derived: [Decimal] = []
        for index in 0..<600 {
            let a = values[random.int(0...(values.count - 1))], b = values[random.int(0...(values.count - 1))]
            derived += [a + b, a - b, b.isZero || b.isNaN ? a : a / b] + (multipliable(a, b) ? [a * b] : [])
        }
        return values + derived.filter { !$0.isNaN }
    }()

    /// False when Foundation's product would trap: its exponent below -128 does not fit the stored
    /// byte (`Decimal._multiply` sets it before compacting). The fast path leaves those to Foundation.
    static func multipliable(_ a: Decimal, _ b: Decimal) -> Bool {
        a.isZero || b.isZero || a.isNaN || b.isNaN || ExactDecimal.header(a).exponent + ExactDecimal.header(b).exponent >= -128
    }

    /// Random pairs of `values`, and each value with its neighbours (similar sizes).
    static func pairs(_ count: Int, seed: UInt64) -> [(Decimal, Decimal)] {
        var random = RandomMachine.Generator(state: seed)
        var pairs = (0..<count).map { _ in (values[random.int(0...(values.count - 1))], values[random.int(0...(values.count - 1))]) }
        pairs += zip(values, values.dropFirst()).map { ($0, $1) }
        pairs += values.map { ($0, $0) } + values.map { ($0, -$0) }
        return pairs
    }

    @Test func storageIsWrittenAsThisToolchainStoresIt() {
        // Otherwise every fast path returns nil and the tests below compare Foundation with itself.
        #expect(ExactDecimal.storageIsKnown)
    }

    @Test func sums() {
        var fast = 0
        let pairs = Self.pairs(20_000, seed: 1)
        for (a, b) in pairs {
            let expected = a + b
            #expect(Self.same(ExactDecimal.sum(a, b), expected), "\(a) + \(b) = \(expected)")
            if let quick = ExactDecimal.fastSum(a, b) {
                fast += 1
                #expect(Self.same(quick, expected), "\(a) + \(b) = \(expected), not \(quick)")
            }
            var total = a
            total += b
            #expect(Self.same(total, ExactDecimal.sum(a, b)))
        }
        #expect(fast > pairs.count / 5, "\(fast) of \(pairs.count)")
    }

    @Test func differences() {
        var fast = 0
        let pairs = Self.pairs(20_000, seed: 2)
        for (a, b) in pairs {
            let expected = a - b
            let value = ExactDecimal.difference(a, b)
            #expect(Self.same(value, expected), "\(a) - \(b) = \(expected), not \(value)")
            if ExactDecimal.fields(a) != nil, ExactDecimal.fields(b) != nil, ExactDecimal.fastSum(a, -b) != nil { fast += 1 }
        }
        #expect(fast > pairs.count / 4, "\(fast) of \(pairs.count)")
    }

    @Test func products() {
        var fast = 0
        let pairs = Self.pairs(20_000, seed: 3)
        for (a, b) in pairs where Self.multipliable(a, b) {
            let expected = a * b
            #expect(Self.same(ExactDecimal.product(a, b), expected), "\(a) × \(b) = \(expected)")
            if let quick = ExactDecimal.fastProduct(a, b) {
                fast += 1
                #expect(Self.same(quick, expected), "\(a) × \(b) = \(expected), not \(quick)")
            }
        }
        #expect(fast > pairs.count / 5, "\(fast) of \(pairs.count)")
    }

    @Test func quotients() {
        var fast = 0
        let pairs = Self.pairs(12_000, seed: 4)
        for (a, b) in pairs {
            let expected = a / b
            #expect(Self.same(ExactDecimal.quotient(a, b), expected), "\(a) / \(b) = \(expected)")
            if let quick = ExactDecimal.fastQuotient(a, b) {
                fast += 1
                #expect(Self.same(quick, expected), "\(a) / \(b) = \(expected), not \(quick)")
            }
        }
        #expect(fast > pairs.count / 2, "\(fast) of \(pairs.count)")
    }

    /// The quotients reports divide: a tiered cost times a machine's usage over the account's usage.
    @Test func shareQuotients() {
        var random = RandomMachine.Generator(state: 5)
        var fast = 0
        for _ in 0..<3000 {
            let usage = Self.decimal("\(random.int(1...999_999_999)).\(random.int(0...999_999_999))")
            let sum = usage + Self.decimal("\(random.int(0...999_999_999_999))e\(random.int(-9...3))")
            let total = sum * Self.decimal("0.00001667")
            let expected = total * usage / sum
            let value = ExactDecimal.quotient(ExactDecimal.product(total, usage), sum)
            #expect(Self.same(value, expected), "\(total) × \(usage) / \(sum) = \(expected), not \(value)")
            if ExactDecimal.fastQuotient(total * usage, sum) != nil { fast += 1 }
        }
        #expect(fast > 2900)
    }

    @Test func orders() {
        var fast = 0
        let pairs = Self.pairs(20_000, seed: 6)
        for (a, b) in pairs {
            #expect(ExactDecimal.isLess(a, b) == (a < b), "\(a) < \(b)")
            if let order = ExactDecimal.fastOrder(a, b) {
                fast += 1
                #expect((order == .orderedAscending) == (a < b) && (order == .orderedDescending) == (b < a), "\(a) ? \(b)")
            }
        }
        for value in Self.values {
            #expect(ExactDecimal.isPositive(value) == (value > 0), "\(value) > 0")
            if !value.isNaN {
                let exact = ExactDecimal.magnitude(value, isAtMost: Representable.limit)
                #expect(exact == nil || exact == (abs(value) <= Representable.limit), "|\(value)| ≤ 10^30")
                let square = ExactDecimal.magnitude(value, isAtMost: Representable.limitSquared)
                #expect(square == nil || square == (abs(value) <= Representable.limitSquared), "|\(value)| ≤ 10^60")
            }
        }
        #expect(fast > pairs.count / 2, "\(fast) of \(pairs.count)")
        // The bound itself, and just beyond it either way.
        for text in ["1e30", "-1e30", "1000000000000000000000000000000.00000001", "999999999999999999999999999999.99999999"] {
            let value = Self.decimal(text)
            #expect(ExactDecimal.magnitude(value, isAtMost: Representable.limit) == (abs(value) <= Representable.limit), "\(text)")
        }
    }

    @Test func roundings() {
        var fast = 0, total = 0
        for value in Self.values {
            for scale in [0, 2, 4, 6, 8, 9, 12, -2] {
                total += 1
                let expected = value.rounded(scale: scale)
                #expect(Self.same(ExactDecimal.rounded(value, scale: scale), expected), "\(value) to \(scale) places: \(expected)")
                if let quick = ExactDecimal.fastRounded(value, scale: scale) {
                    fast += 1
                    #expect(Self.same(quick, expected), "\(value) to \(scale) places: \(expected), not \(quick)")
                }
            }
        }
        #expect(fast > total * 3 / 4, "\(fast) of \(total)")
    }

    /// What the fast paths leave to Foundation: NaN, zero operands of products and quotients, exact
    /// cancellation, sums and products past 128 bits, alignment past 128 bits.
    @Test func leavesToFoundationWhatItCannotMatch() {
        let big = Self.decimal("340282366920938463463374607431768211455")
        #expect(ExactDecimal.fastSum(.nan, 1) == nil)
        #expect(ExactDecimal.fastProduct(0, 5) == nil)
        #expect(ExactDecimal.fastQuotient(5, 0) == nil)
        #expect(ExactDecimal.fastSum(Self.decimal("2.5"), Self.decimal("-2.5")) == nil)
        #expect(ExactDecimal.fastSum(big, big) == nil)
        #expect(ExactDecimal.fastProduct(big, Decimal(2)) == nil)
        #expect(ExactDecimal.fastSum(big, Self.decimal("0.1")) == nil)
        // A zero operand of a sum: Foundation's answer is the other operand as it is.
        let zero = Self.decimal("0.000000000")
        #expect(ExactDecimal.fastSum(zero, Self.decimal("1.50")).map(DecimalBits.init) == DecimalBits(zero + Self.decimal("1.50")))
    }
}
