/// SFN146 heartbeat-not-below-timeout: `HeartbeatSeconds` must be smaller than `TimeoutSeconds`
/// (https://states-language.net/spec.html#task-state). Only fixed values are compared.
enum HeartbeatTimeoutCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        analysis.machine.everyState.compactMap { finding($0, analysis) }
    }

    /// One state's finding (`RuleEngine` walks the states once for every check).
    static func finding(_ state: State, _ analysis: MachineAnalysis) -> Finding? {
        guard let heartbeat = state.heartbeatSeconds, let timeout = state.timeoutSeconds, heartbeat >= timeout else { return nil }
        return Finding(rule: RuleCatalog.heartbeatTimeout,
                       message: .heartbeatTooLong(state.name, heartbeat: heartbeat, timeout: timeout),
                       at: state.location, state: state.name, machine: analysis.name)
    }
}

extension String {
    fileprivate static func heartbeatTooLong(_ state: String, heartbeat: Int, timeout: Int) -> String {
        "Task '\(state)' has HeartbeatSeconds \(heartbeat), not below its TimeoutSeconds \(timeout) (\(heartbeat - timeout + 1) s too long): AWS rejects the definition. Lower HeartbeatSeconds below \(timeout) or raise TimeoutSeconds"
    }
}
