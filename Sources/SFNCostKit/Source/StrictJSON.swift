import Foundation

/// Checks that a `.json` file is JSON as AWS reads it, before libyaml (which would also accept
/// `{"a": 1,}`, unquoted keys and comments) turns it into a located tree.
///
/// Foundation's `JSONSerialization` does the checking. On Linux (swift-foundation's parser, Swift
/// 6.3) it reports where it stopped only in its description, "… around character N." with N a
/// 0-based UTF-8 offset, and it accepts a trailing comma before `}` or `]`; so the offset is read from
/// `NSJSONSerializationErrorIndex` when there is one, else from the description, and trailing commas
/// are looked for separately once the text has parsed.
enum StrictJSON {
    /// Why the file is read as strict JSON; shown after every message.
    static let hint = "a .json file is read as strict JSON, as AWS reads it: keys in double quotes, no comments, no trailing commas"

    /// Whether `file` is named like a JSON file (its contents are then held to strict JSON).
    static func applies(to file: String) -> Bool {
        file.lowercased().hasSuffix(".json")
    }

    /// The first way `text` is not strict JSON, as an `Input.Syntax` diagnostic; nil when it is JSON.
    static func firstError(in text: String, file: String) -> Diagnostic? {
        let bytes = Array(text.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let nsError = error as NSError
            let description = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
            let location: SourceLocation
            if let index = nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int ?? characterIndex(in: description) {
                location = self.location(ofByte: index, in: bytes, file: file)
            } else if let (line, column) = lineAndColumn(in: description) {
                location = SourceLocation(file: file, line: line, column: column)
            } else if description.contains("end of file") {
                location = self.location(ofByte: bytes.count, in: bytes, file: file)
            } else {
                location = SourceLocation(file: file, line: 1, column: 1)
            }
            return Diagnostic(.error, "Input.Syntax", "not valid JSON: \(problem(description)) (\(hint))", at: location)
        }
        if let (comma, closer) = trailingComma(in: bytes) {
            return Diagnostic(.error, "Input.Syntax",
                              "not valid JSON: trailing comma before '\(Character(Unicode.Scalar(closer)))' (\(hint))",
                              at: location(ofByte: comma, in: bytes, file: file))
        }
        return nil
    }

    /// "Invalid value around character 12." → "invalid value".
    private static func problem(_ description: String) -> String {
        var text = description.trimmingCharacters(in: .whitespaces)
        if let range = text.range(of: " around character ") ?? text.range(of: " around line ") {
            text = String(text[..<range.lowerBound])
        }
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return "cannot parse" }
        return first.lowercased() + text.dropFirst()
    }

    /// N in "… around character N.".
    private static func characterIndex(in description: String) -> Int? {
        guard let range = description.range(of: "around character ") else { return nil }
        return Int(description[range.upperBound...].prefix(while: \.isNumber))
    }

    /// (N, M) in "… line N, column M …" (1-based), as other Foundation versions write it.
    private static func lineAndColumn(in description: String) -> (Int, Int)? {
        guard let lineRange = description.range(of: "line "),
              let line = Int(description[lineRange.upperBound...].prefix(while: \.isNumber)),
              let columnRange = description.range(of: "column ", range: lineRange.upperBound..<description.endIndex),
              let column = Int(description[columnRange.upperBound...].prefix(while: \.isNumber)) else { return nil }
        return (max(line, 1), max(column, 1))
    }

    /// The 1-based line and column (in characters, as libyaml counts them) of a 0-based UTF-8 offset.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        let end = min(max(offset, 0), bytes.count)
        var line = 1, lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Count characters, not bytes: every byte that does not continue a UTF-8 sequence starts one.
        let column = bytes[lineStart..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The byte offset of the first comma followed (after white space) by `}` or `]`, outside strings.
    private static func trailingComma(in bytes: [UInt8]) -> (Int, UInt8)? {
        var inString = false, escaped = false, lastComma: Int?
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: ","):
                lastComma = index
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let comma = lastComma { return (comma, byte) }
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            lastComma = nil
        }
        return nil
    }
}
