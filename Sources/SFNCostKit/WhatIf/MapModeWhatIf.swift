/// "What would a Distributed Map do here?" For each inline Map, the machine is analysed and priced
/// again with that Map in Distributed mode: EXPRESS child executions where Express can run the
/// iteration (no .sync, callback or Activity task, worst case under 5 minutes), STANDARD otherwise.
/// It answers the question the history-limit finding raises, with figures rather than advice.
public enum MapModeWhatIf {
    /// At most this many alternatives per machine, the inline Maps with the most worst-case events first.
    public static let limit = 5

    /// - Parameters:
    ///   - analysis: `source`'s machine analysed with the run's profile (`MachineAnalyzer.analyze`): what-ifs
    ///     take its profile figures and its untouched nested scopes as they are.
    public static func alternatives(for analysis: MachineAnalysis, source: MachineSource,
                                    builder: ReportBuilder, before: MachineReport) -> [WhatIf] {
        alternatives(for: analysis, source: source, builder: builder, before: before, usage: nil)
    }

    /// - Parameter usage: the machine's usage as the report priced it, when the caller has it.
    static func alternatives(for analysis: MachineAnalysis, source: MachineSource,
                             builder: ReportBuilder, before: MachineReport, usage: ReportBuilder.Usage?) -> [WhatIf] {
        let maps = inlineMaps(in: analysis.root).sorted { $0.events > $1.events }.prefix(limit)
        guard !maps.isEmpty else { return [] }
        let errorsBefore = Set(before.findings.filter { $0.severity == .error }.map(\.rule))
        // The machine alone, as written: the same for every alternative, so priced once.
        let costAlone = usage.map { builder.declaredCostAlone($0, type: analysis.declaredType) } ?? builder.declaredCostAlone(analysis)
        return maps.map { candidate in
            let childType: WorkflowType = candidate.expressCanRun ? .express : .standard
            var spec = candidate.spec
            spec.mode = .distributed(childType: childType)
            let changed = source.machine.replacingState(named: candidate.state.name) { state in
                var copy = state
                copy.kind = .map(spec)
                return copy
            }
            // Only the scopes that hold the Map are analysed again: the figures are those of
            // `MachineAnalyzer.analyze(changed, …)` with the same profile (`analysis` was made with it).
            let after = MachineAnalyzer.reanalyze(changed, replacing: candidate.state.name, before: analysis)
            // The figures a report of the changed machine alone would show, without building one;
            // its rules are run only when there is an error the change could resolve.
            let figures = builder.whatIfFigures(after, errorRulesAmong: errorsBefore)
            return WhatIf(change: "Map '\(candidate.state.name)' as a Distributed Map with \(childType.rawValue) child executions",
                          state: candidate.state.name, line: candidate.state.location.line, column: candidate.state.location.column,
                          monthlyCostBefore: costAlone.map(Money.init), monthlyCostAfter: figures.declaredCost.map(Money.init),
                          worstHistoryEventsAfter: figures.worstHistoryEvents,
                          worstDurationSecondsAfter: figures.worstDurationSeconds,
                          resolves: errorsBefore.subtracting(figures.errorRules).sorted())
        }
    }

    struct Candidate {
        var state: State
        var spec: MapSpec
        var events: Double
        var expressCanRun: Bool
    }

    /// Every inline Map, nested ones included, with its worst events per visit.
    static func inlineMaps(in scope: ScopeAnalysis) -> [Candidate] {
        var result: [Candidate] = []
        for figures in scope.states {
            if case .map(let spec) = figures.state.kind, spec.mode == .inline, let iteration = figures.children.first {
                let blocked = !MachineAnalyzer.expressBlockers(spec.processor).isEmpty
                let tooLong = (iteration.worst.seconds.value ?? .infinity) > ServiceLimits.maxExpressSeconds
                result.append(Candidate(state: figures.state, spec: spec, events: figures.perVisitWorstEvents?.double ?? .infinity,
                                        expressCanRun: !blocked && !tooLong))
            }
            for child in figures.children { result += inlineMaps(in: child) }
        }
        return result
    }
}

extension StateMachine {
    /// A copy with the state named `name` (here or in any nested scope) replaced.
    func replacingState(named name: String, with transform: (State) -> State) -> StateMachine {
        // A scope without such a state is itself (shared, not rebuilt).
        guard holdsState(named: name) else { return self }
        let states = self.states.map { state -> State in
            if state.name == name { return transform(state) }
            var copy = state
            switch state.kind {
            case .parallel(let branches):
                copy.kind = .parallel(branches: branches.map { $0.replacingState(named: name, with: transform) })
            case .map(var spec):
                spec.processor = spec.processor.replacingState(named: name, with: transform)
                copy.kind = .map(spec)
            default:
                break
            }
            return copy
        }
        return StateMachine(startAt: startAt, states: states, location: location, timeoutSeconds: timeoutSeconds,
                            queryLanguage: queryLanguage)
    }
}

extension StateMachine {
    /// True when a state named `name` (by `==`, as `replacingState` matches) stands here or in any
    /// nested scope.
    func holdsState(named name: String) -> Bool {
        for index in states.indices {
            if states[index].name == name { return true }
            switch states[index].kind {
            case .parallel(let branches):
                if branches.contains(where: { $0.holdsState(named: name) }) { return true }
            case .map(let spec):
                if spec.processor.holdsState(named: name) { return true }
            default:
                break
            }
        }
        return false
    }
}
