/// SFN143 unreachable-state: a state no path from `StartAt` enters, scope by scope.
///
/// Edges are `Next`, every Choice rule and `Default`, and every `Catch` target, within the same scope
/// (ASL forbids transitions across a Parallel branch or Map iteration). Nested scopes are checked
/// on their own `StartAt`; the states of an unreachable Parallel or Map are not reported again.
enum UnreachableStateCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        findings(in: analysis.machine, scope: "the machine", analysis: analysis)
    }

    private static func findings(in machine: StateMachine, scope: String, analysis: MachineAnalysis) -> [Finding] {
        let reached = reachableIndices(machine)
        var result: [Finding] = []
        for (index, state) in machine.states.enumerated() {
            guard reached[index] else {
                result.append(finding(state, scope: scope, startAt: machine.startAt, analysis: analysis))
                continue
            }
            switch state.kind {
            case .parallel(let branches):
                for (index, branch) in branches.enumerated() {
                    result += findings(in: branch, scope: branchScope(index, of: state.name), analysis: analysis)
                }
            case .map(let spec):
                result += findings(in: spec.processor, scope: iterationScope(of: state.name), analysis: analysis)
            default:
                break
            }
        }
        return result
    }

    static func finding(_ state: State, scope: String, startAt: String, analysis: MachineAnalysis) -> Finding {
        Finding(rule: RuleCatalog.unreachableState, message: .unreachable(state.name, scope: scope, startAt: startAt),
                at: state.location, state: state.name, machine: analysis.name)
    }

    /// How the scope of a nested machine is named in the finding.
    static func branchScope(_ index: Int, of state: String) -> String { "branch \(index + 1) of Parallel '\(state)'" }
    static func iterationScope(of state: String) -> String { "the iteration of Map '\(state)'" }

    /// Names of the states reachable from `StartAt` in this scope.
    static func reachable(_ machine: StateMachine) -> Set<String> {
        let reached = reachableIndices(machine)
        return Set(machine.states.indices.lazy.filter { reached[$0] }.map { machine.states[$0].name })
    }

    /// Whether each state (by index) is reachable from `StartAt`: a walk over indices, without a
    /// copy of each State or an array of names per step.
    static func reachableIndices(_ machine: StateMachine) -> [Bool] {
        var seen = [Bool].filled(false, count: machine.states.count)
        var queue: [Int] = []
        func enter(_ name: String) {
            if let index = machine.index(of: name), !seen[index] {
                seen[index] = true
                queue.append(index)
            }
        }
        enter(machine.startAt)
        while let index = queue.popLast() {
            if let next = machine.states[index].next { enter(next) }
            if case .choice(let spec) = machine.states[index].kind {
                for rule in spec.rules { enter(rule.next) }
                if let target = spec.defaultTarget { enter(target) }
            }
            for catcher in machine.states[index].catchers { enter(catcher.next) }
        }
        return seen
    }

    static func successors(of state: State) -> [String] {
        var targets: [String] = []
        if let next = state.next { targets.append(next) }
        if case .choice(let spec) = state.kind { targets += spec.targets }
        targets += state.catchers.map(\.next)
        return targets
    }
}

extension String {
    fileprivate static func unreachable(_ state: String, scope: String, startAt: String) -> String {
        "state '\(state)' in \(scope) cannot be reached from StartAt '\(startAt)' (no Next, Choice, Default or Catch leads to it): AWS rejects the definition. Connect it or remove it"
    }
}
