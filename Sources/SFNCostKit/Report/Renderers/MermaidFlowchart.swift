import Foundation

/// A Mermaid flowchart of one state machine (GitHub renders ```mermaid blocks in comments): each state
/// labelled with its expected visits per execution and its share of the cost, the costliest states
/// highlighted, Map and Parallel states drawn as subgraphs holding their iteration or branches.
/// The diff variant marks states the base did not have and states whose expected visits changed.
///
/// Names never reach Mermaid's syntax: node ids are generated (`n1`, `n2`…, subgraphs `s1`…) and every
/// label is quoted with Mermaid's entity codes for anything but letters, digits and plain punctuation
/// (`#quot;`, `#35;` for `#`, `#59;` for `;`, `#96;` for a backtick, `#60;` `#62;` for `<` `>`, `#37;` for
/// `%`, as `%%` starts a comment; Mermaid's docs, "Entity codes to escape characters"): Mermaid
/// turns them back into characters as text, never as markup. Line breaks in a name become spaces.
public enum MermaidFlowchart {
    /// The share a state takes of the machine's cost: of its transitions for a Standard machine (what
    /// Standard bills), of its expected duration for an Express one (what Express bills per GB-second).
    public enum ShareBasis: String, Sendable { case transitions, duration }

    /// Expected visits per execution of every state, keyed by `path(…)`: what a diff compares.
    public static func visits(_ analysis: MachineAnalysis) -> [String: Double] {
        var result: [String: Double] = [:]
        walk(analysis.root, prefix: [], scale: 1) { path, figures, visits, _ in result[key(path)] = visits }
        return result
    }

    /// The flowchart (without the ```mermaid fence). `base`: the base's `visits(…)`, for a diff.
    public static func render(_ analysis: MachineAnalysis, base: [String: Double]? = nil, highlight: Int = 3) -> String {
        var builder = Builder(basis: analysis.declaredType == .express ? .duration : .transitions, base: base)
        builder.collectShares(analysis.root)
        builder.markCostliest(highlight)
        var lines = ["flowchart TD"]
        lines.append("  classDef costly fill:#ffe3e3,stroke:#c92a2a,stroke-width:2px")
        if base != nil {
            lines.append("  classDef added fill:#e6fcf5,stroke:#2b8a3e,stroke-width:2px,stroke-dasharray:4 2")
            lines.append("  classDef changed stroke:#e67700,stroke-width:3px")
        }
        lines.append("  n0((\"start\"))")
        let body = builder.scope(analysis.root, startAt: analysis.machine.startAt, path: [], scale: 1, indent: "  ")
        lines += body.lines
        if let first = body.entry { lines.append("  n0 --> \(first)") }
        lines += builder.classLines
        return lines.joined(separator: "\n") + "\n"
    }

    /// The flowchart in a fenced block, for Markdown.
    public static func markdownBlock(_ analysis: MachineAnalysis, base: [String: Double]? = nil, highlight: Int = 3) -> String {
        "```mermaid\n" + render(analysis, base: base, highlight: highlight) + "```\n"
    }

    /// A label in double quotes with Mermaid's entity codes (decimal: `#35;`), safe for any name.
    public static func quoted(_ text: String) -> String {
        // Most names and labels are letters, digits and the punctuation kept as it is: they are only
        // put in quotes (one byte test each), not rebuilt scalar by scalar.
        if text.utf8.allSatisfy({ $0 < 0x80 && keptASCII[Int($0)] }) { return "\"" + text + "\"" }
        return quotedScalarByScalar(text)
    }

