/// A strict JSON parser (RFC 8259) that builds a located `SourceNode` tree directly, for files named
/// `.json`.
///
/// libyaml reads JSON as YAML, which differs from JSON where a hostile or merely unusual file finds
/// it: a key longer than 1,024 characters is not a YAML "simple key", a raw U+2028 counts as a line
/// break, and Yams compares keys as Swift strings, so `é` and `e` + U+0301 (two different JSON keys)
/// were called duplicates. Foundation's JSONSerialization, used before to check strictness, rejects
/// `1e400` (valid JSON) and reports no location for it. This reader accepts exactly JSON, compares
/// keys by their Unicode scalars, keeps numbers as written, and locates every node and every error.
///
/// Lines and columns are 1-based; a column counts Unicode scalars, as libyaml's do for YAML files.
struct LocatedJSONReader {
    /// The text's UTF-8 bytes, borrowed for the length of `parse` (no copy of the file).
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The file every location names, looked up once (`FileNames`).
    private let file: FileNames.File
    private var index = 0
    private var line = 1
    private var column = 1
    private var nodeBudget: Int
    /// The finished children of the open objects and arrays (`ScratchStack`).
    private let members = ScratchStack<SourceNode.Member>()
    private let elements = ScratchStack<SourceNode>()

    private init(bytes: UnsafeBufferPointer<UInt8>, file: String, nodeBudget: Int) {
        self.bytes = bytes
        self.file = FileNames.File(file)
        self.nodeBudget = nodeBudget
    }

