import Foundation

/// Values for the `${…}` placeholders of a definition, as the deployment fills them: a template's
/// `DefinitionSubstitutions`, `!Sub` variables and parameter defaults, serverless variables.
///
/// Only what the file itself fixes is known: a literal (`TimeoutSeconds: 300`, `Bucket: my-bucket`)
/// or a `!Ref` to a parameter with a literal `Default`. Everything else (`!GetAtt`, `!Sub`, a parameter
/// without a default, `AWS::Region`) stays a placeholder, which is readable and keeps the JSON valid
/// inside a string; in a number's place it is treated as absent (`DeployTimePlaceholders`).
struct PlaceholderValues: Sendable {
    /// Placeholder name (the text between `${` and `}`, trimmed) → the value's text.
    var values: [String: String] = [:]
    /// Placeholders that are expressions rather than names (serverless `self:custom.x`).
    var lookup: (@Sendable (String) -> String?)? = nil

    var isEmpty: Bool { values.isEmpty && lookup == nil }

    func value(_ inner: String) -> String? { values[inner.trimmingCharacters(in: .whitespaces)] ?? lookup?(inner) }

    /// A resolver for `EmbeddedSource`, or nil when nothing is known.
    var resolver: (@Sendable (String) -> String?)? {
        guard !isEmpty else { return nil }
        let copy = self
        return { copy.value($0) }
    }

    /// Adds `other`'s values where `self` has none.
    func merging(_ other: PlaceholderValues) -> PlaceholderValues {
        PlaceholderValues(values: values.merging(other.values) { mine, _ in mine }, lookup: lookup ?? other.lookup)
    }

    /// `DefinitionSubstitutions` (or `!Sub` variables): each key whose value is a literal or a `!Ref`
    /// to a parameter with a literal default.
    static func cloudFormation(_ map: SourceNode?, parameters: SourceNode?) -> PlaceholderValues {
        var result = PlaceholderValues()
        for member in map?.members ?? [] {
            if let text = literalText(member.value, parameters: parameters) { result.values[member.key] = text }
        }
        return result
    }

    /// `${Param}` in a `!Sub` string: every parameter with a literal default.
    static func parameterDefaults(_ parameters: SourceNode?) -> PlaceholderValues {
        var result = PlaceholderValues()
        for member in parameters?.members ?? [] {
            if let text = member.value["Default"].flatMap(scalarText) { result.values[member.key] = text }
        }
        return result
    }

    /// A literal's text, or the default of the parameter a `!Ref`/`{Ref: …}` names.
    static func literalText(_ node: SourceNode, parameters: SourceNode?) -> String? {
        if let text = scalarText(node) { return text }
        let referenced: String?
        if node.tag == "!Ref" { referenced = node.string } else if node.members?.count == 1 { referenced = node["Ref"]?.string } else { referenced = nil }
        guard let referenced, let parameter = parameters?[referenced] else { return nil }
        return parameter["Default"].flatMap(scalarText)
    }

    /// An untagged string, number or boolean as text.
    static func scalarText(_ node: SourceNode) -> String? {
        guard node.tag == nil else { return nil }
        switch node.value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }
}

/// Placeholders in a definition that is already a tree (a template's inline `Definition`, a
/// serverless `definition`): string values are filled in place, so every location stays exact.
enum PlaceholderTree {
    /// Fills the placeholders `values` knows. A string that is one placeholder and whose value is a
    /// number or boolean becomes that number or boolean (`TimeoutSeconds: ${timeout}`).
    static func substitute(_ node: SourceNode, _ values: PlaceholderValues, depth: Int = 0) -> SourceNode {
        guard !values.isEmpty else { return node }
        return substituted(node, values, depth: depth) ?? node
    }

    /// `items` with each one that `changed` gives a replacement for replaced, or nil when it gives
    /// none: the copy is made at the first change, so an unchanged list is shared, not rebuilt.
    private static func changedCopy<Item>(_ items: [Item], _ changed: (Item) -> Item?) -> [Item]? {
        var kept: [Item]?
        for index in items.indices {
            if let replacement = changed(items[index]) {
                if kept == nil { kept = Array(items[..<index]) }
                kept?.append(replacement)
            } else {
                kept?.append(items[index])
            }
        }
        return kept
    }

