/// A JSON/YAML value with the location of every node, built from Yams' node tree.
///
/// JSON is read through the same libyaml parser as YAML so that both get line and column for free.
/// Scalars are typed here, not by Yams' YAML 1.1 resolver: an unquoted `1e5` is a number in JSON,
/// and an unquoted `yes` is a string (YAML 1.2), which is what users of either format expect.
public struct SourceNode: Sendable {
    // Not `indirect`: the recursion goes through arrays, which are already references, so a node
    // needs no box of its own (one allocation less per value read).
    public enum Value: Sendable {
        case object([Member])
        case array([SourceNode])
        case string(String)
        /// The number as written, so that large integers and decimals are not rounded through Double.
        case number(String)
        case bool(Bool)
        case null
    }

    /// One key of an object, in file order.
    public struct Member: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SourceNode
    }

    public var value: Value
    public var location: SourceLocation
    /// A YAML tag such as `!Ref` or `!Sub`, kept for CloudFormation templates.
    public var tag: String?
    /// True for a YAML literal block scalar (`|`, `|-`): its text keeps the file's lines, so a
    /// definition written in one maps back to the file exactly.
    public var isLiteralBlock = false

    public init(_ value: Value, at location: SourceLocation, tag: String? = nil) {
        self.value = value
        self.location = location
        self.tag = tag
    }

    // MARK: - Access

    /// The members of an object, or nil.
    public var members: [Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The member named exactly `key`, compared by UTF-8 bytes as JSON compares keys (objects never
    /// hold duplicates: the parser rejects them).
    public func member(_ key: String) -> Member? {
        // `==` first: it is a quick comparison that equal bytes always pass (and for ASCII it is
        // the byte comparison itself); the bytes then decide between canonically equal keys.
        members?.first { $0.key == key && $0.key.utf8.elementsEqual(key.utf8) }
    }

    public subscript(key: String) -> SourceNode? { member(key)?.value }

    public var elements: [SourceNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// True for `null`, `~` or an empty YAML value.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The number as a Double, when it is a number.
    public var double: Double? {
        if case .number(let text) = value { return Double(text) }
        return nil
    }

    /// The number as an exact integer, when it is a whole number that fits in Int.
    public var integer: Int? {
        guard case .number(let text) = value else { return nil }
        if let exact = Int(text) { return exact }
        if let real = Double(text), real.rounded() == real, abs(real) < 9.0e18 { return Int(real) }
        return nil
    }

    /// A short name of the kind of value, for messages.
    public var kindName: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}
