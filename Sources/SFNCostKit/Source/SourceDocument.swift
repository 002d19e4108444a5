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
        let data = try FileReader.read(path: path, limit: maximumBytes)
        guard data.count <= maximumBytes else {
            throw InputError("Input.TooLarge",
                             "file is \(data.count) bytes; sfncost reads at most \(maximumBytes) bytes",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("Input.NotUTF8", "file is not UTF-8 text",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        return text
    }

    /// Parses text already in memory; `file` names it in locations.
    public static func parse(_ text: String, file: String) throws(InputError) -> SourceNode {
        if let tooDeep = firstPositionDeeperThan(maximumDepth, in: text, file: file) {
            throw InputError("Input.TooDeep",
                             "brackets nest deeper than \(maximumDepth) levels", at: tooDeep)
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
        if StrictJSON.applies(to: file) {
            return try LocatedJSONReader.parse(body, file: file, maximumDepth: maximumDepth, maximumNodes: maximumNodes)
        }
        // Built straight from libyaml's events (YAMLEventReader): no intermediate tree, keys
        // compared by their text and tag, scalars typed as JSON types them.
        guard let root = try YAMLEventReader.read(body, file: file, maximumNodes: maximumNodes) else {
            throw InputError("Input.Empty", "file holds no document", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return root
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
    private static func firstPositionDeeperThan(_ limit: Int, in text: String, file: String) -> SourceLocation? {
        var text = text
        return text.withUTF8 { bytes -> SourceLocation? in
            // Nesting cannot pass the limit with no more brackets than the limit: most files end
            // here, after a count the compiler vectorises.
            var brackets = 0
            for byte in bytes { brackets &+= byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") ? 1 : 0 }
            guard brackets > limit else { return nil }
            var depth = 0, line = 1, column = 0
            var inString = false, escaped = false
            for byte in bytes where byte & 0xC0 != 0x80 {
                column += 1
                if byte == UInt8(ascii: "\n") { line += 1; column = 0; continue }
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > limit { return SourceLocation(file: file, line: line, column: column) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
                default: break
                }
            }
            return nil
        }
    }
}
