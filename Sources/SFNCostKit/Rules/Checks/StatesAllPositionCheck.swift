/// SFN144 states-all-position: `States.ALL` must stand alone in its `ErrorEquals` and in the last
/// retrier or catcher (https://states-language.net/spec.html#errors).
enum StatesAllPositionCheck {
    static let wildcard = "States.ALL"

    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        var result: [Finding] = []
        for state in analysis.machine.everyState { findings(state, analysis, into: &result) }
        return result
    }

    /// One state's findings (`RuleEngine` walks the states once for every check).
    static func findings(_ state: State, _ analysis: MachineAnalysis, into result: inout [Finding]) {
        // Most states name no States.ALL: skip them before building the lists below.
        guard state.retriers.contains(where: { $0.errorEquals.contains(wildcard) })
                || state.catchers.contains(where: { $0.errorEquals.contains(wildcard) }) else { return }
        let lists: [(String, [(errors: [String], location: SourceLocation)])] = [
            ("Retry", state.retriers.map { ($0.errorEquals, $0.location) }),
            ("Catch", state.catchers.map { ($0.errorEquals, $0.location) }),
        ]
        for (field, entries) in lists {
            for (index, entry) in entries.enumerated() where entry.errors.contains(wildcard) {
                let problem: String?
                if entry.errors.count > 1 {
                    problem = "shares its ErrorEquals with \(entry.errors.filter { $0 != wildcard }.joined(separator: ", "))"
                } else if index != entries.count - 1 {
                    problem = "is entry \(index + 1) of \(entries.count), not the last"
                } else {
                    problem = nil
                }
                guard let problem else { continue }
                result.append(Finding(rule: RuleCatalog.statesAllPosition,
                                      message: .misplaced(state.name, field: field, problem: problem),
                                      at: entry.location, state: state.name, machine: analysis.name))
            }
        }
    }
}

extension String {
    fileprivate static func misplaced(_ state: String, field: String, problem: String) -> String {
        "States.ALL in \(field) of '\(state)' \(problem): it must be alone in the last \(field) entry, and AWS rejects the definition otherwise. Move it to its own last entry"
    }
}
