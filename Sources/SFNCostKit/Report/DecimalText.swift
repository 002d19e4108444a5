import Foundation

/// A `Decimal` as plain text, the same as `NSDecimalNumber(decimal:).description(withLocale:
/// en_US_POSIX)` and `Decimal.description` (`-12.5`, `0.00000001`, `1000`; never an exponent), read
/// straight from the value's digits.
///
/// Why: Foundation's own conversion divides the 128-bit mantissa by ten once per digit and costs about
/// 14,000 instructions a value; a report writes thousands of amounts (`Money` in JSON, tables,
/// Markdown). This reads the mantissa, exponent and sign from the value's storage (the 20-byte layout
/// NSDecimal has always had: exponent, a byte of length and flags, two reserved bytes, eight 16-bit
/// words of mantissa, least significant first). That layout is not public API on Linux, so it is
/// checked once against values of known digits; if a toolchain ever lays Decimal out differently,
/// `plain` returns nil and callers use Foundation's conversion. Tests compare both on many values.
enum DecimalText {
    /// Exactly `value.description` (and NSDecimalNumber's en_US_POSIX text): from the storage where
    /// it can be read, else Foundation's own conversion.
    static func plain(_ value: Decimal) -> String {
        storageText(value) ?? value.description
    }

    /// Exactly `value.double`, the Double nearest the decimal text, without `Decimal.double`'s
    /// NSDecimalNumber and Locale on every call (the report needs it for every machine's figures).
    static func double(_ value: Decimal) -> Double {
        quickDouble(value) ?? Double(plain(value)) ?? .nan
    }

    /// `Double(plain(value))` without the text, for a mantissa below 2^53 and an exponent within ±22
    /// (most figures): the mantissa and the power of ten are then exact Doubles, and one IEEE
    /// multiplication or division rounds their exact product or quotient correctly, which is what
    /// reading the decimal text gives (Clinger's fast path, the one strtod takes itself). Nil otherwise.
    static func quickDouble(_ value: Decimal) -> Double? {
        guard layoutIsKnown, let parts = parts(of: value), parts.length > 0, parts.high == 0,
              parts.low != 0, parts.low < 1 << 53, (-22...22).contains(parts.exponent) else { return nil }
        let mantissa = Double(parts.low)
        let magnitude = parts.exponent < 0 ? mantissa / exactPowersOfTen[-parts.exponent] : mantissa * exactPowersOfTen[parts.exponent]
        return parts.isNegative ? -magnitude : magnitude
    }

    /// 10^0 ... 10^22, every one exactly a Double.
    static let exactPowersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                             1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// The text of `value` read from its storage, or nil when it cannot be read (then use Foundation's).
    static func storageText(_ value: Decimal) -> String? {
        guard layoutIsKnown, let parts = parts(of: value) else { return nil }
        return text(parts)
    }

    struct Parts: Equatable {
        var exponent: Int
        var isNegative: Bool
        /// Mantissa words in use (0: zero, or NaN when negative).
        var length: Int
        var low: UInt64
        var high: UInt64
    }

