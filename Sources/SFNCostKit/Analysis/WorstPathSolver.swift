/// The costliest way through one scope, for one measure (transitions, events, seconds…), with the
/// path that achieves it.
///
/// Loops are bounded by the profile's `max_visits` (how often a state may be entered per run of its
/// scope). The graph is condensed into strongly connected components and walked sinks first, so the
/// work is polynomial however many paths there are (a chain of 200 Choice diamonds has 2^200).
/// Inside a loop, the states without a bound must form an acyclic graph, otherwise some cycle has
/// no bound and the worst case is unbounded. With one bounded state `h` (the usual polling loop)
/// the answer is exact: enter, go round `B − 1` times by the costliest cycle through `h`, leave by
/// the costliest exit. With several bounded states the answer is a sound upper bound, and says so.
struct WorstPathSolver<Weight: PathWeight> {
    struct Node {
        var cost: Weight
        var successors: [Int]
        /// True when the scope can end in this state (End, Succeed, Fail, or an uncaught error).
        var canEnd: Bool
        /// `max_visits` from the profile.
        var bound: Int?
    }

    /// A stretch of the worst path: a state and how many times the path enters it there.
    struct Step: Equatable { var node: Int; var times: Count }

    enum Outcome {
        case bounded(Weight, path: [Step], isUpperBound: Bool)
        case unbounded(loops: [[Int]])
        /// No way from the start to an end (every path loops forever).
        case noEnd
    }

    /// Each state's cost per visit, in the measure solved.
    let costs: [Weight]
    /// Everything but the costs: the same for every measure of a scope, so built once.
    let graph: WorstPathGraph

    init(nodes: [Node]) {
        costs = nodes.map(\.cost)
        graph = WorstPathGraph(successors: nodes.map(\.successors), canEnd: nodes.map(\.canEnd), bounds: nodes.map(\.bound))
    }

    /// - Parameter costs: one per state of `graph`.
    init(costs: [Weight], graph: WorstPathGraph) {
        self.costs = costs
        self.graph = graph
    }

    /// - Parameter components: `GraphSCC.components` of these nodes' successors from `start`, when
    ///   the caller already has them: they depend on the graph alone, and a scope solves the same
    ///   graph once per measure.
    func solve(start: Int, components precomputed: [[Int]]? = nil) -> Outcome {
        guard !costs.isEmpty else { return .bounded(.zero, path: [], isUpperBound: false) }
        let successors = graph.successors
        let components = precomputed ?? GraphSCC.components(nodeCount: costs.count, successors: { successors[$0] }, roots: [start])
        return solve(start: start, components: components, componentOf: WorstPathGraph.componentIndex(components, count: costs.count),
                     shapes: graph.shapes(of: components))
    }

    /// - Parameters:
    ///   - componentOf: each state's position in `components` (-1 when not reached).
    ///   - shapes: `graph.shapes(of: components)`: the same for every measure.
    func solve(start: Int, components: [[Int]], componentOf component: [Int], shapes: [WorstPathGraph.Shape]) -> Outcome {
        guard !costs.isEmpty else { return .bounded(.zero, path: [], isUpperBound: false) }
        let count = costs.count
        let successors = graph.successors
        var best = [Weight?].filled(nil, count: count)
        var choice = [Choice].filled(.end, count: count)
        var unbounded = [Bool].filled(false, count: count)
        var loops: [[Int]] = []
        var upperBound = false
        var loopPlans: [Int: LoopPlan] = [:]

        for (position, members) in components.enumerated() {
            let downstreamUnbounded = members.contains { member in
                successors[member].contains { component[$0] != position && unbounded[$0] }
            }
            if downstreamUnbounded {
                for member in members { unbounded[member] = true }
                continue
            }
            switch shapes[position] {
            case .single:
                let node = members[0]
                (best[node], choice[node]) = bestExit(from: node, best: best)
            case .unboundedCycle(let cyclic):
                for member in members { unbounded[member] = true }
                loops.append(cyclic)
            case .loop(let memberSet, let headers, let order):
                let plan = LoopPlan(members: memberSet, headers: headers, order: order)
                let result = plan.solve(self, best: best)
                upperBound = upperBound || headers.count > 1
                for member in members {
                    best[member] = result.best[member] ?? nil
                    choice[member] = .loop(position)
                }
                loopPlans[position] = plan.with(result)
            }
        }
        if unbounded[start] { return .unbounded(loops: loops) }
        guard let total = best[start] else { return .noEnd }
        let path = reconstruct(from: start, choice: choice, plans: loopPlans, component: component)
        return .bounded(total, path: path, isUpperBound: upperBound)
    }

