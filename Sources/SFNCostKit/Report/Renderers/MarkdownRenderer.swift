/// The report as GitHub-flavoured Markdown, for pull-request comments: one summary table, the
/// findings per machine, the suppressed findings folded away, and the totals.
///
/// Everything that came from an input (names, paths, messages that quote them, price-data strings) is
/// made inert by `DisplayText.markdown` (text) or `DisplayText.codeSpan` (names and locations in code
/// spans): no HTML, link, mention or emphasis from an input renders, and no line break or `|` from an
/// input splits a table row.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        var out: [String] = ["## sfncost: Step Functions cost estimate", ""]
        out.append("Prices: " + DisplayText.markdown("\(report.pricing.region) (\(report.pricing.location)), \(report.currency), \(Format.priceDate(report.pricing))") + ".")
        out.append("")
        guard !report.stateMachines.isEmpty else {
            out.append("No state machines found.")
            for diagnostic in report.diagnostics where diagnostic.severity == .error && diagnostic.location == nil {
                out.append("")
                out.append("🛑 error `\(diagnostic.code)`: \(inline(diagnostic.message))")
            }
            return out.joined(separator: "\n") + "\n"
        }
        out.append("| Machine | Type | Runs/month | Transitions/run (expected / max) | Standard/month | Express/month | Recommended | Findings |")
        out.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |")
        for machine in report.stateMachines {
            let transitions = machine.perExecution.transitions
            let worst = transitions.worstCase.map { Format.count($0) + (transitions.worstCaseIsUpperBound == true ? " (bound)" : "") } ?? (transitions.worstCaseTooLarge == true ? "too large" : "unbounded")
            let express = money(machine.monthly.express.cost, report.currency) + (machine.monthly.express.usable ? "" : " (cannot run)")
            out.append("| \(cell(machine.name)) | \(machine.type.rawValue) | \(Format.count(machine.executionsPerMonth))\(machine.executionsOrigin == .default ? " (default)" : "") | \(transitions.expected.map(Format.count) ?? "n/a") / \(worst) | \(money(machine.monthly.standard.cost, report.currency)) | \(express) | \(machine.recommendedType.rawValue) | \(counts(machine.findings)) |")
        }
        let total = report.total
        if report.stateMachines.contains(where: { $0.executionsOrigin == .default }) {
            out.append("")
            out.append("Runs/month marked (default): no profile entry and no schedule; the monthly figures rest on an assumed 1,000 runs (set `executions` in the profile).")
        }
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
                let place = diagnostic.location.map { " at " + DisplayText.codeSpan($0.description) } ?? ""
                out.append("- \(diagnostic.severity == .error ? "🛑 error" : "⚠️ warning") \(DisplayText.codeSpan(diagnostic.code))\(place): \(inline(diagnostic.message))")
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
        var text = "- \(icon) **\(inline(finding.rule))** \(DisplayText.codeSpan(finding.name)) at \(DisplayText.codeSpan("\(finding.file):\(finding.line):\(finding.column)")): \(inline(finding.message))"
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
        value == nil ? "n/a" : DisplayText.markdownMoney(value, currency)
    }

    /// A name in a table cell: inert, and no `|` or line break splits the row.
    private static func cell(_ text: String) -> String { DisplayText.markdown(text) }

    /// Text from an input (a message quoting names, a reason) in a line of Markdown.
    private static func inline(_ text: String) -> String { DisplayText.markdown(text) }
}

import Foundation