    /// Whether `parts(of:)` reads this toolchain's Decimal correctly: checked on values whose
    /// exponent, sign, length and mantissa are known. Built without reading text (a Locale and
    /// Decimal(string:) cost ~1 M instructions, paid by every run).
    static let layoutIsKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let small = Decimal(sign: .minus, exponent: -2, significand: 12_345)  // -123.45
        let wide = Decimal(UInt64.max) + 2  // 2^64 + 1
        let huge = Decimal(sign: .plus, exponent: 38, significand: 1) - 1  // 38 nines
        let tiny = Decimal(sign: .plus, exponent: -8, significand: 1)  // 0.00000001
        return parts(of: small) == Parts(exponent: -2, isNegative: true, length: 1, low: 12_345, high: 0)
            && parts(of: wide) == Parts(exponent: 0, isNegative: false, length: 5, low: 1, high: 1)
            && parts(of: huge) == Parts(exponent: 0, isNegative: false, length: 8,
                                        low: 0x098A_223F_FFFF_FFFF, high: 0x4B3B_4CA8_5A86_C47A)
            && parts(of: tiny) == Parts(exponent: -8, isNegative: false, length: 1, low: 1, high: 0)
            && parts(of: Decimal.nan) == Parts(exponent: 0, isNegative: true, length: 0, low: 0, high: 0)
            && parts(of: Decimal.zero) == Parts(exponent: 0, isNegative: false, length: 0, low: 0, high: 0)
    }()

    /// The storage read as NSDecimal's fields; nil when they do not make sense (a word beyond the length).
    static func parts(of value: Decimal) -> Parts? {
        withUnsafeBytes(of: value) { raw -> Parts? in
            guard raw.count == 20 else { return nil }
            let exponent = Int(Int8(bitPattern: raw[0]))
            let flags = raw[1]
            let length = Int(flags >> 4)
            var low: UInt64 = 0, high: UInt64 = 0
            for word in 0..<4 {
                low |= UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * word, as: UInt16.self)) << (16 * word)
                high |= UInt64(raw.loadUnaligned(fromByteOffset: 12 + 2 * word, as: UInt16.self)) << (16 * word)
            }
            let used = length == 0 ? (0, 0) : length <= 4 ? (length * 16, 0) : (64, (length - 4) * 16)
            guard length <= 8, used.0 == 64 || low >> used.0 == 0, used.1 == 64 || high >> used.1 == 0 else { return nil }
            return Parts(exponent: exponent, isNegative: flags & 0x08 != 0, length: length, low: low, high: high)
        }
    }

    /// Foundation's text: NaN, 0, or the mantissa's digits with the point placed by the exponent
    /// (zeros appended for a positive exponent, `0.` and zeros in front of a small fraction). Written
    /// as bytes into the string's own storage: the digits from the mantissa 19 at a time (two 64-bit
    /// divisions each), with no intermediate strings.
    static func text(_ parts: Parts) -> String? {
        if parts.length == 0 { return parts.isNegative ? "NaN" : "0" }
        guard parts.low != 0 || parts.high != 0 else { return nil }  // a zero mantissa with a length: Foundation's
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits -> String in
            // The mantissa's digits, least significant first (at most 39).
            var count = 0
            var mantissa = UInt128(parts.high) << 64 | UInt128(parts.low)
            while mantissa >> 64 != 0 {
                let (quotient, remainder) = ExactDecimal.divided(mantissa, by: 10_000_000_000_000_000_000)
                var chunk = remainder
                for _ in 0..<19 {
                    digits[count] = UInt8(truncatingIfNeeded: chunk % 10) &+ UInt8(ascii: "0")
                    chunk /= 10
                    count += 1
                }
                mantissa = quotient
            }
            var rest = UInt64(truncatingIfNeeded: mantissa)
            repeat {
                digits[count] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
                rest /= 10
                count += 1
            } while rest != 0
            let sign = parts.isNegative ? 1 : 0
            let scale = -parts.exponent
            let length = parts.exponent >= 0 ? sign + count + parts.exponent
                : scale < count ? sign + count + 1
                : sign + 2 + scale
            return String(unsafeUninitializedCapacity: length) { out in
                var at = 0
                func put(_ byte: UInt8) { out[at] = byte; at += 1 }
                /// Digits from the most significant: positions count-1 down to `end`.
                func putDigits(downTo end: Int, from start: Int) {
                    var index = start
                    while index >= end { put(digits[index]); index -= 1 }
                }
                if sign == 1 { put(UInt8(ascii: "-")) }
                if parts.exponent >= 0 {
                    putDigits(downTo: 0, from: count - 1)
                    for _ in 0..<parts.exponent { put(UInt8(ascii: "0")) }
                } else if scale < count {
                    putDigits(downTo: scale, from: count - 1)
                    put(UInt8(ascii: "."))
                    putDigits(downTo: 0, from: scale - 1)
                } else {
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "."))
                    for _ in 0..<(scale - count) { put(UInt8(ascii: "0")) }
                    putDigits(downTo: 0, from: count - 1)
                }
                return at
            }
        }
    }
}
