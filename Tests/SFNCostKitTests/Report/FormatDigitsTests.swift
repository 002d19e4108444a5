import Foundation
import Testing
@testable import SFNCostKit

/// `Format` writes digits without `String(format:)` (issue #13): the figures must read exactly as
/// before. The versions before issue #13 are kept here, on `String(format:)`, as the reference.
@Suite struct FormatDigitsTests {
    static func referenceGrouped(_ digits: String) -> String { Format.groupedByCharacter(digits) }

    static func referenceCount(_ value: Double) -> String {
        guard value.isFinite else { return Format.tooLarge(value) }
        if abs(value) >= 1e15 { return String(format: "≈%.3e", value) }
        let rounded = (value * 100).rounded() / 100
        let whole = rounded.rounded(.towardZero)
        let wholeText = referenceGrouped(String(format: "%.0f", whole))
        let fraction = abs(rounded - whole)
        if fraction < 0.005 { return wholeText }
        var fractionText = String(format: "%.2f", fraction).dropFirst(1)
        while fractionText.last == "0" { fractionText = fractionText.dropLast() }
        return wholeText + fractionText
    }

    static func referenceBilledSeconds(_ value: Double) -> String {
        guard value.isFinite else { return Format.tooLarge(value) }
        return referenceGrouped(String(format: "%.0f", value.rounded(.towardZero))) + String(format: "%.1f s", value - value.rounded(.towardZero)).dropFirst(1)
    }

    /// Values where printf's rounding shows: exact binary ties (x.125, x.375: round half to even),
    /// negative zero and small negatives ("-0", "-0.3"), the 10^15 limit, and huge billed durations.
    static let edges: [Double] = [0, -0.0, 0.001, -0.001, 0.004, 0.005, 0.0049999, 0.995, 0.125, 0.375, 0.625, 0.875, 2.5, -2.5,
                                  -0.3, -0.004, 1, 999, 1_000, 999_999.995, 1_234_567.891, 281_474_976_710_656.125,
                                  562_949_953_421_312.375, 999_999_999_999_999.9, 1e15, -1e15, 1e300, -1e300, 9.2e18, 1.8e19,
                                  .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, .nan, 62.6, 247.0, 0.5, 0.05]

    @Test func countsReadAsBefore() {
        var random = RandomMachine.Generator(state: 20_261_130)
        var values = Self.edges
        for _ in 0..<20_000 {
            // Every magnitude up to beyond 10^15, and values on a 1/8 grid (exact binary ties).
            let scale = pow(10, Double(random.next() % 18) - 2)
            values.append((random.unit() - 0.25) * scale)
            values.append(Double(Int64(random.next() % 1_000_000)) / 8)
            values.append(Double(bitPattern: random.next()))
        }
        for value in values {
            #expect(Format.count(value) == Self.referenceCount(value), "\(value)")
            #expect(Format.billedSeconds(value) == Self.referenceBilledSeconds(value), "\(value)")
            #expect(Format.wholeDigits(value.rounded(.towardZero)) == String(format: "%.0f", value.rounded(.towardZero)), "\(value)")
        }
    }

    @Test func groupingReadsAsBefore() {
        for digits in ["", "-", "0", "-0", "12", "123", "1234", "-1234", "123456", "1234567", String(UInt64.max), "12a4", "1\r\n234", "١٢٣٤"] {
            #expect(Format.grouped(digits) == Format.groupedByCharacter(digits), "\(digits)")
        }
        // Checked by hand: separators every three digits from the right.
        #expect(Format.grouped("1234567") == "1,234,567")
        #expect(Format.grouped("-123456") == "-123,456")
    }
}
