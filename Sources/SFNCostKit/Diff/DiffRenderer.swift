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
        markdown(diff, base: nil, head: nil, options: CommentOptions())
    }

    /// The diff as a pull-request comment (see `MarkdownRenderer` for its shape): the headline says
    /// how the total moves, the table lists the changed machines, biggest change first, and each has
    /// a folded section with its figures before and after, the states whose visits changed most, the
    /// new and resolved findings and the assumptions. `base` and `head`, the two reports, give the
    /// per-state and per-run figures; without them the sections hold what the diff itself carries.
    public static func markdown(_ diff: ReportDiff, base: Report?, head: Report?, options: CommentOptions) -> String {
        let total = diff.total, currency = diff.currency
        var layout = CommentLayout()
        layout.opening = [CommentOptions.marker, "### " + headline(diff), ""]
        if let gate = options.gate { layout.opening += [gate.markdown, ""] }
        layout.opening.append("At each machine's declared type; \(total.newFindings) new finding\(total.newFindings == 1 ? "" : "s"), \(total.resolvedFindings) resolved. Compared: \(DisplayText.codeSpan(diff.base.path)) → \(DisplayText.codeSpan(diff.head.path)).")
        if diff.base.region != diff.head.region {
            layout.opening += ["", "> The reports use different prices (\(DisplayText.markdown(diff.base.region)) → \(DisplayText.markdown(diff.head.region))); part of every change is the region."]
        }
        // The budgets' status, in the opening (right after the gate), so that the size cap never drops it.
        let budgets = BudgetMarkdown.lines(diff.budgetStatus ?? BudgetCheck.evaluate(diff), currency: diff.currency, total: diff.total)
        if !budgets.isEmpty { layout.opening += budgets }
        let changed = diff.machines.enumerated().filter { $0.element.status != .unchanged }.sorted { lhs, rhs in
            let a = abs(lhs.element.costChange.amount), b = abs(rhs.element.costChange.amount)
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
        let unchanged = diff.machines.count - changed.count
        if changed.isEmpty {
            layout.opening += ["", "No state machine changed\(unchanged > 0 ? " (\(unchanged) compared)" : "")."]
            return layout.render(limit: options.sizeLimit)
        }
        let pairs = Self.pairs(base, head)
        layout.tableHeader = ["| Machine | Type | Runs/month | Cost/month | Change |", "| --- | --- | ---: | ---: | ---: |"]
        layout.rows = changed.map { machine in
            let pair = pairs[pairKey(machine.name, machine.id)]
            return "| \(DisplayText.markdown(machine.name)) | \(type(machine)) | \(runs(pair)) | \(money(machine.headCost, currency)) | \(rowChange(machine, currency)) |"
        }
        if unchanged > 0 { layout.afterTable = ["\(unchanged) other machine\(unchanged == 1 ? "" : "s") unchanged."] }
        layout.detailBuilders = changed.map { machine in
            { details(machine, pair: pairs[pairKey(machine.name, machine.id)], base: base, head: head, currency: currency, options: options) }
        }
        return layout.render(limit: options.sizeLimit)
    }

    /// "Monthly Step Functions cost rises from $41.20 to $318.75 (+674%)".
    static func headline(_ diff: ReportDiff) -> String {
        let total = diff.total, currency = diff.currency
        let before = money(total.baseCost, currency), after = money(total.headCost, currency)
        let percent = CommentParts.percent(total.costChangePercent).map { " (\($0))" } ?? ""
        if total.costChange.amount > 0 { return "Monthly Step Functions cost rises from \(before) to \(after)\(percent)" }
        if total.costChange.amount < 0 { return "Monthly Step Functions cost falls from \(before) to \(after)\(percent)" }
        return "Monthly Step Functions cost stays at \(after)"
    }

    private static func type(_ machine: ReportDiff.MachineChange) -> String {
        switch (machine.baseType, machine.headType) {
        case let (before?, after?) where before != after: return "\(before.rawValue) → \(after.rawValue)"
        case let (_, after?): return after.rawValue
        case let (before?, nil): return before.rawValue
        default: return "–"
        }
    }

    private static func runs(_ pair: (base: MachineReport?, head: MachineReport?)?) -> String {
        func text(_ machine: MachineReport?) -> String? {
            machine.map { Format.count($0.executionsPerMonth) + ($0.executionsOrigin == .default ? " (default)" : "") }
        }
        let before = text(pair?.base), after = text(pair?.head)
        switch (before, after) {
        case let (b?, a?) where b != a: return "\(b) → \(a)"
        case let (_, a?): return a
        case let (b?, nil): return b
        default: return "–"
        }
    }

    private static func rowChange(_ machine: ReportDiff.MachineChange, _ currency: String) -> String {
        switch machine.status {
        case .added: return "added, " + CommentParts.signedMoney(machine.costChange, currency)
        case .removed: return "removed, " + CommentParts.signedMoney(machine.costChange, currency)
        default: return CommentParts.signedMoney(machine.costChange, currency) + (CommentParts.percent(machine.costChangePercent).map { " (\($0))" } ?? "")
        }
    }

    /// One changed machine's folded section.
    private static func details(_ machine: ReportDiff.MachineChange, pair: (base: MachineReport?, head: MachineReport?)?,
                                base: Report?, head: Report?, currency: String, options: CommentOptions) -> String {
        func html(_ value: Money?) -> String { CommentParts.htmlMoney(value, currency) }
        let status: String
        switch machine.status {
        case .added: status = "added, \(html(machine.headCost))/month"
        case .removed: status = "removed, was \(html(machine.baseCost))/month"
        default:
            let sign = machine.costChange.amount > 0 ? "+" : machine.costChange.amount < 0 ? "−" : "±"
            let percent = CommentParts.percent(machine.costChangePercent).map { ", \($0)" } ?? ""
            status = "\(html(machine.baseCost)) → \(html(machine.headCost))/month (\(sign)\(html(Money(abs(machine.costChange.amount))))\(percent))"
        }
        var out = [CommentParts.summary(machine.name, status), ""]
        if let file = machine.file {
            out += ["\(DisplayText.codeSpan(file))\(machine.id.map { ", id \(DisplayText.codeSpan($0))" } ?? "")", ""]
        }
        if pair?.base != nil || pair?.head != nil {
            out += CommentParts.figuresTable([
                (title: "Before", figures: pair?.base.map { CommentParts.Figures($0, currency: currency) } ?? .absent),
                (title: "After", figures: pair?.head.map { CommentParts.Figures($0, currency: currency) } ?? .absent),
            ])
        } else {
            out += ["| | Before | After |", "| --- | ---: | ---: |",
                    "| Transitions per run (expected) | \(machine.baseTransitions.map(Format.count) ?? "–") | \(machine.headTransitions.map(Format.count) ?? "–") |",
                    "| **Cost per month** | **\(money(machine.baseCost, currency))** | **\(money(machine.headCost, currency))** |"]
        }
        out += CommentParts.changedVisits(base: pair?.base, head: pair?.head, machine: machine.name)
        out += CommentParts.findings("New findings", machine.newFindings)
        out += CommentParts.findings("Resolved findings", machine.resolvedFindings)
        if let after = pair?.head, let head {
            out += CommentParts.assumptions(after, pricing: head.pricing)
        } else if let before = pair?.base, let base {
            out += CommentParts.assumptions(before, pricing: base.pricing)
        }
        // `options.machineBlocks` / `machineBlock` (keyed by id, else name) is placed here: the diff
        // flowchart of `diff --base-ref` (MermaidFlowchart.markdownBlock(analysis, base: visits)).
        out += CommentParts.extraBlock(options, id: machine.id, name: machine.name)
        out += ["", "</details>"]
        return out.joined(separator: "\n")
    }

    private static func pairKey(_ name: String, _ id: String?) -> String { name + "\u{1}" + (id ?? "") }

    /// The two reports' machines, paired as the diff paired them, by the change's name and id.
    private static func pairs(_ base: Report?, _ head: Report?) -> [String: (base: MachineReport?, head: MachineReport?)] {
        guard base != nil || head != nil else { return [:] }
        var result: [String: (base: MachineReport?, head: MachineReport?)] = [:]
        for pair in MachinePairing.pairs(base?.stateMachines ?? [], head?.stateMachines ?? []) {
            let name = pair.head?.name ?? pair.base?.name ?? ""
            let key = pairKey(name, pair.head?.id ?? pair.base?.id)
            if result[key] == nil { result[key] = (pair.base, pair.head) }
        }
        return result
    }

    private static func money(_ value: Money?, _ currency: String) -> String {
        DisplayText.markdownMoney(value, currency)
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
