import Foundation

/// Analyses a machine scope by scope: each state's cost per visit (recursing into Parallel
/// branches and Map iterations), then expected visits by the Markov solve and worst paths by the
/// bounded longest-path solve. Counting follows facts.md "How sfncost counts".
struct ScopeAnalyzer {
    let usage: MachineUsage
    let log: AssumptionLog
    /// Memory of Express child executions of Distributed Maps, in GB.
    let childMemoryGB: Double

    func analyze(_ machine: StateMachine, label: String) -> ScopeAnalysis {
        let count = machine.states.count
        var visits: [VisitModel] = []
        visits.reserveCapacity(count)
        for state in machine.states {
            visits.append(visitModel(state, in: machine))
        }
        let start = machine.index(of: machine.startAt) ?? 0

        // Expected visits.
        let markovNodes = visits.map { model in
            ExpectedVisitsSolver.Node(edges: model.outcomes.map { .init(target: $0.target, probability: $0.probability) },
                                      endProbability: model.endProbability)
        }
        let solution = ExpectedVisitsSolver.solve(nodes: markovNodes, start: start)
        var expected = ExpectedFigures()
        var failure = 0.0
        for (index, model) in visits.enumerated() where solution.visits[index] > 0 {
            expected = expected + model.expected.scaled(solution.visits[index])
            if model.failProbability > 0 { failure += solution.visits[index] * model.failProbability }
        }
        var problems: [AnalysisProblem] = solution.trappedLoops.map { loop in
            AnalysisProblem(kind: .trappedLoop, states: loop.map { machine.states[$0].name },
                            location: machine.states[loop[0]].location, scope: label)
        }
        problems += solution.tooComplexLoops.map { loop in
            AnalysisProblem(kind: .loopTooComplex, states: loop.map { machine.states[$0].name },
                            location: machine.states[loop[0]].location, scope: label)
        }

        // Worst paths, one per measure.
        let successors = visits.map(\.successors)
        let canEnd = visits.map(\.canEnd)
        let bounds = machine.states.map { usage.states[$0.name]?.maxVisits?.value }
        let reachable = Self.reachable(from: start, successors: successors)
        // A measure is unbounded when any reachable state's visit is unbounded in that measure (a
        // nested loop without a bound); other measures may still be finite (an Express child's loop
        // leaves the parent's transitions and events bounded).
        func solve<W: PathWeight>(_ key: Measure.Key, _ cost: (VisitWorst) -> W?) -> (WorstValue<W>, [PathStep], [[Int]], Bool) {
            if reachable.contains(where: { cost(visits[$0].worst) == nil }) { return (.unbounded, [], [], false) }
            let nestedUpper = reachable.contains { visits[$0].worst.upperBounds.contains(key) }
            let nodes = (0..<count).map { index in
                WorstPathSolver<W>.Node(cost: cost(visits[index].worst) ?? .zero, successors: successors[index],
                                        canEnd: canEnd[index], bound: bounds[index])
            }
            switch WorstPathSolver(nodes: nodes).solve(start: start) {
            case .bounded(let value, let path, let upper):
                let steps = path.map { PathStep(state: machine.states[$0.node].name, times: $0.times.value) }
                return (.value(value, isUpperBound: upper || nestedUpper), steps, [], false)
            case .unbounded(let loops):
                return (.unbounded, [], loops, false)
            case .noEnd:
                return (.unbounded, [], [], true)
            }
        }
        let (transitions, transitionPath, loops, noEnd) = solve(.transitions) { $0.transitions }
        let (events, eventPath, _, _) = solve(.events) { $0.events }
        let (seconds, secondsPath, secondLoops, _) = solve(.seconds) { $0.seconds }
        let (requests, _, _, _) = solve(.expressRequests) { $0.expressRequests }
        let (gbSeconds, _, _, _) = solve(.expressGBSeconds) { $0.expressGBSeconds }
        // Every measure sees the same loops of this scope; report each once.
        for loop in (loops.isEmpty ? secondLoops : loops) where !loop.isEmpty {
            problems.append(AnalysisProblem(kind: .unboundedLoop, states: loop.map { machine.states[$0].name },
                                            location: machine.states[loop[0]].location, scope: label))
        }
        if noEnd {
            problems.append(AnalysisProblem(kind: .noEnd, states: [machine.startAt],
                                            location: machine.states[start].location, scope: label))
        }
        // The odds and the bound describe the same loop; when they disagree, expected figures can
        // exceed the worst case, which must not pass silently.
        for (index, bound) in bounds.enumerated() {
            guard let bound, solution.visits[index].isFinite, solution.visits[index] > Double(bound) + 1e-9 else { continue }
            problems.append(AnalysisProblem(kind: .oddsExceedBound, states: [machine.states[index].name],
                                            location: machine.states[index].location, scope: label,
                                            expectedVisits: solution.visits[index], bound: bound))
        }
        var worstVisits = [String: UInt64]()
        for step in transitionPath {
            // Saturating: a state entered on several stretches of a path of 10^19 visits must not wrap round.
            let (sum, overflow) = worstVisits[step.state, default: 0].addingReportingOverflow(step.times)
            worstVisits[step.state] = overflow ? .max : sum
        }

        let states = machine.states.enumerated().map { index, state in
            StateFigures(state: state, expectedVisits: solution.visits[index], perVisit: visits[index].expected,
                         perVisitWorstTransitions: visits[index].worst.transitions,
                         perVisitWorstEvents: visits[index].worst.events,
                         perVisitWorstSeconds: visits[index].worst.seconds,
                         worstVisits: worstVisits[state.name] ?? 0,
                         children: visits[index].children, fanout: visits[index].fanout)
        }
        // Problems inside children belong to this scope's report too.
        for index in reachable {
            for child in visits[index].children { problems.append(contentsOf: child.problems) }
        }
        return ScopeAnalysis(label: label, states: states, expected: expected,
                             worst: WorstFigures(transitions: transitions, events: events, seconds: seconds,
                                                 expressRequests: requests, expressGBSeconds: gbSeconds),
                             failureProbability: min(1, failure),
                             worstPaths: [.transitions: transitionPath, .events: eventPath, .seconds: secondsPath],
                             problems: problems)
    }

