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
        // Each iteration initialises its own element of the result in place: the indices are
        // disjoint, so the writes need no lock, and the results are neither wrapped in optionals
        // nor copied out afterwards (with machine reports of tens of kilobytes each, that copy
        // was a tenth of the run's page faults).
        return [Transformed](unsafeUninitializedCapacity: elements.count) { buffer, initializedCount in
            let results = Results(base: buffer.baseAddress!)
            // concurrentPerform hands out its iterations in increasing order, one at a time, to whichever
            // thread is free: iteration i starts element order[i]. It returns after every iteration ran
            // exactly once, so every element is initialised.
            DispatchQueue.concurrentPerform(iterations: elements.count) { iteration in
                let index = order?[iteration] ?? iteration
                results.initialize(index, to: transform(elements[index]))
            }
            initializedCount = elements.count
        }
    }

    /// The result buffer, shared by the worker threads: each writes only the element of its own
    /// index, once, so no two threads touch the same memory.
    private struct Results<Value>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Value>

        func initialize(_ index: Int, to value: Value) {
            (base + index).initialize(to: value)
        }
    }
}
