import Foundation

/// Decimal arithmetic done in integers where the result is certainly the one Foundation's operators
/// give, bit for bit (mantissa, exponent, length, sign and the compact flag); Foundation's operators
/// for everything else.
///
/// Why: Foundation's Decimal works on arrays of 16-bit words (an allocation per step) and strips
/// trailing zeros by dividing by ten word by word: a sum costs ~4,500 instructions, a product ~3,500,
/// a quotient ~60,000, and a report does thousands (every machine's cost in every scenario). Here a
/// value's 128-bit mantissa is one `UInt128`, and the same steps cost a few hundred.
///
/// What Foundation does (swift-foundation's Decimal+Math.swift, the toolchain's version), and so what
/// the fast paths repeat:
/// - a sum first brings both mantissas to the smaller exponent; when the larger-exponent mantissa times
///   10^difference does not fit 128 bits, Foundation drops digits of the other: not done here (nil).
///   A sum that does not fit 128 bits is rounded by Foundation: not done here either.
/// - a product of mantissas that does not fit 128 bits is rounded: not done here.
/// - a quotient is ⌊mantissa × 10^38 / divisor's mantissa⌋, cut to 8 words by dividing by 10,000 while
///   over 9 words and then by 10 while over 8 (truncating), after bringing a dividend whose exponent
///   is 19 or more above the divisor's to the divisor's exponent (only when that is exact here).
/// - every result is compacted: trailing decimal zeros moved into the exponent, the length the
///   mantissa's words, the compact flag set. Exponents must stay within -128...127: else Foundation's.
/// - rounding to a scale keeps the value as it is when it has no more places; else it rounds half away
///   from zero on the dropped digits and compacts (a result of 0 keeps the exponent, uncompacted).
/// Zero, NaN, values whose length does not match their mantissa, and any layout this file does not
/// know (`storageIsKnown`) go to Foundation. `ExactDecimalTests` compares both on many values.
enum ExactDecimal {
    /// A finite, non-zero value's fields, as stored.
    struct Fields: Equatable {
        var exponent: Int
        var isNegative: Bool
        var mantissa: UInt128
    }

    // MARK: Operations

    /// `a + b`.
    static func sum(_ a: Decimal, _ b: Decimal) -> Decimal {
        fastSum(a, b) ?? a + b
    }

    /// `a - b`.
    static func difference(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard storageIsKnown, let x = fields(a), var y = fields(b) else { return a - b }
        y.isNegative.toggle()
        return fastSum(x, y) ?? a - b
    }

    /// `a * b`.
    static func product(_ a: Decimal, _ b: Decimal) -> Decimal {
        fastProduct(a, b) ?? a * b
    }

    /// `a / b`.
    static func quotient(_ a: Decimal, _ b: Decimal) -> Decimal {
        fastQuotient(a, b) ?? a / b
    }

    /// `a < b`.
    static func isLess(_ a: Decimal, _ b: Decimal) -> Bool {
        guard let order = fastOrder(a, b) else { return a < b }
        return order == .orderedAscending
    }

    /// `value > 0` (Foundation: neither NaN, nor negative, nor zero).
    static func isPositive(_ value: Decimal) -> Bool {
        guard storageIsKnown else { return value > 0 }
        let header = header(value)
        return !header.isNegative && header.length > 0
    }

