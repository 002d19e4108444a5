import Foundation

/// A Decimal's plain text and nearest Double, quickly.
///
/// `Decimal.description` writes one digit per long division by 10 (~23,000 instructions for an
/// amount), and `Decimal.double` goes through that text; the report needs both for every machine's
/// figures. A Decimal is a significand × 10^exponent: when the significand fits a UInt64 (every
/// figure below 1.8 × 10^19 in its last place), its digits come from `String(UInt64)` and the point
/// goes where the exponent says, exactly as `description` places it. Larger significands take
/// `description` itself. `DecimalTextTests` compares both paths on random and edge values.
enum DecimalText {
    /// Exactly `value.description`: "12.5", "-0.001", "1200", never scientific notation.
    static func plain(_ value: Decimal) -> String {
        guard !value.isNaN, !value.isZero else { return value.description }
        let significand = value.significand
        let number = NSDecimalNumber(decimal: significand)
        // Below 10^19 (with a Double's tiny error, far below UInt64.max ≈ 1.8 × 10^19) the
        // significand is a whole UInt64; above, the general path.
        guard number.doubleValue < 1e19 else { return value.description }
        var digits = String(number.uint64Value)
        let exponent = value.exponent
        if exponent > 0 {
            digits += String(repeating: "0", count: exponent)
        } else if exponent < 0 {
            let places = -exponent
            if places < digits.count {
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
            } else {
                digits = "0." + String(repeating: "0", count: places - digits.count) + digits
            }
        }
        return value.sign == .minus ? "-" + digits : digits
    }

    /// Exactly `value.double`: the Double nearest the decimal text.
    static func double(_ value: Decimal) -> Double {
        Double(plain(value)) ?? .nan
    }
}
