/// YAML scalars that `sfncost profile` writes and the profile loader reads back as the same string,
/// whatever the string holds: quotes, colons, `#`, a leading `-`, `*`, `&`, `!`, `%`, `@`, a newline,
/// control characters, bidi controls, non-ASCII letters, or a word YAML would read as a number, a
/// boolean or null.
enum YAMLText {
    /// libyaml refuses an implicit ("simple") key longer than 1,024 characters; longer keys are written
    /// in the explicit form `? key` / `: value`. The margin leaves room for the indentation.
    static let longestSimpleKey = 1000

    /// `text` as is when it is a plain word that YAML reads as that same string (letters, digits,
    /// `-`, `_`, `.`, starting with a letter or `_`, and not a YAML 1.1 boolean or null); otherwise
    /// double-quoted.
    static func scalar(_ text: String) -> String {
        isPlain(text) ? text : doubleQuoted(text)
    }

    static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        guard text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }) else { return false }
        // YAML 1.1 booleans and null (libyaml/Yams resolve these when plain).
        return !["y", "n", "yes", "no", "true", "false", "on", "off", "null"].contains(text.lowercased())
    }

    /// A YAML double-quoted scalar: `\` and `"` escaped; every control character (C0, DEL, C1 with
    /// NEL), the line and paragraph separators, bidi controls, the BOM and the non-characters
    /// U+FFFE/U+FFFF written as `\uXXXX`, so the scalar is one line that reads back exactly.
    static func doubleQuoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x5C: out.append("\\"); out.append("\\")
            case 0x22: out.append("\\"); out.append("\"")
            case 0xFFFE, 0xFFFF: DisplayText.appendEscape(scalar, to: &out)
            default:
                if DisplayText.needsEscape(scalar) {
                    DisplayText.appendEscape(scalar, to: &out)
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append("\"")
        return String(out)
    }

    /// The line that opens a mapping entry at `indent` whose value follows on the next lines: `key:`,
    /// or for a key too long for a simple key `? key` and `:` on two lines. `comment` goes after the key.
    static func keyLines(_ key: String, indent: String, comment: String = "") -> [String] {
        let written = scalar(key)
        let tail = comment.isEmpty ? "" : "   # " + comment
        if written.count <= longestSimpleKey { return [indent + written + ":" + tail] }
        return [indent + "? " + written + tail, indent + ":"]
    }

    /// A `key: value` pair inside a flow mapping (`{…}`): explicit (`? key : value`) when the key is long.
    static func flowPair(_ key: String, _ value: String) -> String {
        let written = scalar(key)
        return written.count <= longestSimpleKey ? "\(written): \(value)" : "? \(written) : \(value)"
    }
}
