import Foundation

/// Writes an `Encodable` value as the bytes Foundation's `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` writes, passed through
/// `DisplayText.jsonSafe`, without building Foundation's tree of the value.
///
/// Why: that tree (a dictionary per object, a string per number) cost 465 M instructions of a 3.2 G
/// corpus run and was the largest thing at the peak of memory of a 100,000-state report. This
/// encoder streams: every value is written at its place, with the indentation of its depth (which
/// does not depend on the order of keys); each object records where its members start, and when it
/// is closed its members are put in key order (UTF-8 byte order, as Foundation's `.sortedKeys` on
/// Linux). It stays driven by the types' own `encode(to:)`, so it cannot drift from them.
///
/// What it does not write itself it leaves to Foundation: `encode` returns nil for nested or super
/// encoders, a key encoded twice, a container reopened after a value, NaN or infinity (Foundation's
/// error names the coding path), `Data` or `URL` values, a value that reads `codingPath`, a top-level
/// value that encodes nothing, and nesting near Foundation's limit of 512. `JSONRenderer` then runs
/// Foundation's encoder, whose output (or error) is the reference this one is tested against.
final class PrettyJSONEncoder {
    /// The document so far.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// Set when the value needs something this encoder leaves to Foundation.
    @exclusivity(unchecked) var unsupported = false

    /// An open object or array: its members are written at `level + 1`.
    struct Frame {
        var id: Int
        var isObject: Bool
        var level: Int
        /// Members so far.
        var count: Int = 0
        /// Index in `members` of the first member (objects).
        var firstMember: Int
        /// The `CodingKey` type of an object's keys (nil for an array, or an object Foundation would
        /// write for a value that encodes nothing).
        var keyType: ObjectIdentifier? = nil
    }

    /// A member of an open object: its key and its bytes (`indent "key" : value`), without the `,\n`
    /// that separates it from the next.
    struct Member {
        var key: String
        var start: Int
        var end = 0
    }

    // The encoder's own state. Only this class touches it, one call at a time (the `Encoder`
    // protocol gives it no way to be used concurrently): the exclusivity checks Swift would make on
    // every access to a class's stored property are a fifth of the cost of writing a member.
    @exclusivity(unchecked) private(set) var frames: [Frame] = []
    @exclusivity(unchecked) private var members: [Member] = []
    @exclusivity(unchecked) private var nextFrameID = 0
    /// One encoder per level, reused: a value at level L is encoded by `slots[L]`.
    @exclusivity(unchecked) private var slots: [Slot] = []
    /// Reused by `sortMembers`: members aside (all but the largest), their offsets there, the order.
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var scratchOffsets: [Int] = []
    @exclusivity(unchecked) private var order: [Int] = []
    /// The last keys written by each `CodingKey` type and their order by `precedes`. A type's
    /// `encode(to:)` nearly always writes the same keys in the same order: then checking that they
    /// are the same strings (literals: the check is a comparison of two words) replaces sorting them.
    @exclusivity(unchecked) private var knownOrders: [ObjectIdentifier: (keys: [String], order: [Int])] = [:]

    /// Foundation's limit on nesting is 512 containers; well before, this encoder hands over.
    static let maximumLevel = 500

    /// The JSON text of `value`, or nil when Foundation must write it (see the type).
    static func encode<T: Encodable>(_ value: T, trailingNewline: Bool) -> [UInt8]? {
        let encoder = PrettyJSONEncoder()
        do {
            try encoder.writeValue(value, level: 0, topLevel: true)
        } catch {
            return nil
        }
        guard !encoder.unsupported, encoder.frames.isEmpty else { return nil }
        if trailingNewline { encoder.bytes.append(0x0A) }
        return encoder.bytes
    }

    struct Unsupported: Error {}

    @discardableResult
    func giveUp() -> Unsupported {
        unsupported = true
        return Unsupported()
    }

    // MARK: Values

    private func slot(_ level: Int) throws -> Slot {
        guard level < Self.maximumLevel else { throw giveUp() }
        while slots.count <= level { slots.append(Slot(encoder: self, level: slots.count)) }
        return slots[level]
    }

