import Foundation

/// The default, human-readable output: a summary table of all machines, then each machine's figures,
/// findings and assumptions, then the totals.
public struct TableRenderer {
    public init() {}

    public func render(_ report: Report) -> String {
        render(report, parallel: true)
    }

    /// `parallel: false` writes every machine's details on the calling thread (tests compare the two).
    func render(_ report: Report, parallel: Bool) -> String {
        var out: [String] = []
        let pricing = report.pricing
        out.append(DisplayText.text("Prices: \(pricing.region) (\(pricing.location)), \(pricing.currency), \(Format.priceDate(pricing)), \(pricing.origin)"))
        if pricing.hasUnconfirmedPrices {
            out.append(DisplayText.text("  note: some prices for \(pricing.region) are unconfirmed: \(pricing.note ?? "see pricing data")"))
        }
        out.append("")
        guard !report.stateMachines.isEmpty else {
            out.append("No state machines found.")
            return out.joined(separator: "\n") + "\n"
        }
        var summary = TextTable(headers: ["MACHINE", "TYPE", "RUNS/MONTH", "TRANSITIONS/RUN", "STANDARD/MONTH", "EXPRESS/MONTH", "RECOMMENDED"],
                                alignments: [.left, .left, .right, .right, .right, .right, .left])
        for machine in report.stateMachines {
            let transitions = machine.perExecution.transitions
            summary.rows.append([machine.name, machine.type.rawValue,
                                 Format.count(machine.executionsPerMonth) + (machine.executionsOrigin == .default ? "~" : ""),
                                 "\(expected(transitions)) exp / \(worst(transitions)) max",
                                 money(machine.monthly.standard.cost, report.currency, tooLarge: machine.monthly.standard.costTooLarge),
                                 money(machine.monthly.express.cost, report.currency, tooLarge: machine.monthly.express.costTooLarge)
                                    + (machine.monthly.express.usable ? "" : "*"),
                                 machine.recommendedType.rawValue])
        }
        out.append(summary.render())
        if report.stateMachines.contains(where: { !$0.monthly.express.usable }) {
            out.append("* Express cannot run this machine (the reason is in its details); the figure is what it would cost.")
        }
        if report.stateMachines.contains(where: { $0.executionsOrigin == .default }) {
            out.append(Self.assumedRunsNote)
        }
        // Each machine's details depend on that machine alone: with many machines, parts of them are
        // written on every core and joined in order (`MachineReport.partRanges`).
        let machines = report.stateMachines, currency = report.currency
        let parts = parallel ? MachineReport.partRanges(count: machines.count) : [machines.indices]
        for lines in OrderedParallelMap.map(parts, { range in Self.details(machines[range], currency: currency) }) {
            out.append(contentsOf: lines)
        }
        out.append("")
        out.append(contentsOf: totals(report))
        return out.joined(separator: "\n") + "\n"
    }

    /// The footnote for a `~` on RUNS/MONTH: a figure (and a recommendation) on assumed usage.
    static let assumedRunsNote = "~ default: no profile entry and no schedule; the monthly figures rest on an assumed 1,000 runs (set 'executions' in the profile)."

    /// The details of `machines`, each after an empty line.
    private static func details(_ machines: ArraySlice<MachineReport>, currency: String) -> [String] {
        let renderer = TableRenderer()
        var out: [String] = []
        for machine in machines {
            out.append("")
            out.append(contentsOf: renderer.details(machine, currency: currency))
        }
        return out
    }