    static func reachable(from start: Int, successors: [[Int]]) -> [Int] {
        guard start < successors.count else { return [] }
        var seen = Set([start]), queue = [start], order: [Int] = []
        while let node = queue.popLast() {
            order.append(node)
            for next in successors[node] where seen.insert(next).inserted { queue.append(next) }
        }
        return order.sorted()
    }

    // MARK: - One visit of a state

    /// Where a visit can lead and what it costs.
    struct VisitModel {
        var expected: ExpectedFigures
        var worst: VisitWorst
        /// Expected-case ways on, with odds.
        var outcomes: [(target: Int, probability: Double)]
        /// Probability the scope ends at this visit (success or failure).
        var endProbability: Double
        /// Probability the scope ends in failure at this visit.
        var failProbability: Double
        /// Worst-case ways on (every structurally possible target).
        var successors: [Int]
        var canEnd: Bool
        var children: [ScopeAnalysis] = []
        var fanout: Fanout?
    }

    private func visitModel(_ state: State, in machine: StateMachine) -> VisitModel {
        let inputs = StateInputs.resolve(state, usage: usage, log: log)
        let nextIndex = state.next.flatMap { machine.index(of: $0) }
        var model = VisitModel(expected: ExpectedFigures(), worst: VisitWorst(), outcomes: [], endProbability: 0,
                               failProbability: 0, successors: [], canEnd: false)
        func simple(events: Int, seconds: Spread<Double>) {
            model.expected.transitions = 1
            model.expected.events = Double(events)
            model.expected.seconds = seconds.expected
            model.worst = VisitWorst(transitions: .one, events: Count(events), seconds: seconds.max,
                                     expressRequests: .zero, expressGBSeconds: 0)
        }
        func proceedOnSuccess(_ probability: Double) {
            if let nextIndex {
                if probability > 0 { model.outcomes.append((nextIndex, probability)) }
                model.successors.append(nextIndex)
            } else {
                model.endProbability += probability
                model.canEnd = true
            }
        }

        switch state.kind {
        case .pass:
            simple(events: HistoryEventModel.simpleState, seconds: Spread(expected: 0, max: 0))
            proceedOnSuccess(1)
        case .wait:
            simple(events: HistoryEventModel.simpleState, seconds: inputs.attemptSeconds)
            proceedOnSuccess(1)
        case .succeed:
            simple(events: HistoryEventModel.simpleState, seconds: Spread(expected: 0, max: 0))
            model.endProbability = 1
            model.canEnd = true
        case .fail:
            simple(events: HistoryEventModel.failState, seconds: Spread(expected: 0, max: 0))
            model.endProbability = 1
            model.failProbability = 1
            model.canEnd = true
        case .choice(let spec):
            simple(events: HistoryEventModel.simpleState, seconds: Spread(expected: 0, max: 0))
            let odds = choiceOdds(state, spec, given: inputs.branchOdds)
            for (target, probability) in odds {
                if let index = machine.index(of: target), probability > 0 { model.outcomes.append((index, probability)) }
            }
            model.successors = spec.targets.compactMap { machine.index(of: $0) }
            // Without a Default, no rule matching fails the execution with States.NoChoiceMatched.
            let unmatched = max(0, 1 - odds.reduce(0) { $0 + $1.probability })
            if spec.defaultTarget == nil {
                model.canEnd = true
                if unmatched > 1e-12 { model.endProbability = unmatched; model.failProbability = unmatched }
            }
        case .task(let task):
            let perAttempt = HistoryEventModel.taskAttemptEvents(task.pattern)
            attempts(state, inputs, innerFailure: 0, model: &model, machine: machine, nextIndex: nextIndex,
                     perAttempt: { expected, worst in
                expected.transitions = 1
                expected.events = Double(perAttempt)
                expected.seconds = inputs.attemptSeconds.expected
                worst = VisitWorst(transitions: .one, events: Count(perAttempt), seconds: inputs.attemptSeconds.max,
                                   expressRequests: .zero, expressGBSeconds: 0)
            }, frameEvents: HistoryEventModel.taskFrame)
        case .parallel(let branches):
            let analyses = branches.enumerated().map { index, branch in
                analyze(branch, label: "branch \(index + 1) of Parallel '\(state.name)'")
            }
            model.children = analyses
            let innerFailure = 1 - analyses.reduce(1.0) { $0 * (1 - $1.failureProbability) }
            attempts(state, inputs, innerFailure: innerFailure, model: &model, machine: machine, nextIndex: nextIndex,
                     perAttempt: { expected, worst in
                expected = analyses.reduce(ExpectedFigures()) { $0 + $1.expected }
                expected.seconds = analyses.map(\.expected.seconds).max() ?? 0
                expected.transitions += 1
                expected.events += Double(HistoryEventModel.parallelAttempt)
                worst = Self.combineParallel(analyses)
            }, frameEvents: HistoryEventModel.parallelFrame)
        case .map(let spec):
            mapVisit(state, spec, inputs, model: &model, machine: machine, nextIndex: nextIndex)
        }
        return model
    }

