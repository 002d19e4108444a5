import Foundation

/// A limit on a monthly cost or on its increase: an amount (`25`, `$25`, `25.50`) or a percentage
/// (`10%`, increases only). Parsed from the command line; money stays Decimal.
public enum CostThreshold: Sendable, Equatable, CustomStringConvertible {
    case amount(Decimal)
    case percent(Decimal)

    public init?(_ text: String) {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasSuffix("%") {
            body.removeLast()
            guard let value = Self.decimal(body) else { return nil }
            self = .percent(value)
            return
        }
        if body.hasPrefix("$") { body.removeFirst() }
        guard let value = Self.decimal(body) else { return nil }
        self = .amount(value)
    }

    /// True when going from `base` to `head` exceeds this allowed increase.
    public func exceeded(base: Decimal, head: Decimal) -> Bool {
        let increase = head - base
        guard increase > 0 else { return false }
        switch self {
        case .amount(let limit): return increase > limit
        case .percent(let limit): return base == 0 ? true : increase / base * 100 > limit
        }
    }

    public var description: String {
        switch self {
        case .amount(let value): return Money.plainString(value)
        case .percent(let value): return Money.plainString(value) + "%"
        }
    }

    private static func decimal(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.allSatisfy({ "0123456789.".contains($0) }),
              let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0 else { return nil }
        return value
    }
}
