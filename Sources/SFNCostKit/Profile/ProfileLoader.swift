import Foundation

/// Reads a usage profile (YAML or JSON) and checks every key and value, reporting problems at the
/// line and column where they stand. Unknown keys are warnings (a typo must not pass silently);
/// values of the wrong kind are errors.
public enum ProfileLoader {
    /// `failed_attempts` above this is no longer "what an operator read off one execution"; the
    /// worst case already covers every retry.
    public static let maxFailedAttempts = 1_000_000
    public static func load(path: String) throws(InputError) -> (UsageProfile, [Diagnostic]) {
        let root = try SourceDocument.load(path: path)
        return try decode(root, file: path)
    }

    public static func decode(_ root: SourceNode, file: String) throws(InputError) -> (UsageProfile, [Diagnostic]) {
        var reader = Reader()
        let profile = reader.profile(root, file: file)
        let sorted = reader.diagnostics.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
        if sorted.contains(where: { $0.severity == .error }) { throw InputError(sorted) }
        return (profile, sorted)
    }

    /// Why a `duration` or `items` value (or its `expected`/`max`) cannot be used, and what was written:
    /// "'items.expected' must be a number, 0 or more (found -5)".
    static func invalidSpread(_ path: String, field: String, _ node: SourceNode) -> String {
        let rule = field == "duration"
            ? "must be a duration, 0 or more: e.g. 2s, 500ms, 5m, 1h, or a number of seconds"
            : "must be a number, 0 or more"
        let found: String
        switch node.value {
        case .string(let text): found = "'\(text)'"
        case .number(let text): found = text
        default: found = node.kindName
        }
        return "'\(path)' \(rule) (found \(found))"
    }