    /// Writes `value` at the current position, as a value at `level`.
    func writeValue<T: Encodable>(_ value: T, level: Int, topLevel: Bool = false) throws {
        // Foundation writes these without their `encode(to:)`: a Decimal as its description; Data
        // (base64) and URL (absolute string) are left to it.
        if T.self == Decimal.self {
            let decimal = value as! Decimal
            bytes.append(contentsOf: DecimalText.plain(decimal).utf8)
            return
        }
        if T.self == Data.self || T.self == URL.self { throw giveUp() }
        let slot = try slot(level)
        let outer = slot.state
        slot.state = .fresh
        try value.encode(to: slot)
        switch slot.state {
        case .fresh:
            // Nothing encoded: Foundation writes an empty object, or fails at the top level.
            if topLevel { throw giveUp() }
            openFrame(isObject: true, level: level)
            try closeFrame(id: nextFrameID - 1)
        case .container(let id):
            try closeFrame(id: id)
        case .single:
            break
        }
        slot.state = outer
    }

    // MARK: Containers

    func openFrame(isObject: Bool, level: Int, keyType: ObjectIdentifier? = nil) {
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        bytes.append(0x0A)
        frames.append(Frame(id: nextFrameID, isObject: isObject, level: level, firstMember: members.count, keyType: keyType))
        nextFrameID += 1
    }

    /// The open container `id`, which must be the innermost one: a container is only written to while
    /// no value nested in it is being written.
    @inline(__always)
    func checkInnermost(_ id: Int) throws {
        guard let last = frames.last, last.id == id else { throw giveUp() }
    }

