/// The byte-level pieces of `PrettyJSONEncoder`: strings, numbers and indentation exactly as
/// Foundation's `JSONEncoder` (`.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`) writes them on
/// Linux, followed by `DisplayText.jsonSafe`. Tests compare every piece with those two.
///
/// Foundation's writer, for reference (swift-foundation, `JSONWriter`):
/// - a string escapes `"` and `\` with a backslash, 0x08 0x0C 0x0A 0x0D 0x09 as `\b \f \n \r \t`, the
///   other C0 controls as `\u00XX` (lowercase hex); `/` stays as it is (`.withoutEscapingSlashes`);
///   everything else is copied. `jsonSafe` then writes DEL, C1 controls, U+2028/U+2029, bidi controls
///   and the BOM (`DisplayText.needsEscape`, at or above U+007F) as `\u` and four lowercase hex digits;
///   JSON's own punctuation is ASCII, so those can only stand inside strings, keys included.
/// - a Double is its `description` without a trailing `.0` (`1`, `0.5`, `1e-07`, `1e+21`, `-0`);
///   integers and `Decimal` are their `description`.
enum PrettyJSONBytes {
    /// Two spaces per level: Foundation's indentation.
    static func appendIndent(_ level: Int, to bytes: inout [UInt8]) {
        var remaining = 2 * level
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            bytes.append(contentsOf: spaces[0..<count])
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// What a byte of UTF-8 needs in a JSON string: 0 nothing, 1 an escape (ASCII), 2 a look at the
    /// whole scalar it starts (non-ASCII: `jsonSafe` escapes some).
    private static let byteClass: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x00..<0x20, 0x22, 0x5C, 0x7F: return 1
        case 0x80...: return 2
        default: return 0
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `"`, the string escaped, `"`.
    static func appendString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var string = string
        string.withUTF8 { utf8 in appendEscaped(utf8, to: &bytes) }
        bytes.append(0x22)
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let classes = byteClass
        let count = utf8.count
        var runStart = 0  // bytes since runStart need no escape and are copied in one go
        var index = 0
        let base = UnsafeRawPointer(utf8.baseAddress)
        while index < count {
            // Eight bytes at a time while none needs a look (most text: names, messages).
            if index &+ 8 <= count, let base, !needsLook(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index &+= 8
                continue
            }
            let byte = utf8[index]
            let kind = classes[Int(byte)]
            if kind == 0 {
                index += 1
                continue
            }
            if kind == 1 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendASCIIEscape(byte, to: &bytes)
                index += 1
                runStart = index
                continue
            }
            // Non-ASCII: the scalar that starts here (the string is valid UTF-8).
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
            if let scalar = Unicode.Scalar(value), DisplayText.needsEscape(scalar) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendUnicodeEscape(value, to: &bytes)
                index += length
                runStart = index
            } else {
                index += length
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
    }

    /// Whether any of eight bytes is not plain ASCII text: at or above 0x80, below 0x20, `"`, `\` or
    /// DEL (each test is exact for "any byte": the classic `haszero`/`hasless` bit tricks).
    @inline(__always)
    private static func needsLook(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let below20 = (word &- ones &* 0x20) & ~word & highs
        return (word & highs) | below20 | hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C))
            | hasZeroByte(word ^ (ones &* 0x7F)) != 0
    }

    private static func appendASCIIEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(0x5C)  // backslash
        switch byte {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            // Other C0 controls (Foundation) and DEL (jsonSafe): `u` and four hex digits.
            bytes.removeLast()
            appendUnicodeEscape(UInt32(byte), to: &bytes)
        }
    }

    /// `\u` and four lowercase hex digits of the low 16 bits, as `DisplayText.appendEscape` writes.
    private static func appendUnicodeEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        let digits = hexDigits
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        bytes.append(digits[Int((value >> 12) & 0xF)])
        bytes.append(digits[Int((value >> 8) & 0xF)])
        bytes.append(digits[Int((value >> 4) & 0xF)])
        bytes.append(digits[Int(value & 0xF)])
    }

    /// An integer's decimal digits, as its `description`.
    static func appendInteger<T: BinaryInteger>(_ value: T, to bytes: inout [UInt8]) {
        if let small = UInt64(exactly: value) {
            appendDigits(small, to: &bytes)
        } else if let negative = Int64(exactly: value) {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(negative.magnitude, to: &bytes)
        } else {
            bytes.append(contentsOf: value.description.utf8)  // beyond 64 bits (Int128)
        }
    }

    private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest != 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// A finite Double as Foundation writes it: `description` without a trailing `.0`. Whole numbers
    /// below 2^53 in magnitude take a shortcut: their `description` is the integer's digits and `.0`
    /// (Swift switches to an exponent only from 2^53 up), or `-0.0` for negative zero.
    static func appendDouble(_ value: Double, to bytes: inout [UInt8]) {
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            if value == 0 {
                if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
                bytes.append(UInt8(ascii: "0"))
            } else {
                appendInteger(Int64(value), to: &bytes)
            }
            return
        }
        appendFloatDescription(value.description, to: &bytes)
    }

    static func appendFloat(_ value: Float, to bytes: inout [UInt8]) {
        appendFloatDescription(value.description, to: &bytes)
    }

    private static func appendFloatDescription(_ description: String, to bytes: inout [UInt8]) {
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}
