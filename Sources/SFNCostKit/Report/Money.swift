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
        try container.encode(jsonText)
    }

    /// The decimal string JSON carries (`encode(to:)` and `JSONTextWriter` both write it).
    var jsonText: String { Money.plainString(ExactDecimal.rounded(amount, scale: Money.jsonScale)) }

    /// `12.5` → "12.5"; never scientific notation. The text `NSDecimalNumber.description(withLocale:)`
    /// gives in the en_US_POSIX locale ("." as the separator), which is `Decimal.description`;
    /// `DecimalText` writes it without a Locale and a long division per digit on every amount
    /// (`DecimalTextTests` and `FastPathEquivalenceTests` compare them).
    public static func plainString(_ value: Decimal) -> String {
        DecimalText.plain(value)
    }

    /// Rounded to `places` (2 for USD and CNY), with thousands separators: "1,234.50".
    ///
    /// The rounded amount's plain text is cut at its point and the whole part grouped (`Format.grouped`,
    /// on bytes): the Character-by-Character split, reverse and regroup this replaced cost two thirds
    /// of the 13,000 instructions of a call (`MoneyFormattingTests` compares the two).
    public func formatted(places: Int = 2) -> String {
        let rounded = ExactDecimal.rounded(amount, scale: places)
        var text = Money.plainString(rounded)
        // A minus only below zero (a Decimal has no negative zero). NaN is "NaN" whatever its sign,
        // and gets the minus that `rounded < 0` gives it, as before.
        let negative = rounded.isNaN ? rounded < 0 : text.utf8.first == UInt8(ascii: "-")
        if negative, !rounded.isNaN { text.removeFirst() }
        var whole = text, fraction = ""
        if let point = text.utf8.firstIndex(of: UInt8(ascii: ".")) {
            whole = String(text[..<point])
            fraction = String(text[text.utf8.index(after: point)...])
        }
        let missingZeros = places - fraction.utf8.count
        if missingZeros > 0 { fraction += String(repeating: "0", count: missingZeros) }
        return (negative ? "-" : "") + Format.grouped(whole) + (places > 0 ? "." + fraction : "")
    }

    // Foundation's `+` and `<`, computed by `ExactDecimal` (the same bits and answers).
    public static func + (lhs: Money, rhs: Money) -> Money { Money(ExactDecimal.sum(lhs.amount, rhs.amount)) }
    public static func < (lhs: Money, rhs: Money) -> Bool { ExactDecimal.isLess(lhs.amount, rhs.amount) }
}