    /// The node with its placeholders filled, or nil when it holds none. Only what changes is copied:
    /// a subtree without a `${` string is shared, not rebuilt (each rebuilt node is one more
    /// allocation to make and to free).
    private static func substituted(_ node: SourceNode, _ values: PlaceholderValues, depth: Int) -> SourceNode? {
        guard depth <= SourceDocument.maximumDepth else { return nil }
        switch node.value {
        case .object(let members):
            let kept = changedCopy(members) { member in
                substituted(member.value, values, depth: depth + 1)
                    .map { SourceNode.Member(key: member.key, keyLocation: member.keyLocation, value: $0) }
            }
            guard let kept else { return nil }
            var copy = node
            copy.value = .object(kept)
            return copy
        case .array(let elements):
            guard let kept = changedCopy(elements, { substituted($0, values, depth: depth + 1) }) else { return nil }
            var copy = node
            copy.value = .array(kept)
            return copy
        case .string(let text) where node.tag == nil && text.contains("${"):
            var copy = node
            if let whole = wholePlaceholder(text), let value = values.value(whole) {
                if value == "true" || value == "false" { copy.value = .bool(value == "true") } else if isNumber(value) { copy.value = .number(value) } else { copy.value = .string(value) }
            } else {
                copy.value = .string(fill(text, values))
            }
            return copy
        default:
            return nil
        }
    }

    /// `X` when `text` is exactly `${X}`.
    static func wholePlaceholder(_ text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count >= 3 else { return nil }
        let inner = text.dropFirst(2).dropLast()
        return inner.contains("${") || inner.contains("}") ? nil : String(inner)
    }

    /// `text` with every known `${X}` replaced by its value.
    static func fill(_ text: String, _ values: PlaceholderValues) -> String {
        var out = "", rest = Substring(text)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { rest = rest[start.lowerBound...]; break }
            let inner = String(rest[start.upperBound..<end])
            out += values.value(inner) ?? "${\(inner)}"
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    static func isNumber(_ text: String) -> Bool {
        guard let first = text.first, first == "-" || first.isNumber else { return false }
        return Double(text) != nil && text.allSatisfy { "0123456789.eE+-".contains($0) }
    }
}

/// Numeric ASL fields whose value is a placeholder filled only at deployment
/// (`"TimeoutSeconds": ${totalExecutionTimeout}`): the field is treated as absent, with a note naming
/// it, instead of failing the run. Quoting such a placeholder first (`EmbeddedSource`) lets the JSON
/// parse; this removes the string that took the number's place.
enum DeployTimePlaceholders {
    /// A Wait's `Seconds` is not among them: the decoder reads a placeholder there as a wait timed at
    /// run time, whose duration the profile gives.
    static let numericFields: Set<String> = [
        "TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency", "ToleratedFailurePercentage",
        "ToleratedFailureCount", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
        "MaxItemsPerBatch", "MaxInputBytesPerBatch", "MaxItems",
    ]
    /// Payloads passed to services and states: their fields are data, not ASL fields.
    static let payloads: Set<String> = ["Parameters", "Arguments", "ItemSelector", "ResultSelector", "Result",
                                        "Output", "Assign", "Parameters.$"]

    static func strip(_ node: SourceNode, depth: Int = 0) -> (SourceNode, [Diagnostic]) {
        // Nearly every definition has nothing to strip: a read-only walk says so without copying a
        // member or hashing a key that cannot match.
        guard holdsDeployTimeField(node, depth: depth) else { return (node, []) }
        return stripWalkingEverything(node, depth: depth)
    }

