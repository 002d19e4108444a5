/// States that stand on a loop of their scope (a path of Next, Choice targets and Catch routes that
/// comes back to them): the states whose entries per execution `max_visits` bounds.
enum LoopStates {
    static func names(in machine: StateMachine) -> Set<String> {
        var result: Set<String> = []
        var successors: [String: [String]] = [:]
        for state in machine.states {
            var next = state.catchers.map(\.next)
            if let target = state.next { next.append(target) }
            if case .choice(let spec) = state.kind { next += spec.targets }
            successors[state.name] = next
        }
        for state in machine.states {
            var seen: Set<String> = []
            var stack = successors[state.name] ?? []
            while let current = stack.popLast() {
                if current == state.name { result.insert(state.name); break }
                guard seen.insert(current).inserted else { continue }
                stack += successors[current] ?? []
            }
            for child in state.kind.childMachines { result.formUnion(names(in: child)) }
        }
        return result
    }
}