    /// The ASCII bytes `quotedScalarByScalar` keeps as they are.
    private static let keptASCII: [Bool] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", " ", "-", "_", ".", ",", ":", "/", "(", ")", "+", "=", "'", "!", "?", "@", "$", "*", "~", "^":
            return true
        default:
            return false
        }
    }

    /// `quoted` scalar by scalar: the general path, and the reference for the tests.
    static func quotedScalarByScalar(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", " ", "-", "_", ".", ",", ":", "/", "(", ")", "+", "=", "'", "!", "?", "@", "$", "*", "~", "^":
                out.unicodeScalars.append(scalar)
            case "\"":
                out += "#quot;"
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                out += " "
            default:
                if scalar.value < 0x80 {
                    out += scalar.value < 0x20 || scalar.value == 0x7F ? " " : "#\(scalar.value);"
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    // Letters of any script (é, ü, 漢) read as they are inside quotes.
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "#\(scalar.value);"
                }
            }
        }
        return out + "\""
    }

    // MARK: - Building

    static func key(_ path: [String]) -> String { path.joined(separator: "\u{1F}") }

    /// Visits every state with its path (scope names and state names), its absolute expected visits
    /// per execution, and whether it holds nested scopes.
    static func walk(_ scope: ScopeAnalysis, prefix: [String], scale: Double,
                     _ body: (_ path: [String], _ figures: StateFigures, _ visits: Double, _ perParent: Double) -> Void) {
        for figures in scope.states {
            let visits = figures.expectedVisits * scale
            let path = prefix + [figures.state.name]
            // Runs of the nested scopes per visit: every attempt of a retried Map or Parallel, and the
            // items (or child executions) actually started, as the analysis counts them.
            let perParent = figures.childRunsPerVisit
            body(path, figures, visits, perParent)
            for (index, child) in figures.children.enumerated() {
                walk(child, prefix: path + (figures.children.count > 1 ? ["branch \(index + 1)"] : []), scale: visits * perParent, body)
            }
        }
    }

    struct Builder {
        var basis: ShareBasis
        var base: [String: Double]?
        var shares: [String: Double] = [:]
        var costly: Set<String> = []
        var nextNode = 1, nextGraph = 1
        var classes: [String: [String]] = [:]

        /// A state's own part of the measure: for a Map or Parallel, what is left after its nested
        /// scopes (which are drawn, and counted, inside it).
        mutating func collectShares(_ root: ScopeAnalysis) {
            var own: [String: Double] = [:]
            let basis = self.basis
            MermaidFlowchart.walk(root, prefix: [], scale: 1) { path, figures, visits, perParent in
                let measure: (ExpectedFigures) -> Double = basis == .transitions ? { $0.transitions } : { $0.seconds }
                var perVisit = measure(figures.perVisit)
                if basis == .transitions {
                    perVisit -= figures.children.reduce(0) { $0 + measure($1.expected) * perParent }
                } else if !figures.children.isEmpty {
                    // Time inside a Map or Parallel is the time of its nested states.
                    perVisit = 0
                }
                let value = visits * max(0, perVisit)
                own[MermaidFlowchart.key(path)] = value.isFinite ? value : .nan
            }
            // Summed in the keys' order: a Dictionary's order changes from run to run, and a sum of
            // Doubles with it (18.75 % printed as 18.8 in one run, 18.7 in the next).
            let total = own.keys.sorted().compactMap { own[$0] }.filter(\.isFinite).reduce(0, +)
            guard total > 0 else { return }
            shares = own.mapValues { $0.isFinite ? $0 / total : .nan }
        }

        mutating func markCostliest(_ count: Int) {
            // At least a tenth of the cost: in a machine where one state is everything, the rest are not "costly".
            let ranked = shares.filter { $0.value.isFinite && $0.value >= 0.1 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            costly = Set(ranked.prefix(max(0, count)).map(\.key))
        }

        var classLines: [String] {
            classes.keys.sorted().map { "  class \(classes[$0]!.joined(separator: ",")) \($0)" }
        }

        /// The lines of one scope; `entry` is the id of its StartAt state (a node or a subgraph).
        mutating func scope(_ scope: ScopeAnalysis, startAt: String, path prefix: [String], scale: Double, indent: String) -> (lines: [String], entry: String?) {
            var lines: [String] = []
            var ids: [String: String] = [:]
            var edges: [String] = []
            for figures in scope.states {
                let state = figures.state
                let path = prefix + [state.name]
                let visits = figures.expectedVisits * scale
                let label = self.label(state, path: path, visits: visits, fanout: figures.fanout)
                if figures.children.isEmpty {
                    let id = "n\(nextNode)"
                    nextNode += 1
                    ids[state.name] = id
                    lines.append(indent + id + shape(state.kind, label))
                    mark(id, path: path, visits: visits)
                } else {
                    let id = "s\(nextGraph)"
                    nextGraph += 1
                    ids[state.name] = id
                    lines.append(indent + "subgraph \(id)[\(label)]")
                    lines.append(indent + "  direction TB")
                    // Runs of the nested scopes per visit: every attempt of a retried Map or Parallel, and the
            // items (or child executions) actually started, as the analysis counts them.
            let perParent = figures.childRunsPerVisit
                    let machines = state.kind.childMachines
                    for (index, child) in figures.children.enumerated() {
                        let start = index < machines.count ? machines[index].startAt : (child.states.first?.state.name ?? "")
                        if figures.children.count > 1 {
                            let branch = "s\(nextGraph)"
                            nextGraph += 1
                            lines.append(indent + "  subgraph \(branch)[\(MermaidFlowchart.quoted("branch \(index + 1)"))]")
                            let inner = self.scope(child, startAt: start, path: path + ["branch \(index + 1)"], scale: visits * perParent, indent: indent + "    ")
                            lines += inner.lines
                            lines.append(indent + "  end")
                        } else {
                            lines += self.scope(child, startAt: start, path: path, scale: visits * perParent, indent: indent + "  ").lines
                        }
                    }
                    lines.append(indent + "end")
                    // Classes style nodes; a subgraph says "new" or its visits in its title.
                }
            }
            for figures in scope.states {
                let state = figures.state
                guard let from = ids[state.name] else { continue }
                var targets: [String] = []
                if let next = state.next { targets.append(next) }
                if case .choice(let spec) = state.kind { targets += spec.targets }
                for target in targets {
                    guard let to = ids[target] else { continue }
                    edges.append(indent + "\(from) --> \(to)")
                }
                var caught: Set<String> = []
                for catcher in state.catchers where caught.insert(catcher.next).inserted {
                    guard let to = ids[catcher.next] else { continue }
                    edges.append(indent + "\(from) -.->|catch| \(to)")
                }
            }
            return (lines + edges, ids[startAt])
        }

        mutating func mark(_ id: String, path: [String], visits: Double) {
            let key = MermaidFlowchart.key(path)
            if costly.contains(key) { classes["costly", default: []].append(id) }
            guard let base else { return }
            if let before = base[key] {
                if changed(before, visits) { classes["changed", default: []].append(id) }
            } else {
                classes["added", default: []].append(id)
            }
        }

        func changed(_ before: Double, _ after: Double) -> Bool {
            guard before.isFinite, after.isFinite else { return before.isFinite != after.isFinite }
            return abs(after - before) > 1e-9 * max(1, abs(before))
        }

        /// The quoted label: the name on the first line, the figures on the second (`<br/>` is the only
        /// markup, added after the escaping).
        func label(_ state: State, path: [String], visits: Double, fanout: Fanout?) -> String {
            let key = MermaidFlowchart.key(path)
            var parts = [state.typeName]
            let visitText = visits.isFinite ? Format.count(visits) : "unknown"
            if let base, let before = base[key], changed(before, visits) {
                parts.append("visits \(before.isFinite ? Format.count(before) : "unknown") to \(visitText)")
            } else {
                parts.append("\(visitText) visit\(visitText == "1" ? "" : "s")")
            }
            if let share = shares[key], share.isFinite, share > 0 {
                parts.append(String(format: "%.1f%%", share * 100) + (basis == .transitions ? " of cost" : " of time"))
            }
            if let fanout {
                parts.append(fanout.distributed ? "\(Format.count(fanout.expectedChildren)) child runs each" : "\(Format.count(fanout.expectedItems)) items each")
            }
            if base != nil, base?[key] == nil { parts.insert("NEW", at: 0) }
            let name = MermaidFlowchart.quoted(state.name), figures = MermaidFlowchart.quoted(parts.joined(separator: ", "))
            return String(name.dropLast()) + "<br/>" + String(figures.dropFirst())
        }

        func shape(_ kind: StateKind, _ label: String) -> String {
            switch kind {
            case .choice: return "{{\(label)}}"
            case .succeed, .fail: return "([\(label)])"
            case .wait: return "[/\(label)/]"
            default: return "[\(label)]"
            }
        }
    }
}
