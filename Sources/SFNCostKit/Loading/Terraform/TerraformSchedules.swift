import Foundation

/// Schedules that a Terraform module declares for its state machines:
/// - an `aws_cloudwatch_event_rule` with a `schedule_expression`, and an `aws_cloudwatch_event_target`
///   whose `rule` names that rule and whose `arn` is `aws_sfn_state_machine.X.arn` (or `.id`);
/// - an `aws_scheduler_schedule` whose `target { arn = aws_sfn_state_machine.X.arn }`.
/// A target may also be a module's output (`module.sfn.state_machine_arn`): the schedule goes down to
/// that module instance, where the output's `value` names the machine.
/// Disabled ones (`is_enabled = false`, `state = "DISABLED"`) and those with `count = 0` are skipped.
///
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_event_rule
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/scheduler_schedule
enum TerraformSchedules {
    /// What a target's `arn` names.
    enum Target: Equatable {
        /// `aws_sfn_state_machine.NAME[KEY].arn`; a nil key is every copy.
        case machine(String, key: String?)
        /// `module.NAME[KEY].OUTPUT`.
        case moduleOutput(String, key: String?, output: String)
    }

    struct Found {
        var target: Target
        var schedule: DeclaredSchedule
    }

    /// A schedule whose target is an output of the module instance being read.
    struct Inherited {
        var output: String
        var schedule: DeclaredSchedule
    }

    static func declared(in instance: TerraformInstance, inherited: [Inherited] = []) -> [Found] {
        let module = instance.module
        let scope = TerraformScope(instance)
        var found: [Found] = []

        // Rules: name → their enabled schedules, per copy key.
        var rules: [String: [(key: String?, name: String?, schedule: DeclaredSchedule)]] = [:]
        for block in module.resources where block.labels[0] == "aws_cloudwatch_event_rule" {
            for copy in enabledCopies(block, in: scope) {
                guard let schedule = schedule(block, in: copy.scope) else { continue }
                let name = block.attribute("name").flatMap { TerraformEvaluator.evaluate($0, in: copy.scope).text }
                rules[block.labels[1], default: []].append((copy.key, name, schedule))
            }
        }
        for block in module.resources where block.labels[0] == "aws_cloudwatch_event_target" {
            guard let arn = block.attribute("arn"), let rule = block.attribute("rule"),
                  !enabledCopies(block, in: scope).isEmpty else { continue }
            let targets = self.targets(in: fullSource(arn, in: scope))
            guard !targets.isEmpty else { continue }
            let ruleText = fullSource(rule, in: scope)
            var schedules: [DeclaredSchedule] = []
            let named = references(to: "aws_cloudwatch_event_rule", in: ruleText, attributes: ["name", "id", "arn"])
            if !named.isEmpty {
                for reference in named {
                    schedules += (rules[reference.name] ?? []).filter { reference.key == nil || $0.key == reference.key }.map(\.schedule)
                }
            } else if let literal = TerraformEvaluator.evaluate(rule, in: scope).text {
                // The rule named by its `name`.
                schedules += rules.values.joined().filter { $0.name == literal }.map(\.schedule)
            }
            for target in targets {
                found += schedules.map { Found(target: target, schedule: $0) }
            }
        }
        for block in module.resources where block.labels[0] == "aws_scheduler_schedule" {
            for copy in enabledCopies(block, in: scope) {
                guard let schedule = schedule(block, in: copy.scope) else { continue }
                for target in block.nested("target") {
                    guard let arn = target.attribute("arn") else { continue }
                    for target in targets(in: fullSource(arn, in: copy.scope)) {
                        found.append(Found(target: target, schedule: schedule))
                    }
                }
            }
        }
        // Schedules of the caller aimed at an output of this instance: what the output's value names.
        for schedule in inherited {
            guard let value = module.outputs[schedule.output] else { continue }
            for target in targets(in: fullSource(value, in: scope)) {
                found.append(Found(target: target, schedule: schedule.schedule))
            }
        }
        return found
    }

    /// The machines and module outputs an `arn` expression refers to.
    static func targets(in text: String) -> [Target] {
        let machines = references(to: TerraformExtractor.resourceType, in: text).map { Target.machine($0.name, key: $0.key) }
        let outputs = moduleOutputs(in: text).map { Target.moduleOutput($0.name, key: $0.key, output: $0.output) }
        return machines + outputs
    }

