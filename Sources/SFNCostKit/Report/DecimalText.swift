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
        Double(plain(value)) ?? .nan
    }

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
    /// exponent, sign, length and mantissa are known.
    static let layoutIsKnown: Bool = {
        let posix = Locale(identifier: "en_US_POSIX")
        guard MemoryLayout<Decimal>.size == 20,
              let small = Decimal(string: "-123.45", locale: posix),
              let wide = Decimal(string: "18446744073709551617", locale: posix),  // 2^64 + 1
              let huge = Decimal(string: "99999999999999999999999999999999999999", locale: posix),  // 38 nines
              let tiny = Decimal(string: "0.00000001", locale: posix) else { return false }
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
    /// (zeros appended for a positive exponent, `0.` and zeros in front of a small fraction).
    static func text(_ parts: Parts) -> String? {
        if parts.length == 0 { return parts.isNegative ? "NaN" : "0" }
        guard parts.low != 0 || parts.high != 0 else { return nil }  // a zero mantissa with a length: Foundation's
        let digits = parts.high == 0 ? String(parts.low) : String(UInt128(parts.high) << 64 | UInt128(parts.low))
        var text = parts.isNegative ? "-" : ""
        if parts.exponent >= 0 {
            text += digits
            text += String(repeating: "0", count: parts.exponent)
        } else {
            let scale = -parts.exponent
            if scale < digits.utf8.count {
                let whole = digits.utf8.count - scale
                text += digits.prefix(whole)
                text += "."
                text += digits.dropFirst(whole)
            } else {
                text += "0."
                text += String(repeating: "0", count: scale - digits.utf8.count)
                text += digits
            }
        }
        return text
    }
}