    // MARK: - Loop-free steps

    enum Choice { case end, next(Int), loop(Int) }

    /// The best way on from `node` when it is entered once: end here, or go to a successor already solved.
    private func bestExit(from node: Int, best: [Weight?]) -> (Weight?, Choice) {
        var value: Weight? = graph.canEnd[node] ? .zero : nil
        var pick = Choice.end
        for successor in graph.successors[node] {
            if let candidate = best[successor], value == nil || candidate > value! {
                value = candidate; pick = .next(successor)
            }
        }
        return (value.map { costs[node] + $0 }, pick)
    }

    // MARK: - Loops

    /// Everything the solution of one loop needs to rebuild its path.
    struct LoopPlan {
        var members: Set<Int>
        var headers: [Int]
        var order: [Int]
        var exitValue: [Int: Weight?] = [:]
        var exitPick: [Int: Int?] = [:]
        var toHeaderValue: [Int: Weight?] = [:]
        var toHeaderPick: [Int: Int?] = [:]
        var loopTotal: Weight?

        func with(_ result: LoopResult) -> LoopPlan {
            var copy = self
            copy.loopTotal = result.loopTotal
            copy.exitValue = result.exitValue; copy.exitPick = result.exitPick
            copy.toHeaderValue = result.toHeaderValue; copy.toHeaderPick = result.toHeaderPick
            return copy
        }

        struct LoopResult {
            var best: [Int: Weight?] = [:]
            var exitValue: [Int: Weight?] = [:]
            var exitPick: [Int: Int?] = [:]
            var toHeaderValue: [Int: Weight?] = [:]
            var toHeaderPick: [Int: Int?] = [:]
            var loopTotal: Weight?
        }

        /// X(u): costliest way from u to leave the loop without passing a header again.
        /// Y(u): costliest way from u to the next header (its own cost not included).
        func solve(_ solver: WorstPathSolver, best: [Weight?]) -> LoopResult {
            let successors = solver.graph.successors, canEnd = solver.graph.canEnd, costs = solver.costs
            var result = LoopResult()
            let headerSet = Set(headers)
            func exitOptions(_ node: Int) -> (Weight?, Int?) {
                var value: Weight? = canEnd[node] ? .zero : nil
                var pick: Int? = nil
                for successor in successors[node] {
                    let candidate: Weight?
                    if !members.contains(successor) { candidate = best[successor] }
                    else if headerSet.contains(successor) { continue }
                    else { candidate = result.exitValue[successor] ?? nil }
                    if let candidate, value == nil || candidate > value! { value = candidate; pick = successor }
                }
                return (value.map { costs[node] + $0 }, pick)
            }
            func headerOptions(_ node: Int) -> (Weight?, Int?) {
                var value: Weight? = nil
                var pick: Int? = nil
                for successor in successors[node] where members.contains(successor) {
                    let candidate: Weight? = headerSet.contains(successor) ? .zero : (result.toHeaderValue[successor] ?? nil)
                    if let candidate, value == nil || candidate > value! { value = candidate; pick = successor }
                }
                return (value.map { costs[node] + $0 }, pick)
            }
            for node in order.reversed() {
                (result.exitValue[node], result.exitPick[node]) = exitOptions(node)
                (result.toHeaderValue[node], result.toHeaderPick[node]) = headerOptions(node)
            }
            for header in headers {
                (result.exitValue[header], result.exitPick[header]) = exitOptions(header)
                (result.toHeaderValue[header], result.toHeaderPick[header]) = headerOptions(header)
            }
            let loopTotal = headerTotal(bounds: solver.graph.bounds, result: result)
            result.loopTotal = loopTotal
            for header in headers { result.best[header] = loopTotal }
            for node in order {
                let exit = result.exitValue[node] ?? nil
                var around: Weight? = nil
                if let toHeader = result.toHeaderValue[node] ?? nil, let total = loopTotal { around = toHeader + total }
                result.best[node] = [exit, around].compactMap { $0 }.max()
            }
            return result
        }