    /// Starts a member of the innermost object: `,\n` unless it is the first, indentation, the key and
    /// ` : `. The value follows.
    func beginMember(_ key: String, frame id: Int) throws {
        try checkInnermost(id)
        let index = frames.count - 1
        if frames[index].count > 0 {
            members[members.count - 1].end = bytes.count
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        frames[index].count += 1
        members.append(Member(key: key, start: bytes.count))
        PrettyJSONBytes.appendIndent(frames[index].level + 1, to: &bytes)
        PrettyJSONBytes.appendString(key, to: &bytes)
        bytes.append(0x20)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
    }

    /// Starts an element of the innermost array: `,\n` unless it is the first, and indentation.
    func beginElement(frame id: Int) throws {
        try checkInnermost(id)
        let index = frames.count - 1
        if frames[index].count > 0 {
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        frames[index].count += 1
        PrettyJSONBytes.appendIndent(frames[index].level + 1, to: &bytes)
    }

    func elementCount(frame id: Int) -> Int {
        frames.last(where: { $0.id == id })?.count ?? 0
    }

    /// Ends the innermost container: members in key order, a newline, indentation, the bracket.
    /// Foundation writes an empty container the same way (`[`, two newlines, `]`).
    func closeFrame(id: Int) throws {
        try checkInnermost(id)
        let frame = frames.removeLast()
        if frame.isObject, frame.count > 0 {
            members[members.count - 1].end = bytes.count
            try sortMembers(from: frame.firstMember, keyType: frame.keyType)
            members.removeSubrange(frame.firstMember...)
        }
        bytes.append(0x0A)
        PrettyJSONBytes.appendIndent(frame.level, to: &bytes)
        bytes.append(frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// Whether key `a` sorts before key `b`: by their UTF-8 bytes, as Foundation's `.sortedKeys`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        if let fast = fast ?? nil { return fast }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Puts the members from `first` on (which end the document so far) in key order.
    private func sortMembers(from first: Int, keyType: ObjectIdentifier?) throws {
        let count = members.count - first
        guard count > 1 else { return }
        if let keyType, let known = knownOrders[keyType], known.keys.count == count,
           (0..<count).allSatisfy({ known.keys[$0] == members[first + $0].key }) {
            if !known.order.elementsEqual(0..<count) { reorderMembers(from: first, order: known.order) }
            return
        }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: 0..<count)
        order.sort { Self.precedes(members[first + $0].key, members[first + $1].key) }
        for position in 1..<count where !Self.precedes(members[first + order[position - 1]].key, members[first + order[position]].key) {
            // The same key twice: Foundation keeps the last value. Left to it.
            throw giveUp()
        }
        if let keyType { knownOrders[keyType] = ((0..<count).map { members[first + $0].key }, order) }
        if !order.elementsEqual(0..<count) { reorderMembers(from: first, order: order) }
    }

    /// Moves the members from `first` on (each `indent "key" : value`, separated by `,\n`) into
    /// `order`. The largest member is moved within `bytes`, the others go through `scratch`: the
    /// object that holds a report's 100,000 states is not copied aside whole.
    private func reorderMembers(from first: Int, order: [Int]) {
        let count = members.count - first
        var largest = 0
        for index in 1..<count where members[first + index].end - members[first + index].start
            > members[first + largest].end - members[first + largest].start {
            largest = index
        }
        let regionStart = members[first].start
        bytes.withUnsafeMutableBytes { buffer in
            let base = buffer.baseAddress!
            // Everything but the largest member aside, in its present order.
            scratch.removeAll(keepingCapacity: true)
            scratchOffsets.removeAll(keepingCapacity: true)
            for index in 0..<count {
                scratchOffsets.append(scratch.count)
                guard index != largest else { continue }
                let member = members[first + index]
                scratch.append(contentsOf: UnsafeRawBufferPointer(start: base + member.start, count: member.end - member.start))
            }
            // Where the largest goes: after the members that sort before it and their separators.
            var target = regionStart
            for position in 0..<count {
                let index = order[position]
                if index == largest { break }
                target += members[first + index].end - members[first + index].start + 2
            }
            let moved = members[first + largest]
            (base + target).copyMemory(from: base + moved.start, byteCount: moved.end - moved.start)  // memmove
            // Then the others from scratch, with the separators.
            scratch.withUnsafeBytes { saved in
                var cursor = regionStart
                for position in 0..<count {
                    let index = order[position]
                    let member = members[first + index]
                    if position > 0 {
                        base.storeBytes(of: UInt8(ascii: ","), toByteOffset: cursor, as: UInt8.self)
                        base.storeBytes(of: 0x0A, toByteOffset: cursor + 1, as: UInt8.self)
                        cursor += 2
                    }
                    let length = member.end - member.start
                    if index != largest {
                        (base + cursor).copyMemory(from: saved.baseAddress! + scratchOffsets[index], byteCount: length)
                    }
                    cursor += length
                }
            }
        }
    }

    // MARK: The Encoder at one level

    /// The `Encoder` (and single-value container) for the value being written at `level`.
    final class Slot: Encoder, SingleValueEncodingContainer {
        enum State { case fresh, container(Int), single }

        unowned let encoder: PrettyJSONEncoder
        let level: Int
        @exclusivity(unchecked) var state = State.fresh

        init(encoder: PrettyJSONEncoder, level: Int) {
            self.encoder = encoder
            self.level = level
        }

        /// Not tracked: a type that reads it is left to Foundation, which tracks it.
        var codingPath: [CodingKey] {
            encoder.giveUp()
            return []
        }

        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            switch state {
            case .fresh where !encoder.unsupported:
                encoder.openFrame(isObject: true, level: level, keyType: ObjectIdentifier(Key.self))
                let id = encoder.frames[encoder.frames.count - 1].id
                state = .container(id)
                return KeyedEncodingContainer(KeyedContainer(encoder: encoder, frame: id, level: level))
            case .container(let id) where encoder.frames.last?.id == id && encoder.frames.last?.isObject == true:
                // Asked again (Foundation returns the same object).
                return KeyedEncodingContainer(KeyedContainer(encoder: encoder, frame: id, level: level))
            default:
                encoder.giveUp()
                return KeyedEncodingContainer(KeyedContainer(encoder: encoder, frame: -1, level: level))
            }
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            switch state {
            case .fresh where !encoder.unsupported:
                encoder.openFrame(isObject: false, level: level)
                let id = encoder.frames[encoder.frames.count - 1].id
                state = .container(id)
                return UnkeyedContainer(encoder: encoder, frame: id, level: level)
            case .container(let id) where encoder.frames.last?.id == id && encoder.frames.last?.isObject == false:
                return UnkeyedContainer(encoder: encoder, frame: id, level: level)
            default:
                encoder.giveUp()
                return UnkeyedContainer(encoder: encoder, frame: -1, level: level)
            }
        }

        func singleValueContainer() -> SingleValueEncodingContainer { self }

        /// A single value may be written once, into a fresh slot (Foundation traps otherwise).
        @inline(__always)
        private func beginSingle() throws {
            guard case .fresh = state else { throw encoder.giveUp() }
            state = .single
        }

        func encodeNil() throws { try beginSingle(); encoder.bytes.append(contentsOf: "null".utf8) }
        func encode(_ value: Bool) throws { try beginSingle(); encoder.bytes.append(contentsOf: (value ? "true" : "false").utf8) }
        func encode(_ value: String) throws { try beginSingle(); PrettyJSONBytes.appendString(value, to: &encoder.bytes) }
        func encode(_ value: Double) throws { try beginSingle(); try encoder.writeDouble(value) }
        func encode(_ value: Float) throws { try beginSingle(); try encoder.writeFloat(value) }
        func encode(_ value: Int) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: Int8) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: Int16) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: Int32) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: Int64) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: UInt) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: UInt8) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: UInt16) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: UInt32) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        func encode(_ value: UInt64) throws { try beginSingle(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }

        func encode<T: Encodable>(_ value: T) throws {
            // Foundation encodes the value with this same encoder: its container is this value.
            guard case .fresh = state else { throw encoder.giveUp() }
            try encoder.writeValue(value, level: level)
            state = .single
        }
    }

    /// NaN and infinity: Foundation throws, naming the coding path; left to it.
    func writeDouble(_ value: Double) throws {
        guard value.isFinite else { throw giveUp() }
        PrettyJSONBytes.appendDouble(value, to: &bytes)
    }

    func writeFloat(_ value: Float) throws {
        guard value.isFinite else { throw giveUp() }
        PrettyJSONBytes.appendFloat(value, to: &bytes)
    }

    // MARK: Containers

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: PrettyJSONEncoder
        let frame: Int
        /// The object's level; its members are at `level + 1`.
        let level: Int

        var codingPath: [CodingKey] {
            encoder.giveUp()
            return []
        }

        @inline(__always)
        private func begin(_ key: Key) throws { try encoder.beginMember(key.stringValue, frame: frame) }

        mutating func encodeNil(forKey key: Key) throws { try begin(key); encoder.bytes.append(contentsOf: "null".utf8) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key); encoder.bytes.append(contentsOf: (value ? "true" : "false").utf8) }
        mutating func encode(_ value: String, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendString(value, to: &encoder.bytes) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try begin(key); try encoder.writeDouble(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try begin(key); try encoder.writeFloat(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try begin(key)
            try encoder.writeValue(value, level: level + 1)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            encoder.giveUp()
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, frame: -1, level: level + 1))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            encoder.giveUp()
            return UnkeyedContainer(encoder: encoder, frame: -1, level: level + 1)
        }

        mutating func superEncoder() -> Encoder { encoder.giveUp(); return encoder.deadSlot }
        mutating func superEncoder(forKey key: Key) -> Encoder { encoder.giveUp(); return encoder.deadSlot }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: PrettyJSONEncoder
        let frame: Int
        let level: Int

        var codingPath: [CodingKey] {
            encoder.giveUp()
            return []
        }

        var count: Int { encoder.elementCount(frame: frame) }

        @inline(__always)
        private func begin() throws { try encoder.beginElement(frame: frame) }

        mutating func encodeNil() throws { try begin(); encoder.bytes.append(contentsOf: "null".utf8) }
        mutating func encode(_ value: Bool) throws { try begin(); encoder.bytes.append(contentsOf: (value ? "true" : "false").utf8) }
        mutating func encode(_ value: String) throws { try begin(); PrettyJSONBytes.appendString(value, to: &encoder.bytes) }
        mutating func encode(_ value: Double) throws { try begin(); try encoder.writeDouble(value) }
        mutating func encode(_ value: Float) throws { try begin(); try encoder.writeFloat(value) }
        mutating func encode(_ value: Int) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int8) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int16) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int32) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: Int64) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt8) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt16) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt32) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode(_ value: UInt64) throws { try begin(); PrettyJSONBytes.appendInteger(value, to: &encoder.bytes) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try begin()
            try encoder.writeValue(value, level: level + 1)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            encoder.giveUp()
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, frame: -1, level: level + 1))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            encoder.giveUp()
            return UnkeyedContainer(encoder: encoder, frame: -1, level: level + 1)
        }

        mutating func superEncoder() -> Encoder { encoder.giveUp(); return encoder.deadSlot }
    }

    /// What a nested or super encoder gets: the document is left to Foundation (`unsupported` is set),
    /// and this slot writes nothing (its containers name no open frame, so every write throws).
    private(set) lazy var deadSlot: Slot = {
        let slot = Slot(encoder: self, level: Self.maximumLevel)
        slot.state = .single
        return slot
    }()
}
