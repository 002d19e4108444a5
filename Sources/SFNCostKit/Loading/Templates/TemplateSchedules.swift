import Foundation

/// Schedules that a CloudFormation/SAM template or serverless.yml declares for its state machines:
/// SAM `Events` of type `Schedule`/`ScheduleV2`, `AWS::Events::Rule` and `AWS::Scheduler::Schedule`
/// resources whose target is the machine (`!Ref`/`!GetAtt`/`Ref`/`Fn::GetAtt`), and serverless
/// `events: - schedule:`. A disabled schedule (`Enabled: false`, `State: DISABLED`,
/// `enabled: false`) starts nothing: it is left out, with a note.
enum TemplateSchedules {
    static let ruleType = "AWS::Events::Rule"
    static let schedulerType = "AWS::Scheduler::Schedule"

    /// Rules and schedules of the template, by the logical ID of the state machine they target.
    static func byTarget(_ root: SourceNode, diagnostics: inout [Diagnostic]) -> [String: [DeclaredSchedule]] {
        let parameters = root["Parameters"]
        var result: [String: [DeclaredSchedule]] = [:]
        for member in root["Resources"]?.members ?? [] {
            let type = member.value["Type"]?.string
            guard type == ruleType || type == schedulerType, let properties = member.value["Properties"],
                  let expressionNode = properties["ScheduleExpression"] else { continue }
            let arns = type == ruleType
                ? (properties["Targets"]?.elements ?? []).compactMap { $0["Arn"] }
                : [properties["Target"]?["Arn"]].compactMap { $0 }
            let targets = arns.compactMap(targetLogicalID)
            guard !targets.isEmpty else { continue }
            if isDisabled(properties["State"], parameters: parameters) {
                diagnostics.append(disabledNote(member.key, at: expressionNode.location))
                continue
            }
            guard let schedule = schedule(expressionNode, parameters: parameters, diagnostics: &diagnostics) else { continue }
            for target in targets { result[target, default: []].append(schedule) }
        }
        return result
    }

    /// SAM `Events` of an `AWS::Serverless::StateMachine` whose type is `Schedule` or `ScheduleV2`.
    static func samEvents(_ properties: SourceNode?, parameters: SourceNode?, diagnostics: inout [Diagnostic]) -> [DeclaredSchedule] {
        var result: [DeclaredSchedule] = []
        for event in properties?["Events"]?.members ?? [] {
            let type = event.value["Type"]?.string
            guard type == "Schedule" || type == "ScheduleV2", let eventProperties = event.value["Properties"] else { continue }
            guard let expression = eventProperties[type == "Schedule" ? "Schedule" : "ScheduleExpression"] else { continue }
            let enabled = eventProperties["Enabled"].flatMap { PlaceholderValues.literalText($0, parameters: parameters) }
            if enabled == "false" || isDisabled(eventProperties["State"], parameters: parameters) {
                diagnostics.append(disabledNote(event.key, at: expression.location))
                continue
            }
            if let schedule = schedule(expression, parameters: parameters, diagnostics: &diagnostics) { result.append(schedule) }
        }
        return result
    }

    /// serverless `events: - schedule: rate(…)` or `- schedule: {rate: …, enabled: …}` (`rate` may be
    /// a list of expressions).
    static func serverlessEvents(_ events: SourceNode?, values: PlaceholderValues, diagnostics: inout [Diagnostic]) -> [DeclaredSchedule] {
        var result: [DeclaredSchedule] = []
        for event in events?.elements ?? [] {
            guard let schedule = event["schedule"] else { continue }
            var expressions: [SourceNode] = []
            if schedule.string != nil {
                expressions = [schedule]
            } else if let rate = schedule["rate"] {
                expressions = rate.elements ?? [rate]
                if let enabled = schedule["enabled"] {
                    let text = PlaceholderValues.scalarText(PlaceholderTree.substitute(enabled, values))
                    if text == "false" {
                        diagnostics.append(disabledNote("schedule", at: rate.location))
                        continue
                    }
                }
            }
            for expression in expressions {
                let filled = PlaceholderTree.substitute(expression, values)
                if let declared = self.schedule(filled, parameters: nil, diagnostics: &diagnostics) { result.append(declared) }
            }
        }
        return result
    }

    /// The expression as written, where the template fixes it (a literal or a parameter's default).
    private static func schedule(_ node: SourceNode, parameters: SourceNode?, diagnostics: inout [Diagnostic]) -> DeclaredSchedule? {
        var text = PlaceholderValues.literalText(node, parameters: parameters)
        if text == nil, node.tag == "!Sub", let body = node.string {
            text = PlaceholderTree.fill(body, PlaceholderValues.parameterDefaults(parameters))
        }
        guard let text, !text.contains("${") else {
            diagnostics.append(Diagnostic(.note, "Schedule.Unknown",
                "a schedule whose expression is set at deployment is not counted; set 'executions' in the profile",
                at: node.location))
            return nil
        }
        return DeclaredSchedule(expression: text.trimmingCharacters(in: .whitespaces), location: node.location)
    }

    private static func isDisabled(_ state: SourceNode?, parameters: SourceNode?) -> Bool {
        guard let state, let text = PlaceholderValues.literalText(state, parameters: parameters) else { return false }
        return text.uppercased() == "DISABLED"
    }

    private static func disabledNote(_ name: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.note, "Schedule.Disabled", "schedule '\(name)' is disabled: it starts no execution and is not counted", at: location)
    }

    /// The logical ID an ARN refers to: `!Ref X`, `!GetAtt X.Arn`, `{Ref: X}`, `{Fn::GetAtt: [X, Arn]}`,
    /// `!Sub "${X}"`.
    static func targetLogicalID(_ node: SourceNode) -> String? {
        if let text = node.string {
            switch node.tag {
            case "!Ref": return text
            case "!GetAtt": return text.split(separator: ".").first.map(String.init)
            case "!Sub": return PlaceholderTree.wholePlaceholder(text).map { String($0.split(separator: ".").first ?? "") }
            default: return nil
            }
        }
        if let getAtt = node.tag == "!GetAtt" ? node : nil, let first = getAtt.elements?.first?.string { return first }
        guard let member = node.members?.first, node.members?.count == 1 else { return nil }
        switch member.key {
        case "Ref": return member.value.string
        case "Fn::GetAtt":
            if let text = member.value.string { return text.split(separator: ".").first.map(String.init) }
            return member.value.elements?.first?.string
        case "Fn::Sub":
            return member.value.string.flatMap(PlaceholderTree.wholePlaceholder).map { String($0.split(separator: ".").first ?? "") }
        default: return nil
        }
    }
}
