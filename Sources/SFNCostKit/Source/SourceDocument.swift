import Foundation

/// Reads a JSON or YAML file into a located `SourceNode` tree. A file whose name ends in `.json` must
/// be strict JSON and is read by `LocatedJSONReader`; anything else is read as YAML through libyaml.
///
/// Hostile input is bounded: nesting deeper than `maximumDepth` and documents that alias-expand
/// past `maximumNodes` are errors, not stack overflows or memory blow-ups.
public enum SourceDocument {
    public static let maximumDepth = 256
    public static let maximumNodes = 2_000_000
    public static let maximumBytes = 16 * 1024 * 1024

    /// Reads and parses `path`. The file is only read, never written.
    public static func load(path: String) throws(InputError) -> SourceNode {
        try parse(try readText(path: path), file: path)
    }

    /// The file's text, checked for size and encoding (templates need it to map embedded definitions).
    public static func readText(path: String) throws(InputError) -> String {
        // Regular files only, and never more than the limit (FileReader checks both before reading).
        let data = try FileReader.readBytes(path: path, limit: maximumBytes)
        guard data.count <= maximumBytes else {
            throw InputError("Input.TooLarge",
                             "file is \(data.count) bytes; sfncost reads at most \(maximumBytes) bytes",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw InputError("Input.NotUTF8", "file is not UTF-8 text",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        // One leading byte-order mark is dropped, as Foundation's `String(data:encoding: .utf8)`
        // (read here before) drops it; a second one stays part of the text.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return String(text.unicodeScalars.dropFirst()) }
        return text
    }

    /// Parses text already in memory; `file` names it in locations.
    public static func parse(_ text: String, file: String) throws(InputError) -> SourceNode {
        // Nesting is checked first, before anything else about the text is reported. A .json file
        // is the exception in how, not in what: its reader bounds nesting itself, and a file it
        // reads without error nests no deeper than the limit (outside strings, its brackets are
        // its structure), so the scan runs only when that reader fails (`strictJSON`).
        let isStrictJSON = StrictJSON.applies(to: file)
        if !isStrictJSON, let tooDeep = firstPositionDeeperThan(maximumDepth, in: text, file: file) {
            throw tooDeepError(at: tooDeep)
        }
        // A BOM is legal in JSON files written by some editors; libyaml handles it, but the
        // empty-document check below must not see it.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if body.allSatisfy({ $0.isWhitespace }) {
            throw InputError("Input.Empty", "file is empty", at: SourceLocation(file: file, line: 1, column: 1))
        }
        // libyaml reads JSON leniently (trailing commas, unquoted keys) and differently (long keys,
        // U+2028, keys compared as Swift strings); AWS does not, so a file named .json is read by a
        // strict JSON parser of our own. YAML files stay as lenient as YAML is.
        if isStrictJSON {
            return try strictJSON(body, text: text, file: file)
        }
        // Built straight from libyaml's events (YAMLEventReader): no intermediate tree, keys
        // compared by their text and tag, scalars typed as JSON types them.
        guard let root = try YAMLEventReader.read(body, file: file, maximumNodes: maximumNodes) else {
            throw InputError("Input.Empty", "file holds no document", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return root
    }

    /// A .json file's tree. Its errors are those the nesting scan would have put first: when the
    /// reader fails anywhere, the scan (over `text`, the BOM included, as before) decides whether the
    /// file is reported as too deep instead. An all-blank text never reaches here, and could not nest.
    private static func strictJSON(_ body: String, text: String, file: String) throws(InputError) -> SourceNode {
        do {
            return try LocatedJSONReader.parse(body, file: file, maximumDepth: maximumDepth, maximumNodes: maximumNodes)
        } catch {
            if let tooDeep = firstPositionDeeperThan(maximumDepth, in: text, file: file) {
                throw tooDeepError(at: tooDeep)
            }
            throw error
        }
    }

    private static func tooDeepError(at location: SourceLocation) -> InputError {
        InputError("Input.TooDeep", "brackets nest deeper than \(maximumDepth) levels", at: location)
    }

    // MARK: - Errors

    /// The first character libyaml's reader refuses (C0 controls but tab, LF and CR; DEL; C1 controls
    /// but NEL; U+FFFE and U+FFFF), with its 1-based line and column (columns count Unicode scalars).
    static func firstDisallowedCharacter(in text: String) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
        var line = 1, column = 0
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" { line += 1; column = 0; continue }
            let value = scalar.value
            let allowed = value == 0x09 || value == 0x0D || (0x20...0x7E).contains(value) || value == 0x85
                || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
            if !allowed { return (line, column, scalar) }
        }
        return nil
    }

    /// Finds where `[`/`{` nesting first exceeds `limit`, ignoring brackets inside double-quoted strings.
    /// Reads UTF-8 bytes (every character it looks for is ASCII); columns count Unicode scalars, so a
    /// continuation byte does not advance them.
    static func firstPositionDeeperThan(_ limit: Int, in text: String, file: String) -> SourceLocation? {
        var text = text
        return text.withUTF8 { bytes -> SourceLocation? in
            // Nesting cannot pass the limit with no more brackets than the limit: most files end
            // here, after a count the compiler vectorises.
            guard bracketCount(bytes) > limit else { return nil }
            // Only depth and strings are followed here; the line and column are counted afterwards,
            // for the one byte found. A line break leaves a pending escape pending (`\` at the end of
            // a line escapes the first character of the next).
            var depth = 0
            var inString = false, escaped = false
            for offset in bytes.indices {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\n") || byte & 0xC0 == 0x80 { continue }
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > limit { return position(of: offset, in: bytes, file: file) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
                default: break
                }
            }
            return nil
        }
    }

    /// How many `[` and `{` bytes there are: eight bytes at a time (`[` is 0x5B, `{` 0x7B, and no
    /// other byte is 0x7B once bit 0x20 is set; a byte of the word XOR 0x7B…7B is then zero exactly
    /// where one of them stands, and the classic exact zero-byte test marks it), the tail one by one.
    private static func bracketCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var total = 0, offset = 0
        while offset + 8 <= bytes.count {
            let word = (raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | 0x2020_2020_2020_2020) ^ 0x7B7B_7B7B_7B7B_7B7B
            // High bit of a byte set iff that byte of `word` is zero (no carry crosses bytes).
            let zero = ~(((word & low7) &+ low7) | word | low7)
            total += zero.nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] | 0x20 == 0x7B { total += 1 }
            offset += 1
        }
        return total
    }

    /// The 1-based line and column of the byte at `offset` (columns count Unicode scalars).
    private static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceLocation {
        var line = 1, column = 0
        for byte in bytes[...offset] where byte & 0xC0 != 0x80 {
            column += 1
            if byte == UInt8(ascii: "\n") { line += 1; column = 0 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
