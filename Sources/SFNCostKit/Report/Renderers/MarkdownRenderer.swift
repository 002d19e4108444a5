/// The report as GitHub-flavoured Markdown, for pull-request comments: one summary table, the
/// findings per machine, the suppressed findings folded away, and the totals.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        var out: [String] = ["## sfncost: Step Functions cost estimate", ""]
        out.append("Prices: \(report.pricing.region) (\(report.pricing.location)), \(report.currency), \(Format.priceDate(report.pricing)).")
        out.append("")
        guard !report.stateMachines.isEmpty else {
            out.append("No state machines found.")
            return out.joined(separator: "\n") + "\n"
        }
        out.append("| Machine | Type | Runs/month | Transitions/run (expected / max) | Standard/month | Express/month | Recommended | Findings |")
        out.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |")
        for machine in report.stateMachines {
            let transitions = machine.perExecution.transitions
            let worst = transitions.worstCase.map { Format.count($0) + (transitions.worstCaseIsUpperBound == true ? " (bound)" : "") } ?? (transitions.worstCaseTooLarge == true ? "too large" : "unbounded")
            let express = money(machine.monthly.express.cost, report.currency) + (machine.monthly.express.usable ? "" : " (cannot run)")
            out.append("| \(cell(machine.name)) | \(machine.type.rawValue) | \(Format.count(machine.executionsPerMonth)) | \(transitions.expected.map(Format.count) ?? "n/a") / \(worst) | \(money(machine.monthly.standard.cost, report.currency)) | \(express) | \(machine.recommendedType.rawValue) | \(counts(machine.findings)) |")
        }
        let total = report.total
        out.append("")
        out.append("**Total at declared types: \(money(total.declaredCost, report.currency))/month** (at recommended types: \(money(total.recommendedCost, report.currency))\(report.pricing.freeTierApplied ? "; Standard free tier deducted" : "")). Findings: \(counts(report.stateMachines.flatMap(\.findings)))\(total.findings.suppressed > 0 ? ", \(total.findings.suppressed) suppressed" : "").")
        for machine in report.stateMachines where !machine.findings.isEmpty || !machine.suppressedFindings.isEmpty {
            out.append("")
            out.append("### \(cell(machine.name))")
            out.append("")
            for finding in machine.findings {
                out.append(line(finding))
            }
            if !machine.suppressedFindings.isEmpty {
                out.append("")
                out.append("<details><summary>\(machine.suppressedFindings.count) suppressed by the profile</summary>")
                out.append("")
                for finding in machine.suppressedFindings { out.append(line(finding)) }
                out.append("")
                out.append("</details>")
            }
        }
        out += BudgetMarkdown.lines(BudgetCheck.evaluate(report), currency: report.currency)
        let problems = report.diagnostics.filter { $0.severity >= .warning }
        if !problems.isEmpty {
            out += ["", "### Input problems", ""]
            for diagnostic in problems {
                let place = diagnostic.location.map { " at `\($0)`" } ?? ""
                out.append("- \(diagnostic.severity == .error ? "🛑 error" : "⚠️ warning") `\(diagnostic.code)`\(place): \(inline(diagnostic.message))")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func line(_ finding: Finding) -> String {
        let icon: String
        switch finding.severity {
        case .error: icon = "🛑 error"
        case .warning: icon = "⚠️ warning"
        case .note: icon = "ℹ️ note"
        }
        var text = "- \(icon) **\(finding.rule)** `\(finding.name)` at `\(finding.file):\(finding.line):\(finding.column)`: \(inline(finding.message))"
        if let suppression = finding.suppression { text += " _(\(inline(suppression)))_" }
        return text
    }

    private static func counts(_ findings: [Finding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.filter { $0.severity == .note }.count
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if notes > 0 { parts.append("\(notes) note\(notes == 1 ? "" : "s")") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    private static func money(_ value: Money?, _ currency: String) -> String {
        value == nil ? "n/a" : Format.money(value, currency)
    }

    /// Table cells cannot hold `|` or line breaks.
    private static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }

    private static func inline(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
