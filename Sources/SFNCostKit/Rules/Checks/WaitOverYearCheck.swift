/// SFN114 wait-over-year: a Wait with a fixed `Seconds` longer than the execution may run
/// (one year for Standard, five minutes for Express; facts.md §3).
enum WaitOverYearCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        analysis.machine.everyState.compactMap { finding($0, analysis) }
    }

    /// One state's finding (`RuleEngine` walks the states once for every check).
    static func finding(_ state: State, _ analysis: MachineAnalysis) -> Finding? {
        guard case .wait(.seconds(let seconds)) = state.kind else { return nil }
        let limit = analysis.declaredType == .express ? ServiceLimits.maxExpressSeconds : ServiceLimits.maxStandardSeconds
        guard Double(seconds) > limit else { return nil }
        return Finding(rule: RuleCatalog.waitOverYear,
                       message: .waitTooLong(state.name, seconds: Double(seconds), limit: limit, type: analysis.declaredType),
                       at: state.location, state: state.name, machine: analysis.name)
    }
}

extension String {
    fileprivate static func waitTooLong(_ state: String, seconds: Double, limit: Double, type: WorkflowType) -> String {
        let over = seconds - limit
        let kind = type == .express ? "an Express execution's 5-minute limit" : "a Standard execution's one-year limit"
        return "Wait '\(state)' waits \(Format.seconds(seconds)) (\(Format.count(seconds)) s), \(Format.seconds(over)) over \(kind): the execution times out first. Shorten the wait or schedule the later work separately"
    }
}
