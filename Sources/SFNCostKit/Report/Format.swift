import Foundation

/// Number formatting shared by the text renderers and messages, so a figure reads the same everywhere.
public enum Format {
    /// 25000 → "25,000"; 14.25 → "14.25"; keeps up to two decimals for expected values.
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return tooLarge(value) }
        // Beyond 10^15 a Double no longer holds every digit: say so rather than print float noise.
        if abs(value) >= 1e15 { return String(format: "≈%.3e", value) }
        let rounded = (value * 100).rounded() / 100
        let whole = rounded.rounded(.towardZero)
        let wholeText = grouped(wholeDigits(whole))
        let fraction = abs(rounded - whole)
        if fraction < 0.005 { return wholeText }
        // ".50" → ".5": trailing zeros dropped by hand (a regular expression here cost a tenth of a
        // one-file run: ICU compiles its pattern tables on first use).
        var fractionText = Substring(CFormat.double("%.2f", fraction)).dropFirst(1)
        while fractionText.last == "0" { fractionText = fractionText.dropLast() }
        return wholeText + fractionText
    }

    public static func count(_ value: Count) -> String {
        value.isSaturated ? "> \(grouped(String(UInt64.max)))" : grouped(String(value.value))
    }

    /// Seconds as "850 ms", "42.5 s", "12 min 30 s", "3 h 5 min", "2.1 days".
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return tooLarge(value) }
        if value < 1 { return "\(Int((value * 1000).rounded())) ms" }
        if value < 60 { return "\(count(value)) s" }
        if value < 3600 {
            let minutes = Int(value / 60), rest = Int(value.rounded()) - minutes * 60
            return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
        }
        if value < 86_400 {
            let hours = Int(value / 3600), minutes = Int((value - Double(hours) * 3600) / 60)
            return minutes == 0 ? "\(hours) h" : "\(hours) h \(minutes) min"
        }
        return "\(count(value / 86_400)) days"
    }

    /// A rate that may be well below one: "0.0004", "2.5", "1,500" (three significant digits below 1).
    public static func rate(_ value: Double) -> String {
        guard value.isFinite else { return tooLarge(value) }
        if value > 0 && value < 1 { return String(format: "%.3g", value) }
        return count(value)
    }

    /// A billed Express duration, to the 100 ms step it is billed in: "0.5 s", "62.6 s", "247.0 s",
    /// so that GB-seconds can be checked by hand from the printed figure.
    public static func billedSeconds(_ value: Double) -> String {
        guard value.isFinite else { return tooLarge(value) }
        return grouped(wholeDigits(value.rounded(.towardZero))) + CFormat.double("%.1f s", value - value.rounded(.towardZero)).dropFirst(1)
    }

    /// A figure that is not finite: beyond what a Double holds, never printed as "∞" or "nan".
    static func tooLarge(_ value: Double) -> String { value.isNaN ? "unknown" : "too large" }

    /// Money for people: cents from 1 up; below one, four places, so small monthly costs stay
    /// visible. Unknown amounts print as "unknown". Never used for arithmetic.
    public static func money(_ value: Money?, _ currency: String) -> String {
        guard let value else { return "unknown" }
        let symbol = currency == "USD" ? "$" : currency == "CNY" ? "¥" : currency + " "
        return symbol + value.formatted(places: moneyPlaces(value))
    }

    /// The places `money` prints: 2, or 4 below one unit.
    public static func moneyPlaces(_ value: Money) -> Int {
        value.amount != 0 && abs(value.amount) < 1 ? 4 : 2
    }

    /// The amount as `money` prints it, for checking that printed parts add up to a printed total.
    public static func printedAmount(_ value: Money) -> Decimal {
        value.amount.rounded(scale: moneyPlaces(value))
    }

    /// "read 2026-11-01 (AWS's effective date unknown)" or "effective 2026-05-01".
    public static func priceDate(_ pricing: PricingInfo) -> String {
        pricing.dateKind == "read" ? "read \(pricing.effectiveDate) (AWS's effective date unknown)" : "effective \(pricing.effectiveDate)"
    }

    static func grouped(_ digits: String) -> String {
        if let fast = groupedASCII(digits) { return fast }
        return groupedByCharacter(digits)
    }

    /// `grouped` character by character: the general path, and the reference for `groupedASCII`.
    static func groupedByCharacter(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        let body = negative ? String(digits.dropFirst()) : digits
        var out = ""
        for (index, character) in body.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (negative ? "-" : "") + String(out.reversed())
    }
}
