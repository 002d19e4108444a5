import Foundation

/// The fast paths of `DisplayText`, over UTF-8 bytes.
///
/// Almost everything sfncost shows is printable ASCII that needs no escaping (machine, state and file
/// names, figures), and its reports are megabytes. The general paths in `DisplayText.swift` copy every
/// string into an array of scalars and rebuild it scalar by scalar (and the Unicode property lookup of
/// `isBlank` costs more than the rest of a scalar's work): most of the output stage went there. Here one
/// pass over the bytes decides whether anything needs changing; if nothing does, the string is returned
/// as it is, and otherwise the general path does the work, so the escaping rules live in one place.
/// Every character these rules escape is ASCII or one of a few fixed UTF-8 sequences, and a Swift string
/// is always valid UTF-8, so a byte test is exact. The tests compare each fast path with its general
/// path on hostile and on random strings (`DisplayTextFastPathTests`).
extension DisplayText {
    /// Whether `text(value, keepingLineBreaks:neutralisingCommands:)` would return `value` unchanged.
    static func isShownAsIs(_ value: String, keepingLineBreaks: Bool, neutralisingCommands: Bool) -> Bool {
        value.utf8.withContiguousStorageIfAvailable {
            bytesAreShownAsIs($0, keepingLineBreaks: keepingLineBreaks, neutralisingCommands: neutralisingCommands)
        } ?? false  // no contiguous UTF-8 (never for a native string): the general path decides
    }

    /// `isShownAsIs` over the bytes: no byte `text` escapes, and no leading `::` (after blanks) when
    /// commands are neutralised.
    static func bytesAreShownAsIs(_ bytes: UnsafeBufferPointer<UInt8>, keepingLineBreaks: Bool, neutralisingCommands: Bool) -> Bool {
        let count = bytes.count
        if neutralisingCommands, startsWithCommand(bytes, at: 0) { return false }
        var index = 0
        let base = UnsafeRawPointer(bytes.baseAddress)
        while index < count {
            // Eight bytes at a time while all are printable ASCII other than `\` and `[` (most text).
            if index &+ 8 <= count, let base, isPlainText(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index &+= 8
                continue
            }
            let byte = bytes[index]
            if byte &- 0x20 < 0x5F {  // printable ASCII, 0x20...0x7E
                if byte == UInt8(ascii: "\\") { return false }
                if byte == UInt8(ascii: "["), index >= 2, bytes[index - 1] == UInt8(ascii: "#"), bytes[index - 2] == UInt8(ascii: "#") {
                    return false
                }
            } else if byte < 0x20 {
                guard keepingLineBreaks, byte == 0x0A || byte == 0x0D else { return false }
            } else if byte == 0x7F || isEscapedSequence(bytes, at: index) {
                return false
            }
            index += 1
        }
        return true
    }

    /// Whether all eight bytes are printable ASCII (0x20...0x7E) and none is `\\` or `[`: the bytes
    /// `bytesAreShownAsIs` passes over without a look. Each test is exact for "any byte" (the classic
    /// `hasless`/`haszero` bit tricks).
    @inline(__always)
    static func isPlainText(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let below20 = (word &- ones &* 0x20) & ~word & highs
        return (word & highs) | below20 | hasZeroByte(word ^ (ones &* 0x7F)) | hasZeroByte(word ^ (ones &* 0x5C))
            | hasZeroByte(word ^ (ones &* 0x5B)) == 0
    }