    /// `strip` without its read-only check first (what tests compare the check with).
    static func stripWalkingEverything(_ node: SourceNode, depth: Int = 0) -> (SourceNode, [Diagnostic]) {
        var notes: [Diagnostic] = []
        let changed = stripped(node, depth: depth, notes: &notes)
        return (changed ?? node, notes)
    }

    /// True when `stripped` would remove a field: the same walk and the same tests, read-only. The
    /// members are read in place (no copy, so no retain and release of each key and value), and the
    /// sets are asked only about a key that could be in them: a numeric field needs a string value
    /// that starts with the bytes `${` (a `hasPrefix("${")` string always does), a payload key
    /// matters only above an object or an array, and has one of the payload keys' lengths (an ASCII
    /// key is canonically equal only to itself, so a match has the same UTF-8 length).
    static func holdsDeployTimeField(_ node: SourceNode, depth: Int) -> Bool {
        guard depth <= SourceDocument.maximumDepth else { return false }
        switch node.value {
        case .object(let members):
            return members.withUnsafeBufferPointer { members in
                for member in members.indices {
                    switch members[member].value.value {
                    case .string(let text):
                        if startsWithPlaceholderBytes(text), numericFields.contains(members[member].key),
                           PlaceholderTree.wholePlaceholder(text) != nil {
                            return true
                        }
                    case .object, .array:
                        if !isPayload(members[member].key), holdsDeployTimeField(members[member].value, depth: depth + 1) {
                            return true
                        }
                    default:
                        break
                    }
                }
                return false
            }
        case .array(let elements):
            return elements.withUnsafeBufferPointer { elements in
                for element in elements.indices where holdsDeployTimeField(elements[element], depth: depth + 1) {
                    return true
                }
                return false
            }
        default:
            return false
        }
    }

    /// Bit n set when a payload key is n bytes long: a mask test instead of hashing every key.
    static let payloadLengths: UInt64 = payloads.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

    static func isPayload(_ key: String) -> Bool {
        let length = key.utf8.count
        return length < 64 && payloadLengths & 1 << UInt64(length) != 0 && payloads.contains(key)
    }

    private static func startsWithPlaceholderBytes(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        return bytes.next() == UInt8(ascii: "$") && bytes.next() == UInt8(ascii: "{")
    }

    /// The node without its deploy-time numeric fields, or nil when it has none. Only what changes is
    /// copied: a second tree of a whole definition (100,000 states: tens of MB) was the peak of memory.
    private static func stripped(_ node: SourceNode, depth: Int, notes: inout [Diagnostic]) -> SourceNode? {
        guard depth <= SourceDocument.maximumDepth else { return nil }
        switch node.value {
        case .object(let members):
            var kept: [SourceNode.Member]?  // made once a member changes or goes
            for (index, member) in members.enumerated() {
                if numericFields.contains(member.key), let text = member.value.string,
                   PlaceholderTree.wholePlaceholder(text) != nil {
                    notes.append(Diagnostic(.note, "Definition.DeployTimeValue",
                        "'\(member.key)' is '\(text)', a value filled in at deployment and not known here: treated as absent (as if '\(member.key)' were not set)",
                        at: member.value.location))
                    if kept == nil { kept = Array(members[..<index]) }
                    continue
                }
                if !payloads.contains(member.key), let value = stripped(member.value, depth: depth + 1, notes: &notes) {
                    if kept == nil { kept = Array(members[..<index]) }
                    kept?.append(SourceNode.Member(key: member.key, keyLocation: member.keyLocation, value: value))
                    continue
                }
                kept?.append(member)
            }
            guard let kept else { return nil }
            var copy = node
            copy.value = .object(kept)
            return copy
        case .array(let elements):
            var kept: [SourceNode]?
            for (index, element) in elements.enumerated() {
                if let value = stripped(element, depth: depth + 1, notes: &notes) {
                    if kept == nil { kept = Array(elements[..<index]) }
                    kept?.append(value)
                } else {
                    kept?.append(element)
                }
            }
            guard let kept else { return nil }
            var copy = node
            copy.value = .array(kept)
            return copy
        default:
            return nil
        }
    }
}
