/// SFN132 distributed-map-concurrency: `MaxConcurrency` above the 10,000 child executions a
/// Distributed Map runs at once (facts.md §3).
enum DistributedMapConcurrencyCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        analysis.machine.everyState.compactMap { finding($0, analysis) }
    }

    /// One state's finding (`RuleEngine` walks the states once for every check).
    static func finding(_ state: State, _ analysis: MachineAnalysis) -> Finding? {
        let limit = ServiceLimits.distributedMapConcurrency
        guard case .map(let spec) = state.kind, spec.mode != .inline,
              let asked = spec.maxConcurrency, asked > limit else { return nil }
        return Finding(rule: RuleCatalog.distributedConcurrency, message: .tooHigh(state.name, asked: asked, limit: limit),
                       at: state.location, state: state.name, machine: analysis.name)
    }
}

extension String {
    fileprivate static func tooHigh(_ state: String, asked: Int, limit: Int) -> String {
        "Distributed Map '\(state)' sets MaxConcurrency \(Format.count(Double(asked))), \(Format.count(Double(asked - limit))) above the \(Format.count(Double(limit))) child executions that run at once: the setting is not honoured. Set MaxConcurrency to \(Format.count(Double(limit))) or less"
    }
}