    /// Whether the bytes at `index` begin the UTF-8 form of a non-ASCII scalar that `needsEscape`:
    /// C1 controls U+0080–U+009F (C2 80–C2 9F), U+061C (D8 9C), U+200E/U+200F (E2 80 8E/8F),
    /// U+2028–U+202E (E2 80 A8–AE), U+2066–U+2069 (E2 81 A6–A9), U+FEFF (EF BB BF). A continuation
    /// byte (80–BF) is never one of these lead bytes, so every byte of a string can be tested.
    @inline(__always)
    static func isEscapedSequence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let count = bytes.count
        switch bytes[index] {
        case 0xC2:
            return index + 1 < count && bytes[index + 1] <= 0x9F
        case 0xD8:
            return index + 1 < count && bytes[index + 1] == 0x9C
        case 0xE2:
            guard index + 2 < count else { return false }
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80 { return third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE) }
            return second == 0x81 && third >= 0xA6 && third <= 0xA9
        case 0xEF:
            return index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF
        default:
            return false
        }
    }

    /// Whether the line starting at `start` has `::` after its blanks (`isBlank`: a newline ends the
    /// blanks, and so does any other scalar).
    static func startsWithCommand(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let count = bytes.count
        var index = start
        // Indentation is mostly spaces: eight at a time.
        if let base = bytes.baseAddress {
            let spaces: UInt64 = 0x2020_2020_2020_2020
            while index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == spaces { index += 8 }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard byte == 0x20 || (byte >= 0x09 && byte <= 0x0D && byte != 0x0A) else { break }
                index += 1
            } else {
                guard let (scalar, length) = scalar(in: bytes, at: index), isBlank(scalar) else { break }
                index += length
            }
        }
        return index + 1 < count && bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: ":")
    }

    /// The scalar whose UTF-8 form starts at `index`, and its length in bytes; nil if the bytes there
    /// are not a whole scalar (never for a string's own bytes).
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = UInt32(bytes[index])
        let length: Int, initial: UInt32
        switch lead {
        case 0x00...0x7F: return Unicode.Scalar(lead).map { ($0, 1) }
        case 0xC0...0xDF: length = 2; initial = lead & 0x1F
        case 0xE0...0xEF: length = 3; initial = lead & 0x0F
        case 0xF0...0xF7: length = 4; initial = lead & 0x07
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var value = initial
        for offset in 1..<length {
            let next = UInt32(bytes[index + offset])
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | (next & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    /// `neutralisingCommands` of UTF-8 text given as bytes (a renderer's buffer): nil when nothing
    /// changes (the bytes are written as they are), else the rewritten text's bytes.
    public static func neutralisingCommands(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard hasCommandLikeBytes(bytes) else { return nil }
        return Array(rewritingCommands(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    /// `hasCommandLikeText` over a block's bytes: a CR anywhere, `##[` anywhere, or `::` after the
    /// blanks at the start of a line. `memchr` finds the few bytes that matter (CR, `[`, newline), so a
    /// report costs a few instructions per line, not per byte.
    static func hasCommandLikeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        let count = bytes.count
        func next(_ byte: UInt8, from start: Int) -> Int? {
            guard start < count, let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
        if next(0x0D, from: 0) != nil { return true }
        var from = 0
        while let bracket = next(UInt8(ascii: "["), from: from) {
            if bracket >= 2, base[bracket - 1] == UInt8(ascii: "#"), base[bracket - 2] == UInt8(ascii: "#") { return true }
            from = bracket + 1
        }
        var lineStart = 0
        while true {
            if mayStartWithCommand(base, count: count, at: lineStart), startsWithCommand(bytes, at: lineStart) { return true }
            guard let newline = next(0x0A, from: lineStart) else { return false }
            lineStart = newline + 1
        }
    }

    /// False when the line at `start` certainly does not start with a command: after its spaces
    /// comes an ASCII byte that is neither `:` nor another blank (TAB, VT, FF, CR), or the end. Then
    /// `startsWithCommand` need not look (almost every line of a report: indentation, then a letter,
    /// a quote or a bracket); otherwise it decides.
    @inline(__always)
    static func mayStartWithCommand(_ base: UnsafePointer<UInt8>, count: Int, at start: Int) -> Bool {
        var index = start
        let spaces: UInt64 = 0x2020_2020_2020_2020
        while index &+ 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == spaces { index &+= 8 }
        while index < count, base[index] == 0x20 { index &+= 1 }
        guard index < count else { return false }
        let byte = base[index]
        return byte >= 0x80 || byte == UInt8(ascii: ":") || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// Whether `jsonSafe` would change `json`: DEL or a non-ASCII scalar that `needsEscape`. Over the
    /// bytes (a report is megabytes; almost all of it is ASCII below DEL, passed over by one comparison).
    static func hasInvisibleNonASCII(_ json: String) -> Bool {
        json.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while all are below DEL: adding 1 to each byte sets its top
                // bit exactly when the byte is DEL or above (a byte below DEL cannot carry).
                if index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if (word | (word &+ 0x0101_0101_0101_0101)) & 0x8080_8080_8080_8080 == 0 { index += 8; continue }
                }
                if bytes[index] == 0x7F || isEscapedSequence(bytes, at: index) { return true }
                index += 1
            }
            return false
        } ?? hasInvisibleNonASCIIScalarByScalar(json)
    }

    /// `hasInvisibleNonASCII` scalar by scalar: the reference for the tests, and the path for a string
    /// without contiguous UTF-8.
    static func hasInvisibleNonASCIIScalarByScalar(_ json: String) -> Bool {
        json.unicodeScalars.contains(where: { $0.value >= 0x7F && needsEscape($0) })
    }

    /// `markdown`'s escaping of text already escaped by `text`, over UTF-8 bytes: every character it
    /// changes is ASCII, so the rest is copied byte for byte. Text with none of them is returned as it is.
    static func markdownEscaping(_ shown: String) -> String {
        let result: String?? = shown.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.contains(where: { markdownReplacement($0) != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 4 + 8)
            for byte in bytes {
                if let replacement = markdownReplacement(byte) {
                    replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        switch result {
        case .some(.some(let escaped)): return escaped
        case .some(.none): return shown
        case .none: return markdownEscapingScalarByScalar(shown)  // no contiguous UTF-8: the general path
        }
    }

    /// What `markdown` writes for an ASCII byte it changes, nil for every other byte: `& < > "` as
    /// entities, `@` and `#` followed by a zero-width space (U+200B), the punctuation backslash-escaped.
    @inline(__always)
    static func markdownReplacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        case 0x40: return "@\u{200B}"
        case 0x23: return "\\#\u{200B}"
        case 0x5C: return "\\\\"
        case 0x60: return "\\`"
        case 0x2A: return "\\*"
        case 0x5F: return "\\_"
        case 0x5B: return "\\["
        case 0x5D: return "\\]"
        case 0x28: return "\\("
        case 0x29: return "\\)"
        case 0x7B: return "\\{"
        case 0x7D: return "\\}"
        case 0x21: return "\\!"
        case 0x7C: return "\\|"
        case 0x7E: return "\\~"
        case 0x24: return "\\$"
        default: return nil
        }
    }

    /// The longest run of backticks in `value` (a backtick is one byte in UTF-8).
    static func longestBacktickRun(_ value: String) -> Int {
        var longest = 0, run = 0
        for byte in value.utf8 {
            if byte == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return longest
    }
}
