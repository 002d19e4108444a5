import Foundation

/// Fills the unquoted placeholders of a Terraform template (a heredoc, a `templatefile` file) whose
/// value is a known number or boolean: `"MaxConcurrency": ${var.n}` with `n = 10` becomes
/// `"MaxConcurrency": 10     `. The value is padded with spaces to the placeholder's length, which
/// JSON and YAML both allow after a value, so every line and column of the definition stays where
/// the file writes it. A value longer than its placeholder, a placeholder inside a string, and any
/// other value are left as written (strings change no count; the reader quotes what is left).
enum TerraformTemplateText {
    static func fill(_ text: String, value: (String) -> TerraformValue?) -> String {
        guard TerraformBytes.contains(text, "${") else { return text }
        // Byte by byte: what the scan looks for (quote, backslash, `$`, `{`, `}`, line ends) is ASCII, never
        // part of a longer character in UTF-8, and what it keeps is copied as bytes. Lengths that
        // columns depend on are counted in scalars.
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var inString = false
        var index = 0
        while index < bytes.count {
            // A run of bytes copied as they are (up to the next one that can end a string or start a
            // placeholder), in one append rather than byte by byte.
            var run = index
            if inString {
                while run < bytes.count && bytes[run] != UInt8(ascii: "\\") && bytes[run] != UInt8(ascii: "\"") { run += 1 }
            } else {
                while run < bytes.count && bytes[run] != UInt8(ascii: "\"") && bytes[run] != UInt8(ascii: "$") { run += 1 }
            }
            if run > index {
                result.append(contentsOf: bytes[index..<run])
                index = run
                continue
            }
            let byte = bytes[index]
            if inString {
                result.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    result.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true }
            let escaped = index > 0 && bytes[index - 1] == UInt8(ascii: "$")
            guard byte == UInt8(ascii: "$"), !escaped, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                result.append(byte)
                index += 1
                continue
            }
            guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                // No `}` anywhere after: nothing more to fill (and no second search, so no O(n²)).
                result.append(contentsOf: bytes[index...])
                break
            }
            let inner = bytes[(index + 2)..<close]
            let expression = String(decoding: inner, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let length = scalarCount(bytes[index...close])
            // One line only: padding must not swallow a line break (lines would move).
            if !TerraformBytes.contains(expression, "\""), !TerraformBytes.contains(expression, "{"), !inner.contains(UInt8(ascii: "\n")),
               !inner.contains(UInt8(ascii: "\r")), let rendered = literal(value(expression)),
               rendered.unicodeScalars.count <= length {
                result.append(contentsOf: rendered.utf8)
                result.append(contentsOf: repeatElement(UInt8(ascii: " "), count: length - rendered.unicodeScalars.count))
            } else {
                result.append(contentsOf: bytes[index...close])
            }
            index = close + 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The scalars in UTF-8 bytes: those that do not continue one (0b10xxxxxx).
    private static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// A number or boolean as JSON writes it.
    private static func literal(_ value: TerraformValue?) -> String? {
        switch value {
        case .number(let number)?: return "\(number)"
        case .bool(let flag)?: return flag ? "true" : "false"
        default: return nil
        }
    }
}
