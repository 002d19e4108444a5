/// JSON or YAML text that sits inside another file — a CloudFormation `DefinitionString`, a Terraform
/// heredoc or `templatefile` template, a JSON string in a plan — parsed into a `SourceNode` tree
/// whose locations point into that file.
///
/// All the location arithmetic for embedded definitions lives here:
/// - a YAML literal block (`DefinitionString: |`) keeps the JSON's lines: line 1 is the line after
///   the `|`, and every column is shifted by the block's indentation;
/// - a heredoc body's line 1 is the file line after `<<EOF`; `<<-` strips a common indentation,
///   which is added back to every column;
/// - a template's unquoted `${…}` (Terraform fills it before the JSON is read, e.g.
///   `"MaxConcurrency": ${var.limit}`) is quoted so the text parses, and the inserted quotes are
///   subtracted from columns again, so a placeholder is reported where it is written;
/// - a definition inside a quoted string (a plan's `"definition": "{…}"`) has no line structure
///   left in the file: every node gets the string's own location;
/// - a placeholder that `resolve` knows (`DefinitionSubstitutions`, serverless variables) is replaced
///   by its value before parsing, as the deployment would (a number stays a number outside quotes;
///   inside a JSON string the value is escaped); the difference in width is subtracted from the
///   columns after it, so every location still points into the original file.
struct EmbeddedSource: Sendable {
    enum Placement: Sendable {
        /// Inner line 1 is file line `firstLine`; every inner column is shifted by `indent`.
        case block(firstLine: Int, indent: Int)
        /// Every node points here.
        case fixed(SourceLocation)
    }

    var placement: Placement
    /// Whether to quote unquoted `${…}` placeholders (templates and heredocs, not plain files).
    var quotesPlaceholders: Bool

    /// The value of a placeholder, by the text between `${` and `}`; nil leaves it as written.
    var resolve: (@Sendable (String) -> String?)?

    /// Per inner line, the edits made before parsing: at an inner column (1-based, after editing),
    /// how many characters were added (a quote: 1; a substitution: its value's width minus the
    /// placeholder's, possibly negative).
    private(set) var insertions: [Int: [(column: Int, delta: Int)]] = [:]

    init(placement: Placement, quotesPlaceholders: Bool, resolve: (@Sendable (String) -> String?)? = nil) {
        self.placement = placement
        self.quotesPlaceholders = quotesPlaceholders
        self.resolve = resolve
    }

    /// Parses `text`, naming `file` in locations, and maps every location (also of errors) back.
    mutating func parse(_ text: String, file: String) throws(InputError) -> SourceNode {
        var source = text
        insertions = [:]
        let looksLikeJSON = text.drop(while: { $0.isWhitespace }).first.map({ $0 == "{" || $0 == "[" }) == true
        if (quotesPlaceholders && looksLikeJSON) || resolve != nil {
            source = quotingPlaceholders(text, quoting: quotesPlaceholders && looksLikeJSON)
        }
        let inner: SourceNode
        do {
            inner = try SourceDocument.parse(source, file: file)
        } catch {
            throw InputError(error.diagnostics.map { diagnostic in
                var moved = diagnostic
                moved.location = diagnostic.location.map(map)
                return moved
            })
        }
        return remap(inner, depth: 0)
    }

    /// An inner location (as libyaml reports it in the parsed text) → the file's location.
    func map(_ location: SourceLocation) -> SourceLocation {
        switch placement {
        case .fixed(let fixed):
            return fixed
        case .block(let firstLine, let indent):
            let inserted = insertions[location.line, default: []].filter { $0.column < location.column }.reduce(0) { $0 + $1.delta }
            // The same file: moved, its name not looked up again.
            return SourceLocation(location.internedFile, line: firstLine + location.line - 1,
                                  column: location.column - inserted + indent)
        }
    }

    /// Rewrites every location of the tree. SourceDocument already bounds nesting; the depth guard
    /// only keeps this function honest about recursion.
    private func remap(_ node: SourceNode, depth: Int) -> SourceNode {
        var copy = node
        copy.location = map(node.location)
        guard depth < SourceDocument.maximumDepth + 1 else { return copy }
        switch node.value {
        case .object(let members):
            copy.value = .object(members.map { member in
                SourceNode.Member(key: member.key, keyLocation: map(member.keyLocation),
                                  value: remap(member.value, depth: depth + 1))
            })
        case .array(let elements):
            copy.value = .array(elements.map { remap($0, depth: depth + 1) })
        default:
            break
        }
        return copy
    }

