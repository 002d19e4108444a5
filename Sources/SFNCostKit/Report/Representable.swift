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

    /// A Double (an expected per-execution figure) as a Decimal, or nil when it is not finite or
    /// beyond the limit. Through a rounded string: Decimal(Double) carries binary noise
    /// (0.1 → 0.1000000000000000055…).
    public static func decimal(_ value: Double) -> Decimal? {
        guard value.isFinite, abs(value) <= 1e30 else { return nil }
        return checked(Decimal(string: String(format: "%.9f", value), locale: Locale(identifier: "en_US_POSIX")))
    }

    /// The value, or nil when it is missing, NaN or beyond the limit.
    public static func checked(_ value: Decimal?) -> Decimal? {
        guard let value, !value.isNaN, abs(value) <= limit else { return nil }
        return value
    }

    /// a × b, or nil when either is missing or the product is beyond the limit. Both factors are
    /// at most 10^30 (or a price, below 10^6), so the product itself cannot overflow Decimal.
    public static func product(_ a: Decimal?, _ b: Decimal?) -> Decimal? {
        guard let a = checked(a), let b, !b.isNaN, abs(b) <= limit * limit else { return nil }
        if a == 0 || b == 0 { return 0 }
        return checked(a * b)
    }

    /// The sum, or nil when any part is missing or the sum is beyond the limit.
    public static func sum(_ parts: Decimal?...) -> Decimal? {
        var total = Decimal(0)
        for part in parts {
            guard let part = checked(part) else { return nil }
            total += part
        }
        return checked(total)
    }
}