    /// A sum of odds without float noise: at most 4 decimals (1.2999999999999998 → 1.3), or as many
    /// more as it takes not to read as exactly 1 (1.00002).
    static func oddsText(_ value: Double) -> String {
        for places in 4...12 {
            var text = String(format: "%.\(places)f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            if text != "1" { return text }
        }
        return "\(value)"
    }

    private struct Reader {
        var diagnostics: [Diagnostic] = []

        mutating func profile(_ root: SourceNode, file: String) -> UsageProfile {
            var profile = UsageProfile(file: file)
            guard let members = members(of: root, what: "a profile") else { return profile }
            warnUnknown(members, ["version", "region", "rules", "budget", "state_machines"], in: "the profile")
            if let version = root.member("version") {
                if let number = version.value.integer {
                    profile.version = number
                    if number != UsageProfile.supportedVersion {
                        error("Profile.Version", "profile version \(number) is not supported; this sfncost reads version \(UsageProfile.supportedVersion)", version.value.location)
                    }
                } else {
                    error("Profile.Version", "'version' must be a number (1)", version.value.location)
                }
            } else {
                warning("Profile.NoVersion", "profile has no 'version'; assuming version 1", root.location)
            }
            if let region = root.member("region") {
                if let text = region.value.string { profile.region = text; profile.regionLocation = region.value.location } else {
                    error("Profile.WrongType", "'region' must be a region name such as us-east-1", region.value.location)
                }
            }
            if let rules = root.member("rules") { profile.rules = ruleSettings(rules.value, in: "the profile") }
            if let budget = root.member("budget") {
                let (read, found) = ProfileBudgetReader.read(budget.value, at: budget.keyLocation, allowsIncrease: true, in: "the profile")
                profile.budget = read
                diagnostics += found
            }
            if let machines = root.member("state_machines") {
                if let entries = self.members(of: machines.value, what: "'state_machines'") {
                    for entry in entries {
                        profile.machines.append(.init(pattern: entry.key, location: entry.keyLocation,
                                                      usage: machineUsage(entry.value, name: entry.key)))
                    }
                }
            }
            return profile
        }

        mutating func machineUsage(_ node: SourceNode, name: String) -> MachineUsage {
            var usage = MachineUsage()
            if case .null = node.value { return usage }
            guard let members = members(of: node, what: "machine '\(name)'") else { return usage }
            warnUnknown(members, ["executions", "payload_kb", "memory_mb", "type", "states", "rules", "budget"], in: "machine '\(name)'")
            if let rules = node.member("rules") { usage.rules = ruleSettings(rules.value, in: "machine '\(name)'") }
            if let budget = node.member("budget") {
                let (read, found) = ProfileBudgetReader.read(budget.value, at: budget.keyLocation, allowsIncrease: false, in: "machine '\(name)'")
                usage.budget = read
                diagnostics += found
            }
            if let value = node["executions"] {
                let text: String?
                switch value.value {
                case .string(let string): text = string
                case .number(let number): text = number
                default: text = nil
                }
                if let text {
                    switch ExecutionRate.parse(text) {
                    case .success(let rate): usage.executions = Located(rate, at: value.location)
                    case .failure(let failure): error("Profile.Executions", failure.message, value.location)
                    }
                } else {
                    error("Profile.Executions", "'executions' must be a number a month, rate(...) or cron(...)", value.location)
                }
            }
            if let value = node["payload_kb"] { usage.payloadKB = nonNegative(value, "payload_kb") }
            if let value = node["memory_mb"] {
                if let number = value.integer, number > 0 { usage.memoryMB = Located(number, at: value.location) } else {
                    error("Profile.WrongValue", "'memory_mb' must be a positive whole number of MB", value.location)
                }
            }
            if let value = node["type"] {
                if let text = value.string?.uppercased(), let type = WorkflowType(rawValue: text) {
                    usage.type = Located(type, at: value.location)
                } else {
                    error("Profile.WrongValue", "'type' must be STANDARD or EXPRESS", value.location)
                }
            }
            if let states = node.member("states"), !states.value.isNull,
               let entries = self.members(of: states.value, what: "'states'") {
                for entry in entries {
                    usage.states[entry.key] = stateUsage(entry.value, name: entry.key, at: entry.keyLocation)
                }
            }
            return usage
        }

        /// `rules: {SFN145: {severity: off, reason: "…", states: [A, B]}}`; the key is a rule ID or name.
        mutating func ruleSettings(_ node: SourceNode, in what: String) -> [RuleSetting] {
            guard let entries = members(of: node, what: "'rules' in \(what)") else { return [] }
            var settings: [RuleSetting] = []
            for entry in entries {
                guard let rule = RuleCatalog.rule(entry.key) else {
                    let close = RuleCatalog.closeMatches(entry.key)
                    let hint = close.isEmpty ? "run 'sfncost rules' for the list" : "did you mean \(close.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))?"
                    error("Profile.UnknownRule", "unknown rule '\(entry.key)' in \(what); \(hint)", entry.keyLocation)
                    continue
                }
                guard let fields = members(of: entry.value, what: "rule '\(entry.key)'") else { continue }
                warnUnknown(fields, ["severity", "reason", "states"], in: "rule '\(entry.key)'")
                var severity: Severity?
                if let value = entry.value["severity"] {
                    if let text = value.string?.lowercased(), text == "off" || Severity(rawValue: text) != nil {
                        severity = Severity(rawValue: text)
                    } else {
                        error("Profile.WrongValue", "'severity' of rule '\(entry.key)' must be off, note, warning or error", value.location)
                        continue
                    }
                } else {
                    error("Profile.RuleSeverity", "rule '\(entry.key)' needs 'severity': off, note, warning or error", entry.keyLocation)
                    continue
                }
                guard let reason = entry.value["reason"]?.string?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
                    error("Profile.RuleReason", "rule '\(entry.key)' needs a 'reason': say why the finding does not apply, so the report can show it", entry.keyLocation)
                    continue
                }
                var states: [String]?
                if let value = entry.value["states"] {
                    let names = value.elements?.compactMap(\.string)
                    if let names, names.count == value.elements?.count, !names.isEmpty {
                        states = names
                    } else {
                        error("Profile.WrongType", "'states' of rule '\(entry.key)' must be a list of state names", value.location)
                        continue
                    }
                }
                settings.append(RuleSetting(rule: rule.id, severity: severity, reason: reason, states: states,
                                            location: entry.keyLocation))
            }
            return settings
        }

        mutating func stateUsage(_ node: SourceNode, name: String, at location: SourceLocation) -> StateUsage {
            var usage = StateUsage(location: location)
            // An entry whose keys are all commented out is empty, not an error.
            if node.isNull { return usage }
            guard let members = members(of: node, what: "state '\(name)'") else { return usage }
            warnUnknown(members, Set(["failure_rate", "failed_attempts", "error", "duration", "branches", "items", "item_kb", "max_visits", "result_kb"])
                            .union(DistributedMapSize.allCases.map(\.rawValue)),
                        in: "state '\(name)'")
            if let value = node["failure_rate"] {
                // 1 is allowed and exact: every attempt fails (a state an operator saw always fail).
                if let rate = value.double, rate >= 0, rate <= 1 {
                    usage.failureRate = Located(rate, at: value.location)
                } else {
                    error("Profile.WrongValue", "'failure_rate' must be a probability from 0 to 1 (1: every attempt fails)", value.location)
                }
            }
            if let value = node["failed_attempts"] {
                if let number = value.integer, number >= 0, number <= ProfileLoader.maxFailedAttempts {
                    usage.failedAttempts = Located(number, at: value.location)
                } else {
                    error("Profile.WrongValue", "'failed_attempts' must be a whole number from 0 to \(ProfileLoader.maxFailedAttempts): how many attempts fail before one succeeds", value.location)
                }
                if usage.failureRate != nil {
                    error("Profile.WrongValue", "state '\(name)' has both 'failure_rate' and 'failed_attempts'; give one", value.location)
                }
            }
            if let value = node["error"] {
                if let text = value.string { usage.error = Located(text, at: value.location) } else {
                    error("Profile.WrongType", "'error' must be an error name such as States.Timeout", value.location)
                }
            }
            if let value = node["duration"] {
                usage.duration = spread(value, "duration") { node in
                    switch node.value {
                    case .string(let text): return DurationText.seconds(text)
                    // 1e400 reads as infinity: rejected like "1e400s".
                    case .number: return node.double.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
                    default: return nil
                    }
                }
            }
            if let value = node["items"] {
                usage.items = spread(value, "items") { node in node.double.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }
                if let items = usage.items, items.value.max.rounded(.up) != items.value.max {
                    error("Profile.WrongValue", "'items' max must be a whole number", value.location)
                }
            }
            if let value = node["item_kb"] { usage.itemKB = nonNegative(value, "item_kb") }
            for size in DistributedMapSize.allCases {
                guard let value = node[size.rawValue] else { continue }
                let limit: Double = size == .toleratedFailurePercentage ? 100 : 1e15
                let minimum: Double = [.maxItemsPerBatch, .maxInputBytesPerBatch].contains(size) ? 1 : 0
                let whole = size != .toleratedFailurePercentage
                if let number = value.double, number >= minimum, number <= limit, !whole || number.rounded() == number {
                    usage.mapSizes[size] = Located(number, at: value.location)
                } else {
                    error("Profile.WrongValue", "'\(size.rawValue)' must be \(whole ? "a whole number" : "a number") from \(Int(minimum)) to \(size == .toleratedFailurePercentage ? "100" : "10^15")", value.location)
                }
            }
            if let value = node["result_kb"] { usage.resultKB = nonNegative(value, "result_kb") }
            if let value = node["max_visits"] {
                if let number = value.integer, number >= 1 { usage.maxVisits = Located(number, at: value.location) } else {
                    error("Profile.WrongValue", "'max_visits' must be a whole number, 1 or more", value.location)
                }
            }
            if let value = node.member("branches") {
                if let entries = self.members(of: value.value, what: "'branches'") {
                    var odds: [String: Double] = [:]
                    for entry in entries {
                        if let probability = entry.value.double, probability >= 0, probability <= 1 {
                            odds[entry.key] = probability
                        } else {
                            error("Profile.WrongValue", "the odds of branch '\(entry.key)' must be a probability from 0 to 1", entry.value.location)
                        }
                    }
                    let total = odds.values.reduce(0, +)
                    if total > 1 + 1e-9 {
                        error("Profile.BranchOdds", "branch odds of '\(name)' add up to \(ProfileLoader.oddsText(total)), more than 1", value.value.location)
                    }
                    usage.branches = Located(odds, at: value.value.location)
                }
            }
            return usage
        }

        mutating func spread(_ node: SourceNode, _ field: String, _ parse: (SourceNode) -> Double?) -> Located<Spread<Double>>? {
            if node.members != nil {
                warnUnknown(node.members ?? [], ["expected", "max"], in: "'\(field)'")
                let expected = node["expected"].flatMap(parse)
                let max = node["max"].flatMap(parse)
                for (key, parsed) in [("expected", expected), ("max", max)] {
                    if let given = node[key], parsed == nil {
                        error("Profile.WrongValue", ProfileLoader.invalidSpread("\(field).\(key)", field: field, given), given.location)
                        return nil
                    }
                }
                guard let value = expected ?? max else {
                    error("Profile.WrongValue", "'\(field)' needs 'expected', 'max' or both", node.location)
                    return nil
                }
                let spread = Spread(expected: value, max: max ?? value)
                if spread.max < spread.expected {
                    error("Profile.WrongValue", "'\(field)' max is below its expected value", node.location)
                    return nil
                }
                return Located(spread, at: node.location)
            }
            guard let value = parse(node) else {
                error("Profile.WrongValue", ProfileLoader.invalidSpread(field, field: field, node), node.location)
                return nil
            }
            return Located(Spread(expected: value, max: value), at: node.location)
        }

        mutating func nonNegative(_ node: SourceNode, _ field: String) -> Located<Double>? {
            if let value = node.double, value >= 0, value.isFinite { return Located(value, at: node.location) }
            error("Profile.WrongValue", "'\(field)' must be a number, 0 or more", node.location)
            return nil
        }

        mutating func members(of node: SourceNode, what: String) -> [SourceNode.Member]? {
            if let members = node.members { return members }
            error("Profile.WrongType", "\(what) must be a mapping, found \(node.kindName)", node.location)
            return nil
        }

        mutating func warnUnknown(_ members: [SourceNode.Member], _ known: Set<String>, in what: String) {
            for member in members where !known.contains(member.key) {
                warning("Profile.UnknownKey", "unknown key '\(member.key)' in \(what); known keys: \(known.sorted().joined(separator: ", "))", member.keyLocation)
            }
        }

        mutating func error(_ code: String, _ message: String, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(.error, code, message, at: location))
        }

        mutating func warning(_ code: String, _ message: String, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(.warning, code, message, at: location))
        }
    }
}
