import Foundation

/// Compact JSON text of a located tree: what AWS receives when a template's `Definition` object is
/// sent, so its size can be measured as AWS measures it (the definition-size limit).
enum JSONText {
    static func render(_ node: SourceNode) -> String {
        var out = ""
        write(node, into: &out, depth: 0)
        return out
    }

    private static func write(_ node: SourceNode, into out: inout String, depth: Int) {
        // SourceDocument bounds nesting; this guard only keeps a hand-built tree from recursing without end.
        guard depth < 1_000 else { out += "null"; return }
        switch node.value {
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                out += quoted(member.key) + ":"
                write(member.value, into: &out, depth: depth + 1)
            }
            out += "}"
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                write(element, into: &out, depth: depth + 1)
            }
            out += "]"
        case .string(let text): out += quoted(text)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// How many UTF-8 bytes `render(node)` has, counted without building the text (templates only
    /// need the size of a definition, and build its text for nothing else).
    static func byteCount(_ node: SourceNode) -> Int {
        byteCount(node, depth: 0)
    }

    private static func byteCount(_ node: SourceNode, depth: Int) -> Int {
        guard depth < 1_000 else { return 4 }  // "null", as `write` puts it
        switch node.value {
        case .object(let members):
            var total = 2 + max(0, members.count - 1)  // braces and commas
            for member in members {
                total += quotedByteCount(member.key) + 1 + byteCount(member.value, depth: depth + 1)  // key, ':'
            }
            return total
        case .array(let elements):
            var total = 2 + max(0, elements.count - 1)
            for element in elements { total += byteCount(element, depth: depth + 1) }
            return total
        case .string(let text): return quotedByteCount(text)
        case .number(let text): return text.utf8.count
        case .bool(let flag): return flag ? 4 : 5
        case .null: return 4
        }
    }

    /// `quoted(text).utf8.count`: two quotes, and per byte of the text one byte, two for the escapes
    /// `\"`, `\\`, `\n`, `\r`, `\t`, six for `\u00XX` (every other control character). Bytes of
    /// a multi-byte character are never below 0x80, so they count one each, as written.
    static func quotedByteCount(_ text: String) -> Int {
        var total = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): total += 2
            case 0..<0x20: total += 6
            default: total += 1
            }
        }
        return total
    }

    /// A JSON string literal; escapes what JSON requires and leaves other text (é, ¥) as written.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
