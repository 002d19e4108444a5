import Foundation

extension DisplayText {
    /// `value` as inert text inside raw HTML in a comment (a `<summary>`, where GitHub does not render
    /// Markdown, so `markdown`'s backslashes would show): `text`, then `&`, `<`, `>` and `"` as
    /// entities; the Markdown punctuation `` \ ` * _ [ ] ( ) { } ! | ~ $ `` as numeric entities too (the
    /// same characters on the page, and inert should a renderer read Markdown inside HTML); `@` and
    /// `#` followed by a zero-width space so that no mention or issue reference is linked (GitHub
    /// links them in rendered text, HTML included).
    static func htmlText(_ value: String) -> String {
        var out = ""
        for scalar in text(value).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "@": out += "@\u{200B}"
            case "#": out += "#\u{200B}"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "{", "}", "!", "|", "~", "$":
                out += "&#\(scalar.value);"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Pieces the estimate and diff comments share. Every name from an input goes through `DisplayText`.
enum CommentParts {
    /// How many states, findings and assumptions one machine's section lists before "… N more".
    static let topStates = 5
    static let maxFindings = 20
    static let maxAssumptions = 15

    /// A relative change for a headline: whole percent from 10 % up, else one decimal ("+674%", "-2.5%").
    static func percent(_ value: Double?) -> String? {
        guard let value, value.isFinite else { return nil }
        let text = abs(value) >= 10 ? String(format: "%+.0f%%", value) : String(format: "%+.1f%%", value)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    static func money(_ value: Money?, _ currency: String) -> String {
        DisplayText.markdownMoney(value, currency)
    }

    /// "+$277.55" / "−$3.10" / "±$0.00".
    static func signedMoney(_ amount: Money, _ currency: String) -> String {
        let sign = amount.amount > 0 ? "+" : amount.amount < 0 ? "−" : "±"
        return sign + money(Money(abs(amount.amount)), currency)
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: return "🛑 error"
        case .warning: return "⚠️ warning"
        case .note: return "ℹ️ note"
        }
    }

    /// One finding as a list item: rule, state, file:line, message.
    static func finding(_ finding: Finding) -> String {
        var text = "- \(icon(finding.severity)) **\(DisplayText.markdown(finding.rule))** \(DisplayText.codeSpan(finding.name))"
        // A state name as escaped text, not a code span: no raw `<`, `*` or `](` from it reaches the
        // comment at all, so a renderer that mishandles code spans still shows it as typed.
        if let state = finding.state { text += " in state '\(DisplayText.markdown(state))'" }
        text += " at \(DisplayText.codeSpan("\(finding.file):\(finding.line)")): \(DisplayText.markdown(finding.message))"
        if let suppression = finding.suppression { text += " _(\(DisplayText.markdown(suppression)))_" }
        return text
    }

    /// A titled list of findings, capped, or nothing when there are none.
    static func findings(_ title: String, _ list: [Finding]) -> [String] {
        guard !list.isEmpty else { return [] }
        var out = ["", "**\(title)** (\(list.count)):", ""] + list.prefix(maxFindings).map(finding)
        if list.count > maxFindings { out.append("- … \(list.count - maxFindings) more (see the JSON report)") }
        return out
    }

    /// The assumptions a machine's figures rest on, and the unconfirmed prices it uses.
    static func assumptions(_ machine: MachineReport, pricing: PricingInfo) -> [String] {
        var out: [String] = []
        let list = machine.assumptions
        if !list.isEmpty {
            out += ["", "**Assumptions** (set them in the profile to replace them):", ""]
            for assumption in list.prefix(maxAssumptions) {
                let place = assumption.state.map { "state '\(DisplayText.markdown($0))'" } ?? "the machine"
                out.append("- \(place): \(DisplayText.codeSpan(assumption.field)) = \(DisplayText.markdown(assumption.value)) (\(DisplayText.markdown(assumption.reason)))")
            }
            if list.count > maxAssumptions {
                out.append("- … \(list.count - maxAssumptions) more (`sfncost explain` lists them all)")
            }
        }
        let used = Set([machine.monthly.standard.priceRow] + machine.monthly.express.priceRows)
        let unconfirmed = pricing.rows.filter { used.contains($0.id) && $0.confidence != "verified" }
        if !unconfirmed.isEmpty {
            let rows = unconfirmed.map { "\(DisplayText.codeSpan($0.id)) (\(DisplayText.markdown($0.unitPrice)) per \(DisplayText.markdown($0.unit)), \(DisplayText.markdown($0.confidence)))" }
            out += ["", "**Prices not confirmed for \(DisplayText.markdown(pricing.region))**: " + rows.joined(separator: ", ") + (pricing.note.map { ". " + DisplayText.markdown($0) } ?? "") + "."]
        }
        return out
    }

    /// A machine's figures for one side: what the before/after table shows.
    struct Figures {
        var type: String
        var runs: String
        var transitions: String
        var duration: String
        var costPerRun: String
        var monthlyTransitions: String
        var cost: String

        static let absent = Figures(type: "–", runs: "–", transitions: "–", duration: "–", costPerRun: "–", monthlyTransitions: "–", cost: "–")

        init(type: String, runs: String, transitions: String, duration: String, costPerRun: String, monthlyTransitions: String, cost: String) {
            self.type = type; self.runs = runs; self.transitions = transitions; self.duration = duration
            self.costPerRun = costPerRun; self.monthlyTransitions = monthlyTransitions; self.cost = cost
        }

        init(_ machine: MachineReport, currency: String) {
            let cost = ReportDiffer.declaredCost(machine)
            let runs = machine.executionsPerMonth
            // Per 1,000 runs rather than per run: a run's cost is often a fraction of a cent, which
            // the printed places would round to nothing.
            var perRun = "unknown"
            if let cost, runs.isFinite, runs > 0, runs < 1e15 {
                perRun = DisplayText.markdownMoney(Money(cost.amount * 1000 / Decimal(runs)), currency)
            }
            self.init(type: machine.type.rawValue,
                      runs: Format.count(runs) + (machine.executionsOrigin == .default ? " (default)" : ""),
                      transitions: machine.perExecution.transitions.expected.map(Format.count) ?? "unknown",
                      duration: machine.perExecution.durationSeconds.expected.map(Format.seconds) ?? "unknown",
                      costPerRun: perRun,
                      monthlyTransitions: machine.monthly.standard.transitions.map(Format.count) ?? "unknown",
                      cost: DisplayText.markdownMoney(cost, currency))
        }
    }

    /// The before/after table of one machine (or a single column for an estimate).
    static func figuresTable(_ columns: [(title: String, figures: Figures)]) -> [String] {
        let header = "| | " + columns.map(\.title).joined(separator: " | ") + " |"
        let rule = "| --- |" + String(repeating: " ---: |", count: columns.count)
        func row(_ label: String, _ value: (Figures) -> String) -> String {
            "| \(label) | " + columns.map { value($0.figures) }.joined(separator: " | ") + " |"
        }
        return [header, rule,
                row("Type") { $0.type },
                row("Transitions per run (expected)") { $0.transitions },
                row("Duration per run (expected)") { $0.duration },
                row("Cost per 1,000 runs") { $0.costPerRun },
                row("Runs per month") { $0.runs },
                row("Transitions per month") { $0.monthlyTransitions },
                row("**Cost per month**") { "**\($0.cost)**" }]
    }

    /// A state's name with its scope when it is not the top level, for a table cell.
    static func stateCell(_ visits: StateVisits, machine: String) -> String {
        let top = visits.scope == "machine '\(machine)'"
        return DisplayText.markdown(visits.state) + (top ? "" : " _(in \(DisplayText.markdown(visits.scope)))_")
    }

    static func visits(_ value: Double?) -> String { value.map(Format.count) ?? "unbounded" }

    /// The states whose expected visits per run changed most (by how much, then by name), as a
    /// table, or nothing when no report carries visits or none changed visibly: a change smaller than
    /// the two decimals printed is not one.
    static func changedVisits(base: MachineReport?, head: MachineReport?, machine: String) -> [String] {
        guard base?.stateVisits != nil || head?.stateVisits != nil else { return [] }
        func key(_ visits: StateVisits) -> String { visits.scope + "\u{1}" + visits.state }
        let before = Dictionary((base?.stateVisits ?? []).map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary((head?.stateVisits ?? []).map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        struct Change { var visits: StateVisits; var before: Double?; var after: Double?; var wasThere: Bool; var isThere: Bool; var size: Double }
        var changes: [Change] = []
        for name in Set(before.keys).union(after.keys) {
            let old = before[name], new = after[name]
            let a = old?.expectedVisits, b = new?.expectedVisits
            // Listed only when the change shows in the figures printed (`visits`: two decimals), so that
            // floating-point noise (1 against 1.000000000001) does not read "1 | 1".
            guard visits(a) != visits(b) || (old == nil) != (new == nil) else { continue }
            // An unbounded side ranks first; otherwise the absolute change in visits per run.
            let size = (old != nil && a == nil) || (new != nil && b == nil) ? Double.infinity : abs((b ?? 0) - (a ?? 0))
            changes.append(Change(visits: (new ?? old)!, before: a, after: b, wasThere: old != nil, isThere: new != nil, size: size))
        }
        guard !changes.isEmpty else { return [] }
        changes.sort { ($0.size, $1.visits.state, $1.visits.scope) > ($1.size, $0.visits.state, $0.visits.scope) }
        var out = ["", "**States whose expected visits per run changed most**:", "", "| State | Before | After |", "| --- | ---: | ---: |"]
        for change in changes.prefix(topStates) {
            out.append("| \(stateCell(change.visits, machine: machine)) | \(change.wasThere ? visits(change.before) : "– (new)") | \(change.isThere ? visits(change.after) : "– (removed)") |")
        }
        if changes.count > topStates { out += ["", "_… and \(changes.count - topStates) more states changed._"] }
        return out
    }

    /// The most visited states of one machine (for an estimate).
    static func mostVisited(_ machine: MachineReport) -> [String] {
        guard let list = machine.stateVisits, !list.isEmpty else { return [] }
        let ranked = list.enumerated().sorted { lhs, rhs in
            let a = lhs.element.expectedVisits ?? .infinity, b = rhs.element.expectedVisits ?? .infinity
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
        var out = ["", "**Most visited states** (expected visits per run):", "", "| State | Visits |", "| --- | ---: |"]
        for visits in ranked.prefix(topStates) {
            out.append("| \(stateCell(visits, machine: machine.name)) | \(self.visits(visits.expectedVisits)) |")
        }
        return out
    }

    /// An amount inside raw HTML, escaped by `htmlText` like every name (`$` as `&#36;`; see
    /// `DisplayText.markdownMoney` for the rule).
    static func htmlMoney(_ value: Money?, _ currency: String) -> String {
        DisplayText.htmlText(Format.money(value, currency))
    }

    /// The `<summary>` line of a machine's section: the name in bold, then a short status (HTML
    /// already: sfncost's own words, amounts by `htmlMoney`).
    static func summary(_ name: String, _ status: String) -> String {
        "<details><summary><strong>\(DisplayText.htmlText(name))</strong>: \(status)</summary>"
    }

    /// The hook where a machine's extra block (the Mermaid flowchart) goes, inside its `<details>`.
    static func extraBlock(_ options: CommentOptions, id: String?, name: String) -> [String] {
        let key = CommentOptions.key(id: id, name: name)
        guard let block = options.machineBlocks[key] ?? options.machineBlock?(key) else { return [] }
        return ["", block]
    }
}
