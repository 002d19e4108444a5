/// Reads the subset of HCL (Terraform's configuration syntax) that sfncost needs: the block and
/// attribute structure of a `.tf` file, and literal expressions (objects, tuples, strings, numbers,
/// booleans, null, heredocs) as located `SourceNode` trees.
///
/// It is not a Terraform evaluator. Any other expression — a reference such as `var.x`, a function
/// call, a conditional — is kept as an opaque string `"${…}"` holding its source text, which is what
/// an ASL definition usually needs (a Lambda ARN, a queue URL). Every scan is iterative or depth
/// bounded (`maximumDepth`), and every loop advances, so hostile input ends in a located error.
///
/// The text is read as UTF-8 bytes (`HCLSourceText`): every offset below is a byte offset, and
/// locations are turned back into lines and columns counted in Unicode scalars.
///
/// Syntax reference: https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
struct HCLReader {
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
    /// `file`, looked up once for all the locations made here (`FileNames`).
    let internedFile: FileNames.File
    /// The text as UTF-8 bytes; every offset of this reader is a byte offset into it.
    let source: HCLSourceText
    /// Set for text taken out of a larger source (a string of a `.tf.json` file): every location is this one.
    var fixedLocation: SourceLocation?
    var offset = 0

    init(text: String, file: String) {
        self.file = file
        internedFile = FileNames.File(file)
        source = HCLSourceText(text)
    }

    var bytes: [UInt8] { source.bytes }

    // MARK: - Locations

    /// The 1-based line and column (in Unicode scalars, as libyaml counts) of an offset.
    func location(_ offset: Int) -> SourceLocation {
        if let fixedLocation { return fixedLocation }
        let (line, column) = source.lineAndColumn(offset)
        return SourceLocation(internedFile, line: line, column: column)
    }

    func text(_ range: Range<Int>) -> String {
        source.text(range)
    }

    // MARK: - Cursor