    /// The copies of a rule, target or schedule that exist and are enabled.
    private static func enabledCopies(_ block: TerraformModule.Block, in scope: TerraformScope) -> [TerraformRepetition] {
        let copies: [TerraformRepetition]
        switch TerraformRepetitions.expand(block, in: scope) {
        case .copies(let all): copies = all
        case .unknown(let one, _): copies = one
        }
        return copies.filter { copy in
            if let enabled = block.attribute("is_enabled"), TerraformEvaluator.evaluate(enabled, in: copy.scope).truth == false {
                return false
            }
            if let state = block.attribute("state"), TerraformEvaluator.evaluate(state, in: copy.scope).text?.uppercased() == "DISABLED" {
                return false
            }
            return true
        }
    }

    /// The block's `schedule_expression`, when it is known.
    private static func schedule(_ block: TerraformModule.Block, in scope: TerraformScope) -> DeclaredSchedule? {
        guard let attribute = block.attribute("schedule_expression"),
              let text = TerraformEvaluator.evaluate(attribute, in: scope).text,
              !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return DeclaredSchedule(expression: text, location: attribute.location)
    }

    /// The whole source of an expression (for references; a JSON-syntax string as written).
    static func fullSource(_ expression: TerraformModule.Expression, in scope: TerraformScope) -> String {
        TerraformEvaluator.fullSource(expression, in: scope)
    }

    /// `TYPE.NAME[INDEX].arn` references in `text`: the names, and the literal index or key if any.
    static func references(to type: String, in text: String, attributes: [String] = ["arn", "id"]) -> [(name: String, key: String?)] {
        referenceGroups(to: type, in: text, attributes: attributes).map { ($0[0] ?? "", key($0[2])) }
    }

    /// `module.NAME[KEY].OUTPUT` references in `text`.
    static func moduleOutputs(in text: String) -> [(name: String, key: String?, output: String)] {
        moduleOutputGroups(in: text).map { ($0[0] ?? "", key($0[2]), $0[3] ?? "") }
    }

    /// The capture groups of `references`: by bytes on ASCII text (`TerraformReferenceScan`), else by
    /// the regex, which is also what the scan must equal.
    static func referenceGroups(to type: String, in text: String, attributes: [String], useRegex: Bool = false) -> [[String?]] {
        if !useRegex, let groups = TerraformReferenceScan.groups(prefix: type, wordBoundaryBefore: false,
                                                               tail: .attributes(attributes), in: text) {
            return groups
        }
        let pattern = NSRegularExpression.escapedPattern(for: type)
            + #"\.([A-Za-z_][A-Za-z0-9_-]*)\s*(\[\s*([^\]]*?)\s*\])?\s*\.("# + attributes.joined(separator: "|") + #")\b"#
        return matches(pattern, in: text)
    }

    /// The capture groups of `moduleOutputs`, as `referenceGroups`.
    static func moduleOutputGroups(in text: String, useRegex: Bool = false) -> [[String?]] {
        if !useRegex, let groups = TerraformReferenceScan.groups(prefix: "module", wordBoundaryBefore: true,
                                                               tail: .identifier, in: text) {
            return groups
        }
        let pattern = #"\bmodule\.([A-Za-z_][A-Za-z0-9_-]*)\s*(\[\s*([^\]]*?)\s*\])?\s*\.([A-Za-z_][A-Za-z0-9_-]*)"#
        return matches(pattern, in: text)
    }

    /// A literal index (`0`) or key (`"etl"`); nil for anything computed (`count.index`).
    private static func key(_ index: String?) -> String? {
        guard let index else { return nil }
        if Int(index) != nil { return index }
        if index.count >= 2, index.hasPrefix("\""), index.hasSuffix("\""), !TerraformBytes.contains(index, "${") {
            return String(index.dropFirst().dropLast())
        }
        return nil
    }

    /// Capture groups 1… of every match (nil where a group did not take part).
    private static func matches(_ pattern: String, in text: String) -> [[String?]] {
        guard let regex = CompiledPatterns.shared.regex(pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { group in
                Range(match.range(at: group), in: text).map { String(text[$0]) }
            }
        }
    }
}

/// The few patterns above, compiled once per process: compiling one costs about a hundred times
/// more than matching it against an `arn` expression, and schedules are looked for once per file.
/// `NSRegularExpression` is immutable and safe to share between threads.
private final class CompiledPatterns: @unchecked Sendable {
    static let shared = CompiledPatterns()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }
}

/// `TerraformSchedules.declared` of a module read as a root configuration (no caller, no arguments):
/// it depends on the module alone, and the extractor walks a module once per file of its directory.
/// Shared between threads with the cached module, hence the lock.
final class TerraformRootSchedules: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [TerraformSchedules.Found]?

    func value(_ compute: () -> [TerraformSchedules.Found]) -> [TerraformSchedules.Found] {
        lock.lock()
        defer { lock.unlock() }
        if let found { return found }
        let computed = compute()
        found = computed
        return computed
    }
}
