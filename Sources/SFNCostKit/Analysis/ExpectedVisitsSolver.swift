/// Expected visits of every state of one scope, treating an execution as an absorbing Markov chain.
///
/// Each state leaves to other states with the odds the profile gives (Choice branches, retries
/// exhausted into a Catch), or ends the scope (success or failure). The expected number of visits
/// `v` solves `v = e_start + v·P` exactly. Solving it per strongly connected component, in
/// topological order, keeps the work linear for loop-free machines; each loop is solved by sparse
/// elimination over its own edges (`SparseLoopSolver`), linear for the usual shapes of loops.
struct ExpectedVisitsSolver {
    /// One way out of a state: to another state of the scope, with its probability.
    struct Edge { var target: Int; var probability: Double }

    struct Node {
        var edges: [Edge]
        /// Probability that the scope ends here (End, Succeed, Fail, or an uncaught error).
        var endProbability: Double
    }

    struct Solution {
        var visits: [Double]
        /// States of loops that cannot be left (every exit has probability 0), if any.
        var trappedLoops: [[Int]]
        /// States of loops whose exact solve would take too long (`SparseLoopSolver.workLimit`);
        /// their visits, and those of the states after them, are infinite (not computed).
        var tooComplexLoops: [[Int]] = []
    }

    /// - Parameter precomputed: `GraphSCC.components` of the positive edges from `start`, when the
    ///   caller has them (the worst-case graph is often the same graph).
    static func solve(nodes: [Node], start: Int, limits: SparseLoopSolver.Limits = .init(),
                      components precomputed: [[Int]]? = nil) -> Solution {
        let count = nodes.count
        var visits = [Double].filled(0, count: count)
        guard count > 0 else { return Solution(visits: visits, trappedLoops: []) }
        // The positive edges' targets, as lists, only to find the components when not given.
        let components = precomputed ?? GraphSCC.components(nodeCount: count, successors: { index in
            var targets: [Int] = []
            targets.reserveCapacity(nodes[index].edges.count)
            for edge in nodes[index].edges where edge.probability > 0 { targets.append(edge.target) }
            return targets
        }, roots: [start])
        var component = [Int].filled(-1, count: count)
        for (position, members) in components.enumerated() {
            for member in members { component[member] = position }
        }
        var inflow = [Double].filled(0, count: count)
        inflow[start] = 1
        var trapped: [[Int]] = []
        var tooComplex: [[Int]] = []

        // Tarjan's order is sinks first; inflow must be complete before a component is solved.
        for position in components.indices.reversed() {
            let members = components[position]
            let isLoop = members.count > 1 || nodes[members[0]].edges.contains { $0.probability > 0 && $0.target == members[0] }
            if !isLoop {
                visits[members[0]] = inflow[members[0]]
            } else {
                let leaves = members.contains { member in
                    nodes[member].endProbability > 0
                        || nodes[member].edges.contains { $0.probability > 0 && component[$0.target] != position }
                }
                if !leaves {
                    trapped.append(members.sorted())
                    for member in members { visits[member] = .infinity }
                    continue
                }
                switch SparseLoopSolver.solve(members, nodes: nodes, inflow: inflow, limits: limits) {
                case .solved(let solved):
                    for (offset, member) in members.enumerated() { visits[member] = solved[offset] }
                case .tooComplex:
                    tooComplex.append(members.sorted())
                    for member in members { visits[member] = .infinity }
                }
            }
            for member in members where visits[member] > 0 {
                for edge in nodes[member].edges where edge.probability > 0 && component[edge.target] != position {
                    inflow[edge.target] += visits[member] * edge.probability
                }
            }
        }
        return Solution(visits: visits, trappedLoops: trapped, tooComplexLoops: tooComplex)
    }
}
