import Dispatch
import Foundation

/// Runs independent pieces of work on every core and hands back their results in the order of
/// their inputs, so output never depends on which thread finished first.
enum OrderedParallelMap {
    /// `transform` applied to each element, results in input order. One element or none runs on
    /// the calling thread; `parallel: false` runs all of them there (tests compare the two).
    /// `startOrder`: the indices of `elements` in the order to start them (a permutation), e.g. the
    /// largest first, so that the last piece to finish is a small one and no core idles while another
    /// works alone; nil starts them in input order. It changes only which thread does what, never
    /// the results or their order.
    static func map<Element: Sendable, Transformed: Sendable>(
        _ elements: [Element], parallel: Bool = true, startOrder: [Int]? = nil,
        _ transform: @Sendable (Element) -> Transformed
    ) -> [Transformed] {
        guard parallel, elements.count > 1 else { return elements.map(transform) }
        // A start order that is not a permutation of the indices is ignored rather than trusted.
        let order = startOrder.flatMap { Set($0) == Set(elements.indices) && $0.count == elements.count ? $0 : nil }
        let slots = Slots<Transformed>(count: elements.count)
        // concurrentPerform hands out its iterations in increasing order, one at a time, to whichever
        // thread is free: iteration i starts element order[i].
        DispatchQueue.concurrentPerform(iterations: elements.count) { iteration in
            let index = order?[iteration] ?? iteration
            slots.set(index, transform(elements[index]))
        }
        let results = slots.values()
        // concurrentPerform returns after every index ran once, so every slot is filled; should one
        // not be, the work is done again in order rather than trapping.
        return results.count == elements.count ? results : elements.map(transform)
    }

    /// One result per input, written by whichever thread computed it; the lock makes the writes safe.
    private final class Slots<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Value?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Value) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func values() -> [Value] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}
