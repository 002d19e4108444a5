import Foundation

/// The `DefinitionUri` values written in a template that does not parse (`InputCollector
/// .definitionURIs`): what the regular expression `"?DefinitionUri"?\s*:\s*["']?([^\s"'#{}]+)` captures,
/// in order.
///
/// Compiling and running that expression through `NSRegularExpression` costs about a million
/// instructions a file; a scan of the bytes finds the same values for text that is ASCII without a
/// vertical tab (where `\s` is exactly tab, newline, form feed, carriage return and space, whichever
/// Unicode definition of white space ICU applies). Other text takes the expression.
enum DefinitionURIScan {
    static let pattern = #""?DefinitionUri"?\s*:\s*["']?([^\s"'#{}]+)"#

    /// The captured values, by the scan when it applies, else by the expression.
    static func values(in text: String) -> [String] {
        scannedValues(in: text) ?? expressionValues(in: text)
    }

    /// The general path: the expression itself.
    static func expressionValues(in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The scan, or nil for text it does not cover (a byte above 0x7F, or a vertical tab).
    ///
    /// How the expression matches, and so the scan: at each occurrence of `DefinitionUri` (the
    /// optional quote before it changes where a match starts, not what it captures), an optional `"`,
    /// spaces, `:`, spaces, an optional quote, then the longest run of at least one byte that is not
    /// a space, a quote, `#`, `{` or `}`. Backtracking cannot help a failed attempt (giving back a
    /// space or the optional quote leaves a byte the run refuses), so an occurrence either matches
    /// that way or not at all. After a match the search resumes after the run (matches do not
    /// overlap), after a failed occurrence at its next byte.
    static func scannedValues(in text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            if bytes.contains(where: { $0 >= 0x80 || $0 == 0x0B }) { return nil }
            let keyword = Array("DefinitionUri".utf8)
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
            func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
            func endsRun(_ byte: UInt8) -> Bool {
                isSpace(byte) || isQuote(byte) || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
            }
            var values: [String] = []
            var start = 0
            while start + keyword.count <= bytes.count {
                guard bytes[start] == keyword[0], bytes[start..<(start + keyword.count)].elementsEqual(keyword) else {
                    start += 1
                    continue
                }
                var index = start + keyword.count
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { index += 1 }
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { start += 1; continue }
                index += 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                if index < bytes.count, isQuote(bytes[index]) { index += 1 }
                let runStart = index
                while index < bytes.count, !endsRun(bytes[index]) { index += 1 }
                guard index > runStart else { start += 1; continue }
                values.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self))
                start = index
            }
            return values
        }
    }
}
