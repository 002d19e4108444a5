/// Walks a machine's scopes (the machine, Parallel branches, Map item processors) for the checks.
enum StateWalk {
    /// Every state's figures, in this scope and all nested ones, depth first, with the label of
    /// the scope it stands in.
    static func figures(_ scope: ScopeAnalysis) -> [(figures: StateFigures, scope: String)] {
        var result: [(StateFigures, String)] = []
        for figures in scope.states {
            result.append((figures, scope.label))
            for child in figures.children {
                result.append(contentsOf: Self.figures(child))
            }
        }
        return result
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
