/// Walks a machine's scopes (the machine, Parallel branches, Map item processors) for the checks.
enum StateWalk {
    /// Every state's figures, in this scope and all nested ones, depth first, with the label of
    /// the scope it stands in. A sequence walked as it is read: a list of every state's figures
    /// (a few hundred bytes each) would be a second copy of the analysis, the peak of memory on a
    /// machine of 100,000 states.
    static func figures(_ scope: ScopeAnalysis) -> Figures { Figures(root: scope) }

    struct Figures: Sequence {
        let root: ScopeAnalysis

        func makeIterator() -> Iterator { Iterator(stack: [(root, 0)]) }

        struct Iterator: IteratorProtocol {
            /// The scopes being walked, innermost last, each with the index of its next state.
            var stack: [(scope: ScopeAnalysis, next: Int)]

            mutating func next() -> (figures: StateFigures, scope: String)? {
                while let top = stack.last {
                    guard top.next < top.scope.states.count else {
                        stack.removeLast()
                        continue
                    }
                    stack[stack.count - 1].next += 1
                    let figures = top.scope.states[top.next]
                    // The state's branches or iteration come right after it, the first one first.
                    for child in figures.children.reversed() { stack.append((child, 0)) }
                    return (figures, top.scope.label)
                }
                return nil
            }
        }
    }

    /// Every scope (state machine) of `machine`, itself first, then nested ones depth first.
    static func scopes(_ machine: StateMachine) -> [StateMachine] {
        var result = [machine]
        for state in machine.states {
            for child in state.kind.childMachines {
                result.append(contentsOf: scopes(child))
            }
        }
        return result
    }
}

extension StateMachine {
    /// Calls `body` with every state here and in nested branches and item processors, depth first
    /// (the order of `everyState`), each read in place: an iterator hands out copies, and a copy
    /// of a state retains each of its strings and arrays.
    func forEachState(_ body: (State) -> Void) {
        for index in states.indices {
            body(states[index])
            switch states[index].kind {
            case .parallel(let branches):
                for branch in branches { branch.forEachState(body) }
            case .map(let spec):
                spec.processor.forEachState(body)
            default:
                break
            }
        }
    }
}
