/// The finished children of the collections being read, in one stack shared by all of them: a
/// collection's children are pushed as they are read and, when it closes, moved into one array of
/// exactly their number (`take(from:)`).
///
/// Appending to each collection's own array instead grew every array step by step (four or five
/// allocations and copies for an object of ten members, the larger capacities left unused in the
/// tree), and the copies of a plain `Array` scratch would have retained each child's references
/// only to release them again. Children are moved here, bit for bit, without reference counting.
final class ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// How many children are held (those of every open collection, outermost first).
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        // What a failed read leaves behind.
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// `consuming`: the caller's element is moved in (a borrowed one was copied, its references
    /// retained, and the caller's copy destroyed again right after).
    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The child at `position` (below `count`).
    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "ScratchStack index out of range")
        return base[position]
    }

    /// The children from `start` on, moved out into an array of exactly their number.
    func take(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count, "ScratchStack start out of range")
        let taken = count - start
        guard taken > 0 else { return [] }
        let source = base + start
        count = start
        // `reserveCapacity` then appends of moved elements, not `Array(unsafeUninitializedCapacity:)`:
        // that one allocates through an unspecialised runtime function that looks up the storage
        // type's metadata on every call (about 700 instructions per array, more than the moves).
        var array: [Element] = []
        array.reserveCapacity(taken)
        for offset in 0..<taken { array.append((source + offset).move()) }
        return array
    }

    /// Drops the children from `start` on (those of a collection that is not built).
    func removeAll(from start: Int) {
        precondition(start >= 0 && start <= count, "ScratchStack start out of range")
        (base + start).deinitialize(count: count - start)
        count = start
    }

    private func grow() {
        let larger = capacity * 2
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}
