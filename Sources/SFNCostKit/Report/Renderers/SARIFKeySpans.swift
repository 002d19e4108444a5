import Foundation

/// Where a SARIF region ends, when it starts at a key whose text is known: a finding stands at its
/// state's key (`"Approve": {` in JSON, `Approve:` in YAML), or its machine's. The key is looked for
/// in the file at the region's start, as a JSON string (the usual escapes), a YAML single- or
/// double-quoted scalar, or a plain scalar, followed by `:`; found, the region ends after it
/// (`endColumn`, one past the key's last character, in Unicode code points: SARIF §3.30.7 and the
/// run's `columnKind`). Not found (a definition embedded in a template string, a key written with
/// other escapes), the region keeps no end column and runs to the end of its line, as before.
///
/// Reads each file once per SARIF log; a file that cannot be read gives no end columns.
final class SARIFKeySpans {
    private let options: SARIFOptions
    private var lines: [String: [Substring]?] = [:]

    init(options: SARIFOptions) {
        self.options = options
    }

    /// The end column of `name`'s key at `line`:`column` of `file`, or nil.
    func endColumn(file: String, line: Int, column: Int, name: String) -> Int? {
        guard line >= 1, column >= 1, !name.isEmpty, let text = self.line(file, line) else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard column - 1 < scalars.count else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[(column - 1)...]))
        for key in Self.spellings(name) where rest.hasPrefix(key) {
            // A key: only blanks between it and its colon.
            let after = rest.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if after.first == ":" { return column + key.unicodeScalars.count }
        }
        return nil
    }

    /// How a key naming `name` may be written: JSON / YAML double-quoted, YAML single-quoted, plain.
    static func spellings(_ name: String) -> [String] {
        var json = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\t": json += "\\t"
            case "\r": json += "\\r"
            default:
                if scalar.value < 0x20 { json += String(format: "\\u%04x", scalar.value) } else { json.unicodeScalars.append(scalar) }
            }
        }
        json += "\""
        var spellings = [json, "'" + name.replacingOccurrences(of: "'", with: "''") + "'"]
        // A plain scalar cannot hold a line break, start with a quote or end in a blank.
        if !name.contains(where: { $0.isNewline }), name.first != "\"", name.first != "'",
           name.first?.isWhitespace == false, name.last?.isWhitespace == false {
            spellings.append(name)
        }
        return spellings
    }

    private func line(_ file: String, _ number: Int) -> Substring? {
        let path = options.resolve(file).absolute
        if lines[path] == nil {
            let text = (try? String(contentsOfFile: path, encoding: .utf8))
            lines[path] = .some(text.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 } })
        }
        guard let file = lines[path] ?? nil, number - 1 < file.count else { return nil }
        return file[number - 1]
    }
}
