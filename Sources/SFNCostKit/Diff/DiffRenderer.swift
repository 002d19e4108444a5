import Foundation

/// The diff as text for a terminal, or as Markdown for a pull-request comment. Both reports are inputs:
/// every string from them (names, paths, rules, messages, regions, the currency) is escaped for display,
/// by `DisplayText.text` in the table and `DisplayText.markdown`/`codeSpan` in Markdown.
public enum DiffRenderer {
    public static func table(_ diff: ReportDiff) -> String {
        var out = [DisplayText.text("Monthly cost at each machine's declared type: \(diff.base.path) → \(diff.head.path)"), ""]
        if diff.base.region != diff.head.region {
            out.insert(DisplayText.text("Note: the reports use different prices (\(diff.base.region) → \(diff.head.region)); part of every change is the region."), at: 1)
        }
        var table = TextTable(headers: ["MACHINE", "STATUS", "BEFORE", "AFTER", "CHANGE", "TRANSITIONS/RUN", "FINDINGS"],
                              alignments: [.left, .left, .right, .right, .right, .right, .left])
        for machine in diff.machines {
            table.rows.append([machine.name, machine.status.rawValue,
                               Format.money(machine.baseCost, diff.currency), Format.money(machine.headCost, diff.currency),
                               change(machine.costChange, machine.costChangePercent, diff.currency),
                               transitions(machine), findings(machine)])
        }
        out.append(table.render())
        out.append("")
        let total = diff.total
        out.append(DisplayText.text("TOTAL: \(Format.money(total.baseCost, diff.currency)) → \(Format.money(total.headCost, diff.currency)) (\(change(total.costChange, total.costChangePercent, diff.currency))) a month; \(total.newFindings) new finding(s), \(total.resolvedFindings) resolved"))
        for machine in diff.machines {
            for finding in machine.newFindings {
                out.append(DisplayText.text("  new: \(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]"))
            }
            for finding in machine.resolvedFindings {
                out.append(DisplayText.text("  resolved: \(finding.machine): \(finding.message) [\(finding.rule)]"))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ diff: ReportDiff) -> String {
        let total = diff.total
        var out = ["## sfncost: Step Functions cost change", ""]
        if diff.base.region != diff.head.region {
            out += ["> The reports use different prices (\(DisplayText.markdown(diff.base.region)) → \(DisplayText.markdown(diff.head.region))); part of every change is the region.", ""]
        }
        out.append("**\(money(total.baseCost, diff.currency)) → \(money(total.headCost, diff.currency)) a month (\(markdownChange(total.costChange, total.costChangePercent, diff.currency)))**, at each machine's declared type. \(total.newFindings) new finding(s), \(total.resolvedFindings) resolved.")
        let changed = diff.machines.filter { $0.status != .unchanged }
        let budgets = BudgetMarkdown.lines(diff.budgetStatus ?? BudgetCheck.evaluate(diff), currency: diff.currency)
        if changed.isEmpty {
            out += ["", "No state machine changed."] + budgets
            return out.joined(separator: "\n") + "\n"
        }
        out += ["", "| Machine | Status | Before | After | Change | Transitions/run (expected) |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for machine in changed {
            out.append("| \(DisplayText.markdown(machine.name)) | \(machine.status.rawValue) | \(money(machine.baseCost, diff.currency)) | \(money(machine.headCost, diff.currency)) | \(markdownChange(machine.costChange, machine.costChangePercent, diff.currency)) | \(transitions(machine)) |")
        }
        let new = changed.flatMap(\.newFindings)
        if !new.isEmpty {
            out += ["", "New findings:", ""]
            for finding in new {
                out.append("- \(finding.severity == .error ? "🛑" : finding.severity == .warning ? "⚠️" : "ℹ️") **\(DisplayText.markdown(finding.rule))** \(DisplayText.codeSpan(finding.name)) at \(DisplayText.codeSpan("\(finding.file):\(finding.line)")): \(DisplayText.markdown(finding.message))")
            }
        }
        out += budgets
        return out.joined(separator: "\n") + "\n"
    }

    private static func money(_ value: Money?, _ currency: String) -> String {
        DisplayText.markdownMoney(value, currency)
    }

    private static func markdownChange(_ amount: Money, _ percent: Double?, _ currency: String) -> String {
        let text = change(amount, percent, currency)
        return DisplayText.markdownMoney(Money(0), currency) == Format.money(Money(0), currency) ? text : DisplayText.markdown(text)
    }

    static func change(_ amount: Money, _ percent: Double?, _ currency: String) -> String {
        let sign = amount.amount > 0 ? "+" : amount.amount < 0 ? "-" : "±"
        let magnitude = Format.money(Money(abs(amount.amount)), currency)
        return sign + magnitude + (percent.map { String(format: ", %+.1f%%", $0) } ?? "")
    }

    private static func transitions(_ machine: ReportDiff.MachineChange) -> String {
        let before = machine.baseTransitions.map(Format.count) ?? "-"
        let after = machine.headTransitions.map(Format.count) ?? "-"
        return before == after ? after : "\(before) → \(after)"
    }

    private static func findings(_ machine: ReportDiff.MachineChange) -> String {
        var parts: [String] = []
        if !machine.newFindings.isEmpty { parts.append("+\(machine.newFindings.count)") }
        if !machine.resolvedFindings.isEmpty { parts.append("-\(machine.resolvedFindings.count)") }
        return parts.joined(separator: " ")
    }
}
