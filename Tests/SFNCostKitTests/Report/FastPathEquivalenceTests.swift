import Foundation
import Testing
@testable import SFNCostKit

/// The report's fast paths (issue #13) against the general code they replace: each must give the
/// same bytes on tricky inputs, or an output of sfncost would change. The references below are
/// the code as it was before the fast paths.
@Suite struct FastPathEquivalenceTests {
    /// Every bit of a Decimal (exponent, length, flags, mantissa): equal values with different
    /// representations print differently ("0.125" and "0.1250").
    static func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// Doubles where formatting is delicate: zeros, halfway cases, powers of ten, the limits of a
    /// Double, non-finite values, and a spread of magnitudes.
    static let doubles: [Double] = {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 0.125, 0.0125, 2.5, 1.005, 2.675, 0.1, 0.2, 0.3, 1e-9, 5e-10, 4.9999999999e-10,
                                1.5e-9, 123456.5, 999.995, 0.00049999, 1e15, 1e15 + 0.5, 9.999999999e29, 1e30, 1.0000000001e30,
                                Double.ulpOfOne, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
                                Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 4503599627370496.5,
                                .nan, .infinity, -.infinity, 1.0 / 3.0, 2.0 / 3.0, 64.0 / 1024.0, 7e22, 1e23, 8.5e-7]
        var generator = RandomMachine.Generator(state: 13)
        for _ in 0..<3000 {
            let mantissa = Double(generator.next() % 10_000_000_000) / 1_000_000
            let exponent = Int(generator.next() % 70) - 35
            values.append((generator.next() % 2 == 0 ? 1 : -1) * mantissa * pow(10, Double(exponent)))
        }
        return values
    }()

    @Test func cFormatPrintsWhatStringFormatPrints() {
        for value in Self.doubles {
            #expect(CFormat.double("%.9f", value) == String(format: "%.9f", value), "\(value)")
            #expect(CFormat.double("%.2f", value) == String(format: "%.2f", value), "\(value)")
            #expect(CFormat.double("%.4g", value) == String(format: "%.4g", value), "\(value)")
        }
    }

    /// Before: `Decimal(string: String(format: "%.9f", value), locale: en_US_POSIX)`.
    @Test func decimalOfDoubleIsTheSameDecimal() {
        for value in Self.doubles {
            let reference: Decimal? = value.isFinite && abs(value) <= 1e30
                ? Decimal(string: String(format: "%.9f", value), locale: Self.posix) : nil
            let fast = Representable.decimal(value)
            let expected = reference.flatMap { $0.isNaN || abs($0) > Representable.limit ? nil : $0 }
            #expect(fast.map(Self.bits) == expected.map(Self.bits), "\(value)")
        }
    }

    /// The Decimal computed from a Double's bits (`nanoDigits`) against reading its "%.9f" text:
    /// exact ties at the ninth place (k/1024 for odd k: printf rounds them to even), halves just
    /// beside them, subnormals, powers of two, the edge of 19 digits, random bit patterns.
    @Test func nanoDigitsAreTheTextsDigits() {
        var values: [Double] = [0.0009765625, 0.0029296875, 1.0009765625, -0.0009765625, 1023.9990234375, 5e-10, 4.9999999999999995e-10,
                                0.5, 1.5, 2.5, 1e-9, 1.5e-9, 2.5e-9, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e10, 9_999_999_999.999999999,
                                10_000_000_000, 1099511627776, 1099511627775.5, 2199023255552, 0.1, 0.3, 0.7, 123.456, 1e-5]
        for k in stride(from: 1, to: 4096, by: 2) { values += [Double(k) / 1024, Double(k) / 2048 * 1e-3, Double(k) / 1024 + 1e6] }
        values += values.map { $0.nextUp } + values.map { $0.nextDown }
        var generator = RandomMachine.Generator(state: 17)
        for _ in 0..<30_000 {
            // Random bits across exponents 2^-40 ... 2^45.
            let bits = (generator.next() & 0x800F_FFFF_FFFF_FFFF) | (UInt64(generator.int(983...1068)) << 52)
            values.append(Double(bitPattern: bits))
        }
        var computed = 0
        for value in values {
            let text = String(format: "%.9f", value)
            let reference = Decimal(string: text, locale: Self.posix)
            let fast = Representable.nanoDigits(value)
            if let fast {
                computed += 1
                #expect(Self.bits(fast) == reference.map(Self.bits), "\(value): \(text)")
            }
            #expect(Representable.decimal(value).map(Self.bits) == reference.map(Self.bits), "\(value): \(text)")
        }
        #expect(computed > values.count / 2, "\(computed) of \(values.count)")
    }

    /// The whole-digits path and the cached zeros against reading the text, densely over the
    /// per-execution figures' usual range (up to 10^10, where the digits stop fitting a UInt64).
    @Test func decimalOfDoubleDenseRange() {
        var generator = RandomMachine.Generator(state: 7)
        var values: [Double] = [0, -0.0, -1e-12, 1e-12, 4.9e-10, 5.1e-10, 9_999_999_999.999999, 10_000_000_000, 1_234_567_890.123456789]
        for _ in 0..<20_000 {
            let magnitude = Double(generator.next() % 1_000_000_000_000) / 1_000_000_000_000
            values.append(magnitude * pow(10, Double(Int(generator.next() % 24) - 12)) * (generator.next() % 5 == 0 ? -1 : 1))
        }
        for value in values {
            let reference = Decimal(string: String(format: "%.9f", value), locale: Self.posix)
            #expect(Representable.decimal(value).map(Self.bits) == reference.map(Self.bits), "\(value)")
        }
    }

    /// Decimals of every size, including both sides of 10^30 and 10^60 and the non-canonical zero.
    static let decimals: [Decimal] = {
        var values: [Decimal] = ["0", "0.0000", "-0.00", "1", "-1", "0.5", "0.1250", "1e30", "-1e30", "1000000000000000000000000000000.00000001",
                                 "999999999999999999999999999999.99999999", "1e60", "1.000000001e60", "0.999999999e60", "2e30", "5e29", "5.0000001e29",
                                 "18446744073709551615", "18446744073709551616", "99999999999999999999", "12345678901234567890123456789012345678",
                                 "0.00000001", "0.000000005", "1e-100", "1e100", "-123.456", "1200", "7e3", "0.000025", "4000"]
            .map { Decimal(string: $0)! }
        values.append(.nan)
        values.append(Decimal.greatestFiniteMagnitude)
        values.append(-Decimal.greatestFiniteMagnitude)
        var generator = RandomMachine.Generator(state: 31)
        for _ in 0..<3000 {
            let digits = Int(generator.next() % 38) + 1
            var text = String((0..<digits).map { _ in Character(String(generator.next() % 10)) })
            if generator.next() % 2 == 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: Int(generator.next() % UInt64(digits)))) }
            text += "e\(Int(generator.next() % 80) - 40)"
            let value = Decimal(string: (generator.next() % 3 == 0 ? "-" : "") + text)!
            values.append(value)
            values.append(value / 7)
            values.append(value.rounded(scale: 8))
        }
        return values
    }()

    @Test func plainTextIsTheNSDecimalNumberText() {
        for value in Self.decimals {
            let reference = NSDecimalNumber(decimal: value).description(withLocale: Self.posix)
            #expect(DecimalText.plain(value) == reference)
            #expect(Money.plainString(value) == reference)
            let double = DecimalText.double(value)
            // The reference `Decimal.double` had: the Double nearest Foundation's text.
            let expected = Double(reference) ?? .nan
            #expect(double.bitPattern == expected.bitPattern || (double.isNaN && expected.isNaN), "\(reference)")
            #expect(value.double.bitPattern == double.bitPattern || (double.isNaN && value.double.isNaN))
        }
    }

    /// Before: `abs(value) <= limit` and `abs(b) <= limit * limit`.
    @Test func limitChecksAgreeWithExactComparison() {
        for value in Self.decimals {
            let inRange = !value.isNaN && abs(value) <= Representable.limit
            #expect((Representable.checked(value) != nil) == inRange, "\(value)")
            // Factors as the report has them (prices, counts, amounts with at most 9 places):
            // a product of two tiny Decimals underflows Decimal's exponent, which traps in both.
            for factor in [Decimal(string: "0.000025")!, Decimal(1), Decimal(string: "1e30")!, value]
            where value.isNaN || factor.isNaN || (value.exponent >= -40 && factor.exponent >= -40) {
                #expect(Representable.product(value, factor).map(Self.bits) == Self.referenceProduct(value, factor).map(Self.bits),
                        "\(value) × \(factor)")
            }
        }
    }

    static func referenceChecked(_ value: Decimal?) -> Decimal? {
        guard let value, !value.isNaN, abs(value) <= Representable.limit else { return nil }
        return value
    }

    static func referenceProduct(_ a: Decimal?, _ b: Decimal?) -> Decimal? {
        guard let a = referenceChecked(a), let b, !b.isNaN, abs(b) <= Representable.limit * Representable.limit else { return nil }
        if a == 0 || b == 0 { return 0 }
        return referenceChecked(a * b)
    }

    /// A zero usage's share skips the division: the same 0 as total × 0 / sum, for any zero.
    @Test func zeroShareIsTheDividedZero() {
        let sums = ["0.0001", "1", "123456789.123456789", "1e29"].map { Decimal(string: $0)! }
        let totals = ["0", "0.00000001", "42.5", "1e29"].map { Decimal(string: $0)! }
        for zero in ["0", "0.000", "-0", "0e5"].map({ Decimal(string: $0)! }) {
            for sum in sums {
                for total in totals {
                    #expect(Self.bits(ExpressTierPricer.share(of: zero, total: total, sum: sum)) == Self.bits(total * zero / sum))
                }
            }
        }
        for usage in Self.decimals.prefix(200) where !usage.isNaN && !usage.isZero && abs(usage) < Decimal(string: "1e30")! {
            #expect(Self.bits(ExpressTierPricer.share(of: usage, total: 3, sum: abs(usage) + 1)) == Self.bits(3 * usage / (abs(usage) + 1)))
        }
    }

    @Test func memoryGigabytesIsTheQuotient() {
        for megabytes in [0, 1, 64, 128, 192, 1000, 1024, 3008, 10_240, 123_457, Int(Int32.max), Int.max / 2] {
            #expect(Self.bits(MemoryGigabytes.of(megabytes)) == Self.bits(Decimal(megabytes) / 1024))
            #expect(Self.bits(MemoryGigabytes.of(megabytes)) == Self.bits(Decimal(megabytes) / 1024), "cached")
        }
    }

    /// Before: Foundation's `String.contains(String)`.
    @Test func byteSearchIsFoundationContains() {
        let needles = ["states:startExecution", ":states:::glue:", "ab", "a"]
        let haystacks = ["", "a", "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::states:startExecution",
                         "states:states:startExecution", "states:startExecutio", "STATES:STARTEXECUTION", "arn:${AWS::Partition}:states:::glue:startJobRun.sync",
                         "arn:aws:states:::glue:startJobRun.sync", "ｓtates:startExecution", "states:startExecution\u{301}", "e\u{301}states:startExecution",
                         "états:startExecution", "🙂states:startExecution🙂", "abab", "aab", "ba", "\u{0}ab", "a\u{301}b", "ａｂ"]
        for needle in needles {
            for haystack in haystacks {
                #expect(haystack.containsText(needle) == haystack.contains(needle), "\(haystack) / \(needle)")
                if haystack.utf8.allSatisfy({ $0 < 0x80 }) {
                    #expect(haystack.utf8.containsBytes(needle.utf8) == haystack.contains(needle), "\(haystack) / \(needle)")
                }
            }
        }
    }
}

