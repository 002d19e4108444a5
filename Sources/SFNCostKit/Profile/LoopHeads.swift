/// The states a profile must bound with `max_visits` so that no loop of a machine is unbounded,
/// each with the loop it bounds: what `sfncost profile` writes as `max_visits` lines.
///
/// Worked out from the structure alone, scope by scope, with the same worst-path solver the
/// analysis uses but no figures: bound one state of each unbounded loop, look again (a loop with
/// several cycles may need more than one bound), at most 50 rounds. Analysing the whole machine
/// each round, Markov solve and all, made `profile` many times slower than `estimate`.
enum LoopHeads {
    static let maximumRounds = 50

    static func find(in machine: StateMachine) -> [String: [String]] {
        var scopes: [StateMachine] = []
        var pending = [machine]
        while let scope = pending.popLast() {
            scopes.append(scope)
            for state in scope.states { pending += state.kind.childMachines }
        }
        var heads: [String: [String]] = [:]
        for _ in 0..<maximumRounds {
            var found = false
            for scope in scopes {
                guard let start = scope.index(of: scope.startAt) else { continue }
                let nodes = scope.states.map { state in
                    WorstPathSolver<Count>.Node(cost: .zero, successors: successors(of: state, in: scope), canEnd: canEnd(state),
                                                bound: heads[state.name] == nil ? nil : 10)
                }
                guard case .unbounded(let loops) = WorstPathSolver(nodes: nodes).solve(start: start) else { continue }
                for loop in loops where !loop.isEmpty {
                    let names = loop.map { scope.states[$0].name }
                    if heads[names[0]] == nil {
                        heads[names[0]] = names
                        found = true
                    }
                }
            }
            if !found { break }
        }
        return heads
    }

    /// Every structurally possible next state, as the analysis sees them (`ScopeAnalyzer`).
    static func successors(of state: State, in scope: StateMachine) -> [Int] {
        var result: [Int] = []
        func add(_ name: String?) {
            if let name, let index = scope.index(of: name), !result.contains(index) { result.append(index) }
        }
        switch state.kind {
        case .succeed, .fail:
            break
        case .choice(let spec):
            spec.targets.forEach(add)
        case .pass, .wait:
            add(state.next)
        case .task, .parallel, .map:
            add(state.next)
            state.catchers.forEach { add($0.next) }
        }
        return result
    }

    /// Whether the scope can end at this state: an End, Succeed or Fail, a Choice with no Default,
    /// or a state that can fail with an error no `States.ALL` catcher handles.
    static func canEnd(_ state: State) -> Bool {
        switch state.kind {
        case .succeed, .fail:
            return true
        case .choice(let spec):
            return spec.defaultTarget == nil
        case .pass, .wait:
            return state.next == nil
        case .task, .parallel, .map:
            return state.next == nil || !state.catchers.contains { $0.errorEquals.contains("States.ALL") }
        }
    }
}
