/// The profile's figures for one state, with every default filled in and recorded as an assumption.
struct StateInputs {
    var failureRate: Double
    /// `failed_attempts`: the first N attempts of each visit fail (then the rate is 0).
    var failedAttempts: Int?
    /// Nil means "whatever the first retrier/catcher handles".
    var error: String?
    var attemptSeconds: Spread<Double>
    var items: Spread<Double>
    var itemKB: Double?
    var maxVisits: Int?
    var branchOdds: [String: Double]?

    /// Looks up `state` in `usage` (by name, wherever the state stands) and fills the gaps.
    static func resolve(_ state: State, usage: MachineUsage, log: AssumptionLog) -> StateInputs {
        let given = usage.states[state.name]
        var inputs = StateInputs(failureRate: given?.failureRate?.value ?? Defaults.failureRate,
                                 failedAttempts: given?.failedAttempts?.value,
                                 error: given?.error?.value,
                                 attemptSeconds: Spread(expected: 0, max: 0),
                                 items: Spread(expected: Defaults.mapItems, max: Defaults.mapItems),
                                 itemKB: given?.itemKB?.value, maxVisits: given?.maxVisits?.value,
                                 branchOdds: given?.branches?.value)
        switch state.kind {
        case .task:
            if let duration = given?.duration?.value {
                inputs.attemptSeconds = duration
            } else {
                inputs.attemptSeconds = Spread(expected: Defaults.taskSeconds, max: Defaults.taskSeconds)
                log.add(Assumption(state: state.name, field: "duration", value: "1s",
                                   reason: "default task duration; the profile gives none"))
            }
            if let timeout = state.timeoutSeconds {
                inputs.attemptSeconds.max = min(inputs.attemptSeconds.max, Double(timeout))
                inputs.attemptSeconds.expected = min(inputs.attemptSeconds.expected, Double(timeout))
            }
        case .wait(.seconds(let seconds)):
            inputs.attemptSeconds = Spread(expected: Double(seconds), max: Double(seconds))
        case .wait(.dynamic(let field)):
            if let duration = given?.duration?.value {
                inputs.attemptSeconds = duration
            } else {
                inputs.attemptSeconds = Spread(expected: Defaults.dynamicWaitSeconds, max: Defaults.dynamicWaitSeconds)
                log.add(Assumption(state: state.name, field: "duration", value: "1s",
                                   reason: "the wait comes from \(field) at run time; the profile gives no duration"))
            }
        case .map:
            if let items = given?.items?.value {
                inputs.items = items
            } else {
                log.add(Assumption(state: state.name, field: "items", value: "10",
                                   reason: "default Map item count; the profile gives none"))
            }
        default:
            break
        }
        if given?.failureRate == nil, given?.failedAttempts == nil, state.kind.canFail,
           !state.retriers.isEmpty || !state.catchers.isEmpty {
            log.add(Assumption(state: state.name, field: "failure_rate", value: "0",
                               reason: "default; Retry/Catch count only in the worst case"))
        }
        return inputs
    }
}

extension StateInputs {
    /// True when the profile makes the state itself fail (a rate above 0 or a fixed count).
    var ownFailures: Bool { failureRate > 0 || (failedAttempts ?? 0) > 0 }
}

extension StateKind {
    /// Task, Parallel and Map can fail with an error that Retry/Catch may handle (every state can
    /// fail with an evaluation error; only these three have Retry and Catch).
    var canFail: Bool {
        switch self {
        case .task, .parallel, .map: return true
        default: return false
        }
    }
}
