import Foundation

/// How large a monthly figure sfncost represents: usage (transitions, requests, GB-seconds) and
/// money up to 10^30. `Decimal` carries 38 digits, so up to 10^30 an amount keeps the 8 places
/// that JSON shows; beyond, or when a per-execution figure is not finite, the figure is "too
/// large": null in JSON with a `…TooLarge: true` flag, "too large" in text, an SFN171 finding, and
/// never NaN, infinity or 0. Every step checks its result, so no Decimal operation can overflow
/// into NaN (Decimal's own range ends near 10^165).
public enum Representable {
    /// 10^30.
    public static let limit = Decimal(sign: .plus, exponent: 30, significand: 1)
    public static let limitText = "10^30"
    /// 10^60, the largest second factor of a `product`; computed once (a Decimal product costs
    /// ~3,500 instructions, and `product` runs thousands of times a report).
    static let limitSquared = limit * limit

    /// A Double (an expected per-execution figure) as a Decimal, or nil when it is not finite or
    /// beyond the limit. Through a rounded string: Decimal(Double) carries binary noise
    /// (0.1 → 0.1000000000000000055…). The text is C's "%.9f" (what `String(format:)` printed, see
    /// `CFormat`) and is read with "." as the separator (what the en_US_POSIX locale gave, without
    /// building a Locale on every call).
    public static func decimal(_ value: Double) -> Decimal? {
        guard value.isFinite, abs(value) <= 1e30 else { return nil }
        if let exact = nanoDigits(value) { return checked(exact) }
        let text = CFormat.double("%.9f", value)
        // The zeros (most machines have no Express children) read once: "0.000000000" is a zero
        // with exponent -9, "-0.000000000" (a tiny negative) its negative; read again each time
        // they would be the same bits.
        if text == "0.000000000" { return zeroText }
        if text == "-0.000000000" { return negativeZeroText }
        return checked(wholeDigits(text) ?? Decimal(string: text))
    }

    private static let zeroText = checked(Decimal(string: "0.000000000"))
    private static let negativeZeroText = checked(Decimal(string: "-0.000000000"))

    /// What `wholeDigits` reads from the "%.9f" text of `value`, computed from the Double's bits
    /// without printing it (~2,000 instructions): the text's digits are |value| × 10^9 rounded to
    /// the nearest integer, ties to even (C's printf rounds the exact binary value, in the default
    /// rounding mode), and a Double is its significand × 2^exponent, so that integer is
    /// significand × 10^9 shifted by the exponent, rounded on the bits shifted out. Nil when it is 0
    /// or has more than 19 digits, or for 0 and values beyond 2^40 (the text decides).
    /// `FastPathEquivalenceTests` compares it with the text's Decimal.
    static func nanoDigits(_ value: Double) -> Decimal? {
        guard value.isFinite, value != 0 else { return nil }
        let magnitude = abs(value)
        let significand = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
        let exponent = magnitude.isNormal ? Int(magnitude.exponentBitPattern) - 1075 : -1074
        let scaled = UInt128(significand) * 1_000_000_000  // below 2^83
        var digits: UInt128
        if exponent >= 0 {
            guard exponent <= 40 else { return nil }
            digits = scaled << exponent
        } else {
            let shift = -exponent
            guard shift < 100 else { return nil }  // below 10^-9 / 2: the text is a zero
            digits = scaled >> shift
            let rest = scaled - digits << shift, half = UInt128(1) << (shift - 1)
            if rest > half || (rest == half && digits & 1 == 1) { digits += 1 }
        }
        guard digits != 0, digits < 10_000_000_000_000_000_000 else { return nil }
        return Decimal(sign: value < 0 ? .minus : .plus, exponent: -9, significand: Decimal(UInt64(digits)))
    }

    /// The Decimal `Decimal(string:)` reads from "%.9f" text whose digits, without the point, make
    /// a whole number from 1 to 19 digits: that number × 10^-9, built from a UInt64 without
    /// reading the text digit by digit through Decimal arithmetic (~10,000 instructions). Nil for
    /// anything else (0, whose text reads as a zero with exponent -9; more digits), which the
    /// text decides. `FastPathEquivalenceTests` compares every bit of both.
    static func wholeDigits(_ text: String) -> Decimal? {
        var negative = false, digits = 0, whole: UInt64 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: "."): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 19 else { return nil }
                whole = whole * 10 + UInt64(byte - UInt8(ascii: "0"))
            default: return nil
            }
        }
        guard whole > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -9, significand: Decimal(whole))
    }

    /// The value, or nil when it is missing, NaN or beyond the limit.
    public static func checked(_ value: Decimal?) -> Decimal? {
        guard let value, !value.isNaN, isAtMost(value, limit, about: 1e30) else { return nil }
        return value
    }

    /// |value| ≤ bound, where `approximate` is the bound as a Double. This check runs on every step of
    /// every cost: `ExactDecimal` compares the mantissas in integers (no object, no Foundation
    /// comparison); where it cannot, the Decimal's nearest Double (off by far less than a factor of 2)
    /// settles it unless the value is within a factor of 2 of the bound, where Foundation's comparison
    /// decides.
    static func isAtMost(_ value: Decimal, _ bound: Decimal, about approximate: Double) -> Bool {
        if let exact = ExactDecimal.magnitude(value, isAtMost: bound) { return exact }
        let magnitude = abs(NSDecimalNumber(decimal: value).doubleValue)
        if magnitude <= approximate / 2 { return true }
        if magnitude >= approximate * 2 { return false }
        return abs(value) <= bound
    }

    /// a × b, or nil when either is missing or the product is beyond the limit. Both factors are
    /// at most 10^30 (or a price, below 10^6), so the product itself cannot overflow Decimal.
    public static func product(_ a: Decimal?, _ b: Decimal?) -> Decimal? {
        guard let a = checked(a), let b, !b.isNaN, isAtMost(b, limitSquared, about: 1e60) else { return nil }
        if a == 0 || b == 0 { return 0 }
        return checked(ExactDecimal.product(a, b))
    }

    /// The sum, or nil when any part is missing or the sum is beyond the limit.
    public static func sum(_ parts: Decimal?...) -> Decimal? {
        var total = Decimal(0)
        for part in parts {
            guard let part = checked(part) else { return nil }
            total = ExactDecimal.sum(total, part)
        }
        return checked(total)
    }
}