    /// The scalar `ahead` bytes after the cursor. Callers look further than the cursor only past
    /// ASCII characters they have just seen, so `ahead` bytes is `ahead` scalars.
    @inline(__always)
    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        source.scalar(at: offset + ahead)?.scalar
    }

    /// Whether the byte `ahead` of the cursor is the ASCII character `character` (ASCII only: a
    /// longer character is never one byte).
    @inline(__always)
    func sees(_ character: Unicode.Scalar, ahead: Int = 0) -> Bool {
        let index = offset + ahead
        return index < source.count && source.bytes[index] == UInt8(truncatingIfNeeded: character.value)
    }

    /// Moves past the scalar at the cursor, however many bytes it takes.
    @inline(__always)
    mutating func advance() {
        offset += source.scalar(at: offset)?.length ?? 1
    }

    var atEnd: Bool { offset >= source.count }

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
        while let (scalar, length) = source.scalar(at: offset) {
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
                try skipQuotedString(depth: depth + open.count)
            case "<" where peek(1) == "<":
                _ = try heredocLines()
            default:
                // Whole scalars: `end` must not stop inside a non-ASCII space or letter.
                offset += length
                if length == 1 {
                    // Then the run of ASCII bytes that this loop would only step over (none that it
                    // stops at, opens or closes, nor a comment's, string's or heredoc's start), in one go.
                    let bytes = source.bytes
                    if !HCLSourceText.isWhitespace(scalar) { end = offset }
                    while offset < bytes.count, Self.isSteppedOver(bytes[offset]) {
                        let byte = bytes[offset]
                        offset += 1
                        if !(byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)) { end = offset }
                    }
                    continue
                }
            }
            if !HCLSourceText.isWhitespace(scalar) { end = offset }
        }
        if !open.isEmpty && atEnd {
            throw Failure(message: "missing '\(open.last ?? "?")'", offset: offset)
        }
        return end
    }

    /// An ASCII byte that `skipExpression` only steps over: not a newline, `,`, a bracket, `"`, `<`
    /// (a heredoc), `#` or `/` (a comment), nor the start of a longer character.
    @inline(__always)
    private static func isSteppedOver(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "<"),
             UInt8(ascii: "#"), UInt8(ascii: "/"), 0x80...:
            return false
        default:
            return true
        }
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
            if atEnd || Self.endsValue(peek()) || (inObject && crossesLine(after..<offset)) {
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

    /// What may follow a literal that is a whole value: `,`, a line end, or a closing bracket.
    private static func endsValue(_ scalar: Unicode.Scalar?) -> Bool {
        switch scalar {
        case ",", "\n", "\r", "}", "]", ")": return true
        default: return false
        }
    }

    /// Whether a range of the text holds a newline.
    private func crossesLine(_ range: Range<Int>) -> Bool {
        source.bytes[range].contains(UInt8(ascii: "\n"))
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
            let crossedLine = crossesLine(afterValue..<offset)
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
        func digits(_ reader: inout HCLReader) -> Bool {
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
        guard let (first, length) = source.scalar(at: offset), HCLSourceText.isIdentifierStart(first) else { return nil }
        let start = offset
        offset += length
        while let (scalar, length) = source.scalar(at: offset), HCLSourceText.isIdentifierPart(scalar) {
            offset += length
        }
        return text(start..<offset)
    }

    /// Reads a quoted template string. Escapes are decoded; interpolations (`${…}`) and directives
    /// (`%{…}`) are kept as written, and `hasTemplate` tells whether there was any.
    mutating func quotedString(depth: Int) throws(Failure) -> (text: String, hasTemplate: Bool) {
        let bytes = source.bytes
        // Most strings hold no escape and no template: their text is the bytes between the quotes.
        let contentStart = offset + 1
        var plainEnd = contentStart
        while plainEnd < bytes.count, !Self.isSpecialInString(bytes[plainEnd]) { plainEnd += 1 }
        if plainEnd < bytes.count, bytes[plainEnd] == UInt8(ascii: "\"") {
            offset = plainEnd + 1
            return (text(contentStart..<plainEnd), false)
        }
        // The general path, from the first byte that is not plain.
        let start = offset
        var result = Array(bytes[contentStart..<plainEnd])
        var hasTemplate = false
        offset = plainEnd
        while offset < bytes.count {
            let byte = bytes[offset]
            guard Self.isSpecialInString(byte) else {
                result.append(byte)
                offset += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return (String(decoding: result, as: UTF8.self), hasTemplate)
            case UInt8(ascii: "\n"):
                throw Failure(message: "a quoted string cannot span lines (use a heredoc)", offset: offset)
            case UInt8(ascii: "\\"):
                offset += 1
                guard let (escaped, length) = source.scalar(at: offset) else { break }
                offset += length
                switch escaped {
                case "n": result.append(UInt8(ascii: "\n"))
                case "t": result.append(UInt8(ascii: "\t"))
                case "r": result.append(UInt8(ascii: "\r"))
                case "u", "U":
                    // Exactly 4 (8) hex digits; any non-ASCII byte among them fails the parse, as the
                    // scalar it belongs to would.
                    let count = escaped == "u" ? 4 : 8
                    let hex = text(offset..<(offset + count))
                    guard offset + count <= bytes.count, let code = UInt32(hex, radix: 16),
                          let decoded = Unicode.Scalar(code) else {
                        throw Failure(message: "invalid \\\(escaped) escape", offset: offset - 2)
                    }
                    result.append(contentsOf: decoded.utf8)
                    offset += count
                default: result.append(contentsOf: bytes[(offset - length)..<offset])
                }
            default:  // `$` or `%`
                if sees("{", ahead: 1) {
                    hasTemplate = true
                    let from = offset
                    try skipTemplate(depth: depth + 1)
                    result.append(contentsOf: bytes[from..<offset])
                } else if sees(Unicode.Scalar(byte), ahead: 1) && sees("{", ahead: 2) {
                    // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
                    result.append(byte)
                    result.append(UInt8(ascii: "{"))
                    offset += 3
                } else {
                    result.append(byte)
                    offset += 1
                }
            }
        }
        throw Failure(message: "unterminated string", offset: start)
    }

    /// Moves past a quoted string, with the same errors as `quotedString` but building no text.
    mutating func skipQuotedString(depth: Int) throws(Failure) {
        let bytes = source.bytes
        let start = offset
        offset += 1  // "
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return
            case UInt8(ascii: "\n"):
                throw Failure(message: "a quoted string cannot span lines (use a heredoc)", offset: offset)
            case UInt8(ascii: "\\"):
                offset += 1
                guard let (escaped, length) = source.scalar(at: offset) else { break }
                offset += length
                if escaped == "u" || escaped == "U" {
                    let count = escaped == "u" ? 4 : 8
                    guard offset + count <= bytes.count, let code = UInt32(text(offset..<(offset + count)), radix: 16),
                          Unicode.Scalar(code) != nil else {
                        throw Failure(message: "invalid \\\(escaped) escape", offset: offset - 2)
                    }
                    offset += count
                }
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                if sees("{", ahead: 1) {
                    try skipTemplate(depth: depth + 1)
                } else if sees(Unicode.Scalar(bytes[offset]), ahead: 1) && sees("{", ahead: 2) {
                    offset += 3  // `$${` or `%%{`
                } else {
                    offset += 1
                }
            default:
                offset += 1
            }
        }
        throw Failure(message: "unterminated string", offset: start)
    }

    /// The bytes a quoted string cannot copy as they are: its end, escapes, templates, a newline.
    @inline(__always)
    private static func isSpecialInString(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$")
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\n")
    }

    /// Moves past `${…}` or `%{…}`, including nested strings and braces.
    mutating func skipTemplate(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else {
            throw Failure(message: "interpolations nest deeper than \(Self.maximumDepth) levels", offset: offset)
        }
        let start = offset
        offset += 2  // ${
        var braces = 1
        let bytes = source.bytes
        // Byte by byte: it stops only at ASCII characters, which never sit inside a longer one.
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""): try skipQuotedString(depth: depth + 1)
            case UInt8(ascii: "{"): braces += 1; offset += 1
            case UInt8(ascii: "}"):
                braces -= 1
                offset += 1
                if braces == 0 { return }
            case UInt8(ascii: "<") where sees("<", ahead: 1): _ = try heredocLines()
            default: offset += 1
            }
        }
        throw Failure(message: "unterminated '${' interpolation", offset: start)
    }

    /// Reads `<<ID` or `<<-ID`, the lines up to one that holds only `ID`, and returns the body.
    mutating func heredoc() throws(Failure) -> Heredoc {
        let markerOffset = offset
        let (lines, indented, bodyStart) = try heredocLines()
        let bytes = source.bytes
        // Spaces and tabs are one byte each, so the indentation in bytes is the one in scalars.
        let indent = indented ? Self.commonIndent(lines, in: bytes) : 0
        var body: [UInt8] = []
        body.reserveCapacity(lines.last.map { $0.upperBound - bodyStart + 1 } ?? 0)
        for line in lines {
            body.append(contentsOf: bytes[(line.lowerBound + min(indent, line.count))..<line.upperBound])
            body.append(UInt8(ascii: "\n"))
        }
        return Heredoc(text: String(decoding: body, as: UTF8.self), firstLine: location(bodyStart).line,
                       strippedIndent: indent, markerOffset: markerOffset)
    }

    /// Moves past a heredoc (`<<ID` or `<<-ID` up to the line that holds only `ID`) and returns its
    /// body's lines, each without its line end. The closing line ends the heredoc; the cursor stops
    /// before the newline after it, which ends the attribute.
    private mutating func heredocLines() throws(Failure) -> (lines: [Range<Int>], indented: Bool, bodyStart: Int) {
        let markerOffset = offset
        offset += 2  // <<
        let indented = peek() == "-"
        if indented { offset += 1 }
        let delimiterStart = offset
        guard identifier() != nil else {
            throw Failure(message: "expected a heredoc delimiter after '<<'", offset: offset)
        }
        let bytes = source.bytes
        let delimiter = bytes[delimiterStart..<offset]
        if peek() == "\r" { offset += 1 }
        guard peek() == "\n" else {
            throw Failure(message: "a heredoc delimiter must end its line", offset: offset)
        }
        offset += 1
        let bodyStart = offset
        var lines: [Range<Int>] = []
        while !atEnd {
            let lineStart = offset
            offset = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var lineEnd = offset
            if lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            var first = lineStart
            while first < lineEnd && Self.isIndent(bytes[first]) { first += 1 }
            if bytes[first..<lineEnd].elementsEqual(delimiter) {
                return (lines, indented, bodyStart)
            }
            lines.append(lineStart..<lineEnd)
            if !atEnd { offset += 1 }
        }
        throw Failure(message: "heredoc '\(String(decoding: delimiter, as: UTF8.self))' is never closed", offset: markerOffset)
    }

    /// The indentation `<<-` removes: the smallest over the lines that are not blank.
    private static func commonIndent(_ lines: [Range<Int>], in bytes: [UInt8]) -> Int {
        var smallest = Int.max
        for line in lines {
            var first = line.lowerBound
            while first < line.upperBound && isIndent(bytes[first]) { first += 1 }
            if first < line.upperBound { smallest = min(smallest, first - line.lowerBound) }
        }
        return smallest == Int.max ? 0 : smallest
    }

    @inline(__always)
    private static func isIndent(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    // MARK: - Trivia

    private func isCommentStart() -> Bool {
        sees("#") || (sees("/") && (sees("/", ahead: 1) || sees("*", ahead: 1)))
    }

    /// Moves past a comment; a line comment stops before its newline.
    private mutating func skipComment() {
        let bytes = source.bytes
        if sees("/") && sees("*", ahead: 1) {
            offset += 2
            while offset < bytes.count && !(bytes[offset] == UInt8(ascii: "*") && sees("/", ahead: 1)) { offset += 1 }
            offset = min(offset + 2, bytes.count)
        } else {
            offset = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        }
    }

    /// Skips spaces, tabs and comments, and newlines too when `newlines`.
    mutating func skipTrivia(newlines: Bool) {
        let bytes = source.bytes
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "\n") where newlines:
                offset += 1
            case 0xEF where offset + 2 < bytes.count && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF:
                offset += 3  // U+FEFF (a byte order mark) in UTF-8
            case UInt8(ascii: "#"), UInt8(ascii: "/"):
                // A block comment may hold newlines; it still counts as a space.
                guard isCommentStart() else { return }
                skipComment()
            default:
                return
            }
        }
    }
}
