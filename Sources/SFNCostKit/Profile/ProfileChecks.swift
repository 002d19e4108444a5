/// Checks a profile against the machines it is applied to. A profile key that does nothing is
/// almost always a typo (a misspelt state, odds for a state the Choice cannot reach, `items` on a
/// Task), so each one is a warning at the profile's line and column rather than silently ignored.
enum ProfileChecks {
    static func check(_ profile: UsageProfile, machines: [MachineSource]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for entry in profile.machines {
            let matching = machines.filter { source in
                source.allNames.contains { $0 == entry.pattern || GlobPattern.matches(entry.pattern, $0) }
            }
            guard !matching.isEmpty else {
                result.append(Diagnostic(.note, "Profile.NoMachine",
                                         "profile entry '\(entry.pattern)' matches none of the machines analysed",
                                         at: entry.location))
                continue
            }
            let whose = matching.count == 1 ? "machine '\(matching[0].name)' does" : "the machines matching '\(entry.pattern)' do"
            var statesByName: [String: [State]] = [:]
            for source in matching {
                for state in source.machine.allStates() { statesByName[state.name, default: []].append(state) }
            }
            for (name, usage) in entry.usage.states.sorted(by: { $0.key < $1.key }) {
                guard let states = statesByName[name] else {
                    result.append(Diagnostic(.warning, "Profile.UnknownState",
                                             "profile names state '\(name)', which \(whose) not have", at: usage.location))
                    continue
                }
                result += inapplicableKeys(usage, name: name, states: states)
            }
        }
        return result
    }

    /// Keys that no state of that name uses, and Choice odds for targets the Choice does not have.
    private static func inapplicableKeys(_ usage: StateUsage, name: String, states: [State]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let kinds = Set(states.map(\.typeName)).sorted().joined(separator: "/")
        func unused(_ key: String, _ location: SourceLocation?, uses: (State) -> Bool, who: String) {
            guard let location, !states.contains(where: uses) else { return }
            result.append(Diagnostic(.warning, "Profile.UnusedKey",
                                     "'\(key)' has no effect on \(kinds) state '\(name)': only \(who) use it", at: location))
        }
        unused("failure_rate", usage.failureRate?.location, uses: { $0.kind.canFail }, who: "Task, Parallel and Map states")
        unused("error", usage.error?.location, uses: { $0.kind.canFail }, who: "Task, Parallel and Map states")
        unused("duration", usage.duration?.location, uses: { state in
            if case .task = state.kind { return true }
            if case .wait(.dynamic) = state.kind { return true }
            return false
        }, who: "Task states and Wait states timed at run time")
        unused("branches", usage.branches?.location, uses: { state in
            if case .choice = state.kind { return true }
            return false
        }, who: "Choice states")
        for (key, location) in [("items", usage.items?.location), ("item_kb", usage.itemKB?.location)] {
            unused(key, location, uses: { state in
                if case .map = state.kind { return true }
                return false
            }, who: "Map states")
        }
        if let branches = usage.branches {
            let targets = Set(states.flatMap { state -> [String] in
                if case .choice(let spec) = state.kind { return spec.targets }
                return []
            })
            if !targets.isEmpty {
                for target in branches.value.keys.sorted() where !targets.contains(target) {
                    result.append(Diagnostic(.warning, "Profile.UnknownBranch",
                                             "Choice '\(name)' has no branch to '\(target)' (its targets: \(targets.sorted().joined(separator: ", "))); these odds are ignored",
                                             at: branches.location))
                }
            }
        }
        return result
    }
}
