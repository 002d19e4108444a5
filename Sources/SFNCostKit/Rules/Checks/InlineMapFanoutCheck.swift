/// SFN131 inline-map-fanout: an inline Map whose item count makes inline mode a poor fit.
///
/// Two documented problems (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html):
/// - in a Standard machine, one visit of the Map can write more than
///   `ServiceQuotas.inlineMapHistoryWarningEvents` (half the 25,000-event history) into the parent's
///   history, leaving little room for retries, the rest of the machine or more items;
/// - `MaxConcurrency` above 40 is asked for while the max item count exceeds 40: inline mode runs
///   at most 40 iterations at once, so the requested concurrency is never reached.
enum InlineMapFanoutCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        // Walked only when a finding needs it (most machines have no inline Map over the threshold).
        var insideDistributed: Set<String>?
        return StateWalk.figures(analysis.root).compactMap { finding($0.figures, analysis, insideDistributed: &insideDistributed) }
    }

    /// One inline Map's finding (`RuleEngine` walks the states once for every check).
    /// - Parameter insideDistributed: the names of the states inside Distributed Maps' child
    ///   executions, found the first time a finding needs them and kept for the next.
    static func finding(_ figures: StateFigures, _ analysis: MachineAnalysis, insideDistributed: inout Set<String>?) -> Finding? {
        guard case .map(let spec) = figures.state.kind, spec.mode == .inline, let fanout = figures.fanout else { return nil }
        let state = figures.state
        let threshold = ServiceQuotas.inlineMapHistoryWarningEvents
        if analysis.declaredType == .standard, let events = figures.perVisitWorstEvents, events.double > Double(threshold) {
            let names = insideDistributed ?? statesInDistributedChildren(analysis.root)
            insideDistributed = names
            return Finding(rule: RuleCatalog.inlineMapFanout,
                           message: .historyShare(state.name, items: fanout.maxItems, events: events, threshold: threshold,
                                                  inChildExecution: names.contains(state.name)),
                           at: state.location, state: state.name, machine: analysis.name)
        } else if let asked = spec.maxConcurrency, asked > ServiceLimits.inlineMapConcurrency,
                  fanout.maxItems.double > Double(ServiceLimits.inlineMapConcurrency) {
            return Finding(rule: RuleCatalog.inlineMapFanout,
                           message: .concurrency(state.name, asked: asked, items: fanout.maxItems),
                           at: state.location, state: state.name, machine: analysis.name)
        }
        return nil
    }

    /// Names of the states that run inside a Distributed Map's child executions.
    static func statesInDistributedChildren(_ scope: ScopeAnalysis) -> Set<String> {
        var names: Set<String> = []
        for figures in scope.states {
            if figures.fanout?.distributed == true {
                for child in figures.children {
                    names.formUnion(StateWalk.figures(child).map(\.figures.state.name))
                }
            }
            for child in figures.children { names.formUnion(statesInDistributedChildren(child)) }
        }
        return names
    }
}

extension String {
    fileprivate static func historyShare(_ state: String, items: Count, events: Count, threshold: Int,
                                         inChildExecution: Bool) -> String {
        let share = Int((events.double / Double(ServiceLimits.maxHistoryEvents) * 100).rounded())
        // Inside a Distributed Map's child the history is the child execution's own.
        let advice = inChildExecution
            ? "The history is the child execution's: batch fewer items per child, or run this Map in Distributed mode too"
            : "Use a Distributed Map, whose child executions have their own histories"
        return "inline Map '\(state)' over up to \(Format.count(items)) items writes up to \(Format.count(events)) history events in one visit, \(share)% of the \(Format.count(Double(ServiceLimits.maxHistoryEvents)))-event history (warning above \(Format.count(Double(threshold)))). \(advice)"
    }

    fileprivate static func concurrency(_ state: String, asked: Int, items: Count) -> String {
        let limit = ServiceLimits.inlineMapConcurrency
        return "inline Map '\(state)' asks for MaxConcurrency \(asked) over up to \(Format.count(items)) items, but inline mode runs at most \(limit) iterations at once (\(asked - limit) fewer than asked). Use a Distributed Map for more concurrency, or set MaxConcurrency to \(limit)"
    }
}
