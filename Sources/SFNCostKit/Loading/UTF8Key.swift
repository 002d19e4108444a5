/// A string compared and hashed by its UTF-8 bytes, as JSON compares keys: `é` and `e` + U+0301 are
/// two keys here, where Swift's `String` equality (canonical equivalence) would merge them.
///
/// It replaces `Array(text.utf8)` as a dictionary key: the same equality without an array
/// allocated (and freed) for every name looked up.
struct UTF8Key: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        lhs.text.utf8.count == rhs.text.utf8.count && lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {  // a string without contiguous UTF-8 (bridged): the same bytes, copied
            Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        hasher.combine(text.utf8.count)
    }
}
