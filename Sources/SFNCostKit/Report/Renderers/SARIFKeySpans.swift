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
    private let paths: SARIFPathCache
    private var files: [String: SourceLines?] = [:]

    init(options: SARIFOptions) {
        self.paths = SARIFPathCache(options)
    }

    init(paths: SARIFPathCache) {
        self.paths = paths
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
        let path = paths.resolve(file).absolute
        if files[path] == nil {
            files[path] = .some((try? String(contentsOfFile: path, encoding: .utf8)).map(SourceLines.init))
        }
        guard let lines = files[path] ?? nil else { return nil }
        return lines.line(number)
    }

    /// The text's lines as `split(separator: "\n", omittingEmptySubsequences: false)` makes them,
    /// each without a final `\r`: found by their byte offsets (one `memchr` a line), not by splitting
    /// the whole file into substrings a `Character` at a time (most of what SARIF cost). A split at the
    /// `Character` "\n" cuts at every LF byte except one after a CR: CR LF is one `Character`, and no
    /// other scalar joins an LF (grapheme rules GB3 to GB5).
    struct SourceLines {
        let text: String
        /// Where each line starts, in UTF-8 bytes.
        let starts: [Int]

        init(_ text: String) {
            var text = text
            text.makeContiguousUTF8()
            var starts = [0]
            text.utf8.withContiguousStorageIfAvailable { bytes in
                guard let base = bytes.baseAddress else { return }
                var from = 0
                while from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
                    let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    if newline == 0 || base[newline - 1] != 0x0D { starts.append(newline + 1) }
                    from = newline + 1
                }
            }
            self.text = text
            self.starts = starts
        }

        /// Line `number` (1-based), nil past the last.
        func line(_ number: Int) -> Substring? {
            guard number >= 1, number <= starts.count else { return nil }
            let utf8 = text.utf8
            let start = starts[number - 1]
            var end = number < starts.count ? starts[number] - 1 : utf8.count
            if end > start, utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == 0x0D { end -= 1 }
            return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        }
    }

    /// `line` as it was written first, splitting the whole file: the reference for the tests.
    static func linesBySplitting(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}
