import Foundation
import Yams

/// Reads a JSON or YAML file into a located `SourceNode` tree. A file whose name ends in `.json` must
/// be strict JSON and is read by `LocatedJSONReader`; anything else is read as YAML through libyaml.
///
/// Hostile input is bounded before it reaches libyaml and our recursive conversion: nesting deeper
/// than `maximumDepth` and documents that alias-expand past `maximumNodes` are errors, not stack
/// overflows or memory blow-ups.
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
        let root: Node?
        do {
            // The basic resolver: scalars are typed by `typedScalar` below, so Yams' default
            // resolver (a regular expression per plain scalar, for tags the tree then drops) is
            // only cost. It also makes the duplicate-key check compare keys as the tree does, by
            // their text: `1` and `"1"` are one key here, as they are in the tree. UTF-8 named
            // explicitly: `.default` reads the process environment on every call.
            root = try Yams.compose(yaml: body, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw InputError([diagnostic(for: error, text: body, file: file)])
        } catch {
            throw InputError("Input.Unparsable", "cannot parse: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let root else {
            throw InputError("Input.Empty", "file holds no document", at: SourceLocation(file: file, line: 1, column: 1))
        }
        var budget = maximumNodes
        return try convert(root, file: file, budget: &budget)
    }

    // MARK: - Conversion

    private static func convert(_ node: Node, file: String, budget: inout Int) throws(InputError) -> SourceNode {
        budget -= 1
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 1, column: 1)
        if budget < 0 {
            throw InputError("Input.TooLarge",
                             "document expands to more than \(maximumNodes) values (aliases?)", at: location)
        }
        let tagText = node.tag.description
        let tag = tagText.hasPrefix("!") && !tagText.hasPrefix("tag:yaml.org") ? tagText : nil
        switch node {
        case .scalar(let scalar):
            var converted = SourceNode(typedScalar(scalar), at: location, tag: tag)
            converted.isLiteralBlock = scalar.style == .literal
            return converted
        case .mapping(let mapping):
            var members: [SourceNode.Member] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyLocation = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
                guard let keyText = key.scalar?.string else {
                    throw InputError("Input.ComplexKey", "object keys must be strings", at: keyLocation)
                }
                members.append(.init(key: keyText, keyLocation: keyLocation,
                                     value: try convert(value, file: file, budget: &budget)))
            }
            return SourceNode(.object(members), at: location, tag: tag)
        case .sequence(let sequence):
            var elements: [SourceNode] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence {
                elements.append(try convert(element, file: file, budget: &budget))
            }
            return SourceNode(.array(elements), at: location, tag: tag)
        case .alias:
            throw InputError("Input.Alias", "unresolved YAML alias", at: location)
        }
    }

    /// JSON typing for plain scalars; every quoted or block scalar is a string.
    private static func typedScalar(_ scalar: Node.Scalar) -> SourceNode.Value {
        guard scalar.style == .plain else { return .string(scalar.string) }
        let text = scalar.string
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if looksNumeric(text) { return .number(text) }
        return .string(text)
    }

    private static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              first == "-" || first == "+" || first == "." || ("0"..."9").contains(first) else { return false }
        guard text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else { return false }
        return Double(text) != nil
    }

    // MARK: - Errors

    private static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { at(mark.line, mark.column) }
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: max(line, 1), column: max(column, 1))
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return Diagnostic(.error, "Input.Syntax", "not valid JSON or YAML: \(problem)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let second = secondOccurrence(of: key, afterLine: context.mark.line, column: context.mark.column, in: text)
            let firstNote = second != nil ? " (first at line \(context.mark.line))" : ""
            return Diagnostic(.error, "Input.DuplicateKey",
                              "duplicate key '\(key)'\(firstNote): a state name or field may appear only once",
                              at: second.map { at($0.line, $0.column) } ?? at(context.mark))
        case .reader(let problem, _, _, _):
            // libyaml's reader names no position; the first character it refuses is found here.
            if let found = firstDisallowedCharacter(in: text) {
                return Diagnostic(.error, "Input.ControlCharacter",
                                  "control character \(unicodeName(found.scalar)) is not allowed in JSON or YAML text; inside a string write it as an escape (\\u\(String(format: "%04x", found.scalar.value)))",
                                  at: at(found.line, found.column))
            }
            return Diagnostic(.error, "Input.Syntax", "cannot read: \(problem)", at: at(1, 1))
        default:
            return Diagnostic(.error, "Input.Syntax", "cannot parse: \(error)", at: at(1, 1))
        }
    }

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

    /// "U+001B (ESC)" for the controls people meet, else "U+0007".
    private static func unicodeName(_ scalar: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"]
        let code = "U+" + String(format: "%04X", scalar.value)
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }

    /// Yams reports a duplicate key at its first occurrence; the error belongs at the second.
    /// Looks for the key text (quoted, or plain after a separator) followed by a colon.
    private static func secondOccurrence(of key: String, afterLine markLine: Int, column markColumn: Int,
                                         in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard markLine >= 1, markLine <= lines.count else { return nil }
        let needles = [Array("\"\(key)\"".unicodeScalars), Array(key.unicodeScalars)]
        for index in (markLine - 1)..<lines.count {
            let line = Array(lines[index].unicodeScalars)
            for column in line.indices where index > markLine - 1 || column + 1 > markColumn {
                for (kind, needle) in needles.enumerated() where column + needle.count <= line.count {
                    guard Array(line[column..<(column + needle.count)]) == needle else { continue }
                    let before = column == 0 ? " " : line[column - 1]
                    guard kind == 0 || " \t{,-".unicodeScalars.contains(before) else { continue }
                    var after = column + needle.count
                    while after < line.count, line[after] == " " || line[after] == "\t" { after += 1 }
                    if after < line.count, line[after] == ":" { return (index + 1, column + 1) }
                }
            }
        }
        return nil
    }

    /// Finds where `[`/`{` nesting first exceeds `limit`, ignoring brackets inside double-quoted strings.
    private static func firstPositionDeeperThan(_ limit: Int, in text: String, file: String) -> SourceLocation? {
        var depth = 0, line = 1, column = 0
        var inString = false, escaped = false
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" { line += 1; column = 0; continue }
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"": inString = true
            case "[", "{":
                depth += 1
                if depth > limit { return SourceLocation(file: file, line: line, column: column) }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }
}