        /// The costliest way on from the (first) header with every header's visits still available.
        private func headerTotal(bounds: [Int?], result: LoopResult) -> Weight? {
            if headers.count == 1 {
                let header = headers[0]
                let bound = Count(bounds[header] ?? 1)
                guard let exit = result.exitValue[header] ?? nil else { return nil }
                guard bound.value > 1, let cycle = result.toHeaderValue[header] ?? nil else { return exit }
                return cycle.repeated(Count(bound.value - 1)) + exit
            }
            // Several bounded states: each visit of h_i is followed by at most the costliest
            // stretch from h_i (to a header or out); the last stretch leaves.
            var total: Weight = .zero
            var anyExit: Weight? = nil
            for header in headers {
                let stretch = [result.toHeaderValue[header] ?? nil, result.exitValue[header] ?? nil].compactMap { $0 }.max()
                if let stretch { total = total + stretch.repeated(Count(bounds[header] ?? 1)) }
                if let exit = result.exitValue[header] ?? nil, anyExit == nil || exit > anyExit! { anyExit = exit }
            }
            return anyExit == nil ? nil : total
        }
    }

    // MARK: - Path

    private func reconstruct(from start: Int, choice: [Choice], plans: [Int: LoopPlan], component: [Int]) -> [Step] {
        var path: [Step] = []
        var current: Int? = start
        var guardSteps = 0
        while let node = current, guardSteps <= costs.count * 4 {
            guardSteps += 1
            switch choice[node] {
            case .end:
                path.append(Step(node: node, times: .one)); current = nil
            case .next(let successor):
                path.append(Step(node: node, times: .one)); current = successor
            case .loop(let position):
                guard let plan = plans[position] else { current = nil; break }
                current = walkLoop(plan, from: node, into: &path)
                if let next = current, component[next] == position { current = nil }
            }
        }
        return path
    }

    /// Appends the loop's part of the path and returns the state after the loop, if any.
    private func walkLoop(_ plan: LoopPlan, from entry: Int, into path: inout [Step]) -> Int? {
        func follow(_ start: Int, picks: [Int: Int?], stopAtHeader: Bool, times: Count) -> Int? {
            var node: Int? = start
            var steps = 0
            while let current = node, steps <= plan.members.count {
                steps += 1
                path.append(Step(node: current, times: times))
                guard let next = picks[current] ?? nil else { return nil }
                if !plan.members.contains(next) { return next }
                if stopAtHeader && plan.headers.contains(next) { return next }
                if plan.headers.contains(next) { return nil }
                node = next
            }
            return nil
        }
        var node = entry
        if !plan.headers.contains(entry) {
            let exit = plan.exitValue[entry] ?? nil
            var goesRound = false
            if let toHeader = plan.toHeaderValue[entry] ?? nil, let total = plan.loopTotal {
                goesRound = exit == nil || toHeader + total > exit!
            }
            if !goesRound {
                return follow(entry, picks: plan.exitPick, stopAtHeader: false, times: .one)
            }
            guard let header = follow(entry, picks: plan.toHeaderPick, stopAtHeader: true, times: .one) else { return nil }
            node = header
        }
        // At a header: go round the costliest cycle bound−1 times, then leave.
        for header in plan.headers {
            let bound = Count(graph.bounds[header] ?? 1)
            if bound.value > 1, (plan.toHeaderValue[header] ?? nil) != nil {
                _ = follow(header, picks: plan.toHeaderPick, stopAtHeader: true, times: Count(bound.value - 1))
            }
        }
        // With several bounded states, leave by the one with the costliest exit (the bound's choice).
        var exitHeader = node
        if plan.headers.count > 1 {
            for header in plan.headers {
                guard let candidate = plan.exitValue[header] ?? nil else { continue }
                if let current = plan.exitValue[exitHeader] ?? nil, current >= candidate { continue }
                exitHeader = header
            }
        }
        return follow(exitHeader, picks: plan.exitPick, stopAtHeader: false, times: .one)
    }

}