    /// Replaces each `${…}` that `resolve` knows by its value, and wraps each other one that stands
    /// outside a JSON string in quotes (when `quoting`), recording where.
    /// `$${` is Terraform's escape for a literal `${` and is left alone.
    private mutating func quotingPlaceholders(_ text: String, quoting: Bool) -> String {
        // Without a `${` nothing is replaced, quoted or recorded: the text comes back as it is
        // (most definitions; the loop below copies scalar by scalar).
        if !Self.containsInterpolation(text) { return text }
        return quotingPlaceholdersByBytes(text, quoting: quoting)
    }

    /// `quotingPlaceholders` by Unicode scalars, as it was written first: the reference the byte
    /// version below is tested against (`EmbeddedSourceQuotingTests`).
    mutating func quotingPlaceholdersByScalars(_ text: String, quoting: Bool) -> String {
        insertions = [:]
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count + 16)
        var line = 1, column = 1  // position in `output`
        var inString = false
        var index = 0
        func emit(_ scalar: Unicode.Scalar) {
            output.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "$" {
                emit(scalar); emit(scalars[index + 1]); index += 2
                continue
            }
            if scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                // An interpolation: copy it whole. Its quotes are Terraform's, not JSON's: they
                // become apostrophes (same width) so that they do not end a JSON string.
                let end = Self.interpolationEnd(scalars, from: index)
                if let resolve, end - index >= 3, scalars[end - 1] == "}",
                   let value = resolve(String(String.UnicodeScalarView(scalars[(index + 2)..<(end - 1)]))) {
                    // Inside a string the value is escaped so the string stays one string; outside,
                    // it is written as is (a number stays a number). One line either way.
                    var written = inString ? Self.escapedForJSONString(value) : value.replacingOccurrences(of: "\n", with: " ")
                    // In YAML (no JSON quoting), a value that would change the line's structure
                    // (`a: b`, `# c`, a leading `[`) is written as a double-quoted string.
                    if !inString, !quoting, Self.needsYAMLQuotes(written) { written = "\"" + Self.escapedForJSONString(value) + "\"" }
                    let start = column
                    for inner in written.unicodeScalars { emit(inner) }
                    insertions[line, default: []].append((start, written.unicodeScalars.count - (end - index)))
                    index = end
                    continue
                }
                let quote = quoting && !inString
                if quote {
                    insertions[line, default: []].append((column, 1))
                    emit("\"")
                }
                for inner in scalars[index..<end] { emit(inner == "\"" ? "'" : inner) }
                if quote {
                    insertions[line, default: []].append((column, 1))
                    emit("\"")
                }
                index = end
                continue
            }
            if inString {
                if scalar == "\\", index + 1 < scalars.count {
                    emit(scalar); emit(scalars[index + 1]); index += 2
                    continue
                }
                if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            }
            emit(scalar)
            index += 1
        }
        return String(output)
    }

    /// `quotingPlaceholders` over UTF-8 bytes: every character it looks at (`$`, `{`, `}`, `"`, `\`,
    /// line feed) is ASCII, so runs of other bytes are copied whole; columns count Unicode scalars
    /// (bytes that start one), as the scalar version counts them.
    mutating func quotingPlaceholdersByBytes(_ text: String, quoting: Bool) -> String {
        insertions = [:]
        var text = text
        return text.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            var line = 1, column = 1  // position in `output`, in scalars
            var inString = false
            var index = 0
            let count = bytes.count
            /// Copies the scalar that starts at `index` (all its bytes) and moves past it.
            func emitScalar() {
                let byte = bytes[index]
                output.append(byte)
                index += 1
                while index < count, bytes[index] & 0xC0 == 0x80 { output.append(bytes[index]); index += 1 }
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            }
            while index < count {
                // A run of bytes none of which is looked at: copied whole, one column per scalar.
                var end = index
                while end < count {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") { break }
                    if byte & 0xC0 != 0x80 { column += 1 }
                    end += 1
                }
                if end > index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "$"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "$") {
                    emitScalar(); emitScalar()
                    continue
                }
                if byte == UInt8(ascii: "$"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "{") {
                    let end = Self.interpolationEnd(bytes, from: index)
                    let spanScalars = bytes[index..<end].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                    if let resolve, end - index >= 3, bytes[end - 1] == UInt8(ascii: "}"),
                       let value = resolve(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 2)..<(end - 1)]), as: UTF8.self)) {
                        var written = inString ? Self.escapedForJSONString(value) : value.replacingOccurrences(of: "\n", with: " ")
                        if !inString, !quoting, Self.needsYAMLQuotes(written) { written = "\"" + Self.escapedForJSONString(value) + "\"" }
                        let start = column
                        for inner in written.unicodeScalars {
                            output.append(contentsOf: String(inner).utf8)
                            if inner == "\n" { line += 1; column = 1 } else { column += 1 }
                        }
                        insertions[line, default: []].append((start, written.unicodeScalars.count - spanScalars))
                        index = end
                        continue
                    }
                    let quote = quoting && !inString
                    if quote {
                        insertions[line, default: []].append((column, 1))
                        output.append(UInt8(ascii: "\""))
                        column += 1
                    }
                    // A line feed can only be in it escaped inside a quoted string (`\` then LF).
                    for inner in bytes[index..<end] {
                        output.append(inner == UInt8(ascii: "\"") ? UInt8(ascii: "'") : inner)
                        if inner == UInt8(ascii: "\n") { line += 1; column = 1 } else if inner & 0xC0 != 0x80 { column += 1 }
                    }
                    if quote {
                        insertions[line, default: []].append((column, 1))
                        output.append(UInt8(ascii: "\""))
                        column += 1
                    }
                    index = end
                    continue
                }
                if inString {
                    if byte == UInt8(ascii: "\\"), index + 1 < count {
                        emitScalar(); emitScalar()
                        continue
                    }
                    if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                }
                emitScalar()
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `interpolationEnd` over UTF-8 bytes (the characters it stops at are ASCII).
    private static func interpolationEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var braces = 0, index = start + 1, inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { return index }
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                braces += 1
            } else if byte == UInt8(ascii: "}") {
                braces -= 1
                if braces == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }

    /// Whether `text` holds a `${` (the only thing `quotingPlaceholders` changes starts with one).
    static func containsInterpolation(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "{") && previous == UInt8(ascii: "$") { return true }
                previous = byte
            }
            return false
        }
    }

    /// True when `value`, written bare after `key: `, would not read back as one plain scalar.
    static func needsYAMLQuotes(_ value: String) -> Bool {
        guard let first = value.first else { return false }
        return value.contains(": ") || value.contains(" #") || value.hasSuffix(":")
            || "{}[]&*!|>'\"%@`,#?".contains(first) || value.hasPrefix("- ")
    }

    /// `value` as it may stand between the quotes of a JSON string (`JSONText.quoted`, unquoted).
    static func escapedForJSONString(_ value: String) -> String {
        String(JSONText.quoted(value).dropFirst().dropLast())
    }

    /// The index after the `}` that closes the interpolation at `start`, or the end of the line
    /// when it is not closed there (the parser then reports the problem at that place).
    private static func interpolationEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var braces = 0, index = start + 1, inString = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" { return index }
            if inString {
                if scalar == "\\" { index += 1 } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "{" {
                braces += 1
            } else if scalar == "}" {
                braces -= 1
                if braces == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }

    /// Where a YAML literal block scalar's content starts: the line after the `|` indicator, with the
    /// indentation of its first non-blank line. Falls back to the scalar's own place.
    static func blockPlacement(of scalar: SourceNode, fileText: String) -> Placement {
        if let placement = asciiBlockPlacement(of: scalar, fileText: fileText) { return placement }
        return characterBlockPlacement(of: scalar, fileText: fileText)
    }

    /// `blockPlacement` for the usual file, read as bytes up to the block's first line: nil (the
    /// general path decides) when the lines it reads hold a carriage return (`\r\n` is one Character,
    /// so it is no line break to the general path) or when the byte after the indentation is not
    /// ASCII (a combining mark would make the last space part of another Character).
    static func asciiBlockPlacement(of scalar: SourceNode, fileText: String) -> Placement? {
        var fileText = fileText
        return fileText.withUTF8 { bytes -> Placement? in
            let indicatorLine = scalar.location.line
            var line = 1, offset = 0
            // To the start of the line after the indicator.
            while line < indicatorLine + 1 {
                guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return .fixed(scalar.location) }
                if bytes[offset..<newline].contains(UInt8(ascii: "\r")) { return nil }
                offset = newline + 1
                line += 1
            }
            // Past blank lines (spaces and tabs only) to the first line with text.
            while true {
                let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                var position = offset
                while position < end, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
                if position < end {
                    if bytes[position] == UInt8(ascii: "\r") || bytes[position] >= 0x80 { return nil }
                    var indent = 0
                    while bytes[offset + indent] == UInt8(ascii: " ") { indent += 1 }
                    if bytes[offset + indent] >= 0x80 { return nil }
                    return .block(firstLine: indicatorLine + 1, indent: indent)
                }
                guard end < bytes.count else { return .fixed(scalar.location) }
                offset = end + 1
            }
        }
    }

    /// `blockPlacement` by Characters, for any text.
    static func characterBlockPlacement(of scalar: SourceNode, fileText: String) -> Placement {
        let lines = fileText.split(separator: "\n", omittingEmptySubsequences: false)
        let indicatorLine = scalar.location.line
        var line = indicatorLine + 1
        while line <= lines.count, lines[line - 1].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { line += 1 }
        guard line <= lines.count else { return .fixed(scalar.location) }
        let indent = lines[line - 1].prefix { $0 == " " }.count
        return .block(firstLine: indicatorLine + 1, indent: indent)
    }
}
