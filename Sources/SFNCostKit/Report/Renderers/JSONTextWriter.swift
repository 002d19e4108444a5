/// Writes JSON text in the layout of Foundation's `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` followed by `DisplayText.jsonSafe`: the bytes `PrettyJSONEncoder` writes,
/// for types that write their own members (`JSONTextWritable`), already in key order.
///
/// Why: driving `PrettyJSONEncoder` through `Codable` cost ~145 M instructions for the corpus's
/// report, nearly all of it `Codable`'s generic machinery (existential containers, a dynamic cast
/// and a metadata lookup per value, a sort of every object's keys). A report type that writes its
/// members here in sorted order does none of that. `Codable` stays the reference: tests compare this
/// writer with Foundation's encoder on whole reports and on edge values, so a key added to a type
/// and not here, or a key out of order, fails a test.
///
/// Layout (Foundation's): `{`, a newline, the members each indented two spaces per level as
/// `"key" : value` and separated by `,` and a newline, a newline, the closing bracket at the
/// container's own indentation. An empty container is its brackets with two newlines between.
struct JSONTextWriter {
    /// The document so far.
    var bytes: [UInt8] = []
    /// The innermost open container's depth: its members are indented `level` steps.
    private(set) var level: Int
    /// Whether the next member or element follows another one (`,` and a newline go before it).
    private var followsMember: Bool
    /// Set when a value cannot be written as Foundation writes it (a NaN or infinite Double, for
    /// which Foundation throws naming the coding path): the caller then leaves the whole value to the
    /// `Codable` path, whose error is Foundation's.
    private(set) var failed = false

    /// A writer at the top level; or, to write elements of an array open at `level - 1` into a
    /// separate buffer (spliced in order later), at that level, after other elements or not.
    init(level: Int = 0, followsMember: Bool = false) {
        self.level = level
        self.followsMember = followsMember
    }

    // MARK: Containers

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(0x0A)
        level += 1
        followsMember = false
    }

    /// A newline, the indentation and the bracket, appended at once.
    private mutating func close(_ bracket: UInt8) {
        level -= 1
        followsMember = true
        let indent = 2 * level
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: indent + 2) { buffer in
            buffer[0] = 0x0A
            (buffer.baseAddress! + 1).initialize(repeating: 0x20, count: indent)
            buffer[indent + 1] = bracket
            bytes.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// Starts a member of the innermost object: `"key" : `. Keys are the types' own ASCII names, which
    /// need no escape (the tests compare every key with Foundation's).
    mutating func key(_ key: StaticString) {
        beginItem(key: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    /// Starts a member whose key is not a literal (`%SRCROOT%`, a fingerprint's key): escaped as
    /// any string.
    mutating func key(escaping key: String) {
        beginItem()
        PrettyJSONBytes.appendString(key, to: &bytes)
        appendStatic(" : ")
    }

    /// Starts an element of the innermost array.
    mutating func beginItem() {
        beginItem(key: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// `,` and a newline unless first, the indentation, and `"key" : ` when there is a key: put
    /// together on the stack and appended at once (one append instead of a dozen: this is written
    /// before every value of the report).
    private mutating func beginItem(key: UnsafeBufferPointer<UInt8>) {
        let separator = followsMember ? 2 : 0, indent = 2 * level
        let total = separator + indent + (key.isEmpty ? 0 : key.count + 5)
        followsMember = true
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { buffer in
            var index = 0
            if separator > 0 {
                buffer[0] = UInt8(ascii: ",")
                buffer[1] = 0x0A
                index = 2
            }
            if indent > 0 { (buffer.baseAddress! + index).initialize(repeating: 0x20, count: indent) }
            index += indent
            if let keyBytes = key.baseAddress, !key.isEmpty {
                buffer[index] = 0x22
                (buffer.baseAddress! + index + 1).initialize(from: keyBytes, count: key.count)
                index += key.count + 1
                buffer[index] = 0x22
                buffer[index + 1] = 0x20
                buffer[index + 2] = UInt8(ascii: ":")
                buffer[index + 3] = 0x20
            }
            bytes.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    private mutating func appendStatic(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Elements written into another writer (made with `init(level:followsMember:)` at this level),
    /// appended here as they are.
    mutating func appendElements(of other: JSONTextWriter) {
        bytes.append(contentsOf: other.bytes)
        if other.followsMember { followsMember = true }
        if other.failed { failed = true }
    }

    // MARK: Members and values

    /// `"key" : value`.
    mutating func member<Value: JSONTextWritable>(_ key: StaticString, _ value: Value) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    mutating func null() { appendStatic("null") }

    mutating func string(_ value: String) { PrettyJSONBytes.appendString(value, to: &bytes) }

    mutating func integer(_ value: Int) { PrettyJSONBytes.appendInteger(value, to: &bytes) }

    /// A whole number as Foundation writes a `Decimal` holding it (its digits).
    mutating func integer(_ value: UInt64) { PrettyJSONBytes.appendInteger(value, to: &bytes) }

    mutating func double(_ value: Double) {
        guard value.isFinite else {
            failed = true
            return
        }
        PrettyJSONBytes.appendDouble(value, to: &bytes)
    }

    mutating func bool(_ value: Bool) { appendStatic(value ? "true" : "false") }
}

/// A value that writes itself with a `JSONTextWriter`: exactly the bytes its `encode(to:)` gives
/// through Foundation's encoder (sorted keys, every key its `Codable` conformance writes).
protocol JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter)
}

extension String: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) { json.string(self) }
}

extension Int: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) { json.integer(self) }
}

extension Double: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) { json.double(self) }
}

extension Bool: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) { json.bool(self) }
}

/// `null` when nil, as `NullEncoded` and `Figure` write it. (A synthesized `Codable` omits a nil
/// optional instead: such a member is written with `if let`.)
extension Optional: JSONTextWritable where Wrapped: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        if let value = self { value.writeJSON(to: &json) } else { json.null() }
    }
}

extension Array: JSONTextWritable where Element: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openArray()
        for element in self {
            json.beginItem()
            element.writeJSON(to: &json)
        }
        json.closeArray()
    }
}

/// An enum written as its raw value, as `Codable` writes a `String`-backed enum.
protocol JSONTextRawString: JSONTextWritable, RawRepresentable where RawValue == String {}

extension JSONTextRawString {
    func writeJSON(to json: inout JSONTextWriter) { json.string(rawValue) }
}