    /// Parses `text` (one leading byte-order mark already removed by the caller, if any).
    /// `line`/`column`: where `text` starts in its file, when it is a piece cut out of a larger one
    /// (an event of a log export read as a stream), so that locations name the file's own lines.
    static func parse(_ text: String, file: String, maximumDepth: Int, maximumNodes: Int,
                      line: Int = 1, column: Int = 1) throws(InputError) -> SourceNode {
        var text = text
        let outcome = text.withUTF8 { bytes -> Result<SourceNode, InputError> in
            var reader = LocatedJSONReader(bytes: bytes, file: file, nodeBudget: maximumNodes)
            reader.line = line
            reader.column = column
            do throws(InputError) {
                return .success(try reader.document(maximumDepth: maximumDepth))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private mutating func document(maximumDepth: Int) throws(InputError) -> SourceNode {
        skipWhitespace()
        let root = try value(depth: 0, maximumDepth: maximumDepth)
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected text after the JSON value")
        }
        return root
    }

    // MARK: - Values

    private mutating func value(depth: Int, maximumDepth: Int) throws(InputError) -> SourceNode {
        let location = here
        nodeBudget -= 1
        if nodeBudget < 0 {
            throw InputError("Input.TooLarge", "document has more than \(SourceDocument.maximumNodes) values", at: location)
        }
        guard let byte = peek else { throw failure("unexpected end of file") }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < maximumDepth else {
                throw InputError("Input.TooDeep", "brackets nest deeper than \(maximumDepth) levels", at: location)
            }
            return SourceNode(.object(try objectMembers(depth: depth, maximumDepth: maximumDepth)), at: location)
        case UInt8(ascii: "["):
            guard depth < maximumDepth else {
                throw InputError("Input.TooDeep", "brackets nest deeper than \(maximumDepth) levels", at: location)
            }
            return SourceNode(.array(try arrayElements(depth: depth, maximumDepth: maximumDepth)), at: location)
        case UInt8(ascii: "\""):
            return SourceNode(.string(try string()), at: location)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return SourceNode(.number(try number()), at: location)
        case UInt8(ascii: "t"):
            try literal("true")
            return SourceNode(.bool(true), at: location)
        case UInt8(ascii: "f"):
            try literal("false")
            return SourceNode(.bool(false), at: location)
        case UInt8(ascii: "n"):
            try literal("null")
            return SourceNode(.null, at: location)
        default:
            throw failure("invalid value \(describeCurrent())")
        }
    }

    private mutating func objectMembers(depth: Int, maximumDepth: Int) throws(InputError) -> [SourceNode.Member] {
        advanceASCII()  // {
        // This object's members are `members` from `start` on, moved into its array at the `}`.
        let start = members.count
        // Keys compared by their UTF-8 bytes (`DuplicateKeys`): Swift's String equality would call
        // canonically equivalent keys (é and e + U+0301) equal, and JSON does not.
        var keys = DuplicateKeys()
        skipWhitespace()
        if peek == UInt8(ascii: "}") { advanceASCII(); return [] }
        while true {
            skipWhitespace()
            guard let byte = peek else { throw failure("unexpected end of file") }
            guard byte == UInt8(ascii: "\"") else {
                throw failure("invalid value \(describeCurrent()) where an object key in double quotes belongs")
            }
            let keyLocation = here
            let key = try string()
            if let first = keys.earlier(key, among: members, from: start) {
                throw InputError("Input.DuplicateKey",
                                 "duplicate key '\(Self.shortened(key))' (first at line \(members[first].keyLocation.line)): a state name or field may appear only once",
                                 at: keyLocation)
            }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else {
                throw failure(peek == nil ? "unexpected end of file" : "expected ':' after the key, found \(describeCurrent())")
            }
            advanceASCII()
            skipWhitespace()
            let value = try value(depth: depth + 1, maximumDepth: maximumDepth)
            members.push(SourceNode.Member(key: key, keyLocation: keyLocation, value: value))
            skipWhitespace()
            guard let next = peek else { throw failure("unexpected end of file") }
            if next == UInt8(ascii: "}") { advanceASCII(); return members.take(from: start) }
            guard next == UInt8(ascii: ",") else { throw failure("expected ',' or '}' after a value, found \(describeCurrent())") }
            let comma = here
            advanceASCII()
            skipWhitespace()
            if peek == UInt8(ascii: "}") { throw InputError([syntax("trailing comma before '}'", at: comma)]) }
        }
    }

    private mutating func arrayElements(depth: Int, maximumDepth: Int) throws(InputError) -> [SourceNode] {
        advanceASCII()  // [
        let start = elements.count
        skipWhitespace()
        if peek == UInt8(ascii: "]") { advanceASCII(); return [] }
        while true {
            skipWhitespace()
            elements.push(try value(depth: depth + 1, maximumDepth: maximumDepth))
            skipWhitespace()
            guard let next = peek else { throw failure("unexpected end of file") }
            if next == UInt8(ascii: "]") { advanceASCII(); return elements.take(from: start) }
            guard next == UInt8(ascii: ",") else { throw failure("expected ',' or ']' after a value, found \(describeCurrent())") }
            let comma = here
            advanceASCII()
            skipWhitespace()
            if peek == UInt8(ascii: "]") { throw InputError([syntax("trailing comma before ']'", at: comma)]) }
        }
    }

    // MARK: - Scalars

    /// A string literal; the reader stands on its opening quote.
    private mutating func string() throws(InputError) -> String {
        advanceASCII()  // "
        // The bytes are decoded once, at the closing quote; a string with escapes collects its
        // decoded bytes in `unescaped`, most strings have none and are one slice of the input.
        let start = index
        var unescaped: [UInt8]?
        var runStart = index
        while true {
            skipStringRun()
            guard let byte = peek else { throw failure("unexpected end of file inside a string") }
            switch byte {
            case UInt8(ascii: "\""):
                let text: String
                if var collected = unescaped {
                    collected.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    text = String(decoding: collected, as: UTF8.self)
                } else {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                }
                advanceASCII()
                return text
            case UInt8(ascii: "\\"):
                var collected = unescaped ?? []
                unescaped = nil   // so the appends below do not copy the buffer
                collected.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                collected.append(contentsOf: String(try escape()).utf8)
                unescaped = collected
                runStart = index
            default:  // a control character: skipStringRun stops at nothing else
                throw failure("control character U+\(Self.hex(UInt32(byte))) inside a string (JSON needs it escaped, e.g. \\u\(Self.hex(UInt32(byte))))")
            }
        }
    }

    /// Moves over string content up to the next quote, backslash, control character or the end.
    /// None of these bytes is a line break, so only the column moves: one per byte that starts a
    /// character (a UTF-8 continuation byte adds none), as `advance` counts.
    private mutating func skipStringRun() {
        var position = index
        var continuations = 0
        let count = bytes.count
        // Eight bytes at a time while none of them stops the run: a byte equal to `"` or `\` (the
        // word XOR that byte repeated has a zero byte: the exact zero-byte test), or below 0x20
        // (subtracting 0x20 borrows into its high bit). Continuation bytes (10xxxxxx) are counted
        // by their high bit set with the next bit clear.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while position + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let stops = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if stops & highs != 0 { break }
                continuations &+= (word & ~(word << 1) & highs).nonzeroBitCount
                position += 8
            }
        }
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            continuations &+= byte & 0xC0 == 0x80 ? 1 : 0
            position += 1
        }
        column += position - index - continuations
        index = position
    }

    /// One escape sequence; the reader stands on its backslash.
    private mutating func escape() throws(InputError) -> Unicode.Scalar {
        let start = here
        advanceASCII()  // backslash
        guard let byte = peek else { throw failure("unexpected end of file inside a string") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hexQuad(escapeStart: start)
            if (0xD800...0xDBFF).contains(first) {
                // A high surrogate must be followed by an escaped low one: together they are one scalar.
                guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw InputError([syntax("\\u\(Self.hex(first)) is half of a surrogate pair, and its other half does not follow", at: start)])
                }
                advanceASCII(); advanceASCII()
                let second = try hexQuad(escapeStart: start)
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw InputError([syntax("\\u\(Self.hex(first)) is half of a surrogate pair, and its other half does not follow", at: start)])
                }
                let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Unicode.Scalar(value) ?? "\u{FFFD}"
            }
            guard let scalar = Unicode.Scalar(first) else {
                throw InputError([syntax("\\u\(Self.hex(first)) is half of a surrogate pair, and its other half does not come before it", at: start)])
            }
            return scalar
        default:
            throw InputError([syntax("invalid escape '\\\(Self.printable(byte))' in a string", at: start)])
        }
    }

    private mutating func hexQuad(escapeStart: SourceLocation) throws(InputError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = Self.hexDigit(byte) else {
                throw InputError([syntax("\\u must be followed by four hexadecimal digits", at: escapeStart)])
            }
            value = value * 16 + digit
            advanceASCII()
        }
        return value
    }

    /// A number as written: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. Every byte of it is
    /// ASCII, so each moves the column by one.
    private mutating func number() throws(InputError) -> String {
        let start = index, location = here
        if peek == UInt8(ascii: "-") { advanceASCII() }
        guard let first = peek, Self.isDigit(first) else { throw InputError([syntax("invalid number", at: location)]) }
        advanceASCII()
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek == UInt8(ascii: ".") {
            advanceASCII()
            guard let byte = peek, Self.isDigit(byte) else { throw InputError([syntax("invalid number", at: location)]) }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            advanceASCII()
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { advanceASCII() }
            guard let byte = peek, Self.isDigit(byte) else { throw InputError([syntax("invalid number", at: location)]) }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        var position = index
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        column += position - index
        index = position
    }

    /// `true`, `false` or `null`, compared byte by byte where the reader stands.
    private mutating func literal(_ word: StaticString) throws(InputError) {
        let length = word.utf8CodeUnitCount
        let matches = index + length <= bytes.count && word.withUTF8Buffer { expected in
            expected.elementsEqual(UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
        }
        guard matches else { throw failure("invalid value \(describeCurrent())") }
        index += length
        column += length
    }

    // MARK: - Position

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var here: SourceLocation { SourceLocation(file, line: line, column: column) }

    /// Moves one byte on; a byte that continues a UTF-8 sequence adds no column.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// Moves over one byte known to be ASCII and not a line break (a bracket, quote, comma, digit…).
    private mutating func advanceASCII() {
        index += 1
        column += 1
    }

    private mutating func skipWhitespace() {
        let count = bytes.count
        while index < count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                column += 1
            case 0x0A:
                line += 1
                column = 1
                // The indentation of a pretty-printed file: eight spaces at a time.
                if let base = bytes.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while index + 9 <= count, raw.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self) == 0x2020_2020_2020_2020 {
                        index += 8
                        column += 8
                    }
                }
            default:
                return
            }
            index += 1
        }
    }

    // MARK: - Messages

    private func syntax(_ problem: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "Input.Syntax", "not valid JSON: \(problem) (\(StrictJSON.hint))", at: location)
    }

    private func failure(_ problem: String) -> InputError {
        InputError([syntax(problem, at: here)])
    }

    /// The character at the reader, for messages: `'x'`, or `U+FEFF` for one that does not show.
    private func describeCurrent() -> String {
        guard index < bytes.count else { return "(end of file)" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80, end - index < 4 { end += 1 }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "(unreadable byte)" }
        if scalar == "\u{FEFF}" { return "U+FEFF (a byte-order mark; a file may begin with one, not more)" }
        if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
            || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .control {
            return "U+\(Self.hex(scalar.value))"
        }
        return "'\(text)'"
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "U+\(hex(UInt32(byte)))"
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A key in a message, shortened: a hostile file can hold a megabyte-long key.
    private static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}

