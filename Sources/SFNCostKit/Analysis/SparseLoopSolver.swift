/// Solves the expected visits of one loop (a strongly connected component of the Markov chain)
/// by eliminating its states one at a time over the loop's own edges: sparse Gaussian elimination.
///
/// Unknowns are the expected visits `v_i`; each state's balance is
/// `v_i = inflow_i + Σ_j v_j · P(j→i)`. Eliminating state `k` replaces every path `j → k → i` by a
/// direct edge `j → i` of probability `P(j→k) · P(k→i) / d_k`, and moves `k`'s inflow on to its
/// successors in the same proportion; `d_k` is the probability of leaving `k` for anywhere but
/// itself. Back-substitution in the reverse order then gives every `v_k`.
///
/// Numerically this is the GTH (Grassmann–Taksar–Heyman) form: `d_k` is kept as a sum of
/// probabilities (the chance of leaving the loop, which elimination carries along, plus the
/// edges to the states left) instead of `1 − P(k→k)`, so no subtraction loses the small exit
/// odds of a long loop. No pivoting is needed: the matrix `I − Pᵀ` is column diagonally dominant,
/// and any symmetric elimination order keeps it so.
///
/// Order: always the state whose elimination costs least (fewest predecessors × successors, the
/// Markowitz rule), which keeps a pipeline with a loop back to its start, a ladder, or a polling
/// loop linear. Graphs whose elimination fills in (states linked to many others) cost more: past
/// `sparseWorkLimit` edge updates the states left are eliminated as a dense matrix, which is
/// faster once the fill has made them dense, if there are at most `denseLimit` of them; otherwise
/// the solve stops and reports the loop as too complex, rather than running for minutes.
struct SparseLoopSolver {
    /// Sparse edge updates before switching to dense elimination of the states left.
    static let sparseWorkLimit = 2_000_000
    /// The most states eliminated densely (a cubic step: 1,200³ / 3 ≈ 6 × 10^8 updates).
    static let denseLimit = 1_200
    /// For messages: the work beyond which a loop is too complex.
    static let workLimit = sparseWorkLimit

    struct Limits {
        var sparseWork = SparseLoopSolver.sparseWorkLimit
        var dense = SparseLoopSolver.denseLimit
    }

    enum Outcome {
        case solved([Double])
        /// The elimination would take more than `workLimit` edge updates.
        case tooComplex
    }

    /// - Parameters:
    ///   - members: the loop's states (indices into `nodes`).
    ///   - inflow: expected entries into each state from outside the loop, by node index.
    ///   - limits: `sparseWorkLimit` and `denseLimit`, smaller in tests of the fallbacks.
    static func solve(_ members: [Int], nodes: [ExpectedVisitsSolver.Node], inflow: [Double],
                      limits: Limits = Limits()) -> Outcome {
        let size = members.count
        var local: [Int: Int] = [:]
        for (offset, member) in members.enumerated() { local[member] = offset }
        // The loop's edges, both ways, merged per target; and each state's chance of leaving the loop.
        var out = [EdgeMap](repeating: EdgeMap(), count: size)
        var into = [EdgeMap](repeating: EdgeMap(), count: size)
        var leave = [Double](repeating: 0, count: size)
        var rhs = [Double](repeating: 0, count: size)
        for (offset, member) in members.enumerated() {
            rhs[offset] = inflow[member]
            var inside = 0.0
            for edge in nodes[member].edges where edge.probability > 0 {
                guard let target = local[edge.target] else { continue }
                out[offset].add(edge.probability, to: target)
                into[target].add(edge.probability, to: offset)
                inside += edge.probability
            }
            // Everything that does not stay in the loop leaves it: ends, edges out, missing odds.
            leave[offset] = max(0, 1 - inside)
        }

        var steps: [Step] = []
        steps.reserveCapacity(size)
        var eliminated = [Bool](repeating: false, count: size)
        var work = 0

        // A lazy heap of (cost, state): entries whose cost is out of date are skipped when popped.
        var heap = MinHeap()
        // Neighbours already pushed after eliminating a state: `touched[n]` is that state.
        var touched = [Int](repeating: -1, count: size)
        func cost(_ state: Int) -> Int {
            let selfLoop = out[state][state] != nil ? 1 : 0
            return (into[state].count - selfLoop) * (out[state].count - selfLoop)
        }
        for state in 0..<size { heap.push(cost(state), state) }

        while let (popped, state) = heap.pop() {
            if eliminated[state] || popped != cost(state) { continue }
            // Sorted, so that sums are added in the same order on every run (table order is not).
            let successors = out[state].sortedEntries(excluding: state)
            let predecessors = into[state].sortedEntries(excluding: state)
            // d_k: leaving the loop, plus going to any other state still in it.
            let denominator = successors.reduce(leave[state]) { $0 + $1.value }
            work += predecessors.count * successors.count + predecessors.count + successors.count
            if work > limits.sparseWork {
                let left = (0..<size).filter { !eliminated[$0] }
                guard left.count <= limits.dense else { return .tooComplex }
                steps += denseElimination(left, out: out, leave: leave, rhs: rhs)
                break
            }
            steps.append(Step(state: state, predecessors: predecessors.map { ($0.key, $0.value) }, rhs: rhs[state],
                              denominator: denominator))
            eliminated[state] = true
            for (successor, _) in successors { into[successor].remove(state) }
            for (predecessor, _) in predecessors { out[predecessor].remove(state) }
            out[state].removeAll()
            into[state].removeAll()
            if denominator > 1e-300 {
                for (successor, forward) in successors {
                    // k's inflow passes on to its successors.
                    rhs[successor] += rhs[state] * (forward / denominator)
                }
                for (predecessor, backward) in predecessors {
                    // j → k → (out of the loop) becomes j leaving the loop.
                    leave[predecessor] += backward * leave[state] / denominator
                    for (successor, forward) in successors {
                        let through = backward * forward / denominator
                        out[predecessor].add(through, to: successor)
                        into[successor].add(through, to: predecessor)
                    }
                }
            }
            // Each neighbour once (the heap pops equal entries alike, so the order of pushes does not matter).
            for (neighbour, _) in predecessors where touched[neighbour] != state {
                touched[neighbour] = state
                heap.push(cost(neighbour), neighbour)
            }
            for (neighbour, _) in successors where touched[neighbour] != state {
                touched[neighbour] = state
                heap.push(cost(neighbour), neighbour)
            }
        }

        var visits = [Double](repeating: 0, count: size)
        for step in steps.reversed() {
            guard step.denominator > 1e-300 else { visits[step.state] = .infinity; continue }
            var sum = step.rhs
            for (predecessor, probability) in step.predecessors { sum += visits[predecessor] * probability }
            visits[step.state] = max(0, sum / step.denominator)
        }
        return .solved(visits)
    }
}