    /// Retry and Catch around a state whose single attempt costs what `perAttempt` says.
    private func attempts(_ state: State, _ inputs: StateInputs, innerFailure: Double, model: inout VisitModel,
                          machine: StateMachine, nextIndex: Int?,
                          perAttempt: (inout ExpectedFigures, inout VisitWorst) -> Void, frameEvents: Int) {
        var attemptExpected = ExpectedFigures(), attemptWorst = VisitWorst()
        perAttempt(&attemptExpected, &attemptWorst)
        let failureRate = 1 - (1 - inputs.failureRate) * (1 - innerFailure)
        // Failures raise one error: the profile's `error`, else the first error the first retrier
        // names; the retrier and the catcher are then the first that match that same error.
        let error = inputs.error ?? state.retriers.first?.errorEquals.first
        let matchingRetrier = error.flatMap { error in state.retriers.first { $0.matches(error) } }
        let matchingCatcher = error.map { error in state.catchers.first { $0.matches(error) } } ?? state.catchers.first
        if inputs.error == nil, inputs.failureRate > 0, let error {
            log.add(Assumption(state: state.name, field: "error", value: error,
                               reason: "failures are assumed to raise the first error the first retrier names"))
        }
        let retry = RetryModel(failureRate: failureRate, matching: matchingRetrier, all: state.retriers)

        model.expected = attemptExpected.scaled(retry.expectedAttempts)
        model.expected.events += Double(frameEvents)
        model.expected.seconds += retry.expectedBackoffSeconds
        let attemptsWorst = retry.worstAttempts
        model.worst = VisitWorst(
            transitions: attemptWorst.transitions.map { $0 * attemptsWorst },
            events: attemptWorst.events.map { $0 * attemptsWorst + Count(frameEvents) },
            seconds: attemptWorst.seconds.map { $0.repeated(attemptsWorst) + retry.worstBackoffSeconds },
            expressRequests: attemptWorst.expressRequests.map { $0 * attemptsWorst },
            expressGBSeconds: attemptWorst.expressGBSeconds.map { $0.repeated(attemptsWorst) },
            upperBounds: attemptWorst.upperBounds)

        let failAll = retry.allAttemptsFail
        if let nextIndex {
            if failAll < 1 { model.outcomes.append((nextIndex, 1 - failAll)) }
            model.successors.append(nextIndex)
        } else {
            model.endProbability += 1 - failAll
            model.canEnd = true
        }
        if failAll > 0 {
            if let catcher = matchingCatcher, let target = machine.index(of: catcher.next) {
                model.outcomes.append((target, failAll))
            } else {
                model.endProbability += failAll
                model.failProbability += failAll
                model.expected.events -= failAll * Double(HistoryEventModel.stateExited)
            }
        }
        for catcher in state.catchers {
            if let target = machine.index(of: catcher.next), !model.successors.contains(target) {
                model.successors.append(target)
            }
        }
        // An error no catcher handles ends the scope; only `States.ALL` catches everything.
        if !state.catchers.contains(where: { $0.errorEquals.contains("States.ALL") }) { model.canEnd = true }
    }

