extension Array {
    /// `Array(repeating: value, count: count)`, through the growth path the compiler specialises
    /// for the element type. `init(repeating:count:)` allocates through the standard library's
    /// unspecialised `_allocateBufferUninitialized`, which looks the storage class up in the
    /// runtime's generic-metadata cache on every call (some 500 instructions): for the few-element
    /// arrays the analysis makes per scope and per state, more than the work they hold.
    @inline(__always)
    static func filled(_ value: Element, count: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<Swift.max(count, 0) { result.append(value) }
        return result
    }
}
