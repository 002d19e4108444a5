import CYaml

/// Builds the located `SourceNode` tree of a YAML document straight from libyaml's parser events
/// (libyaml is the C library Yams ships as `CYaml`). No intermediate tree is built: each scalar is
/// typed and located as its event arrives, collections are assembled on an explicit stack (so
/// nesting costs no recursion), and duplicate keys cost one hash insert per key.
///
/// What it reads is what composing with Yams' basic resolver and converting gave, error for error:
/// - aliases expand to a copy of the anchored node (located where the anchor is), an anchor is
///   usable once its node is complete, and a later anchor of the same name shadows the earlier;
///   a merge key `<<` is an ordinary key (nothing is merged);
/// - a tag that starts with `!` (`!Ref`, `!Sub`, `!GetAtt` …) is kept; `!`, `!!str` and other
///   `tag:yaml.org,2002:` tags are not;
/// - plain scalars are typed as JSON types them (`typedPlainScalar`), every other scalar is a string;
/// - two keys are the same key when their text and tag are (a plain `1` and a quoted `"1"` are one
///   key); the duplicate is reported at its second occurrence when its mapping ends, as Yams did;
/// - syntax errors, duplicate keys, undefined aliases and a second document are reported first
///   (they were the composer's); a key that is not a scalar and a document that expands past
///   `maximumNodes` values come after, the first of them in document order (the conversion's).
enum YAMLEventReader {
    /// The document's root, or nil when the stream holds no document (only comments, say).
    /// `text` must not start with a byte order mark (the caller drops it, so columns on line 1
    /// count from the first character after it).
    /// `predecoding`: whether libyaml may be handed the text decoded (`YAMLPredecodedInput`); false
    /// only in tests, which compare both ways.
    static func read(_ text: String, file: String, maximumNodes: Int,
                     predecoding: Bool = true) throws(InputError) -> SourceNode? {
        // An empty text holds no document (and libyaml must not be given a null buffer).
        if text.isEmpty { return nil }
        var text = text
        let outcome = text.withUTF8 { bytes -> Result<SourceNode?, InputError> in
            var builder = TreeBuilder(file: file, text: bytes, maximumNodes: maximumNodes, predecoding: predecoding)
            do throws(InputError) {
                return .success(try builder.run())
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}

/// One pass over libyaml's events; see `YAMLEventReader`.
private struct TreeBuilder {
    /// A sequence or mapping whose end event has not come yet.
    struct Collection {
        let isMapping: Bool
        let location: SourceLocation
        let tag: String?
        let anchor: String?
        /// `valuesCounted` before this collection was counted; the difference at its end is how
        /// many values it holds (itself included), which an alias to it adds.
        let countedBefore: Int
        /// Where this collection's children start in the builder's `members` (a mapping) or
        /// `elements` (a sequence).
        let childStart: Int
        /// Mapping only: true when the next node is a key.
        var expectsKey = true
        /// Mapping only: the key waiting for its value; nil after a key that is not a scalar.
        var key: (text: String, location: SourceLocation)?
        /// Where this collection's keys start in the builder's `keys` (nested collections' keys
        /// come after them and are gone again when those close).
        let keyStart: Int
        /// Mapping only, once it has more than `linearKeyLimit` keys: each key's identity and the
        /// line it was first seen on, hashed (smaller mappings are searched in `keys`).
        var keyIndex: [String: Int]?
        /// Mapping only: the duplicate to report when the mapping ends (Yams reported the
        /// alphabetically first duplicated key, at its second occurrence).
        var duplicate: (text: String, firstLine: Int, second: SourceLocation)?
    }

    /// What an anchor names: the node (nil once nothing is built any more, see `stopped`), how many
    /// values it holds, and, for a scalar, its text and key identity (an alias may be a key).
    struct Anchored {
        let node: SourceNode?
        let location: SourceLocation
        let count: Int
        let scalarKey: (text: String, identity: String)?
    }

    /// The file every location names, looked up once (`FileNames`).
    let file: FileNames.File
    let text: UnsafeBufferPointer<UInt8>
    let maximumNodes: Int
    let predecoding: Bool

    var stack: [Collection] = []
    /// The finished children of the open collections, moved into each one's array when it closes.
    let members = ScratchStack<SourceNode.Member>()
    let elements = ScratchStack<SourceNode>()
    /// The distinct keys of the open mappings, each mapping's after its enclosing mapping's: a key's
    /// identity (`keyIdentity`) and the line it was first seen on. A mapping of a few keys (most of
    /// them) finds a duplicate by comparing with its own; a larger one hashes them (`keyIndex`).
    var keys: [(identity: String, line: Int)] = []
    static let linearKeyLimit = 16
    /// Emptied key tables of closed large mappings, kept with their capacity for the next ones.
    var spareKeyTables: [[String: Int]] = []
    var anchors: [String: Anchored] = [:]
    var root: SourceNode?
    var documentRead = false
    /// Values built so far, aliases counted at their full size (keys are not values).
    var valuesCounted = 0
    /// The first conversion error (a key that is not a scalar, too many values). Once set, nothing
    /// more is built, but the events are still read: a syntax or duplicate-key error anywhere in the
    /// file is reported before it, as it was when the whole document was composed first.
    var stopped: InputError?

    init(file: String, text: UnsafeBufferPointer<UInt8>, maximumNodes: Int, predecoding: Bool) {
        self.file = FileNames.File(file)
        self.text = text
        self.maximumNodes = maximumNodes
        self.predecoding = predecoding
    }

    var building: Bool { stopped == nil }

    /// Whether the next node is a key of the innermost mapping.
    var nextIsKey: Bool {
        guard let top = stack.indices.last else { return false }
        return stack[top].isMapping && stack[top].expectsKey
    }

    mutating func run() throws(InputError) -> SourceNode? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            event.deallocate()
            parser.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            throw InputError("Input.Syntax", "cannot parse: Memory error", at: location(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, text.baseAddress, text.count)
        // The text is handed over decoded when libyaml's reader would accept all of it (declared
        // after the parser's deletion, so it is undone before that runs).
        let predecoded = predecoding ? YAMLPredecodedInput(text, into: parser) : nil
        defer { predecoded?.release(from: parser) }

        while true {
            guard yaml_parser_parse(parser, event) == 1 else { throw syntaxError(parser.pointee) }
            defer { yaml_event_delete(event) }
            let mark = event.pointee.start_mark
            switch event.pointee.type {
            case YAML_DOCUMENT_START_EVENT:
                if documentRead {
                    throw syntax("but found another document", at: mark)
                }
                documentRead = true
            case YAML_STREAM_END_EVENT:
                if let stopped { throw stopped }
                return root
            case YAML_SCALAR_EVENT:
                scalar(event, at: mark)
            case YAML_ALIAS_EVENT:
                try alias(event.pointee.data.alias.anchor, at: mark)
            case YAML_SEQUENCE_START_EVENT:
                let start = event.pointee.data.sequence_start
                open(isMapping: false, tag: start.tag, anchor: start.anchor, at: mark)
            case YAML_MAPPING_START_EVENT:
                let start = event.pointee.data.mapping_start
                open(isMapping: true, tag: start.tag, anchor: start.anchor, at: mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close()
            default:
                break // stream start, document end
            }
        }
    }

    // MARK: - Events

    mutating func scalar(_ event: UnsafeMutablePointer<yaml_event_t>, at mark: yaml_mark_t) {
        let data = event.pointee.data.scalar
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let loc = location(mark)
        let rawTag = data.tag.map { String(cString: $0) }
        let isKey = nextIsKey
        // Most scalars have no anchor: a key is only recorded, a value is built and placed. This
        // is what the general way below does for them, without its optional node and its copies.
        if data.anchor == nil {
            if isKey {
                let keyText = String(decoding: bytes, as: UTF8.self)
                return addKey((keyText, Self.keyIdentity(keyText, rawTag: rawTag)), at: loc)
            }
            guard building else { return add(nil) }
            count(at: loc)
            var built = SourceNode(data.style == YAML_PLAIN_SCALAR_STYLE ? Self.typedPlainScalar(bytes)
                                                                          : .string(String(decoding: bytes, as: UTF8.self)),
                                   at: loc, tag: Self.keptTag(rawTag))
            built.isLiteralBlock = data.style == YAML_LITERAL_SCALAR_STYLE
            return place(consume built)
        }
        var node: SourceNode?
        var text: String?
        // A key is not a value and is not built, unless an anchor may bring it back as one.
        if building && (!isKey || data.anchor != nil) {
            if !isKey { count(at: loc) }
            let value: SourceNode.Value
            if data.style == YAML_PLAIN_SCALAR_STYLE {
                value = Self.typedPlainScalar(bytes)
            } else {
                text = String(decoding: bytes, as: UTF8.self)
                value = .string(text!)
            }
            var built = SourceNode(value, at: loc, tag: Self.keptTag(rawTag))
            built.isLiteralBlock = data.style == YAML_LITERAL_SCALAR_STYLE
            node = built
        }
        var scalarKey: (text: String, identity: String)?
        if isKey || data.anchor != nil {
            let keyText = text ?? String(decoding: bytes, as: UTF8.self)
            scalarKey = (keyText, Self.keyIdentity(keyText, rawTag: rawTag))
        }
        if let anchor = data.anchor {
            anchors[String(cString: anchor)] = Anchored(node: node, location: loc, count: 1, scalarKey: scalarKey)
        }
        if isKey {
            addKey(scalarKey, at: loc)
        } else {
            add(node)
        }
    }

    mutating func alias(_ name: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) throws(InputError) {
        guard let name, let anchored = anchors[String(cString: name)] else {
            throw syntax("found undefined alias", at: mark)
        }
        if nextIsKey {
            // Yams put the anchored node itself in the key's place, located where the anchor is.
            addKey(anchored.scalarKey, at: anchored.location)
            return
        }
        guard building, let node = anchored.node else { return add(nil) }
        if anchored.count > maximumNodes - valuesCounted {
            // The conversion counted value by value, first to last: name the one over the limit.
            var remaining = maximumNodes - valuesCounted
            stop(tooLarge(at: Self.nodeBeyond(&remaining, in: node) ?? node.location))
            return add(nil)
        }
        valuesCounted += anchored.count
        add(node)
    }

    mutating func open(isMapping: Bool, tag: UnsafeMutablePointer<yaml_char_t>?,
                       anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) {
        let loc = location(mark)
        if nextIsKey {
            stop(InputError("Input.ComplexKey", "object keys must be strings", at: loc))
        }
        let countedBefore = valuesCounted
        if building { count(at: loc) }
        let collection = Collection(isMapping: isMapping, location: loc,
                                    tag: Self.keptTag(tag.map { String(cString: $0) }),
                                    anchor: anchor.map { String(cString: $0) }, countedBefore: countedBefore,
                                    childStart: isMapping ? members.count : elements.count, keyStart: keys.count)
        stack.append(collection)
    }

    mutating func close() throws(InputError) {
        var collection = stack.removeLast()
        // One by one: a mapping has few keys, and the single removal is the cheap one.
        while keys.count > collection.keyStart { keys.removeLast() }
        if var table = collection.keyIndex, spareKeyTables.count < 64 {
            collection.keyIndex = nil
            table.removeAll(keepingCapacity: true)
            spareKeyTables.append(table)
        }
        if let duplicate = collection.duplicate {
            throw InputError("Input.DuplicateKey",
                             "duplicate key '\(duplicate.text)' (first at line \(duplicate.firstLine)): a state name or field may appear only once",
                             at: duplicate.second)
        }
        var node: SourceNode?
        if building {
            node = SourceNode(collection.isMapping ? .object(members.take(from: collection.childStart))
                                                   : .array(elements.take(from: collection.childStart)),
                              at: collection.location, tag: collection.tag)
        } else if collection.isMapping {
            members.removeAll(from: collection.childStart)
        } else {
            elements.removeAll(from: collection.childStart)
        }
        if let anchor = collection.anchor {
            anchors[anchor] = Anchored(node: node, location: collection.location,
                                       count: valuesCounted - collection.countedBefore, scalarKey: nil)
        }
        if nextIsKey {
            // A collection as a key: already stopped on at its start.
            addKey(nil, at: collection.location)
        } else {
            add(node)
        }
    }

    // MARK: - Assembly

    /// Puts a finished value in its place: the root, the next element, or the value of the pending key.
    /// (The node is `consuming` here and in `place`: moved into the tree, not copied and destroyed.)
    mutating func add(_ node: consuming SourceNode?) {
        if node != nil { return place(node.take()!) }
        guard !stack.isEmpty else {
            root = nil
            return
        }
        let top = stack.count - 1
        if stack[top].isMapping { stack[top].expectsKey = true }
    }

    /// `add` for a value that was built.
    mutating func place(_ node: consuming SourceNode) {
        guard !stack.isEmpty else {
            root = consume node
            return
        }
        let top = stack.count - 1
        if stack[top].isMapping {
            stack[top].expectsKey = true
            // Taken, not copied: the next key replaces it anyway.
            if let key = stack[top].key.take() {
                members.push(.init(key: key.text, keyLocation: key.location, value: consume node))
            }
        } else {
            elements.push(consume node)
        }
    }

    /// Records a key of the innermost mapping; `key` is nil for a key that is not a scalar.
    mutating func addKey(_ key: consuming (text: String, identity: String)?, at loc: SourceLocation) {
        let top = stack.count - 1
        stack[top].expectsKey = false
        guard let key else {
            stop(InputError("Input.ComplexKey", "object keys must be strings", at: loc))
            stack[top].key = nil
            return
        }
        stack[top].key = (key.text, loc)
        let firstLine = firstLine(of: key.identity, at: loc.line, inMappingAt: top)
        if firstLine != 0, stack[top].duplicate.map({ key.text < $0.text }) ?? true {
            stack[top].duplicate = (key.text, firstLine, loc)
        }
    }

    /// The line where the mapping at `top` first had the key `identity`, or 0 when it is new (it is
    /// then recorded, at `line`). Compared one by one while the mapping is small; past that, one
    /// hash insert per key.
    mutating func firstLine(of identity: String, at line: Int, inMappingAt top: Int) -> Int {
        let start = stack[top].keyStart
        if stack[top].keyIndex == nil {
            for position in start..<keys.count where keys[position].identity == identity {
                return keys[position].line
            }
            keys.append((identity, line))
            if keys.count - start > Self.linearKeyLimit {
                var table = spareKeyTables.popLast() ?? [:]
                for entry in keys[start...] { table[entry.identity] = entry.line }
                stack[top].keyIndex = table
            }
            return 0
        }
        return Self.insert(line, into: &stack[top].keyIndex![identity, default: 0])
    }

    /// Stores `line` in a fresh slot (0) and returns 0, or returns the line already there.
    static func insert(_ line: Int, into slot: inout Int) -> Int {
        if slot == 0 {
            slot = line
            return 0
        }
        return slot
    }

    /// Counts one value; past the limit, stops building.
    mutating func count(at loc: SourceLocation) {
        valuesCounted += 1
        if valuesCounted > maximumNodes { stop(tooLarge(at: loc)) }
    }

    mutating func stop(_ error: InputError) {
        if stopped == nil { stopped = error }
    }

    func tooLarge(at loc: SourceLocation) -> InputError {
        InputError("Input.TooLarge",
                   "document expands to more than \(maximumNodes) values (aliases?)", at: loc)
    }

    /// The value of `node` (in document order, the node first) at which `remaining` runs out.
    static func nodeBeyond(_ remaining: inout Int, in node: SourceNode) -> SourceLocation? {
        remaining -= 1
        if remaining < 0 { return node.location }
        switch node.value {
        case .object(let members):
            for member in members {
                if let found = nodeBeyond(&remaining, in: member.value) { return found }
            }
        case .array(let elements):
            for element in elements {
                if let found = nodeBeyond(&remaining, in: element) { return found }
            }
        default:
            break
        }
        return nil
    }

    // MARK: - Scalars, tags, keys

    /// JSON typing for a plain scalar: null, true and false in YAML's spellings, numbers that parse
    /// as a Double (kept as written), and strings.
    static func typedPlainScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> SourceNode.Value {
        switch bytes.count {
        case 0: return .null
        case 1 where bytes[0] == UInt8(ascii: "~"): return .null
        case 4:
            if matches(bytes, "null", "Null", "NULL") { return .null }
            if matches(bytes, "true", "True", "TRUE") { return .bool(true) }
        case 5:
            if matches(bytes, "false", "False", "FALSE") { return .bool(false) }
        default: break
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if looksNumeric(bytes), Double(text) != nil { return .number(text) }
        return .string(text)
    }

    /// Whether `bytes` is one of three spellings (three parameters, not a variadic list: no array
    /// is built per scalar).
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ first: StaticString,
                                _ second: StaticString, _ third: StaticString) -> Bool {
        func equal(_ spelling: StaticString) -> Bool { spelling.withUTF8Buffer { $0.elementsEqual(bytes) } }
        return equal(first) || equal(second) || equal(third)
    }

    /// Starts with a sign, a point or a digit, and holds nothing but digits, signs, points and e/E.
    private static func looksNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isNumberCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): return true
            default: return false
            }
        }
        guard let first = bytes.first, first != UInt8(ascii: "e"), first != UInt8(ascii: "E") else { return false }
        return bytes.allSatisfy(isNumberCharacter)
    }

