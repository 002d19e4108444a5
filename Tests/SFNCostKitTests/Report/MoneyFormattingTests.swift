import Foundation
import Testing
@testable import SFNCostKit

/// `Money.formatted` (bytes: cut at the point, `Format.grouped`) prints what the Character-by-Character
/// version it replaced printed; that version is kept here as the reference.
@Suite struct MoneyFormattingTests {
    static func reference(_ money: Money, places: Int) -> String {
        let rounded = money.amount.rounded(scale: places)
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

    @Test func sameAsTheCharacterByCharacterVersion() {
        let posix = Locale(identifier: "en_US_POSIX")
        var texts = ["0", "-0", "1", "-1", "0.5", "-0.5", "0.004", "0.005", "-0.005", "0.00005", "0.99995", "999.995", "1000", "-1000",
                     "12345.678", "-12345.678", "100000", "999999.999", "1000000", "123456789012345678901234567890.12345678",
                     "-123456789012345678901234567890.12345678", "1e30", "-1e30", "1e-30", "99999999999999999999999999999999999999",
                     "0.00000001", "18446744073709551615.5", "3.14159265358979323846264338327950288"]
        var state: UInt64 = 11
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let digits = String(state >> 20)
            let point = Int(state % UInt64(digits.count + 1))
            let sign = state & 1 == 0 ? "" : "-"
            texts.append(sign + (point == 0 ? "0." + digits : String(digits.prefix(point)) + "." + digits.dropFirst(point)))
        }
        let values = texts.map { Money(Decimal(string: $0, locale: posix)!) } + [Money(Decimal.nan), Money(.leastNonzeroMagnitude)]
        for value in values {
            for places in 0...6 {
                let expected = Self.reference(value, places: places)
                #expect(Array(value.formatted(places: places).utf8) == Array(expected.utf8), "\(value.amount) at \(places) places")
            }
            #expect(value.formatted() == Self.reference(value, places: 2))
        }
    }
}