    /// The odds of each Choice target: the profile's, with the rest shared equally by the others.
    private func choiceOdds(_ state: State, _ spec: ChoiceSpec, given: [String: Double]?) -> [(target: String, probability: Double)] {
        // Each rule and the Default is one branch; branches with the same target add up.
        let branches = spec.rules.map(\.next) + (spec.defaultTarget.map { [$0] } ?? [])
        let targets = spec.targets
        guard !targets.isEmpty else { return [] }
        let given = (given ?? [:]).filter { targets.contains($0.key) }
        let unspecified = targets.filter { given[$0] == nil }
        if given.isEmpty {
            log.add(Assumption(state: state.name, field: "branches",
                               value: targets.map { t in "\(t): \(Self.fraction(branches.filter { $0 == t }.count, branches.count))" }.joined(separator: ", "),
                               reason: "default: every rule and the Default equally likely"))
        }
        let total = given.values.reduce(0, +)
        let remaining = max(0, 1 - total)
        let unspecifiedBranches = branches.filter { unspecified.contains($0) }.count
        if unspecifiedBranches == 0, remaining > 1e-9 {
            if spec.defaultTarget != nil {
                // Every target has odds but they leave some probability unplaced, and with a Default
                // some branch is always taken: scale them up rather than lose executions.
                guard total > 0 else {
                    log.add(Assumption(state: state.name, field: "branches", value: "equal odds",
                                       reason: "the profile gives every branch odds 0; a Choice with a Default always takes one"))
                    return targets.map { target in (target, Double(branches.filter { $0 == target }.count) / Double(branches.count)) }
                }
                log.add(Assumption(state: state.name, field: "branches", value: "scaled by 1/\(Self.fraction(Int((total * 10_000).rounded()), 10_000))",
                                   reason: "the odds given add up to less than 1 and the Choice has a Default, so some branch is always taken"))
                return targets.map { target in (target, (given[target] ?? 0) / total) }
            }
            log.add(Assumption(state: state.name, field: "branches", value: "no match \(Self.fraction(Int((remaining * 10_000).rounded()), 10_000))",
                               reason: "the odds given add up to less than 1 and there is no Default: the rest fails with States.NoChoiceMatched"))
        }
        return targets.map { target in
            if let odds = given[target] { return (target, odds) }
            let share = unspecifiedBranches == 0 ? 0 : remaining * Double(branches.filter { $0 == target }.count) / Double(unspecifiedBranches)
            return (target, share)
        }
    }

    private static func fraction(_ part: Int, _ whole: Int) -> String {
        let value = Double(part) / Double(max(whole, 1))
        return String(format: "%.4g", value)
    }