/// The keys of one object read so far, to find a duplicate by UTF-8 bytes: a comparison with each
/// earlier key while the object is small (most are), a hash table of the bytes once it is not.
private struct DuplicateKeys {
    /// Keys compared one by one up to this many members; a larger object indexes them.
    static let linearLimit = 16
    private var index: [ByteKey: Int]?

    /// The position in `members` of a key with the same bytes as `key`, if any, among the object's
    /// members read so far (`members` from `start` on). Called once per key, before the key is
    /// pushed onto `members`.
    mutating func earlier(_ key: String, among members: ScratchStack<SourceNode.Member>, from start: Int) -> Int? {
        let end = members.count
        if end - start < Self.linearLimit {
            // `==` first: canonical equivalence is implied by equal bytes, and for ASCII it is a
            // plain comparison; the bytes decide between canonically equal keys.
            for position in start..<end {
                let earlier = members[position].key
                if earlier == key && earlier.utf8.elementsEqual(key.utf8) { return position }
            }
            return nil
        }
        if index == nil {
            var built: [ByteKey: Int] = [:]
            built.reserveCapacity((end - start) * 2)
            for position in start..<end { built[ByteKey(members[position].key)] = position }
            index = built
        }
        let probe = ByteKey(key)
        if let found = index?[probe] { return found }
        index?[probe] = end
        return nil
    }
}

/// A string hashed and compared by its UTF-8 bytes (never by canonical equivalence).
private struct ByteKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        lhs.text.utf8.count == rhs.text.utf8.count && lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text   // withUTF8 needs a var; a native string is not copied
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