/// The part of a scope's worst-case problem that every measure shares: where each state leads,
/// where the scope can end, the profile's bounds (not generic, so built once per scope).
struct WorstPathGraph {
    var successors: [[Int]]
    var canEnd: [Bool]
    var bounds: [Int?]

    /// What a component of the graph is, whatever the measure: the solver's plan for it.
    enum Shape {
        /// One state that does not lead to itself.
        case single
        /// A loop whose states without a bound form an acyclic graph, in `order`: bounded by `headers`.
        case loop(members: Set<Int>, headers: [Int], order: [Int])
        /// A loop with a cycle through states without a bound: `cyclic` are that cycle's states.
        case unboundedCycle(cyclic: [Int])
    }

    /// The shape of each component (the loops' orders worked out once for every measure).
    func shapes(of components: [[Int]]) -> [Shape] {
        components.map { members in
            guard members.count > 1 || successors[members[0]].contains(members[0]) else { return .single }
            let memberSet = Set(members)
            let headers = members.filter { bounds[$0] != nil }.sorted()
            let free = members.filter { bounds[$0] == nil }
            guard let order = topologicalOrder(free, within: memberSet.subtracting(headers)) else {
                return .unboundedCycle(cyclic: cyclicPart(free, within: memberSet.subtracting(headers)))
            }
            return .loop(members: memberSet, headers: headers, order: order)
        }
    }

    /// A topological order of `subset` (edges restricted to `allowed`), or nil if it has a cycle.
    func topologicalOrder(_ subset: [Int], within allowed: Set<Int>) -> [Int]? {
        var indegree: [Int: Int] = [:]
        for node in subset { indegree[node] = 0 }
        for node in subset { for successor in successors[node] where allowed.contains(successor) { indegree[successor, default: 0] += 1 } }
        var ready = subset.filter { indegree[$0] == 0 }
        var order: [Int] = []
        while let node = ready.popLast() {
            order.append(node)
            for successor in successors[node] where allowed.contains(successor) {
                indegree[successor]! -= 1
                if indegree[successor] == 0 { ready.append(successor) }
            }
        }
        return order.count == subset.count ? order : nil
    }

    /// The states of `subset` that lie on a cycle with no bounded state.
    func cyclicPart(_ subset: [Int], within allowed: Set<Int>) -> [Int] {
        let successors = self.successors
        let parts = GraphSCC.components(nodeCount: successors.count,
                                        successors: { node in successors[node].filter { allowed.contains($0) } },
                                        roots: subset)
        return parts.filter { $0.count > 1 || successors[$0[0]].contains($0[0]) }.flatMap { $0 }.sorted()
    }


    /// Each state's position in `components` (-1 for a state they do not hold).
    static func componentIndex(_ components: [[Int]], count: Int) -> [Int] {
        var component = [Int].filled(-1, count: count)
        for (position, members) in components.enumerated() { for member in members { component[member] = position } }
        return component
    }
}
