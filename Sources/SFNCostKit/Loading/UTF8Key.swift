/// A string compared and hashed by its UTF-8 bytes, as JSON compares keys: `é` and `e` + U+0301 are
/// two keys here, where Swift's `String` equality (canonical equivalence) would merge them.
///
/// It replaces `Array(text.utf8)` as a dictionary key (state names in `StateMachine`, the decoder's
/// name checks): the same equality without an array allocated (and freed) for every name looked up.
struct UTF8Key: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
        var left = lhs.text, right = rhs.text
        return left.withUTF8 { a in right.withUTF8 { b in a.elementsEqual(b) } }
    }

    func hash(into hasher: inout Hasher) {
        // `withUTF8` makes a bridged string contiguous first (a copy); a native one is read in place.
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}
