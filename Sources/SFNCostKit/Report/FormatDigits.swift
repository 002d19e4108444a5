import Foundation

/// The digit-writing pieces of `Format`, without Foundation's `String(format:)`.
///
/// `String(format:)` goes through CoreFoundation's format parser and costs about ten thousand
/// instructions a call; the table report prints thousands of figures, and that was most of its cost.
/// An integral `Double` below 2^63 converts to an integer exactly, so its digits need no printf at
/// all; a fraction goes to the C library's `vsnprintf` (`CFormat`), which is what CoreFoundation itself
/// calls for a `%f` (same rounding, same digits). `FormatDigitsTests` compares both with `String(format:)`.
extension Format {
    /// `String(format: "%.0f", whole)` for an integral `whole`: "-0" for negative zero, like printf.
    static func wholeDigits(_ whole: Double) -> String {
        guard whole.isFinite, whole.rounded(.towardZero) == whole, abs(whole) < 9.0e18 else { return CFormat.double("%.0f", whole) }
        return (whole.sign == .minus ? "-" : "") + String(UInt64(abs(whole)))
    }

    /// `grouped` for ASCII digits with an optional leading minus, a byte at a time; nil for anything
    /// else (then `groupedByCharacter` does it).
    static func groupedASCII(_ digits: String) -> String? {
        digits.utf8.withContiguousStorageIfAvailable(groupedDigits) ?? nil
    }

    private static func groupedDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let negative = bytes.first == UInt8(ascii: "-")
        let body = negative ? bytes[1...] : bytes[...]
        guard body.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let length = bytes.count + (body.isEmpty ? 0 : (body.count - 1) / 3)
        return String(unsafeUninitializedCapacity: length) { out in
            var written = 0
            if negative { out[written] = UInt8(ascii: "-"); written += 1 }
            for (offset, digit) in body.enumerated() {
                // A separator before each digit that starts a group of three counted from the end.
                if offset > 0, (body.count - offset) % 3 == 0 { out[written] = UInt8(ascii: ","); written += 1 }
                out[written] = digit
                written += 1
            }
            return written
        }
    }
}
