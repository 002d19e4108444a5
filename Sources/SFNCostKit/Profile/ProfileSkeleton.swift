/// A starting profile for the machines found: every key that matters for them, with the default
/// that applies while it stays commented out, and the loops that need a bound. Printed by
/// `sfncost profile`, so a user sees what to fill in instead of guessing key names.
public enum ProfileSkeleton {
    public static func render(_ sources: [MachineSource], region: String) -> String {
        var lines = [
            "# Usage profile for sfncost. Uncomment and set what you know; while a line stays commented",
            "# out, the default shown is assumed (and listed in every report). Reference: README.md.",
            "version: \(UsageProfile.supportedVersion)",
            "region: \(region)",
            "state_machines:",
        ]
        for source in sources {
            lines.append("  \(key(source.name)):")
            lines.append("    # from \(source.machine.location.file)")
            lines.append("    # executions: \(Defaults.executionsPerMonth)        # per month: a number, rate(1 day), cron(0 6 ? * MON-FRI *)")
            lines.append("    # type: \((source.declaredType ?? .standard).rawValue)        # STANDARD or EXPRESS, as deployed")
            lines.append("    # payload_kb: \(Format.count(Defaults.payloadKB))          # typical state input/output")
            var stateLines: [String] = []
            let loops = loopHeads(source)
            for state in source.machine.allStates() {
                let entries = entriesFor(state, needsBound: loops[state.name])
                guard !entries.isEmpty else { continue }
                stateLines.append("      \(key(state.name)):   # \(state.typeName), line \(state.location.line)")
                stateLines += entries.map { "        " + $0 }
            }
            if stateLines.isEmpty {
                lines.append("    # states: {}")
            } else {
                lines.append("    states:")
                lines += stateLines
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func entriesFor(_ state: State, needsBound loop: [String]?) -> [String] {
        var entries: [String] = []
        switch state.kind {
        case .task:
            entries.append("# duration: {expected: 1s, max: 1s}")
            entries.append("# failure_rate: 0" + (state.retriers.isEmpty && state.catchers.isEmpty ? "" : "        # Retry/Catch: each retry is a transition"))
        case .wait(.dynamic(let field)):
            entries.append("# duration: 1s             # the wait comes from \(field)")
        case .choice(let spec):
            let share = Format.count(1 / Double(max(1, spec.targets.count)))
            entries.append("# branches: {" + spec.targets.map { "\(key($0)): \(share)" }.joined(separator: ", ") + "}")
        case .map(let spec):
            entries.append("# items: {expected: 10, max: 10}")
            if spec.maxInputBytesPerBatch != nil { entries.append("# item_kb: 1") }
        case .parallel:
            entries.append("# failure_rate: 0")
        default:
            break
        }
        if let loop {
            entries.append("max_visits: 10             # REQUIRED for a worst case: loop \(loop.joined(separator: " → ")) has no bound (10 is a placeholder)")
        }
        return entries
    }

    /// States that need `max_visits` so that no loop is left unbounded, each with the loop it bounds.
    /// A loop with several cycles may need more than one: bound one state, look again, up to 50 times.
    private static func loopHeads(_ source: MachineSource) -> [String: [String]] {
        var heads: [String: [String]] = [:]
        var usage = MachineUsage()
        for _ in 0..<50 {
            var profile = UsageProfile()
            profile.machines = [.init(pattern: source.name, location: source.machine.location, usage: usage)]
            let analysis = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes,
                                                   profile: profile, templateType: source.declaredType)
            let loops = analysis.root.problems.filter { $0.kind == .unboundedLoop && !$0.states.isEmpty }
            guard !loops.isEmpty else { break }
            for loop in loops where heads[loop.states[0]] == nil {
                heads[loop.states[0]] = loop.states
                var state = StateUsage(location: loop.location)
                state.maxVisits = Located(10, at: loop.location)
                usage.states[loop.states[0]] = state
            }
        }
        return heads
    }

    /// A YAML key: quoted when it is not a plain word.
    private static func key(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } && !text.isEmpty
            && !["true", "false", "null", "yes", "no", "on", "off"].contains(text.lowercased())
            && !(text.first?.isNumber ?? false)
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