    /// The tag kept on the node: one that starts with `!` (a local tag such as `!Ref`), not the
    /// non-specific `!` itself. libyaml expands `!!str` to `tag:yaml.org,2002:str`, which is not kept.
    static func keptTag(_ raw: String?) -> String? {
        guard let raw, raw.utf8.count > 1, raw.utf8.first == UInt8(ascii: "!") else { return nil }
        return raw
    }

    /// What makes two keys the same key: the text and the resolved tag. Untagged scalars (and `!`,
    /// `!!str`) resolve to the string tag, so `1` and `"1"` are one key, `!Ref A` and `A` two.
    /// Untagged keys are their own text (escaped if they start with NUL, so no text can pass for a
    /// tagged key); tagged keys are NUL, the tag, NUL, the text.
    static func keyIdentity(_ text: String, rawTag: String?) -> String {
        if let rawTag, !rawTag.isEmpty, rawTag != "!", rawTag != "tag:yaml.org,2002:str" {
            return "\u{0}" + rawTag + "\u{0}" + text
        }
        return text.utf8.first == 0 ? "\u{0}\u{0}" + text : text
    }

    // MARK: - Locations and errors

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        location(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file, line: max(line, 1), column: max(column, 1))
    }

    func syntax(_ problem: String, at mark: yaml_mark_t) -> InputError {
        InputError("Input.Syntax", "not valid JSON or YAML: \(problem)", at: location(mark))
    }

    /// libyaml's error, located: the scanner's and parser's at their problem mark; the reader's
    /// (a character YAML does not allow) at the first such character, which libyaml does not locate.
    func syntaxError(_ parser: yaml_parser_t) -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            return syntax(problem, at: parser.problem_mark)
        case YAML_READER_ERROR:
            if let found = SourceDocument.firstDisallowedCharacter(in: String(decoding: text, as: UTF8.self)) {
                let code = String(found.scalar.value, radix: 16)
                let escape = String(repeating: "0", count: max(0, 4 - code.count)) + code
                return InputError("Input.ControlCharacter",
                                  "control character \(Self.unicodeName(found.scalar)) is not allowed in JSON or YAML text; inside a string write it as an escape (\\u\(escape))",
                                  at: location(line: found.line, column: found.column))
            }
            return InputError("Input.Syntax", "cannot read: \(problem)", at: location(line: 1, column: 1))
        default:
            return InputError("Input.Syntax", "cannot parse: Memory error", at: location(line: 1, column: 1))
        }
    }

    /// "U+001B (ESC)" for the controls people meet, else "U+0007".
    static func unicodeName(_ scalar: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"]
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }
}