    /// `value.rounded(scale:)` (NSDecimalRound, `.plain`).
    static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        fastRounded(value, scale: scale) ?? value.rounded(scale: scale)
    }

    /// |value| ≤ bound, exactly, for a finite value and a bound ≥ 0; nil when it cannot be read here.
    static func magnitude(_ value: Decimal, isAtMost bound: Decimal) -> Bool? {
        guard storageIsKnown else { return nil }
        let header = header(value)
        if header.length == 0 { return header.isNegative ? nil : true }
        guard var x = fields(value), let y = fields(bound), !y.isNegative else { return nil }
        // A power of ten (the limits): |value| ≤ 10^k when its mantissa is at most 10^(k - exponent);
        // never when its exponent is above k; always when k is 39 or more above it (a mantissa < 10^39).
        if y.mantissa == 1 {
            let places = y.exponent - x.exponent
            if places < 0 { return false }
            return places >= 39 || x.mantissa <= powerOfTen[places]
        }
        x.isNegative = false
        guard let order = magnitudeOrder(x, y) else { return nil }
        return order != .orderedDescending
    }

    // MARK: Fast paths (nil: Foundation decides)

    static func fastSum(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard storageIsKnown else { return nil }
        let left = header(a), right = header(b)
        // Foundation: NaN gives NaN; a zero operand gives the other operand as it is.
        if left.isNaN || right.isNaN { return nil }
        if left.length == 0 { return b }
        if right.length == 0 { return a }
        guard let x = fields(a), let y = fields(b) else { return nil }
        return fastSum(x, y)
    }

    static func fastSum(_ x: Fields, _ y: Fields) -> Decimal? {
        guard let (m, n, exponent) = aligned(x, y) else { return nil }
        if x.isNegative == y.isNegative {
            let (total, overflow) = m.addingReportingOverflow(n)
            guard !overflow else { return nil }
            return make(Fields(exponent: exponent, isNegative: x.isNegative, mantissa: total))
        }
        // Opposite signs: the larger magnitude's sign; equal magnitudes are Foundation's zero.
        if m == n { return nil }
        return m > n ? make(Fields(exponent: exponent, isNegative: x.isNegative, mantissa: m - n))
                     : make(Fields(exponent: exponent, isNegative: y.isNegative, mantissa: n - m))
    }

    static func fastProduct(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard storageIsKnown, let x = fields(a), let y = fields(b) else { return nil }
        let (high, low) = x.mantissa.multipliedFullWidth(by: y.mantissa)
        let exponent = x.exponent + y.exponent
        guard high == 0, exponent >= -128, exponent <= 127 else { return nil }
        return make(Fields(exponent: exponent, isNegative: x.isNegative != y.isNegative, mantissa: low))
    }

    static func fastQuotient(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard storageIsKnown, var x = fields(a), let y = fields(b) else { return nil }
        // Foundation brings a dividend 19 or more places above the divisor to the divisor's exponent
        // (losing digits when that does not fit: then Foundation decides).
        if x.exponent - y.exponent >= 19 {
            guard let scaled = timesPowerOfTen(x.mantissa, x.exponent - y.exponent) else { return nil }
            x = Fields(exponent: y.exponent, isNegative: x.isNegative, mantissa: scaled)
        }
        // ⌊m × 10^38 / n⌋ in 256 bits.
        let dividend = x.mantissa.multipliedFullWidth(by: powerOfTen[38])
        let (upper, carried) = dividend.high.quotientAndRemainder(dividingBy: y.mantissa)
        let lower = y.mantissa.dividingFullWidth((carried, dividend.low)).quotient
        var quotient = Wide(high: upper, low: lower)
        // A dividend below the divisor gives Foundation a zero with a sign: Foundation decides.
        guard quotient.high != 0 || quotient.low != 0 else { return nil }
        // Foundation's cut to 8 words (truncating: the division's rounding mode is `.down`).
        var exponent = x.exponent - y.exponent - 38
        while quotient.words > 9 {
            quotient = quotient.dividedBy(10_000)
            exponent += 4
        }
        while quotient.words > 8 {
            quotient = quotient.dividedBy(10)
            exponent += 1
        }
        guard exponent >= -128, exponent <= 127 else { return nil }
        return make(Fields(exponent: exponent, isNegative: x.isNegative != y.isNegative, mantissa: quotient.low))
    }

    static func fastRounded(_ value: Decimal, scale: Int) -> Decimal? {
        guard storageIsKnown else { return nil }
        let header = header(value)
        // Foundation keeps a value with no more places than `scale` as it is (NaN and zeros too).
        let places = -(scale + header.exponent)
        if places <= 0 { return value }
        guard places <= 38, let x = fields(value) else { return nil }
        let (whole, dropped) = x.mantissa.quotientAndRemainder(dividingBy: powerOfTen[places])
        // The first dropped digit decides, half away from zero.
        var rounded = whole
        if dropped / powerOfTen[places - 1] >= 5 { rounded += 1 }
        let exponent = x.exponent + places
        guard exponent <= 127 else { return nil }
        // A result of 0: Foundation's zero keeps the exponent and is not compacted.
        if rounded == 0 { return zero(exponent: exponent) }
        return make(Fields(exponent: exponent, isNegative: x.isNegative, mantissa: rounded))
    }

    /// Foundation's order of two values, when the magnitudes compare exactly here.
    static func fastOrder(_ a: Decimal, _ b: Decimal) -> ComparisonResult? {
        guard storageIsKnown else { return nil }
        let left = header(a), right = header(b)
        if left.isNaN || right.isNaN { return nil }
        if left.isNegative != right.isNegative { return left.isNegative ? .orderedAscending : .orderedDescending }
        if left.length == 0 { return right.length == 0 ? .orderedSame : .orderedAscending }
        if right.length == 0 { return .orderedDescending }
        guard let x = fields(a), let y = fields(b), let order = magnitudeOrder(x, y) else { return nil }
        guard x.isNegative else { return order }
        return order == .orderedAscending ? .orderedDescending : order == .orderedDescending ? .orderedAscending : .orderedSame
    }

    /// The order of |x| and |y|. Exponents 39 or more apart: the larger exponent is the larger value
    /// (a mantissa is below 10^39), which Foundation's lossy alignment also finds; else exact when the
    /// alignment fits 128 bits, nil otherwise.
    static func magnitudeOrder(_ x: Fields, _ y: Fields) -> ComparisonResult? {
        if x.exponent - y.exponent >= 39 { return .orderedDescending }
        if y.exponent - x.exponent >= 39 { return .orderedAscending }
        guard let (m, n, _) = aligned(x, y) else { return nil }
        return m == n ? .orderedSame : m < n ? .orderedAscending : .orderedDescending
    }

    // MARK: Storage

    /// Whether values are read and written here as this toolchain stores them: `DecimalText`'s check of
    /// the reading, and values written here equal, bit for bit, the same values from Foundation.
    static let storageIsKnown: Bool = {
        #if _endian(little)
        guard DecimalText.layoutIsKnown else { return false }
        // Foundation's products are compacted: the flag set, the length the words in use.
        let cents = Decimal(sign: .plus, exponent: -2, significand: 1), wide = Decimal(UInt64.max) + 2  // 2^64 + 1
        let small = Decimal(-12345) * cents, large = wide * cents
        return make(Fields(exponent: -2, isNegative: true, mantissa: 12345)).map(DecimalBits.init) == DecimalBits(small)
            && make(Fields(exponent: -2, isNegative: false, mantissa: 18_446_744_073_709_551_617)).map(DecimalBits.init) == DecimalBits(large)
            && fields(small) == Fields(exponent: -2, isNegative: true, mantissa: 12345)
            && fields(large) == Fields(exponent: -2, isNegative: false, mantissa: 18_446_744_073_709_551_617)
        #else
        return false
        #endif
    }()

    struct Header {
        var exponent: Int
        var length: Int
        var isNegative: Bool
        var isNaN: Bool { length == 0 && isNegative }
    }

    /// Exponent, length and sign (read only where `storageIsKnown`).
    static func header(_ value: Decimal) -> Header {
        withUnsafeBytes(of: value) { raw in
            Header(exponent: Int(Int8(bitPattern: raw[0])), length: Int(raw[1] >> 4), isNegative: raw[1] & 0x08 != 0)
        }
    }

    /// The fields of a finite non-zero value whose length is its mantissa's words and whose reserved
    /// bits are clear (every value Foundation's arithmetic makes); nil for anything else.
    static func fields(_ value: Decimal) -> Fields? {
        withUnsafeBytes(of: value) { raw -> Fields? in
            let flags = raw[1]
            guard flags & 0x03 == 0, raw[2] == 0, raw[3] == 0 else { return nil }
            let low = raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self)
            let high = raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)
            let mantissa = UInt128(high) << 64 | UInt128(low)
            guard mantissa != 0, Int(flags >> 4) == words(mantissa) else { return nil }
            return Fields(exponent: Int(Int8(bitPattern: raw[0])), isNegative: flags & 0x08 != 0, mantissa: mantissa)
        }
    }

    /// The compacted value Foundation's arithmetic gives for these fields: trailing decimal zeros moved
    /// into the exponent, the length the mantissa's words, the compact flag set. Nil when the exponent
    /// would pass 127 (Foundation then keeps zeros in the mantissa) or the mantissa is 0.
    static func make(_ fields: Fields) -> Decimal? {
        guard fields.mantissa != 0 else { return nil }
        var (mantissa, exponent) = (fields.mantissa, fields.exponent)
        while true {
            let (next, digit) = dividedBy10(mantissa)
            guard digit == 0 else { break }
            mantissa = next
            exponent += 1
        }
        guard exponent >= -128, exponent <= 127 else { return nil }
        let flags = UInt8(words(mantissa)) << 4 | (fields.isNegative ? 0x08 : 0) | 0x04
        return stored(exponent: exponent, flags: flags, mantissa: mantissa)
    }

    /// The zero Foundation's rounding leaves: length 0, not negative, not compact, this exponent.
    static func zero(exponent: Int) -> Decimal {
        stored(exponent: exponent, flags: 0, mantissa: 0)
    }

    private static func stored(exponent: Int, flags: UInt8, mantissa: UInt128) -> Decimal {
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            raw[0] = UInt8(bitPattern: Int8(truncatingIfNeeded: exponent))
            raw[1] = flags
            raw[2] = 0
            raw[3] = 0
            raw.storeBytes(of: UInt64(truncatingIfNeeded: mantissa), toByteOffset: 4, as: UInt64.self)
            raw.storeBytes(of: UInt64(truncatingIfNeeded: mantissa >> 64), toByteOffset: 12, as: UInt64.self)
        }
        return value
    }

    // MARK: Integers

    /// 16-bit words in use, as Foundation counts a mantissa's length.
    static func words(_ value: UInt128) -> Int {
        (128 - value.leadingZeroBitCount + 15) / 16
    }

    static let powerOfTen: [UInt128] = {
        var powers: [UInt128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// Both mantissas at the smaller exponent, or nil when the other mantissa times the power of ten
    /// does not fit 128 bits (where Foundation loses digits).
    static func aligned(_ x: Fields, _ y: Fields) -> (UInt128, UInt128, Int)? {
        if x.exponent == y.exponent { return (x.mantissa, y.mantissa, x.exponent) }
        if x.exponent > y.exponent {
            guard let m = timesPowerOfTen(x.mantissa, x.exponent - y.exponent) else { return nil }
            return (m, y.mantissa, y.exponent)
        }
        guard let n = timesPowerOfTen(y.mantissa, y.exponent - x.exponent) else { return nil }
        return (x.mantissa, n, x.exponent)
    }

    /// value × 10^power when it fits 128 bits (power ≥ 0).
    static func timesPowerOfTen(_ value: UInt128, _ power: Int) -> UInt128? {
        guard power <= 38 else { return nil }
        let (high, low) = value.multipliedFullWidth(by: powerOfTen[power])
        return high == 0 ? low : nil
    }

    /// value / 10 and the remainder.
    static func dividedBy10(_ value: UInt128) -> (UInt128, UInt64) {
        divided(value, by: 10)
    }

    /// value / divisor and the remainder, by two 64-bit divisions (divisor > 0).
    static func divided(_ value: UInt128, by divisor: UInt64) -> (UInt128, UInt64) {
        let high = UInt64(truncatingIfNeeded: value >> 64), low = UInt64(truncatingIfNeeded: value)
        if high == 0 { return (UInt128(low / divisor), low % divisor) }
        let (upper, carried) = high.quotientAndRemainder(dividingBy: divisor)
        let (lower, remainder) = divisor.dividingFullWidth((carried, low))
        return (UInt128(upper) << 64 | UInt128(lower), remainder)
    }

    /// A 256-bit unsigned integer, for quotients before Foundation's cut to 8 words.
    struct Wide {
        var high: UInt128
        var low: UInt128

        /// 16-bit words in use.
        var words: Int {
            high != 0 ? 8 + ExactDecimal.words(high) : ExactDecimal.words(low)
        }

        /// Truncating division by a small divisor, 64 bits at a time (most significant first).
        func dividedBy(_ divisor: UInt64) -> Wide {
            let (q3, r3) = UInt64(truncatingIfNeeded: high >> 64).quotientAndRemainder(dividingBy: divisor)
            let (q2, r2) = divisor.dividingFullWidth((r3, UInt64(truncatingIfNeeded: high)))
            let (q1, r1) = divisor.dividingFullWidth((r2, UInt64(truncatingIfNeeded: low >> 64)))
            let (q0, _) = divisor.dividingFullWidth((r1, UInt64(truncatingIfNeeded: low)))
            return Wide(high: UInt128(q3) << 64 | UInt128(q2), low: UInt128(q1) << 64 | UInt128(q0))
        }
    }
}
