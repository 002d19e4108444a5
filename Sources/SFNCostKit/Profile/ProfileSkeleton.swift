import Foundation

/// A starting profile for the machines found: every key that matters for them, with the default
/// that applies while it stays commented out, and the loops that need a bound. Printed by
/// `sfncost profile`, so a user sees what to fill in instead of guessing key names.
///
/// Every key is commented out, `max_visits` too: sfncost never guesses a bound, so an unedited
/// skeleton leaves each loop unbounded (SFN151) until the user uncomments its line and sets a real one.
///
/// Names come from inputs: keys are written by `YAMLText` (double-quoted with YAML escapes unless
/// plain), so the profile reads back to the same names whatever they hold; names in comments are
/// escaped for display (`DisplayText.text`), so no newline in a name can end a comment.
public enum ProfileSkeleton {
    public static func render(_ sources: [MachineSource], region: String) -> String {
        var lines = [
            "# Usage profile for sfncost. Uncomment and set what you know; while a line stays commented",
            "# out, the default shown is assumed (and listed in every report). Reference: README.md.",
            "version: \(UsageProfile.supportedVersion)",
            "region: \(YAMLText.scalar(region))",
            "# budget: {monthly: 250, max_increase: 10%}   # estimate and diff exit 1 above it; a machine can have its own budget: {monthly: 20}",
            "state_machines:",
        ]
        // A key is written once: a name that two machines share (even after `MachineNames`
        // qualified it) gives way to the machines' ids, which are unique.
        let nameCounts = Dictionary(grouping: sources, by: \.name).mapValues(\.count)
        var written = Set<String>()
        for source in sources {
            var entry = nameCounts[source.name, default: 0] > 1 && !source.id.isEmpty ? source.id : source.name
            if written.contains(entry), !source.id.isEmpty { entry = source.id }
            guard written.insert(entry).inserted else { continue }
            lines += YAMLText.keyLines(entry, indent: "  ")
            lines.append("    # from " + DisplayText.text(source.declaringFile ?? source.machine.location.file)
                         + (source.id.isEmpty || entry == source.id ? "" : "  (id: " + DisplayText.text(source.id, keepingLineBreaks: false, neutralisingCommands: false) + ")"))
            if !source.schedules.isEmpty {
                lines.append("    # scheduled: " + source.schedules.map { DisplayText.text("\($0.expression) at \($0.location.file):\($0.location.line)") }.joined(separator: ", ")
                             + " (the executions while 'executions' stays commented out)")
            }
            lines.append("    # executions: \(Defaults.executionsPerMonth)        # per month: a number, rate(1 day), cron(0 6 ? * MON-FRI *)")
            lines.append("    # type: \((source.declaredType ?? .standard).rawValue)        # STANDARD or EXPRESS, as deployed")
            lines.append("    # payload_kb: \(Format.count(Defaults.payloadKB))          # typical state input/output")
            lines.append("    # memory_mb: \(Defaults.expressMemoryMB)          # Express billed memory; while commented out, AWS's estimate is used (50 MB + definition + payload × Parallel/Map states)")
            var stateLines: [String] = []
            let loops = LoopHeads.find(in: source.machine)
            for state in source.machine.allStates() {
                let entries = entriesFor(state, needsBound: loops[state.name])
                guard !entries.isEmpty else { continue }
                stateLines += YAMLText.keyLines(state.name, indent: "      ", comment: "\(state.typeName), line \(state.location.line)")
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
            entries.append("# failed_attempts: 0       # instead of failure_rate: the first N attempts fail, then one succeeds")
            if let error = state.retriers.first?.errorEquals.first {
                entries.append("# error: \(scalar(error))" + "        # the error a failed attempt raises; default: the first one the first retrier names")
            }
        case .wait(.dynamic(let field)):
            entries.append("# duration: 1s             # the wait comes from \(DisplayText.text(field))")
            entries.append("# failure_rate: 0           # the chance \(DisplayText.text(field)) fails to evaluate (the execution fails)")
        case .fail where state.hasDynamicFailError:
            entries.append("# error: MyError           # the error its ErrorPath gives; while commented out, only States.ALL matches it")
        case .choice(let spec):
            let odds = equalOdds(spec.targets.count)
            entries.append("# branches: {" + zip(spec.targets, odds).map { YAMLText.flowPair($0, $1) }.joined(separator: ", ") + "}")
        case .map(let spec):
            entries.append("# items: {expected: \(Format.count(Defaults.mapItems)), max: \(Format.count(Defaults.mapItems))}")
            entries.append("# item_kb: 1                # item size; not assumed while commented out" +
                           (spec.maxInputBytesPerBatch != nil ? " (MaxInputBytesPerBatch needs it)" : ""))
            entries.append("# result_kb: 1              # size of its result; not assumed while commented out")
            for (size, field) in spec.runtimeSizes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let (shown, note): (String, String)
                switch size {
                case .maxItemsPerBatch: (shown, note) = ("1", "while commented out, 1 is assumed")
                case .maxInputBytesPerBatch: (shown, note) = ("262144", "while commented out, no byte limit is assumed")
                case .maxItems: (shown, note) = ("1000", "while commented out, every item is read (1000 is a placeholder)")
                case .toleratedFailurePercentage, .toleratedFailureCount: (shown, note) = ("0", "while commented out, 0 is assumed")
                }
                entries.append("# \(size.rawValue): \(shown)   # set at run time by \(field.split(separator: " ").first ?? ""); \(note)")
            }
            entries.append("# failure_rate: 0           # the Map itself fails before any iteration (items not an array, ItemReader); failures inside come from its states")
        case .parallel:
            entries.append("# failure_rate: 0           # the Parallel itself fails before its branches (evaluation error); failures inside come from its states")
            entries.append("# result_kb: 1              # size of its result; not assumed while commented out")
        default:
            break
        }
        if let loop {
            // Commented out like every other key: an invented bound must not pass for a real one.
            entries.append("# max_visits: 10           # REQUIRED for a worst case: loop \(DisplayText.text(loop.joined(separator: " → "))) has no bound; uncomment and set the real one (10 is a placeholder)")
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
    private static func scalar(_ text: String) -> String { YAMLText.scalar(text) }
}
