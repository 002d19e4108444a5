import Foundation

/// Schedules that a Terraform module declares for its state machines:
/// - an `aws_cloudwatch_event_rule` with a `schedule_expression`, and an `aws_cloudwatch_event_target`
///   whose `rule` names that rule and whose `arn` is `aws_sfn_state_machine.X.arn` (or `.id`);
/// - an `aws_scheduler_schedule` whose `target { arn = aws_sfn_state_machine.X.arn }`.
/// Disabled ones (`is_enabled = false`, `state = "DISABLED"`) and those with `count = 0` are skipped.
///
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_event_rule
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/scheduler_schedule
enum TerraformSchedules {
    struct Found {
        /// The `aws_sfn_state_machine` resource name the schedule starts.
        var resource: String
        /// The copy (`count.index` or `for_each` key) it names; nil for every copy.
        var key: String?
        var schedule: DeclaredSchedule
    }

    static func declared(in instance: TerraformInstance) -> [Found] {
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
            let machines = references(to: TerraformExtractor.resourceType, in: fullSource(arn, in: scope))
            guard !machines.isEmpty else { continue }
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
            for machine in machines {
                found += schedules.map { Found(resource: machine.name, key: machine.key, schedule: $0) }
            }
        }
        for block in module.resources where block.labels[0] == "aws_scheduler_schedule" {
            for copy in enabledCopies(block, in: scope) {
                guard let schedule = schedule(block, in: copy.scope) else { continue }
                for target in block.nested("target") {
                    guard let arn = target.attribute("arn") else { continue }
                    for machine in references(to: TerraformExtractor.resourceType, in: fullSource(arn, in: copy.scope)) {
                        found.append(Found(resource: machine.name, key: machine.key, schedule: schedule))
                    }
                }
            }
        }
        return found
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
        switch expression.kind {
        case .json(let node): return node.string ?? ""
        case .hcl(let file, let start, let end): return scope.instance.module.files[file].reader?.text(start..<end) ?? ""
        }
    }

    /// `TYPE.NAME[INDEX].arn` references in `text`: the names, and the literal index or key if any.
    static func references(to type: String, in text: String, attributes: [String] = ["arn", "id"]) -> [(name: String, key: String?)] {
        let pattern = NSRegularExpression.escapedPattern(for: type)
            + #"\.([A-Za-z_][A-Za-z0-9_-]*)\s*(\[\s*([^\]]*?)\s*\])?\s*\.("# + attributes.joined(separator: "|") + #")\b"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            guard let nameRange = Range(match.range(at: 1), in: text) else { return nil }
            var key: String?
            if let indexRange = Range(match.range(at: 3), in: text) {
                let index = String(text[indexRange])
                if Int(index) != nil {
                    key = index
                } else if index.count >= 2, index.hasPrefix("\""), index.hasSuffix("\""), !index.contains("${") {
                    key = String(index.dropFirst().dropLast())
                }
            }
            return (String(text[nameRange]), key)
        }
    }
}
