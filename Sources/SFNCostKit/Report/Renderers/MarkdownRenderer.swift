/// The report as a pull-request comment in GitHub-flavoured Markdown: a hidden marker (so a CI step
/// updates its own comment), a one-line headline, the gate's verdict, a narrow summary table (the
/// costliest machines first), then per machine a folded `<details>` section with its figures per run
/// and per month, its most visited states, its findings and the assumptions its figures rest on.
/// The whole stays under `CommentOptions.sizeLimit` and says what it left out.
///
/// Everything that came from an input (names, paths, messages that quote them, price-data strings) is
/// made inert by `DisplayText.markdown` (text), `DisplayText.codeSpan` (names and locations in code
/// spans) or `DisplayText.htmlText` (inside `<summary>`): no HTML, link, mention or emphasis from an
/// input renders, and no line break or `|` from an input splits a table row.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        render(report, options: CommentOptions())
    }

    public static func render(_ report: Report, options: CommentOptions) -> String {
        let currency = report.currency
        var layout = CommentLayout()
        let count = report.stateMachines.count
        layout.opening = [CommentOptions.marker,
                          "### Monthly Step Functions cost: \(CommentParts.money(report.total.declaredCost, currency)) for \(count) state machine\(count == 1 ? "" : "s")",
                          ""]
        if let gate = options.gate { layout.opening += [gate.markdown, ""] }
        layout.opening.append("At each machine's declared type\(report.pricing.freeTierApplied ? ", Standard free tier deducted" : ""); at the recommended types: \(CommentParts.money(report.total.recommendedCost, currency)). Prices: " + DisplayText.markdown("\(report.pricing.region) (\(report.pricing.location)), \(currency), \(Format.priceDate(report.pricing))") + ".")
        // The budgets' status, in the opening (right after the gate), so that the size cap never drops it.
        layout.opening += BudgetMarkdown.lines(report.budgets == nil ? [] : BudgetCheck.evaluate(report), currency: report.currency)
        guard !report.stateMachines.isEmpty else {
            layout.opening += ["", "No state machines found."]
            layout.closing = problems(report)
            return layout.render(limit: options.sizeLimit)
        }
        // The costliest first, so that the size cap keeps them; an unknown cost ranks first (it needs a look).
        let ranked = costOrder(report.stateMachines.map { ReportDiffer.declaredCost($0)?.amount }).map { report.stateMachines[$0] }
        layout.tableHeader = ["| Machine | Type | Runs/month | Cost/month | Findings |", "| --- | --- | ---: | ---: | --- |"]
        layout.rows = ranked.map { machine in
            "| \(DisplayText.markdown(machine.name)) | \(machine.type.rawValue) | \(Format.count(machine.executionsPerMonth))\(machine.executionsOrigin == .default ? " (default)" : "") | \(CommentParts.money(ReportDiffer.declaredCost(machine), currency)) | \(counts(machine.findings)) |"
        }
        var after: [String] = []
        if report.stateMachines.contains(where: { $0.executionsOrigin == .default }) {
            after.append("Runs/month marked (default): no profile entry and no schedule; the monthly figures rest on an assumed 1,000 runs (set `executions` in the profile).")
            after.append("")
        }
        let total = report.total
        after.append("Findings: \(counts(report.stateMachines.flatMap(\.findings)))\(total.findings.suppressed > 0 ? ", \(total.findings.suppressed) suppressed" : "").")
        layout.afterTable = after
        layout.detailBuilders = ranked.map { machine in { details(machine, report: report, options: options) } }
        layout.closing = problems(report)
        return layout.render(limit: options.sizeLimit)
    }

    /// The indices of `costs`, the costliest first, an unknown cost before all, equal costs in their
    /// order. Indices are sorted, not the machines: moving whole reports about costs more than
    /// comparing. And costs are compared through their nearest Doubles first: a Decimal comparison
    /// costs thousands of instructions and the sort makes thousands; the Double of a decimal text is
    /// monotonic, so two different Doubles are in the order of their Decimals, and only equal ones
    /// need the Decimal comparison (`MarkdownRankingTests` compares with the Decimals alone).
    static func costOrder(_ costs: [Decimal?]) -> [Int] {
        let nearest = costs.map { $0.map(DecimalText.double) }
        return costs.indices.sorted { lhs, rhs in
            if let x = nearest[lhs], let y = nearest[rhs], !x.isNaN, !y.isNaN, x != y { return x > y }
            let a = costs[lhs], b = costs[rhs]
            if a == b { return lhs < rhs }
            guard let a else { return true }
            guard let b else { return false }
            return a > b
        }
    }

    /// One machine's folded section.
    private static func details(_ machine: MachineReport, report: Report, options: CommentOptions) -> String {
        let currency = report.currency
        let status = "\(CommentParts.htmlMoney(ReportDiffer.declaredCost(machine), currency))/month, \(counts(machine.findings))"
        var out = [CommentParts.summary(machine.name, status), ""]
        out.append("\(DisplayText.codeSpan("\(machine.file):\(machine.line)"))\(machine.id.map { ", id \(DisplayText.codeSpan($0))" } ?? "")")
        out.append("")
        out += CommentParts.figuresTable([(title: machine.type.rawValue.capitalized + " (declared)", figures: CommentParts.Figures(machine, currency: currency))])
        let other = machine.type == .standard ? machine.monthly.express.cost : machine.monthly.standard.cost
        out += ["", "As \(machine.type == .standard ? "Express" : "Standard"): \(CommentParts.money(other, currency))/month\(machine.type == .standard && !machine.monthly.express.usable ? " (Express cannot run it)" : ""). Recommended: \(machine.recommendedType.rawValue), \(DisplayText.markdown(machine.recommendation.reason))."]
        out += CommentParts.mostVisited(machine)
        out += CommentParts.findings("Findings", machine.findings)
        out += CommentParts.findings("Suppressed by the profile", machine.suppressedFindings)
        out += CommentParts.assumptions(machine, pricing: report.pricing)
        out += CommentParts.extraBlock(options, id: machine.id, name: machine.name)
        out += ["", "</details>"]
        return out.joined(separator: "\n")
    }

    private static func problems(_ report: Report) -> [String] {
        let problems = report.diagnostics.filter { $0.severity >= .warning }
        guard !problems.isEmpty else { return [] }
        var out = ["### Input problems", ""]
        for diagnostic in problems {
            let place = diagnostic.location.map { " at " + DisplayText.codeSpan($0.description) } ?? ""
            out.append("- \(diagnostic.severity == .error ? "🛑 error" : "⚠️ warning") \(DisplayText.codeSpan(diagnostic.code))\(place): \(DisplayText.markdown(diagnostic.message))")
        }
        return out
    }

    static func counts(_ findings: [Finding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.filter { $0.severity == .note }.count
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if notes > 0 { parts.append("\(notes) note\(notes == 1 ? "" : "s")") }
        return parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
    }
}

import Foundation