    private func details(_ machine: MachineReport, currency: String) -> [String] {
        var out: [String] = []
        out.append(DisplayText.text("== \(machine.name)  (\(machine.file):\(machine.line):\(machine.column))"))
        let source = machine.executionsOrigin == .default ? "default: no profile entry and no schedule"
            : machine.executionsOrigin == .schedule ? "scheduled: \(machine.executionsSource)" : machine.executionsSource
        out.append(DisplayText.text("   \(machine.type.rawValue), \(Format.count(machine.executionsPerMonth)) execution\(machine.executionsPerMonth == 1 ? "" : "s") a month (\(source))"))
        var perRun = TextTable(headers: ["PER EXECUTION", "EXPECTED", "WORST CASE"], alignments: [.left, .right, .right])
        let figures = machine.perExecution
        perRun.rows.append(["state transitions", expected(figures.transitions),
                            worst(figures.transitions)])
        perRun.rows.append(["history events", expected(figures.historyEvents),
                            worst(figures.historyEvents)])
        perRun.rows.append(["duration", figures.durationSeconds.expected.map(Format.seconds) ?? missing(figures.durationSeconds.expectedTooLarge),
                            figures.durationSeconds.worstCase.map { (figures.durationSeconds.worstCaseIsUpperBound == true ? "≤ " : "") + Format.seconds($0) } ?? missingWorst(figures.durationSeconds)])
        if let requests = figures.expressChildRequests, (requests.expected ?? 0) > 0 || requests.worstCase != 0 {
            perRun.rows.append(["Express child executions", expected(requests), worst(requests)])
        }
        out.append(perRun.render(indent: "   "))
        out.append("")
        let monthly = machine.monthly
        var cost = TextTable(headers: ["PER MONTH", "USAGE", "COST"], alignments: [.left, .left, .right])
        let standardTooLarge = monthly.standard.costTooLarge, expressTooLarge = monthly.express.costTooLarge
        cost.rows.append(["as Standard", "\(number(monthly.standard.transitions, missing: missing(standardTooLarge))) transitions",
                          money(monthly.standard.cost, currency, tooLarge: standardTooLarge)])
        if let child = monthly.standard.expressChildCost {
            cost.rows.append(["  incl. Express children", "", money(child, currency)])
        }
        let express = monthly.express
        let memory = ExpressBilling.isSaturated(memoryMB: express.memoryMB) ? "too large" : "\(express.memoryMB) MB"
        cost.rows.append(["as Express", "\(number(express.requests, missing: missing(expressTooLarge))) requests, \(number(express.gbSeconds, missing: missing(expressTooLarge))) GB-s (\(memory) × \(express.billedDurationSeconds.map(Format.billedSeconds) ?? missing(expressTooLarge)))",
                          money(express.cost, currency, tooLarge: expressTooLarge) + (express.usable ? "" : " (cannot run)")])
        out.append(cost.render(indent: "   "))
        out.append("")
        let recommendation = machine.recommendation
        if recommendation.reason.hasPrefix("no recommendation") {
            out.append(DisplayText.text("   No recommendation: \(recommendation.reason.dropFirst("no recommendation: ".count))."))
        } else {
            out.append(DisplayText.text("   Recommended: \(recommendation.type.rawValue). \(recommendation.reason)."))
        }
        if recommendation.monthlySaving.amount > 0 {
            out.append(DisplayText.text("   Saving: \(money(recommendation.monthlySaving, currency)) a month."))
        }
        var breakEven: [String] = []
        if let seconds = recommendation.breakEvenDurationSeconds {
            breakEven.append("Express would cost the same at an execution duration of \(Format.seconds(seconds))")
        }
        if let transitions = recommendation.breakEvenTransitions {
            breakEven.append("Standard would cost the same at \(Format.count(transitions)) transitions per execution")
        }
        // A break-even with a type that cannot run the machine would only mislead.
        if !breakEven.isEmpty, machine.monthly.express.usable { out.append("   Break-even: " + breakEven.joined(separator: "; ") + ".") }
        if let alternatives = machine.whatIf, !alternatives.isEmpty {
            out.append("")
            out.append("   What if:")
            for alternative in alternatives {
                let cost = "\(money(alternative.monthlyCostBefore, currency)) → \(money(alternative.monthlyCostAfter, currency)) a month"
                let events = alternative.worstHistoryEventsAfter.map { ", worst case \(Format.count($0)) history events" } ?? ""
                let fixes = alternative.resolves.isEmpty ? "" : "; resolves \(alternative.resolves.joined(separator: ", "))"
                out.append(DisplayText.text("   - \(alternative.change) (line \(alternative.line)): \(cost)\(events)\(fixes)"))
            }
        }
        if !machine.findings.isEmpty {
            out.append("")
            out.append("   Findings:")
            for finding in machine.findings {
                out.append(DisplayText.text("   \(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule) \(finding.name)]"))
            }
        }
        if !machine.suppressedFindings.isEmpty {
            out.append("   Suppressed: \(machine.suppressedFindings.count) finding(s) (see --format json)")
        }
        if !machine.assumptions.isEmpty {
            out.append("")
            out.append("   Assumptions (not in the profile):")
            for assumption in machine.assumptions {
                let subject = assumption.state.map { "\($0).\(assumption.field)" } ?? assumption.field
                out.append(DisplayText.text("   - \(subject) = \(assumption.value): \(assumption.reason)"))
            }
        }
        return out
    }

