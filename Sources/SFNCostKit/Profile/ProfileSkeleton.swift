import Foundation

/// A starting profile for the machines found: every key that matters for them, with the default
/// that applies while it stays commented out, and the loops that need a bound. Printed by
/// `sfncost profile`, so a user sees what to fill in instead of guessing key names.
///
/// Every key is commented out, `max_visits` too: sfncost never guesses a bound, so an unedited
/// skeleton leaves each loop unbounded (SFN151) until the user uncomments its line and sets a real one.
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
            lines.append("    # memory_mb: \(Defaults.expressMemoryMB)          # Express billed memory; while commented out, AWS's estimate is used (50 MB + definition + payload × Parallel/Map states)")
            var stateLines: [String] = []
            let loops = LoopHeads.find(in: source.machine)
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
            if let error = state.retriers.first?.errorEquals.first {
                entries.append("# error: \(scalar(error))" + "        # the error a failed attempt raises; default: the first one the first retrier names")
            }
        case .wait(.dynamic(let field)):
            entries.append("# duration: 1s             # the wait comes from \(field)")
        case .choice(let spec):
            let odds = equalOdds(spec.targets.count)
            entries.append("# branches: {" + zip(spec.targets, odds).map { "\(key($0)): \($1)" }.joined(separator: ", ") + "}")
        case .map(let spec):
            entries.append("# items: {expected: \(Format.count(Defaults.mapItems)), max: \(Format.count(Defaults.mapItems))}")
            entries.append("# item_kb: 1                # item size; not assumed while commented out" +
                           (spec.maxInputBytesPerBatch != nil ? " (MaxInputBytesPerBatch needs it)" : ""))
            entries.append("# result_kb: 1              # size of its result; not assumed while commented out")
        case .parallel:
            entries.append("# failure_rate: 0")
            entries.append("# result_kb: 1              # size of its result; not assumed while commented out")
        default:
            break
        }
        if let loop {
            // Commented out like every other key: an invented bound must not pass for a real one.
            entries.append("# max_visits: 10           # REQUIRED for a worst case: loop \(loop.joined(separator: " → ")) has no bound; uncomment and set the real one (10 is a placeholder)")
        }
        return entries
    }

    /// Equal odds for `count` targets, to 4 decimals, that add up to exactly 1: the last target takes
    /// the remainder (3 targets: 0.3333, 0.3333, 0.3334).
    static func equalOdds(_ count: Int) -> [String] {
        guard count > 0 else { return [] }
        let share = (Decimal(1) / Decimal(count)).rounded(scale: 4)
        let last = 1 - share * Decimal(count - 1)
        let text = { (value: Decimal) in value.description }
        return Array(repeating: text(share), count: count - 1) + [text(last)]
    }

    /// A YAML value: an error name such as `States.TaskFailed` as is, anything else quoted.
    private static func scalar(_ text: String) -> String { key(text) }

    /// A YAML key: quoted when it is not a plain word.
    private static func key(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } && !text.isEmpty
            && !["true", "false", "null", "yes", "no", "on", "off"].contains(text.lowercased())
            && !(text.first?.isNumber ?? false)
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
