/// Checks a profile against the machines it is applied to. A profile key that does nothing is
/// almost always a typo (a misspelt state, odds for a state the Choice cannot reach, `items` on a
/// Task), so each one is a warning at the profile's line and column rather than silently ignored.
///
/// An entry that matches no machine is usually fine (one profile for several directories) and is only
/// a note, unless it looks like a mistake: a name within `closeNameDistance` edits of a machine
/// analysed ("did you mean …?"), or a profile none of whose entries matches any machine.
enum ProfileChecks {
    /// Edits (Levenshtein, ignoring case) within which an unmatched entry is taken for a misspelt machine name.
    static let closeNameDistance = 2

    static func check(_ profile: UsageProfile, machines: [MachineSource]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func matching(_ entry: UsageProfile.MachineEntry) -> [MachineSource] {
            machines.filter { source in
                source.allNames.contains { $0 == entry.pattern || GlobPattern.matches(entry.pattern, $0) }
            }
        }
        let noEntryMatches = !machines.isEmpty && profile.machines.allSatisfy { matching($0).isEmpty }
        for entry in profile.machines {
            let matching = matching(entry)
            guard !matching.isEmpty else {
                result.append(noMachine(entry, machines: machines, noEntryMatches: noEntryMatches))
                continue
            }
            let whose = matching.count == 1 ? "machine '\(matching[0].name)' does" : "the machines matching '\(entry.pattern)' do"
            var statesByName: [String: [State]] = [:]
            for source in matching {
                for state in source.machine.everyState { statesByName[state.name, default: []].append(state) }
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

    /// `Profile.NoMachine` for an entry that matches no machine: a warning when it is probably a typo
    /// or when the whole profile applies to nothing, a note otherwise.
    private static func noMachine(_ entry: UsageProfile.MachineEntry, machines: [MachineSource],
                                  noEntryMatches: Bool) -> Diagnostic {
        let message = "profile entry '\(entry.pattern)' matches none of the machines analysed"
        let names = Array(Set(machines.flatMap(\.allNames))).sorted()
        let closest = names
            .map { (name: $0, distance: EditDistance.between(entry.pattern.lowercased(), $0.lowercased())) }
            .min { $0.distance < $1.distance }
        if let closest, closest.distance <= closeNameDistance {
            return Diagnostic(.warning, "Profile.NoMachine", "\(message); did you mean '\(closest.name)'?", at: entry.location)
        }
        if noEntryMatches {
            let shown = machines.map(\.name).sorted()
            let list = shown.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (shown.count > 5 ? " and \(shown.count - 5) more" : "")
            return Diagnostic(.warning, "Profile.NoMachine",
                              "\(message); no entry of the profile matches any of them (\(list)), so none of its settings apply",
                              at: entry.location)
        }
        return Diagnostic(.note, "Profile.NoMachine", message, at: entry.location)
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
        // Every state can fail (an evaluation error on a Pass, Wait, Choice or Succeed); a Fail state
        // always fails, so only its `error` (for an ErrorPath) means something.
        let notFail: (State) -> Bool = { state in
            if case .fail = state.kind { return false }
            return true
        }
        unused("failure_rate", usage.failureRate?.location, uses: notFail, who: "states other than Fail")
        unused("failed_attempts", usage.failedAttempts?.location, uses: notFail, who: "states other than Fail")
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
        for (size, value) in usage.mapSizes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            unused(size.rawValue, value.location, uses: { state in
                if case .map(let spec) = state.kind { return spec.runtimeSizes[size] != nil }
                return false
            }, who: "Map states that set it at run time (a …Path field or a JSONata expression)")
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
