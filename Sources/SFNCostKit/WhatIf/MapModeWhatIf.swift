/// "What would a Distributed Map do here?" For each inline Map, the machine is analysed and priced
/// again with that Map in Distributed mode: EXPRESS child executions where Express can run the
/// iteration (no .sync, callback or Activity task, worst case under 5 minutes), STANDARD otherwise.
/// It answers the question the history-limit finding raises, with figures rather than advice.
public enum MapModeWhatIf {
    /// At most this many alternatives per machine, the inline Maps with the most worst-case events first.
    public static let limit = 5

    public static func alternatives(for analysis: MachineAnalysis, source: MachineSource, profile: UsageProfile,
                                    builder: ReportBuilder, before: MachineReport) -> [WhatIf] {
        alternatives(for: analysis, source: source, profile: profile, builder: builder, before: before, usage: nil)
    }

    /// - Parameter usage: the machine's usage as the report priced it, when the caller has it.
    static func alternatives(for analysis: MachineAnalysis, source: MachineSource, profile: UsageProfile,
                             builder: ReportBuilder, before: MachineReport, usage: ReportBuilder.Usage?) -> [WhatIf] {
        let maps = inlineMaps(in: analysis.root).sorted { $0.events > $1.events }.prefix(limit)
        guard !maps.isEmpty else { return [] }
        let errorsBefore = Set(before.findings.filter { $0.severity == .error }.map(\.rule))
        // The machine alone, as written: the same for every alternative, so priced once.
        let costAlone = usage.map { builder.declaredCostAlone($0, type: analysis.declaredType) } ?? builder.declaredCostAlone(analysis)
        let scheduled = ScheduledExecutions.rate(source.schedules).0
        return maps.map { candidate in
            let childType: WorkflowType = candidate.expressCanRun ? .express : .standard
            var spec = candidate.spec
            spec.mode = .distributed(childType: childType)
            let changed = source.machine.replacingState(named: candidate.state.name) { state in
                var copy = state
                copy.kind = .map(spec)
                return copy
            }
            let after = MachineAnalyzer.analyze(changed, name: source.name, definitionBytes: source.definitionBytes,
                                                profile: profile, templateType: source.declaredType, aliases: source.aliases,
                                                id: source.id, scheduled: scheduled)
            // The figures a report of the changed machine alone would show, without building one.
            let figures = builder.whatIfFigures(after)
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
