import Foundation
import Testing
@testable import SFNCostKit

/// `DecimalText` writes what Foundation writes for a Decimal (`NSDecimalNumber.description(withLocale:
/// en_US_POSIX)`, the reference `Money.plainString` used, and `Decimal.description`, which JSONEncoder
/// writes), on values of every length, exponent and sign, and on results of the arithmetic reports do.
@Suite struct DecimalTextTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    static func foundation(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: posix)
    }

    static let values: [Decimal] = {
        var values: [Decimal] = [.nan, .zero, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                 Decimal(UInt64.max), Decimal(Int64.min), Representable.limit, -Representable.limit]
        values += ["0", "-0", "1", "-1", "0.1", "0.00000001", "12.5", "0.000025", "1000", "1e30", "1e-30", "5e127", "5e-127",
                   "18446744073709551615", "18446744073709551616", "99999999999999999999999999999999999999",
                   "123456789012345678901234567890.12345678", "-7.25e-90", "3.14159265358979323846264338327950288"]
            .map { Decimal(string: $0, locale: posix)! }
        // Deterministic pseudo-random decimals: 1 to 39 digits, exponents -40...40, both signs.
        var state: UInt64 = 7
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 17) % bound
        }
        for _ in 0..<4000 {
            let digits = String((0...next(39)).map { _ in Character(String(next(10))) })
            values.append(Decimal(string: (next(2) == 0 ? "-" : "") + digits + "e\(Int(next(81)) - 40)", locale: posix)!)
        }
        // Products, sums and quotients (unnormalised mantissas, trailing zeros), as reports compute them.
        for index in 0..<1000 {
            let a = values[index + 20], b = values[index + 21]
            values += [a * b, a + b, b == 0 ? a : a / b]
        }
        // Each rounded to the 8 places JSON shows, as `Money.encode` does.
        return values + values.map { $0.rounded(scale: Money.jsonScale) }
    }()

    @Test func layoutIsReadOnThisToolchain() {
        // Otherwise `storageText` always returns nil and the comparisons below would test nothing.
        #expect(DecimalText.layoutIsKnown)
        #expect(DecimalText.storageText(Decimal(string: "-12.50", locale: Self.posix)!) == "-12.5")
    }

    @Test func sameTextAsFoundation() throws {
        for value in Self.values {
            let expected = Self.foundation(value)
            #expect(DecimalText.storageText(value) == expected, "\(expected)")
            #expect(value.description == expected)
            #expect(Money.plainString(value) == expected)
        }
    }

    /// What does not make sense as a Decimal's storage is not read (callers use Foundation's text).
    @Test func refusesStorageItCannotRead() {
        #expect(DecimalText.text(.init(exponent: 0, isNegative: false, length: 2, low: 0, high: 0)) == nil)
        #expect(DecimalText.text(.init(exponent: 0, isNegative: true, length: 0, low: 0, high: 0)) == "NaN")
        #expect(DecimalText.text(.init(exponent: -3, isNegative: true, length: 1, low: 5, high: 0)) == "-0.005")
        #expect(DecimalText.text(.init(exponent: 2, isNegative: false, length: 1, low: 5, high: 0)) == "500")
        #expect(DecimalText.text(.init(exponent: -1, isNegative: false, length: 1, low: 1234, high: 0)) == "123.4")
    }
}

/// `DecimalText.double` without the text (`quickDouble`) is the Double that reading the text gives,
/// bit for bit, where it answers: mantissas below 2^53, exponents within ±22.
@Suite struct DecimalTextDoubleTests {
    @Test func quickDoubleIsTheTextsDouble() {
        var values = DecimalTextTests.values
        var random = RandomMachine.Generator(state: 21)
        for _ in 0..<20_000 {
            // Mantissas of every size up to 2^53 and a little beyond, exponents -25...25.
            let mantissa = random.next() >> UInt64(random.int(10...63))
            let value = Decimal(sign: random.int(0...1) == 0 ? .plus : .minus, exponent: random.int(-25...25), significand: Decimal(mantissa))
            values.append(value)
        }
        var quick = 0
        for value in values {
            let expected = Double(DecimalTextTests.foundation(value)) ?? .nan
            let double = DecimalText.double(value)
            #expect(double.bitPattern == expected.bitPattern || (double.isNaN && expected.isNaN), "\(value)")
            if let fast = DecimalText.quickDouble(value) {
                quick += 1
                #expect(fast.bitPattern == expected.bitPattern, "\(value): \(fast) is not \(expected)")
            }
        }
        #expect(quick > values.count / 3, "\(quick) of \(values.count)")
    }
}