    private static func combineParallel(_ branches: [ScopeAnalysis]) -> VisitWorst {
        var worst = VisitWorst(transitions: .one, events: Count(HistoryEventModel.parallelAttempt), seconds: 0,
                               expressRequests: .zero, expressGBSeconds: 0)
        for branch in branches {
            worst.transitions = zip(worst.transitions, branch.worst.transitions.value).map { $0 + $1 }
            worst.events = zip(worst.events, branch.worst.events.value).map { $0 + $1 }
            worst.seconds = zip(worst.seconds, branch.worst.seconds.value).map { Swift.max($0, $1) }
            worst.expressRequests = zip(worst.expressRequests, branch.worst.expressRequests.value).map { $0 + $1 }
            worst.expressGBSeconds = zip(worst.expressGBSeconds, branch.worst.expressGBSeconds.value).map { $0 + $1 }
            worst.upperBounds.formUnion(Self.upperBounds(of: branch.worst))
        }
        return worst
    }

    /// The measures of a child scope's worst case that are upper bounds rather than exact.
    static func upperBounds(of worst: WorstFigures) -> Set<Measure.Key> {
        var keys: Set<Measure.Key> = []
        if worst.transitions.isUpperBound { keys.insert(.transitions) }
        if worst.events.isUpperBound { keys.insert(.events) }
        if worst.seconds.isUpperBound { keys.insert(.seconds) }
        if worst.expressRequests.isUpperBound { keys.insert(.expressRequests) }
        if worst.expressGBSeconds.isUpperBound { keys.insert(.expressGBSeconds) }
        return keys
    }

    // MARK: - Map

