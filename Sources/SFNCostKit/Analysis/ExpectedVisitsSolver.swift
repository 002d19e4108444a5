/// Expected visits of every state of one scope, treating an execution as an absorbing Markov chain.
///
/// Each state leaves to other states with the odds the profile gives (Choice branches, retries
/// exhausted into a Catch), or ends the scope (success or failure). The expected number of visits
/// `v` solves `v = e_start + v·P` exactly. Solving it per strongly connected component, in
/// topological order, keeps the work linear for loop-free machines and cubic only in the size of
/// the largest loop, never in the number of paths.
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
    }

    static func solve(nodes: [Node], start: Int) -> Solution {
        let count = nodes.count
        var visits = [Double](repeating: 0, count: count)
        guard count > 0 else { return Solution(visits: visits, trappedLoops: []) }
        let positive: [[Int]] = nodes.map { node in node.edges.filter { $0.probability > 0 }.map(\.target) }
        let components = GraphSCC.components(nodeCount: count, successors: { positive[$0] }, roots: [start])
        var component = [Int](repeating: -1, count: count)
        for (position, members) in components.enumerated() {
            for member in members { component[member] = position }
        }
        var inflow = [Double](repeating: 0, count: count)
        inflow[start] = 1
        var trapped: [[Int]] = []

        // Tarjan's order is sinks first; inflow must be complete before a component is solved.
        for position in components.indices.reversed() {
            let members = components[position]
            let isLoop = members.count > 1 || positive[members[0]].contains(members[0])
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
                let solved = solveLoop(members, nodes: nodes, inflow: inflow)
                for (offset, member) in members.enumerated() { visits[member] = solved[offset] }
            }
            for member in members where visits[member] > 0 {
                for edge in nodes[member].edges where edge.probability > 0 && component[edge.target] != position {
                    inflow[edge.target] += visits[member] * edge.probability
                }
            }
        }
        return Solution(visits: visits, trappedLoops: trapped)
    }

    /// Solves (I − P_CCᵀ)·v = inflow for one loop by Gaussian elimination with partial pivoting.
    private static func solveLoop(_ members: [Int], nodes: [Node], inflow: [Double]) -> [Double] {
        let size = members.count
        var local: [Int: Int] = [:]
        for (offset, member) in members.enumerated() { local[member] = offset }
        // Row i is the balance of state i: v_i − Σ_j v_j·P(j→i) = inflow_i.
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: size + 1), count: size)
        for (row, member) in members.enumerated() {
            matrix[row][row] = 1
            matrix[row][size] = inflow[member]
        }
        for (column, member) in members.enumerated() {
            for edge in nodes[member].edges where edge.probability > 0 {
                if let row = local[edge.target] { matrix[row][column] -= edge.probability }
            }
        }
        for pivotColumn in 0..<size {
            var best = pivotColumn
            for row in (pivotColumn + 1)..<max(size, pivotColumn + 1) where abs(matrix[row][pivotColumn]) > abs(matrix[best][pivotColumn]) {
                best = row
            }
            if best != pivotColumn { matrix.swapAt(best, pivotColumn) }
            let pivot = matrix[pivotColumn][pivotColumn]
            guard abs(pivot) > 1e-300 else { continue }
            for row in (pivotColumn + 1)..<max(size, pivotColumn + 1) {
                let factor = matrix[row][pivotColumn] / pivot
                if factor == 0 { continue }
                for column in pivotColumn...size { matrix[row][column] -= factor * matrix[pivotColumn][column] }
            }
        }
        var solution = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = matrix[row][size]
            for column in (row + 1)..<max(size, row + 1) { sum -= matrix[row][column] * solution[column] }
            let pivot = matrix[row][row]
            solution[row] = abs(pivot) > 1e-300 ? max(0, sum / pivot) : .infinity
        }
        return solution
    }
}