extension SparseLoopSolver {
    /// An eliminated state, for back-substitution: its predecessors left at that moment with their
    /// edge probabilities, its inflow then, and d_k.
    struct Step { var state: Int; var predecessors: [(Int, Double)]; var rhs: Double; var denominator: Double }

    /// The same elimination over the states `left`, in their order, as a dense matrix.
    static func denseElimination(_ left: [Int], out: [EdgeMap], leave startLeave: [Double], rhs startRHS: [Double]) -> [Step] {
        let count = left.count
        var position: [Int: Int] = [:]
        for (offset, state) in left.enumerated() { position[state] = offset }
        var matrix = [Double](repeating: 0, count: count * count)
        var leave = left.map { startLeave[$0] }
        var rhs = left.map { startRHS[$0] }
        for (row, state) in left.enumerated() {
            for (target, probability) in out[state].entries {
                if let column = position[target] { matrix[row * count + column] += probability }
            }
        }
        var steps: [Step] = []
        steps.reserveCapacity(count)
        matrix.withUnsafeMutableBufferPointer { p in
            for k in 0..<count {
                var denominator = leave[k]
                for i in (k + 1)..<max(count, k + 1) { denominator += p[k * count + i] }
                var predecessors: [(Int, Double)] = []
                for j in (k + 1)..<max(count, k + 1) where p[j * count + k] != 0 { predecessors.append((j, p[j * count + k])) }
                steps.append(Step(state: left[k], predecessors: predecessors.map { (left[$0.0], $0.1) }, rhs: rhs[k],
                                  denominator: denominator))
                guard denominator > 1e-300 else { continue }
                for i in (k + 1)..<max(count, k + 1) where p[k * count + i] != 0 {
                    rhs[i] += rhs[k] * (p[k * count + i] / denominator)
                }
                for (j, backward) in predecessors {
                    let factor = backward / denominator
                    leave[j] += factor * leave[k]
                    let rowJ = j * count, rowK = k * count
                    for i in (k + 1)..<count { p[rowJ + i] += factor * p[rowK + i] }
                    p[rowJ + k] = 0
                }
            }
        }
        return steps
    }
}

/// A binary min-heap of (key, value) pairs, ties broken by the smaller value (deterministic order).
struct MinHeap {
    private var items: [(Int, Int)] = []

    private static func less(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }

    mutating func push(_ key: Int, _ value: Int) {
        items.append((key, value))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, Self.less(items[left], items[smallest]) { smallest = left }
                if right < items.count, Self.less(items[right], items[smallest]) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