    private func mapVisit(_ state: State, _ spec: MapSpec, _ inputs: StateInputs, model: inout VisitModel,
                          machine: StateMachine, nextIndex: Int?) {
        let iteration = analyze(spec.processor, label: "iteration of Map '\(state.name)'")
        model.children = [iteration]
        let items = inputs.items
        let maxItems = Count(ceiling: items.max)
        switch spec.mode {
        case .inline:
            let setting = spec.maxConcurrency ?? 0
            let concurrency = setting == 0 ? ServiceLimits.inlineMapConcurrency : min(setting, ServiceLimits.inlineMapConcurrency)
            model.fanout = Fanout(distributed: false, expectedItems: items.expected, maxItems: maxItems,
                                  concurrency: concurrency, expectedChildren: 0, maxChildren: .zero, childType: nil)
            let innerFailure = items.expected > 0 ? 1 - pow(1 - iteration.failureProbability, items.expected) : 0
            attempts(state, inputs, innerFailure: innerFailure, model: &model, machine: machine, nextIndex: nextIndex,
                     perAttempt: { expected, worst in
                var perItem = iteration.expected
                perItem.events += Double(HistoryEventModel.inlineMapIteration)
                expected = perItem.scaled(items.expected)
                let expectedWaves = (items.expected / Double(concurrency)).rounded(.up)
                expected.seconds = expectedWaves == 0 ? 0 : expectedWaves * iteration.expected.seconds
                expected.transitions += 1
                expected.events += Double(HistoryEventModel.inlineMapAttempt)
                // Waves in Double: an item count beyond UInt64 must not shrink the duration.
                let waves = (items.max / Double(concurrency)).rounded(.up)
                worst = VisitWorst(
                    transitions: iteration.worst.transitions.value.map { .one + $0 * maxItems },
                    events: iteration.worst.events.value.map { Count(HistoryEventModel.inlineMapAttempt) + ($0 + Count(HistoryEventModel.inlineMapIteration)) * maxItems },
                    seconds: iteration.worst.seconds.value.map { waves == 0 || $0 == 0 ? 0 : $0 * waves },
                    expressRequests: iteration.worst.expressRequests.value.map { $0 * maxItems },
                    expressGBSeconds: iteration.worst.expressGBSeconds.value.map { $0.repeated(maxItems) },
                    upperBounds: Self.upperBounds(of: iteration.worst))
            }, frameEvents: HistoryEventModel.inlineMapFrame)
        case .distributed(let childType):
            let batch = batchSize(spec, inputs)
            let expectedChildren = (items.expected / Double(batch)).rounded(.up)
            let maxChildren = Count(ceiling: items.max / Double(batch))
            let setting = spec.maxConcurrency ?? 0
            let concurrency = setting == 0 ? ServiceLimits.distributedMapConcurrency : setting
            model.fanout = Fanout(distributed: true, expectedItems: items.expected, maxItems: maxItems,
                                  concurrency: concurrency, expectedChildren: expectedChildren,
                                  maxChildren: maxChildren, childType: childType)
            let tolerated = DistributedMapMath.runFailureProbability(
                children: expectedChildren, childFailure: iteration.failureProbability,
                toleratedCount: spec.toleratedFailureCount, toleratedPercentage: spec.toleratedFailurePercentage)
            attempts(state, inputs, innerFailure: tolerated, model: &model, machine: machine, nextIndex: nextIndex,
                     perAttempt: { expected, worst in
                // The parent is billed one transition for the Map state and one per child started;
                // its history gets a fixed set of events; children are their own executions.
                expected.transitions = 1 + expectedChildren
                expected.events = Double(HistoryEventModel.distributedMapAttempt)
                let waves = (expectedChildren / Double(concurrency)).rounded(.up)
                expected.seconds = waves == 0 ? 0 : waves * iteration.expected.seconds
                let maxWaves = (items.max / Double(batch) / Double(concurrency)).rounded(.up)
                worst = VisitWorst(transitions: .one + maxChildren, events: Count(HistoryEventModel.distributedMapAttempt),
                                   seconds: iteration.worst.seconds.value.map { maxWaves == 0 || $0 == 0 ? 0 : $0 * maxWaves },
                                   expressRequests: .zero, expressGBSeconds: 0,
                                   upperBounds: Self.upperBounds(of: iteration.worst).intersection([.seconds, .expressRequests, .expressGBSeconds]))
                if childType == .standard, iteration.worst.transitions.isUpperBound { worst.upperBounds.insert(.transitions) }
                switch childType {
                case .standard:
                    expected.transitions += expectedChildren * iteration.expected.transitions
                    expected.expressRequests = expectedChildren * iteration.expected.expressRequests
                    expected.expressGBSeconds = expectedChildren * iteration.expected.expressGBSeconds
                    worst.transitions = zip(worst.transitions, iteration.worst.transitions.value).map { $0 + $1 * maxChildren }
                    worst.expressRequests = iteration.worst.expressRequests.value.map { $0 * maxChildren }
                    worst.expressGBSeconds = iteration.worst.expressGBSeconds.value.map { $0.repeated(maxChildren) }
                case .express:
                    // An Express child is billed a request and its duration rounded up to 100 ms.
                    expected.expressRequests = expectedChildren * (1 + iteration.expected.expressRequests)
                    expected.expressGBSeconds = expectedChildren * (ExpressBilling.billedSeconds(iteration.expected.seconds) * childMemoryGB
                                                                    + iteration.expected.expressGBSeconds)
                    worst.expressRequests = iteration.worst.expressRequests.value.map { maxChildren * (.one + $0) }
                    worst.expressGBSeconds = zip(iteration.worst.seconds.value, iteration.worst.expressGBSeconds.value).map {
                        (ExpressBilling.billedSeconds($0) * childMemoryGB + $1).repeated(maxChildren)
                    }
                }
            }, frameEvents: HistoryEventModel.distributedMapFrame)
        }
    }

    /// Items per child execution: `MaxItemsPerBatch`, or as many items as fit `MaxInputBytesPerBatch`.
    private func batchSize(_ spec: MapSpec, _ inputs: StateInputs) -> Int {
        var size = spec.maxItemsPerBatch ?? 1
        if let bytes = spec.maxInputBytesPerBatch {
            if let itemKB = inputs.itemKB, itemKB > 0 {
                // Clamped before converting: a tiny item_kb must not overflow Int.
                let fit = max(1, Int(min(Double(bytes) / (itemKB * 1024), 1e9)))
                size = spec.maxItemsPerBatch.map { min($0, fit) } ?? fit
            } else if spec.maxItemsPerBatch == nil {
                log.add(Assumption(state: nil, field: "item_kb", value: "unknown",
                                   reason: "MaxInputBytesPerBatch is set but the profile gives no item_kb; one item per child assumed"))
            }
        }
        return max(1, size)
    }
}

/// Both present, combined; else nil (an unbounded part makes the whole unbounded).
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
