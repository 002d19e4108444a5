@testable import SFNCostKit

/// The scalar-by-scalar reader that HCLReader replaced (kept verbatim but for its name), as the
/// reference the byte-level reader is compared with in `HCLByteReaderTests`: same items, same
/// locations, same texts, same errors on every input.
struct ScalarHCLReader {
    /// Bracket, block and interpolation nesting allowed before the reader gives up.
    static let maximumDepth = 128

    /// A located syntax error, turned into an `InputError` by the caller.
    struct Failure: Error, Sendable {
        var message: String
        var offset: Int
    }

    /// One item of a body: `name = expression` or `type "label"… { body }`.
    enum Item: Sendable {
        case attribute(Attribute)
        case block(Block)
    }

    struct Attribute: Sendable {
        var name: String
        var nameOffset: Int
        /// The expression's source, `valueStart..<valueEnd` (trailing spaces and comments excluded).
        var valueStart: Int
        var valueEnd: Int
    }

    struct Block: Sendable {
        var type: String
        var labels: [String]
        var typeOffset: Int
        var items: [Item]

        func attribute(_ name: String) -> Attribute? {
            for case .attribute(let attribute) in items where attribute.name == name { return attribute }
            return nil
        }
    }

    /// What a heredoc holds: its text (indentation already stripped for `<<-`) and where it sits.
    struct Heredoc: Sendable {
        var text: String
        /// The file line of the body's first line.
        var firstLine: Int
        /// Columns removed from every line by `<<-`.
        var strippedIndent: Int
        var markerOffset: Int
    }

    let file: String
    let scalars: [Unicode.Scalar]
    /// Set for text taken out of a larger source (a string of a `.tf.json` file): every location is this one.
    var fixedLocation: SourceLocation?
    /// Offset of the first scalar of each line, for offset → line/column.
    private let lineStarts: [Int]
    var offset = 0

