/// The edges of one state in `SparseLoopSolver`: other state (a small non-negative Int) → probability.
///
/// `[Int: Double]` did this before; on a densely linked loop the elimination makes millions of
/// updates, and a Dictionary's seeded SipHash, generic probing and growth cost ~150 instructions
/// each (a 3,000-state loop spent 1.3 of its 4.4 billion instructions there). This is an
/// open-addressing table with linear probing and a multiplicative hash: a few dozen instructions
/// an update. Its iteration order is its own, which is harmless: the solver sorts every list it
/// reads by key, or adds entries whose order does not change the sum (one entry per key).
struct EdgeMap {
    /// Slot states in `keys`: empty, or a deleted entry that probing must step over.
    private static let empty = -1
    private static let deleted = -2

    private var keys: [Int] = []
    private var values: [Double] = []
    /// Live entries, and live plus deleted slots (what fills the table).
    private(set) var count = 0
    private var used = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    subscript(key: Int) -> Double? {
        guard let slot = find(key) else { return nil }
        return values[slot]
    }

    /// `map[key, default: 0] += amount`.
    mutating func add(_ amount: Double, to key: Int) {
        if let slot = find(key) {
            values[slot] += amount
            return
        }
        insertNew(key, 0 + amount)
    }

    mutating func remove(_ key: Int) {
        guard let slot = find(key) else { return }
        keys[slot] = Self.deleted
        count -= 1
    }

    mutating func removeAll() {
        self = EdgeMap()
    }

    /// Every entry, in table order.
    var entries: [(key: Int, value: Double)] {
        var result: [(key: Int, value: Double)] = []
        result.reserveCapacity(count)
        for slot in keys.indices where keys[slot] >= 0 { result.append((keys[slot], values[slot])) }
        return result
    }

    /// The entries other than `excluded`, by key: what the solver walks when it eliminates a state.
    func sortedEntries(excluding excluded: Int) -> [(key: Int, value: Double)] {
        var result: [(key: Int, value: Double)] = []
        result.reserveCapacity(count)
        for slot in keys.indices where keys[slot] >= 0 && keys[slot] != excluded { result.append((keys[slot], values[slot])) }
        result.sort { $0.key < $1.key }
        return result
    }

    // MARK: - Table

    private var mask: Int { keys.count - 1 }

    private func home(_ key: Int) -> Int {
        // Fibonacci hashing: the high bits of key × 2^64/φ, spread over the table.
        let mixed = UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    private func find(_ key: Int) -> Int? {
        guard !keys.isEmpty else { return nil }
        var slot = home(key)
        while true {
            let here = keys[slot]
            if here == key { return slot }
            if here == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insertNew(_ key: Int, _ value: Double) {
        // Grown (or cleaned of deleted slots) at three quarters full, so probing always ends.
        if (used + 1) * 4 > keys.count * 3 { rebuild(capacity: Swift.max(8, (count + 1) * 2)) }
        var slot = home(key)
        while keys[slot] >= 0 { slot = (slot + 1) & mask }
        if keys[slot] == Self.empty { used += 1 }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    private mutating func rebuild(capacity minimum: Int) {
        var capacity = 8
        while capacity < minimum { capacity *= 2 }
        let oldKeys = keys, oldValues = values
        keys = [Int](repeating: Self.empty, count: capacity)
        // A value is read only where a key stands, so the slots need no zeroing.
        values = [Double](unsafeUninitializedCapacity: capacity) { _, initialized in initialized = capacity }
        count = 0
        used = 0
        for slot in oldKeys.indices where oldKeys[slot] >= 0 {
            var target = home(oldKeys[slot])
            while keys[target] != Self.empty { target = (target + 1) & mask }
            keys[target] = oldKeys[slot]
            values[target] = oldValues[slot]
            count += 1
            used += 1
        }
    }
}