    private func totals(_ report: Report) -> [String] {
        let total = report.total
        var out = ["TOTAL (\(total.stateMachines) state machine\(total.stateMachines == 1 ? "" : "s"), per month)"]
        var table = TextTable(headers: ["", "COST"], alignments: [.left, .right])
        table.rows.append(["all as Standard", money(total.standardCost, report.currency)])
        table.rows.append(["all as Express", money(total.expressCost, report.currency)])
        table.rows.append(["each as recommended", money(total.recommendedCost, report.currency)])
        table.rows.append(["each as declared", money(total.declaredCost, report.currency)])
        if total.freeTierDeduction.amount > 0 {
            table.rows.append(["  free tier deducted", "-" + money(total.freeTierDeduction, report.currency)])
        }
        out.append(table.render(indent: "   "))
        out.append("   Findings: \(total.findings.error) error(s), \(total.findings.warning) warning(s)" +
                   (total.findings.suppressed > 0 ? ", \(total.findings.suppressed) suppressed" : ""))
        for note in total.notes { out.append(DisplayText.text("   Note: \(note)")) }
        if let note = roundingNote(report) { out.append("   Note: \(note)") }
        return out
    }

    /// Totals are summed before rounding; say so when the printed parts do not add up to the printed total.
    private func roundingNote(_ report: Report) -> String? {
        let machines = report.stateMachines
        let columns: [(String, Money, [Money?])] = [
            ("all as Standard", report.total.standardCost, machines.map(\.monthly.standard.cost)),
            ("all as Express", report.total.expressCost, machines.map(\.monthly.express.cost)),
        ]
        let mismatched = columns.filter { _, total, parts in
            parts.compactMap { $0 }.map(Format.printedAmount).reduce(0, +) != Format.printedAmount(total)
        }
        guard !mismatched.isEmpty else { return nil }
        return "totals are added up before rounding, so \(mismatched.map { "'\($0.0)'" }.joined(separator: " and ")) can differ from the sum of the amounts printed above in the last digit."
    }

    func money(_ value: Money?, _ currency: String, tooLarge: Bool? = nil) -> String {
        value == nil && tooLarge == true ? "too large" : Format.money(value, currency)
    }

    /// What a missing monthly figure is: too large to represent, or unknown (a loop never left).
    private func missing(_ tooLarge: Bool?) -> String { tooLarge == true ? "too large" : "unknown" }

    /// A worst case: the number, "≤ n" for an upper bound, or why there is none.
    private func worst(_ figure: Figure) -> String {
        figure.worstCase == nil ? missingWorst(figure) : number(figure.worstCase, upper: figure.worstCaseIsUpperBound)
    }

    private func expected(_ figure: Figure) -> String {
        number(figure.expected, missing: missing(figure.expectedTooLarge))
    }

    private func missingWorst(_ figure: Figure) -> String {
        figure.worstCaseTooLarge == true ? "too large" : "unbounded"
    }

    private func number(_ value: Double?, upper: Bool? = nil, missing: String = "unknown") -> String {
        guard let value else { return missing }
        return (upper == true ? "≤ " : "") + Format.count(value)
    }
}
