/// Every check of `RuleEngine.checks`, with one walk over the machine's states for all the checks
/// that look at states one by one (instead of one walk, and one copy of every state, per check).
///
/// The walk goes through the analysis's scopes depth first, each state before its branches or
/// iteration: the order of `StateMachine.everyState` and `StateWalk.figures`, so each check's
/// findings come out in the order its own walk gives them, and the checks' lists are joined in
/// `RuleEngine.checks`' order.
struct RuleWalk {
    let analysis: MachineAnalysis
    let walksPayload: Bool

    // One list per check that looks at states, in the checks' order.
    var historyChildren: [Finding] = []
    var waitOverYear: [Finding] = []
    var payload: [Finding] = []
    var inlineMapFanout: [Finding] = []
    var distributedConcurrency: [Finding] = []
    var nameLength: [Finding] = []
    var unreachable: [Finding] = []
    var statesAllPosition: [Finding] = []
    var taskTimeout: [Finding] = []
    var heartbeatTimeout: [Finding] = []
    var retryStorm: [Finding] = []
    var insideDistributed: Set<String>?
    /// False when the analysis's scopes do not stand state for state with its machine's (never the
    /// case for an analysis `MachineAnalyzer` made): the general path answers then.
    var aligned = true

    /// The findings of every check, not yet deduplicated or sorted; nil when the walk cannot stand
    /// in for the checks (see `aligned`).
    static func findings(_ analysis: MachineAnalysis, _ context: RuleContext) -> [Finding]? {
        var walk = RuleWalk(analysis: analysis, walksPayload: PayloadLimitCheck.walksStates(analysis))
        walk.visit(analysis.root, machine: analysis.machine, reachability: "the machine")
        guard walk.aligned else { return nil }
        var result = LoopChecks.check(analysis)
        result += walk.historyChildren
        result += HistoryChecks.parentFindings(analysis)
        result += DurationChecks.check(analysis)
        result += ExpressChecks.check(analysis)
        result += walk.waitOverYear
        result += PayloadLimitCheck.machineFindings(analysis)
        result += walk.payload
        result += walk.inlineMapFanout
        result += walk.distributedConcurrency
        result += DefinitionSizeCheck.check(analysis)
        result += walk.nameLength
        result += walk.unreachable
        result += walk.statesAllPosition
        result += walk.taskTimeout
        result += walk.heartbeatTimeout
        result += walk.retryStorm
        result += RepresentationChecks.check(analysis)
        result += StartRateQuotaCheck.check(analysis, context)
        result += TransitionRateQuotaCheck.check(analysis, context)
        return result
    }

    /// One scope: its states, each followed by its nested scopes.
    /// - Parameters:
    ///   - machine: the scope's definition (`UnreachableStateCheck` needs its `StartAt` and names).
    ///   - reachability: the scope's name in an unreachable-state finding; nil when the scope is not
    ///     checked (it stands under a state that cannot be reached, which is reported instead).
    private mutating func visit(_ scope: ScopeAnalysis, machine: StateMachine, reachability: String?) {
        guard scope.states.count == machine.states.count else { aligned = false; return }
        let reached = reachability == nil ? nil : UnreachableStateCheck.reachableIndices(machine)
        for index in scope.states.indices {
            check(scope.states[index], reached: reached.map { $0[index] }, scope: reachability, startAt: machine.startAt)
        }
    }

    private mutating func check(_ figures: StateFigures, reached: Bool?, scope: String?, startAt: String) {
        let state = figures.state
        if let finding = HistoryChecks.childFinding(figures, analysis) { historyChildren.append(finding) }
        if let finding = WaitOverYearCheck.finding(state, analysis) { waitOverYear.append(finding) }
        if walksPayload { PayloadLimitCheck.findings(figures, analysis, into: &payload) }
        if let finding = InlineMapFanoutCheck.finding(figures, analysis, insideDistributed: &insideDistributed) {
            inlineMapFanout.append(finding)
        }
        if let finding = DistributedMapConcurrencyCheck.finding(state, analysis) { distributedConcurrency.append(finding) }
        if let finding = StateNameLengthCheck.finding(state, analysis) { nameLength.append(finding) }
        if reached == false, let scope {
            unreachable.append(UnreachableStateCheck.finding(state, scope: scope, startAt: startAt, analysis: analysis))
        }
        StatesAllPositionCheck.findings(state, analysis, into: &statesAllPosition)
        if let finding = TaskTimeoutCheck.finding(state, analysis) { taskTimeout.append(finding) }
        if let finding = HeartbeatTimeoutCheck.finding(state, analysis) { heartbeatTimeout.append(finding) }
        RetryStormCheck.findings(state, analysis, into: &retryStorm)

        // The nested scopes, checked for reachability only under a state that is reached.
        let checked = reached == true
        switch state.kind {
        case .parallel(let branches):
            guard figures.children.count == branches.count else { aligned = false; return }
            for index in branches.indices {
                visit(figures.children[index], machine: branches[index],
                      reachability: checked ? UnreachableStateCheck.branchScope(index, of: state.name) : nil)
            }
        case .map(let spec):
            guard figures.children.count == 1 else { aligned = false; return }
            visit(figures.children[0], machine: spec.processor,
                  reachability: checked ? UnreachableStateCheck.iterationScope(of: state.name) : nil)
        default:
            guard figures.children.isEmpty else { aligned = false; return }
        }
    }
}
