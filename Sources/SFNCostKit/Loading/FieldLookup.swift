extension SourceNode {
    /// `member(key)` for the decoder's lookups of ASL field names (a dozen or more a state): the
    /// same match (the member whose key has exactly `key`'s UTF-8 bytes; an object holds each key
    /// once), found by reading the members in place and comparing the byte counts first, so a key
    /// of another length costs one integer comparison instead of a string comparison and a copy.
    func field(_ key: String) -> Member? {
        guard case .object(let members) = value else { return nil }
        let count = key.utf8.count
        return members.withUnsafeBufferPointer { members in
            for index in members.indices where members[index].key.utf8.count == count {
                if members[index].key == key && members[index].key.utf8.elementsEqual(key.utf8) { return members[index] }
            }
            return nil
        }
    }

    /// The value of `field(key)`: what `self[key]` gives.
    func fieldValue(_ key: String) -> SourceNode? { field(key)?.value }
}
