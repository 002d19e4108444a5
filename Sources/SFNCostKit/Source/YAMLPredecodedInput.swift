import CYaml

/// Hands libyaml a text that is already decoded, so that its reader has nothing left to do.
///
/// libyaml's reader (`yaml_parser_update_buffer`) decodes the input character by character into
/// its working buffer, checking each one for a valid UTF-8 sequence and for the characters YAML
/// does not allow. A Swift string is valid UTF-8 already, and the input encoding is UTF-8, so the
/// decoded buffer would be the very same bytes: built by that loop it was the largest single cost
/// of reading a YAML file (more than half of libyaml's own time in our build, whose clang compiles
/// the loop to about twice the instructions of the system's gcc-built libyaml).
///
/// When the text holds no character the reader would refuse (`acceptsAll`), the working buffer is
/// set to a copy of the text followed by the NUL the reader puts at the end of the input, with the
/// reader's state saying the input is exhausted and every character is decoded: the scanner then
/// sees exactly the characters the reader would have given it. A text with a refused character
/// goes through the reader as before, so its error comes when and as it came (a syntax error
/// earlier in a large file is still reported first).
///
/// This relies on the reader's state in `yaml_parser_t` (libyaml 0.2.5, the version Yams 6.2.2
/// vendors; the manifest pins it): `buffer`, `unread`, `eof`, `raw_buffer` and `encoding`.
struct YAMLPredecodedInput {
    /// The decoded characters: the text, a NUL, and zeros the scanner may look at past the NUL (it
    /// looks up to three characters ahead of where it stands, four bytes each at most).
    private let storage: UnsafeMutablePointer<UInt8>
    /// libyaml's own working buffer, put back before `yaml_parser_delete` frees it.
    private let saved: (start: UnsafeMutablePointer<yaml_char_t>?, end: UnsafeMutablePointer<yaml_char_t>?,
                        pointer: UnsafeMutablePointer<yaml_char_t>?, last: UnsafeMutablePointer<yaml_char_t>?)
    private static let padding = 16

    /// Installs `text` as the decoded input of `parser`, which has been initialised, given `text`
    /// as its input string and told the encoding is UTF-8, and has read nothing yet. Returns nil,
    /// installing nothing, when the text holds a character libyaml's reader refuses.
    init?(_ text: UnsafeBufferPointer<UInt8>, into parser: UnsafeMutablePointer<yaml_parser_t>) {
        guard let characters = Self.characterCount(ifAccepted: text) else { return nil }
        let size = text.count + 1 + Self.padding
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        if let base = text.baseAddress { storage.initialize(from: base, count: text.count) }
        (storage + text.count).initialize(repeating: 0, count: 1 + Self.padding)
        let buffer = parser.pointee.buffer
        saved = (buffer.start, buffer.end, buffer.pointer, buffer.last)
        parser.pointee.buffer.start = storage
        parser.pointee.buffer.pointer = storage
        parser.pointee.buffer.last = storage + text.count + 1   // the NUL is a character read
        parser.pointee.buffer.end = storage + size
        parser.pointee.unread = characters + 1
        // Nothing is left to read: the reader returns at once whenever the scanner asks for more.
        parser.pointee.eof = 1
        parser.pointee.raw_buffer.pointer = parser.pointee.raw_buffer.start
        parser.pointee.raw_buffer.last = parser.pointee.raw_buffer.start
        parser.pointee.encoding = YAML_UTF8_ENCODING
        parser.pointee.offset = text.count
    }

    /// Gives `parser` its own working buffer back (call before `yaml_parser_delete`) and frees the copy.
    func release(from parser: UnsafeMutablePointer<yaml_parser_t>) {
        parser.pointee.buffer.start = saved.start
        parser.pointee.buffer.end = saved.end
        parser.pointee.buffer.pointer = saved.pointer
        parser.pointee.buffer.last = saved.last
        storage.deallocate()
    }

    /// How many characters (Unicode scalars) `text` holds, or nil when one of them is a character
    /// libyaml's reader refuses: C0 controls but tab, LF and CR (NUL included); DEL; C1 controls but
    /// NEL; U+FFFE and U+FFFF (`SourceDocument.firstDisallowedCharacter` names the same set). The
    /// text is valid UTF-8, so lead bytes alone tell where characters start.
    static func characterCount(ifAccepted text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = text.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let count = text.count
        var characters = 0, offset = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Bytes up to here are looked at one by one (the rest of a word that was not all printable).
        var bytewiseEnd = 0
        while offset < count {
            // Eight ASCII bytes at a time, each printable (0x20…0x7E) or a tab, LF or CR. Every
            // mask below is exact per byte (no carry crosses a byte): the low seven bits plus a
            // constant set a byte's high bit by themselves, `isZero` marks the zero bytes.
            if offset >= bytewiseEnd, offset + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let low = word & ~highs
                func isZero(_ value: UInt64) -> UInt64 { ~(((value & ~highs) &+ ~highs) | value) & highs }
                let control = ~((low &+ ones &* 0x60) | word) & highs          // below 0x20
                let allowedControl = isZero(word ^ (ones &* 0x09)) | isZero(word ^ (ones &* 0x0A)) | isZero(word ^ (ones &* 0x0D))
                let delete = (low &+ ones) & ~word & highs                      // 0x7F
                if word & highs == 0, delete == 0, control & ~allowedControl == 0 {
                    characters += 8
                    offset += 8
                    continue
                }
                bytewiseEnd = offset + 8
            }
            let byte = base[offset]
            switch byte {
            case 0x20...0x7E, 0x09, 0x0A, 0x0D:
                break
            case 0xC2:
                // U+0080…U+009F are C2 80…C2 9F; of them only NEL (C2 85) is allowed.
                if offset + 1 < count, (0x80...0x9F).contains(base[offset + 1]), base[offset + 1] != 0x85 { return nil }
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                if offset + 2 < count, base[offset + 1] == 0xBF, base[offset + 2] >= 0xBE { return nil }
            case 0x80...0xBF:
                characters -= 1   // a continuation byte: counted below, taken back here
            case 0xC3...0xFF:
                break
            default:
                return nil        // C0 controls but tab, LF, CR; DEL
            }
            characters += 1
            offset += 1
        }
        return characters
    }
}