    init(text: String, file: String) {
        self.file = file
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    // MARK: - Locations

    /// The 1-based line and column (in Unicode scalars, as libyaml counts) of an offset.
    func location(_ offset: Int) -> SourceLocation {
        if let fixedLocation { return fixedLocation }
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(file: file, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    func text(_ range: Range<Int>) -> String {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return String(string)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = offset + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    private var atEnd: Bool { offset >= scalars.count }

    // MARK: - Bodies

    /// Reads a whole file's body.
    mutating func fileBody() throws(Failure) -> [Item] {
        offset = 0
        return try body(depth: 0, closed: false)
    }

    private mutating func body(depth: Int, closed: Bool) throws(Failure) -> [Item] {
        guard depth < Self.maximumDepth else { throw Failure(message: "blocks nest too deeply", offset: offset) }
        var items: [Item] = []
        while true {
            skipTrivia(newlines: true)
            guard let scalar = peek() else {
                if closed { throw Failure(message: "missing '}' at the end of a block", offset: offset) }
                return items
            }
            if scalar == "}" {
                guard closed else { throw Failure(message: "unexpected '}'", offset: offset) }
                offset += 1
                return items
            }
            let nameOffset = offset
            guard let name = identifier() else {
                throw Failure(message: "expected an attribute or a block, found '\(scalar)'", offset: offset)
            }
            skipTrivia(newlines: false)
            if peek() == "=" && peek(1) != "=" {
                offset += 1
                skipTrivia(newlines: false)
                let start = offset
                let end = try skipExpression(stopAtComma: false, stopAtNewline: true, depth: depth)
                items.append(.attribute(Attribute(name: name, nameOffset: nameOffset, valueStart: start, valueEnd: end)))
                continue
            }
            var labels: [String] = []
            while let next = peek(), next != "{" {
                if next == "\"" {
                    let (label, _) = try quotedString(depth: depth)
                    labels.append(label)
                } else if let label = identifier() {
                    labels.append(label)
                } else {
                    throw Failure(message: "expected '=' or '{' after '\(name)'", offset: offset)
                }
                skipTrivia(newlines: false)
            }
            guard peek() == "{" else { throw Failure(message: "missing '{' for block '\(name)'", offset: offset) }
            offset += 1
            let inner = try body(depth: depth + 1, closed: true)
            items.append(.block(Block(type: name, labels: labels, typeOffset: nameOffset, items: inner)))
        }
    }

    // MARK: - Skipping expressions

    /// Moves past one expression without evaluating it and returns the offset where it ends
    /// (before trailing spaces and comments). It stops, at bracket depth 0, before a newline
    /// (`stopAtNewline`), a comma (`stopAtComma`), or a closing bracket that it did not open.
    mutating func skipExpression(stopAtComma: Bool, stopAtNewline: Bool, depth: Int) throws(Failure) -> Int {
        var open: [Unicode.Scalar] = []
        var end = offset
        while let scalar = peek() {
            if open.isEmpty {
                if scalar == "\n" && stopAtNewline { break }
                if scalar == "," && stopAtComma { break }
                if scalar == ")" || scalar == "]" || scalar == "}" { break }
            }
            if isCommentStart() {
                skipComment()
                continue
            }
            switch scalar {
            case "(", "[", "{":
                guard open.count + depth < Self.maximumDepth else {
                    throw Failure(message: "brackets nest deeper than \(Self.maximumDepth) levels", offset: offset)
                }
                open.append(scalar == "(" ? ")" : scalar == "[" ? "]" : "}")
                offset += 1
            case ")", "]", "}":
                guard open.last == scalar else { throw Failure(message: "unbalanced '\(scalar)'", offset: offset) }
                open.removeLast()
                offset += 1
            case "\"":
                _ = try quotedString(depth: depth + open.count)
            case "<" where peek(1) == "<":
                _ = try heredoc()
            default:
                offset += 1
            }
            if !scalar.properties.isWhitespace { end = offset }
        }
        if !open.isEmpty && atEnd {
            throw Failure(message: "missing '\(open.last ?? "?")'", offset: offset)
        }
        return end
    }

    // MARK: - Literal expressions

    /// Reads the expression at the cursor as a value: a literal where there is one, otherwise an
    /// opaque `"${source}"` string. `inObject` means a newline also ends the expression.
    mutating func value(depth: Int, inObject: Bool) throws(Failure) -> SourceNode {
        guard depth < Self.maximumDepth else {
            throw Failure(message: "values nest deeper than \(Self.maximumDepth) levels", offset: offset)
        }
        skipTrivia(newlines: true)
        let start = offset
        if let literal = try literal(depth: depth) {
            let after = offset
            skipTrivia(newlines: false)
            // A `/* … */` comment spanning lines ends the value like the newline it holds.
            if atEnd || peek().map({ ",\n\r}])".unicodeScalars.contains($0) }) == true
                || (inObject && scalars[after..<offset].contains("\n")) {
                offset = after
                return literal
            }
        }
        // Not a literal on its own (a reference, call, operator…): keep its text.
        offset = start
        let end = try skipExpression(stopAtComma: true, stopAtNewline: inObject, depth: depth)
        guard end > start else {
            throw Failure(message: "expected a value, found '\(peek().map(String.init) ?? "end of file")'", offset: start)
        }
        return SourceNode(.string("${\(text(start..<end))}"), at: location(start))
    }

    /// A literal at the cursor, or nil (cursor unspecified) when the expression is something else.
    private mutating func literal(depth: Int) throws(Failure) -> SourceNode? {
        guard let scalar = peek() else { return nil }
        let at = location(offset)
        switch scalar {
        case "{": return try object(depth: depth)
        case "[": return try tuple(depth: depth)
        case "\"":
            let (string, _) = try quotedString(depth: depth)
            return SourceNode(.string(string), at: at)
        case "<" where peek(1) == "<":
            return SourceNode(.string(try heredoc().text), at: at)
        case "-", "0"..."9":
            return number().map { SourceNode(.number($0), at: at) }
        default:
            switch identifier() {
            case "true": return SourceNode(.bool(true), at: at)
            case "false": return SourceNode(.bool(false), at: at)
            case "null": return SourceNode(.null, at: at)
            default: return nil
            }
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> SourceNode {
        let at = location(offset)
        offset += 1  // {
        var members: [SourceNode.Member] = []
        var seen: Set<String> = []
        while true {
            skipTrivia(newlines: true)
            guard let scalar = peek() else { throw Failure(message: "missing '}' at the end of an object", offset: offset) }
            if scalar == "}" { offset += 1; break }
            let keyOffset = offset
            let key: String
            if scalar == "\"" {
                key = try quotedString(depth: depth).text
            } else if scalar == "(" {
                let end = try skipExpression(stopAtComma: false, stopAtNewline: true, depth: depth)
                key = "${\(text(keyOffset..<end))}"
            } else if let name = identifier() {
                key = name
            } else {
                throw Failure(message: "expected an object key, found '\(scalar)'", offset: offset)
            }
            skipTrivia(newlines: false)
            guard peek() == "=" || peek() == ":" else {
                throw Failure(message: "expected '=' or ':' after the key '\(key)'", offset: offset)
            }
            offset += 1
            guard seen.insert(key).inserted else {
                throw Failure(message: "duplicate key '\(key)': a state name or field may appear only once", offset: keyOffset)
            }
            let member = try value(depth: depth + 1, inObject: true)
            members.append(SourceNode.Member(key: key, keyLocation: location(keyOffset), value: member))
            let afterValue = offset
            skipTrivia(newlines: false)
            // A `/* … */` comment that spans lines separates members like a newline.
            let crossedLine = scalars[afterValue..<offset].contains("\n")
            switch peek() {
            case ",", "\n", "\r": offset += 1
            case "}": continue
            case _ where crossedLine: continue
            case nil: throw Failure(message: "missing '}' at the end of an object", offset: offset)
            default: throw Failure(message: "expected ',' or a new line after the value of '\(key)'", offset: offset)
            }
        }
        return SourceNode(.object(members), at: at)
    }

    private mutating func tuple(depth: Int) throws(Failure) -> SourceNode {
        let at = location(offset)
        offset += 1  // [
        var elements: [SourceNode] = []
        while true {
            skipTrivia(newlines: true)
            guard let scalar = peek() else { throw Failure(message: "missing ']' at the end of a list", offset: offset) }
            if scalar == "]" { offset += 1; break }
            elements.append(try value(depth: depth + 1, inObject: false))
            skipTrivia(newlines: true)
            switch peek() {
            case ",": offset += 1
            case "]": continue
            case nil: throw Failure(message: "missing ']' at the end of a list", offset: offset)
            default: throw Failure(message: "expected ',' or ']' in a list", offset: offset)
            }
        }
        return SourceNode(.array(elements), at: at)
    }

    /// `-`? digits (`.` digits)? (`e` sign? digits)?, as written.
    private mutating func number() -> String? {
        let start = offset
        if peek() == "-" { offset += 1 }
        func digits(_ reader: inout ScalarHCLReader) -> Bool {
            let from = reader.offset
            while let scalar = reader.peek(), ("0"..."9").contains(scalar) { reader.offset += 1 }
            return reader.offset > from
        }
        guard digits(&self) else { return nil }
        if peek() == ".", let next = peek(1), ("0"..."9").contains(next) {
            offset += 1
            _ = digits(&self)
        }
        if peek() == "e" || peek() == "E" {
            let mark = offset
            offset += 1
            if peek() == "+" || peek() == "-" { offset += 1 }
            if !digits(&self) { offset = mark }
        }
        return text(start..<offset)
    }

    // MARK: - Tokens

    /// An HCL identifier (letters, digits, `_`, `-`; not starting with a digit or `-`).
    mutating func identifier() -> String? {
        guard let first = peek(), first.properties.isAlphabetic || first == "_" else { return nil }
        let start = offset
        while let scalar = peek(), scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar == "_" || scalar == "-" {
            offset += 1
        }
        return text(start..<offset)
    }

    /// Reads a quoted template string. Escapes are decoded; interpolations (`${…}`) and directives
    /// (`%{…}`) are kept as written, and `hasTemplate` tells whether there was any.
    mutating func quotedString(depth: Int) throws(Failure) -> (text: String, hasTemplate: Bool) {
        let start = offset
        offset += 1  // "
        var result = String.UnicodeScalarView()
        var hasTemplate = false
        while let scalar = peek() {
            switch scalar {
            case "\"":
                offset += 1
                return (String(result), hasTemplate)
            case "\n":
                throw Failure(message: "a quoted string cannot span lines (use a heredoc)", offset: offset)
            case "\\":
                offset += 1
                guard let escaped = peek() else { break }
                offset += 1
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "u", "U":
                    let count = escaped == "u" ? 4 : 8
                    let hex = text(offset..<(offset + count))
                    guard hex.unicodeScalars.count == count, let code = UInt32(hex, radix: 16),
                          let decoded = Unicode.Scalar(code) else {
                        throw Failure(message: "invalid \\\(escaped) escape", offset: offset - 2)
                    }
                    result.append(decoded)
                    offset += count
                default: result.append(escaped)
                }
            case "$", "%":
                if peek(1) == "{" {
                    hasTemplate = true
                    let from = offset
                    try skipTemplate(depth: depth + 1)
                    result.append(contentsOf: scalars[from..<offset])
                } else if peek(1) == scalar && peek(2) == "{" {
                    // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
                    result.append(scalar)
                    result.append("{")
                    offset += 3
                } else {
                    result.append(scalar)
                    offset += 1
                }
            default:
                result.append(scalar)
                offset += 1
            }
        }
        throw Failure(message: "unterminated string", offset: start)
    }

    /// Moves past `${…}` or `%{…}`, including nested strings and braces.
    mutating func skipTemplate(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else {
            throw Failure(message: "interpolations nest deeper than \(Self.maximumDepth) levels", offset: offset)
        }
        let start = offset
        offset += 2  // ${
        var braces = 1
        while let scalar = peek() {
            switch scalar {
            case "\"": _ = try quotedString(depth: depth + 1)
            case "{": braces += 1; offset += 1
            case "}":
                braces -= 1
                offset += 1
                if braces == 0 { return }
            case "<" where peek(1) == "<": _ = try heredoc()
            default: offset += 1
            }
        }
        throw Failure(message: "unterminated '${' interpolation", offset: start)
    }

    /// Reads `<<ID` or `<<-ID`, the lines up to one that holds only `ID`, and returns the body.
    mutating func heredoc() throws(Failure) -> Heredoc {
        let markerOffset = offset
        offset += 2  // <<
        let indented = peek() == "-"
        if indented { offset += 1 }
        guard let delimiter = identifier() else {
            throw Failure(message: "expected a heredoc delimiter after '<<'", offset: offset)
        }
        if peek() == "\r" { offset += 1 }
        guard peek() == "\n" else {
            throw Failure(message: "a heredoc delimiter must end its line", offset: offset)
        }
        offset += 1
        let bodyStart = offset
        var lines: [ArraySlice<Unicode.Scalar>] = []
        while !atEnd {
            let lineStart = offset
            while let scalar = peek(), scalar != "\n" { offset += 1 }
            var line = scalars[lineStart..<offset]
            if line.last == "\r" { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.elementsEqual(delimiter.unicodeScalars) {
                // The closing line ends the heredoc; the newline after it ends the attribute.
                let indent = indented ? Self.commonIndent(lines) : 0
                var body = String.UnicodeScalarView()
                for line in lines {
                    body.append(contentsOf: line.dropFirst(min(indent, line.count)))
                    body.append("\n")
                }
                return Heredoc(text: String(body), firstLine: location(bodyStart).line,
                               strippedIndent: indent, markerOffset: markerOffset)
            }
            lines.append(line)
            if !atEnd { offset += 1 }
        }
        throw Failure(message: "heredoc '\(delimiter)' is never closed", offset: markerOffset)
    }

    /// The indentation `<<-` removes: the smallest over the lines that are not blank.
    private static func commonIndent(_ lines: [ArraySlice<Unicode.Scalar>]) -> Int {
        var smallest = Int.max
        for line in lines where line.contains(where: { $0 != " " && $0 != "\t" }) {
            smallest = min(smallest, line.prefix { $0 == " " || $0 == "\t" }.count)
        }
        return smallest == Int.max ? 0 : smallest
    }

    // MARK: - Trivia

    private func isCommentStart() -> Bool {
        peek() == "#" || (peek() == "/" && (peek(1) == "/" || peek(1) == "*"))
    }

    /// Moves past a comment; a line comment stops before its newline.
    private mutating func skipComment() {
        if peek() == "/" && peek(1) == "*" {
            offset += 2
            while !atEnd && !(peek() == "*" && peek(1) == "/") { offset += 1 }
            offset = min(offset + 2, scalars.count)
        } else {
            while let scalar = peek(), scalar != "\n" { offset += 1 }
        }
    }

    /// Skips spaces, tabs and comments, and newlines too when `newlines`.
    mutating func skipTrivia(newlines: Bool) {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{FEFF}" || (newlines && scalar == "\n") {
                offset += 1
            } else if isCommentStart() {
                // A block comment may hold newlines; it still counts as a space.
                skipComment()
            } else {
                return
            }
        }
    }
}
