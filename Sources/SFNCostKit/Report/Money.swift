import Foundation

/// An amount of money. Decimal throughout; JSON carries it as a decimal string (never a binary
/// float) with up to `jsonScale` places, and the table rounds to the currency's minor unit.
public struct Money: Sendable, Codable, Equatable, Comparable {
    public var amount: Decimal

    /// Places kept in JSON: sub-cent amounts (a single execution's cost) stay visible.
    public static let jsonScale = 8

    public init(_ amount: Decimal) { self.amount = amount }

    public static let zero = Money(0)

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Money.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a decimal amount"))
        }
        amount = value
    }

    /// An amount as `encode` writes it: an optional minus, digits, and optionally a point and
    /// digits, at most 10^36 (no report holds more: each cost is at most 10^30). Decimal(string:)
    /// alone reads "5abc" as 5 and "." as 0.
    static func parse(_ text: String) -> Decimal? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard text.count <= 60, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }),
              let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN,
              abs(value) <= Decimal(sign: .plus, exponent: 36, significand: 1) else { return nil }
        return value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Money.plainString(amount.rounded(scale: Money.jsonScale)))
    }

    /// `12.5` → "12.5"; never scientific notation. The text `NSDecimalNumber.description(withLocale:)`
    /// gives in the en_US_POSIX locale ("." as the separator), which is `Decimal.description`;
    /// `DecimalText` writes it without a Locale and a long division per digit on every amount
    /// (`DecimalTextTests` and `FastPathEquivalenceTests` compare them).
    public static func plainString(_ value: Decimal) -> String {
        DecimalText.plain(value)
    }

    /// Rounded to `places` (2 for USD and CNY), with thousands separators: "1,234.50".
    public func formatted(places: Int = 2) -> String {
        let rounded = amount.rounded(scale: places)
        let negative = rounded < 0
        let text = Money.plainString(negative ? -rounded : rounded)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < places { fraction += "0" }
        var grouped = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        whole = String(grouped.reversed())
        return (negative ? "-" : "") + whole + (places > 0 ? "." + fraction : "")
    }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(lhs.amount + rhs.amount) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.amount < rhs.amount }
}
