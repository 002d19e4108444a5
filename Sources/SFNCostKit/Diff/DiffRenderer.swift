import Foundation

/// The diff as text for a terminal, or as Markdown for a pull-request comment.
public enum DiffRenderer {
    public static func table(_ diff: ReportDiff) -> String {
        var out = ["Monthly cost at each machine's declared type: \(diff.base.path) → \(diff.head.path)", ""]
        if diff.base.region != diff.head.region {
            out.insert("Note: the reports use different prices (\(diff.base.region) → \(diff.head.region)); part of every change is the region.", at: 1)
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
        out.append("TOTAL: \(Format.money(total.baseCost, diff.currency)) → \(Format.money(total.headCost, diff.currency)) (\(change(total.costChange, total.costChangePercent, diff.currency))) a month; \(total.newFindings) new finding(s), \(total.resolvedFindings) resolved")
        for machine in diff.machines {
            for finding in machine.newFindings {
                out.append("  new: \(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]")
            }
            for finding in machine.resolvedFindings {
                out.append("  resolved: \(finding.machine): \(finding.message) [\(finding.rule)]")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ diff: ReportDiff) -> String {
        let total = diff.total
        var out = ["## sfncost: Step Functions cost change", ""]
        if diff.base.region != diff.head.region {
            out += ["> The reports use different prices (\(diff.base.region) → \(diff.head.region)); part of every change is the region.", ""]
        }
        out.append("**\(Format.money(total.baseCost, diff.currency)) → \(Format.money(total.headCost, diff.currency)) a month (\(change(total.costChange, total.costChangePercent, diff.currency)))**, at each machine's declared type. \(total.newFindings) new finding(s), \(total.resolvedFindings) resolved.")
        let changed = diff.machines.filter { $0.status != .unchanged }
        let budgets = BudgetMarkdown.lines(diff.budgetStatus ?? BudgetCheck.evaluate(diff), currency: diff.currency)
        if changed.isEmpty {
            out += ["", "No state machine changed."] + budgets
            return out.joined(separator: "\n") + "\n"
        }
        out += ["", "| Machine | Status | Before | After | Change | Transitions/run (expected) |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for machine in changed {
            out.append("| \(machine.name.replacingOccurrences(of: "|", with: "\\|")) | \(machine.status.rawValue) | \(Format.money(machine.baseCost, diff.currency)) | \(Format.money(machine.headCost, diff.currency)) | \(change(machine.costChange, machine.costChangePercent, diff.currency)) | \(transitions(machine)) |")
        }
        let new = changed.flatMap(\.newFindings)
        if !new.isEmpty {
            out += ["", "New findings:", ""]
            for finding in new {
                out.append("- \(finding.severity == .error ? "🛑" : finding.severity == .warning ? "⚠️" : "ℹ️") **\(finding.rule)** `\(finding.name)` at `\(finding.file):\(finding.line)`: \(finding.message.replacingOccurrences(of: "\n", with: " "))")
            }
        }
        out += budgets
        return out.joined(separator: "\n") + "\n"
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
