import Foundation

/// Writes the usage profile fitted to recorded executions, in the format `ProfileLoader` reads
/// (README, "The usage profile"), with a comment on every fitted figure saying what it came from.
/// Keys the data does not inform come from the base profile (`--profile`), marked so, or are left
/// out (the defaults apply). Names are written by `YAMLText`, comments escaped by `DisplayText`.
enum CalibratedProfileWriter {
    struct MachineInput {
        var source: MachineSource
        var observations: MachineObservations?
        var rate: MeasuredRate?
        var base: MachineUsage
        /// Express logs at level ERROR and the Express billing metrics (ExpressProfileLines).
        var express: ExpressObservations? = nil
    }

    static func render(_ machines: [MachineInput], base: UsageProfile?, historyPaths: [String]) -> String {
        var lines = [
            "# Usage profile fitted by `sfncost calibrate` to recorded executions (" + DisplayText.text(historyPaths.joined(separator: ", ")) + ").",
            "# Each fitted figure says how many executions it came from; keys marked 'from the base profile'",
            "# were not informed by the data. max_visits are the largest entries observed, not guaranteed bounds.",
            "version: \(UsageProfile.supportedVersion)",
        ]
        if let region = base?.region { lines.append("region: \(YAMLText.scalar(region))") }
        lines.append("state_machines:")
        for input in machines {
            lines += machineLines(input, baseFile: base?.file)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func machineLines(_ input: MachineInput, baseFile: String?) -> [String] {
        let source = input.source
        let observed = input.observations
        let fromBase = "from the base profile"
        var lines = YAMLText.keyLines(source.name, indent: "  ")
        lines.append("    # histories: " + (observed.map { DisplayText.text($0.provenance) } ?? "none matched this machine"))
        if let rate = input.rate {
            lines.append("    executions: \(number(rate.perMonth))   # " + DisplayText.text(rate.note))
        } else if let given = input.base.executions?.value {
            lines.append("    executions: \(rateText(given.text))   # \(fromBase)")
        } else {
            // Said in the file, so that a reader does not take the fitted profile's monthly figures as measured.
            lines.append("    # executions: not measured (no --executions or --metrics) and not in a base profile: the estimate takes a schedule the template gives, else the default \(Format.count(Double(Defaults.executionsPerMonth))) a month")
        }
        if let type = input.base.type?.value { lines.append("    type: \(type.rawValue)   # \(fromBase)") } else { lines += ExpressProfileLines.type(input.express) }
        if let observed, observed.payloadBytes.count > 0 {
            lines.append("    payload_kb: \(number(max(0.001, observed.payloadBytes.mean / 1024)))   # mean state input/output, \(plural(observed.payloadBytes.count, "execution"))")
        } else if let given = input.base.payloadKB?.value {
            lines.append("    payload_kb: \(number(given))   # \(fromBase)")
        }
        if let memory = ExpressProfileLines.memory(input.express) { lines += memory } else if let given = input.base.memoryMB?.value { lines.append("    memory_mb: \(given)   # \(fromBase)") }
        lines += ExpressProfileLines.notes(input.express)
        let loops = LoopStates.names(in: source.machine)
        var stateLines: [String] = []
        var written: Set<String> = []
        for state in source.machine.allStates() where written.insert(state.name).inserted {
            let entries = stateEntries(state, observed: observed, base: input.base.states[state.name], inLoop: loops.contains(state.name))
            guard !entries.isEmpty else { continue }
            stateLines += YAMLText.keyLines(state.name, indent: "      ")
            stateLines += entries.map { "        " + $0 }
        }
        if !stateLines.isEmpty { lines.append("    states:"); lines += stateLines }
        if !input.base.rules.isEmpty {
            lines.append("    # the base profile's rules settings are not copied: copy them from " + DisplayText.text(baseFile ?? "it"))
        }
        return lines
    }

    private static func stateEntries(_ state: State, observed: MachineObservations?, base: StateUsage?, inLoop: Bool) -> [String] {
        let name = state.name
        let fromBase = "   # from the base profile"
        var entries: [String] = []
        let executionsIn = observed?.executionsEntering[name] ?? 0
        // Failure rate and error: failed attempts ÷ attempts.
        if let observed, let attempts = observed.attempts[name], attempts > 0 {
            let failed = observed.failedAttempts[name, default: 0]
            let pattern = observed.failurePatterns[name]
            if failed < attempts, failed > 0, let pattern, let fixed = pattern.failuresBeforeSuccess {
                // Every visit failed the same number of attempts and then succeeded: exact, where a
                // rate would assume independent attempts (and spread the retries over visits).
                entries.append("failed_attempts: \(fixed)   # every one of \(plural(pattern.visits, "visit")) in \(plural(executionsIn, "execution")) failed \(fixed), then succeeded (\(failed) failed of \(plural(attempts, "attempt")))")
            } else {
                // Every attempt failed: a rate of 1, which the profile takes as certain.
                let rate = failed == attempts ? "1" : number(Double(failed) / Double(attempts))
                let every = failed == attempts ? " (every attempt failed)" : ""
                entries.append("failure_rate: \(rate)   # \(failed) failed of \(plural(attempts, "attempt")) in \(plural(executionsIn, "execution"))" + every)
            }
            if let errors = observed.errors[name], let top = errors.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first {
                entries.append("error: \(YAMLText.scalar(top.key))   # the most frequent: \(top.value) of \(failed) failed attempts")
            }
        } else {
            if let rate = base?.failureRate?.value { entries.append("failure_rate: \(number(rate))" + fromBase) }
            if let fixed = base?.failedAttempts?.value { entries.append("failed_attempts: \(fixed)" + fromBase) }
            if let error = base?.error?.value { entries.append("error: \(YAMLText.scalar(error))" + fromBase) }
        }
        if let observed, let seconds = observed.attemptSeconds[name], seconds.count > 0 {
            entries.append("duration: {expected: \(number(seconds.mean))s, max: \(number(seconds.max))s}   # \(plural(seconds.count, "attempt")), scheduled to finished")
        } else if let duration = base?.duration?.value {
            entries.append("duration: {expected: \(number(duration.expected))s, max: \(number(duration.max))s}" + fromBase)
        }
        if case .choice(let spec) = state.kind, let observed, let exits = observed.choiceExits[name] {
            let targets = spec.targets.filter { exits[$0, default: 0] > 0 }
            let total = targets.reduce(0) { $0 + exits[$1, default: 0] }
            if total > 0 {
                entries.append("branches: {" + odds(targets.map { ($0, exits[$0, default: 0]) }, total: total)
                               .map { YAMLText.flowPair($0.0, $0.1) }.joined(separator: ", ") + "}   # \(plural(total, "exit")) in \(plural(executionsIn, "execution"))")
            }
        } else if let branches = base?.branches?.value {
            entries.append("branches: {" + branches.sorted { $0.key < $1.key }.map { YAMLText.flowPair($0.key, number($0.value)) }.joined(separator: ", ") + "}" + fromBase)
        }
        if case .map = state.kind, let observed, let lengths = observed.mapLengths[name], lengths.count > 0 {
            entries.append("items: {expected: \(number(lengths.mean)), max: \(number(lengths.max))}   # \(plural(lengths.count, "Map run")) in \(plural(executionsIn, "execution"))")
        } else if let items = base?.items?.value {
            entries.append("items: {expected: \(number(items.expected)), max: \(number(items.max))}" + fromBase)
        }
        if let itemKB = base?.itemKB?.value { entries.append("item_kb: \(number(itemKB))" + fromBase) }
        if let resultKB = base?.resultKB?.value { entries.append("result_kb: \(number(resultKB))" + fromBase) }
        if inLoop, let observed, let visits = observed.visits[name], visits.count > 0, visits.max >= 1 {
            entries.append("max_visits: \(Int(visits.max))   # OBSERVED, not guaranteed: the most entries in one of \(plural(visits.count, "execution"))")
        } else if let bound = base?.maxVisits?.value {
            entries.append("max_visits: \(bound)" + fromBase)
        }
        return entries
    }

    /// Observed frequencies to 6 decimals that add up to exactly 1: each rounded down, the most
    /// frequent target takes what rounding left over (so the odds never exceed 1).
    static func odds(_ counts: [(String, Int)], total: Int) -> [(String, String)] {
        var shares = counts.map { (name: $0.0, value: (Decimal($0.1) / Decimal(total)).rounded(scale: 6, mode: .down)) }
        let sum = shares.reduce(Decimal(0)) { $0 + $1.value }
        if let top = counts.indices.max(by: { counts[$0].1 < counts[$1].1 }) { shares[top].value += 1 - sum }
        return shares.map { ($0.name, $0.value.description) }
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// Up to 6 decimals, no trailing zeros, never an exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A base `executions` value as it was written: a number as is, `rate(…)`/`cron(…)` quoted.
    private static func rateText(_ text: String) -> String {
        Double(text) != nil ? text : YAMLText.doubleQuoted(text)
    }
}
