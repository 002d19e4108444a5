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
