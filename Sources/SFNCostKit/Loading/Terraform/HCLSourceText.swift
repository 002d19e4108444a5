/// The text an `HCLReader` reads, as UTF-8 bytes, with what turns a byte offset into a line and a
/// column.
///
/// Why bytes: HCL's syntax is ASCII (brackets, quotes, `=`, `#`, newlines), so a reader can find
/// every token by comparing single bytes, and copy a name or a string out of the file in one piece.
/// Reading the text as an array of `Unicode.Scalar`s instead cost four bytes of memory per character
/// and a Unicode property lookup per character. Only where a non-ASCII character can matter (is it
/// a letter? a space?) is the whole scalar decoded, which keeps the results those of a
/// scalar-by-scalar reader; columns are still counted in scalars, as libyaml counts them.
///
/// Every offset the reader keeps is at a scalar boundary: it only stops before an ASCII byte (never
/// part of a longer character in UTF-8) or after a whole scalar (`HCLReader.advance()`).
struct HCLSourceText: Sendable {
    let bytes: [UInt8]
    /// Offset of the first byte of each line, for offset → line/column.
    let lineStarts: [Int]
    /// No byte above 0x7F: a column is then a byte count.
    let isASCII: Bool

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var starts = [0]
        var high: UInt8 = 0
        // Through the buffer: one pass, no bounds checks, nothing retained per byte.
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let byte = buffer[index]
                high |= byte
                if byte == 0x0A { starts.append(index + 1) }
            }
        }
        self.bytes = bytes
        lineStarts = starts
        isASCII = high < 0x80
    }

    var count: Int { bytes.count }

    // MARK: - Locations

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    func lineAndColumn(_ offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let start = lineStarts[low]
        guard !isASCII, offset > start else { return (low + 1, offset - start + 1) }
        // A scalar is counted at its first byte; continuation bytes are 0b10xxxxxx.
        var scalars = 0
        for index in start..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { scalars += 1 }
        return (low + 1, scalars + max(0, offset - bytes.count) + 1)
    }

    /// The text of a byte range (clamped to the text).
    func text(_ range: Range<Int>) -> String {
        let upper = min(bytes.count, range.upperBound)
        let lower = min(max(0, range.lowerBound), upper)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    // MARK: - Scalars

    /// The scalar that starts at `offset` and its length in bytes; nil at the end.
    @inline(__always)
    func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        return decodeScalar(at: offset)
    }

    /// The general path of `scalar(at:)`: a scalar of two to four bytes. A stray byte (which valid
    /// UTF-8, as every Swift string is, never has at a scalar boundary) reads as U+FFFD, one byte.
    private func decodeScalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[offset]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, offset + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for index in (offset + 1)..<(offset + length) {
            let byte = bytes[index]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    // MARK: - Character classes (ASCII answered here, others by Unicode's properties)

    /// Unicode's White_Space property.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// What may start an identifier: a letter or `_`.
    @inline(__always)
    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIILetter(scalar) || scalar == "_" }
        return scalar.properties.isAlphabetic
    }

    /// What may continue an identifier: a letter, a digit (anything numeric), `_` or `-`.
    @inline(__always)
    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return isASCIILetter(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    @inline(__always)
    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
