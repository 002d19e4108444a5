import Foundation

/// Analyses a machine scope by scope: each state's cost per visit (recursing into Parallel
/// branches and Map iterations), then expected visits by the Markov solve and worst paths by the
/// bounded longest-path solve. Counting follows facts.md "How sfncost counts".
struct ScopeAnalyzer {
    let usage: MachineUsage
    let log: AssumptionLog
    /// Memory of Express child executions of Distributed Maps, in GB.
    let childMemoryGB: Double
    /// For a what-if (`MachineAnalyzer.reanalyze`): the name of the states replaced in a machine
    /// analysed before. A nested scope that holds no such state, under a state that is not one, is
    /// the same scope with the same label and the same `inBranch`: its earlier analysis is taken as
    /// it is instead of being made again. Nil for a first analysis.
    var changedState: String? = nil

    /// - Parameter inBranch: true for a Parallel branch or an inline Map iteration, where a Task's
    ///   uncaught failure writes `TaskStateAborted` in place of `TaskStateExited` (facts.md §4a);
    ///   false for a machine and a Distributed Map's child execution (an execution of its own).
    /// - Parameter prior: this scope's analysis before `changedState` was replaced (same states in
    ///   the same order), whose untouched nested scopes are reused; nil analyses everything.
    func analyze(_ machine: StateMachine, label: String, inBranch: Bool = false, prior: ScopeAnalysis? = nil) -> ScopeAnalysis {
        let count = machine.states.count
        // Only a prior of this very scope can lend its nested scopes.
        let prior = prior.flatMap { $0.states.count == count ? $0 : nil }
        var visits: [VisitModel] = []
        visits.reserveCapacity(count)
        for index in machine.states.indices {
            visits.append(visitModel(machine.states[index], in: machine, inBranch: inBranch, prior: prior?.states[index]))
        }
        let start = machine.index(of: machine.startAt) ?? 0

        // Expected visits.
        let markovNodes = visits.map { model in
            ExpectedVisitsSolver.Node(edges: model.outcomes, endProbability: model.endProbability)
        }
        // The worst case's graph: every structurally possible way on.
        let successors = visits.map(\.successors)
        // Its components are the same for every measure: found once (an empty scope has none).
        let components = count == 0 ? nil : GraphSCC.components(nodeCount: count, successors: { successors[$0] }, roots: [start])
        // When the ways with odds above 0 are exactly those, in the same order, the expected-visits
        // solve's components are these too (the usual scope without Catch).
        let sameGraph = visits.allSatisfy { model in
            var position = 0
            for edge in model.outcomes where edge.probability > 0 {
                guard position < model.successors.count, model.successors[position] == edge.target else { return false }
                position += 1
            }
            return position == model.successors.count
        }
        let solution = ExpectedVisitsSolver.solve(nodes: markovNodes, start: start, components: sameGraph ? components : nil)
        var expected = ExpectedFigures()
        var failures: [ScopeFailure] = []
        for (index, model) in visits.enumerated() where solution.visits[index] > 0 {
            expected = expected + model.expected.scaled(solution.visits[index])
            if !model.failures.isEmpty { failures += model.failures.scaled(solution.visits[index]) }
        }
        failures = failures.merged()
        var problems: [AnalysisProblem] = solution.trappedLoops.map { loop in
            AnalysisProblem(kind: .trappedLoop, states: loop.map { machine.states[$0].name },
                            location: machine.states[loop[0]].location, scope: label)
        }
        problems += solution.tooComplexLoops.map { loop in
            AnalysisProblem(kind: .loopTooComplex, states: loop.map { machine.states[$0].name },
                            location: machine.states[loop[0]].location, scope: label)
        }

        // Worst paths, one per measure.
        let bounds = machine.states.map { usage.states[$0.name]?.maxVisits?.value }
        // Built once for the five measures: only the costs differ.
        let graph = WorstPathGraph(successors: successors, canEnd: visits.map(\.canEnd), bounds: bounds)
        let componentOf = components.map { WorstPathGraph.componentIndex($0, count: count) } ?? []
        let shapes = components.map { graph.shapes(of: $0) } ?? []
        let reachable = Self.reachable(from: start, successors: successors)
        // A measure is unbounded when any reachable state's visit is unbounded in that measure (a
        // nested loop without a bound); other measures may still be finite (an Express child's loop
        // leaves the parent's transitions and events bounded).
        func solve<W: PathWeight>(_ key: Measure.Key, _ cost: (VisitWorst) -> W?) -> (WorstValue<W>, [PathStep], [[Int]], Bool) {
            if reachable.contains(where: { cost(visits[$0].worst) == nil }) { return (.unbounded, [], [], false) }
            let nestedUpper = reachable.contains { visits[$0].worst.upperBounds.contains(key) }
            var costs: [W] = []
            costs.reserveCapacity(count)
            for index in 0..<count { costs.append(cost(visits[index].worst) ?? .zero) }
            let solver = WorstPathSolver(costs: costs, graph: graph)
            // No components: an empty scope, whose worst case is zero.
            let outcome = components.map { solver.solve(start: start, components: $0, componentOf: componentOf, shapes: shapes) } ?? solver.solve(start: start)
            switch outcome {
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

        // By index: each state copied once, into its figures (`enumerated().map` copied it twice).
        var states: [StateFigures] = []
        states.reserveCapacity(count)
        for index in machine.states.indices {
            states.append(StateFigures(state: machine.states[index], expectedVisits: solution.visits[index], perVisit: visits[index].expected,
                                       perVisitWorstTransitions: visits[index].worst.transitions,
                                       perVisitWorstEvents: visits[index].worst.events,
                                       perVisitWorstSeconds: visits[index].worst.seconds,
                                       worstVisits: worstVisits.isEmpty ? 0 : worstVisits[machine.states[index].name] ?? 0,
                                       children: visits[index].children, fanout: visits[index].fanout,
                                       childRunsPerVisit: visits[index].childRunsPerVisit, attempts: visits[index].attempts))
        }
        // Problems inside children belong to this scope's report too.
        for index in reachable {
            for child in visits[index].children { problems.append(contentsOf: child.problems) }
        }
        return ScopeAnalysis(label: label, states: states, expected: expected,
                             worst: WorstFigures(transitions: transitions, events: events, seconds: seconds,
                                                 expressRequests: requests, expressGBSeconds: gbSeconds),
                             failureProbability: min(1, failures.total), failures: failures,
                             worstPaths: [.transitions: transitionPath, .events: eventPath, .seconds: secondsPath],
                             problems: problems)
    }

    static func reachable(from start: Int, successors: [[Int]]) -> [Int] {
        guard start < successors.count else { return [] }
        var seen = [Bool].filled(false, count: successors.count)
        seen[start] = true
        var queue = [start]
        while let node = queue.popLast() {
            for next in successors[node] where !seen[next] {
                seen[next] = true
                queue.append(next)
            }
        }
        // In index order, as the sorted list of the states reached was.
        return seen.indices.filter { seen[$0] }
    }

    // MARK: - One visit of a state

    /// Where a visit can lead and what it costs.
    struct VisitModel {
        var expected: ExpectedFigures
        var worst: VisitWorst
        /// Expected-case ways on, with odds (the expected-visits solve's edges as they are).
        var outcomes: [ExpectedVisitsSolver.Edge]
        /// Probability the scope ends at this visit (success or failure).
        var endProbability: Double
        /// How the scope ends in failure at this visit, by error.
        var failures: [ScopeFailure]
        /// Worst-case ways on (every structurally possible target).
        var successors: [Int]
        var canEnd: Bool
        var children: [ScopeAnalysis] = []
        var fanout: Fanout?
        /// Expected runs of each child scope per visit: attempts that run the branches, × items started.
        var childRunsPerVisit = 1.0
        var attempts: AttemptSummary?
    }

    /// A nested scope of `state`: its earlier analysis (`prior`) when the change cannot reach it,
    /// else analysed, lending its own untouched scopes.
    private func child(_ machine: StateMachine, of state: State, label: () -> String, inBranch: Bool,
                       prior: ScopeAnalysis?) -> ScopeAnalysis {
        if let prior, let changed = changedState, state.name != changed, !machine.holdsState(named: changed) { return prior }
        return analyze(machine, label: label(), inBranch: inBranch, prior: prior)
    }

    private func visitModel(_ state: State, in machine: StateMachine, inBranch: Bool, prior: StateFigures?) -> VisitModel {
        let inputs = StateInputs.resolve(state, usage: usage, log: log)
        let nextIndex = state.next.flatMap { machine.index(of: $0) }
        var model = VisitModel(expected: ExpectedFigures(), worst: VisitWorst(), outcomes: [], endProbability: 0,
                               failures: [], successors: [], canEnd: false)
        func simple(events: Int, seconds: Spread<Double>) {
            model.expected.transitions = 1
            model.expected.events = Double(events)
            model.expected.seconds = seconds.expected
            model.worst = VisitWorst(transitions: .one, events: Count(events), seconds: seconds.max,
                                     expressRequests: .zero, expressGBSeconds: 0)
        }
        func proceedOnSuccess(_ probability: Double) {
            if let nextIndex {
                if probability > 0 { model.outcomes.append(.init(target: nextIndex, probability: probability)) }
                model.successors.append(nextIndex)
            } else {
                model.endProbability += probability
                model.canEnd = true
            }
        }
        // A Pass, Wait, Choice or Succeed state fails only when evaluating its input or output
        // (the profile's failure_rate/failed_attempts): `<Type>StateEntered`, `EvaluationFailed`, as
        // many events as a success (facts.md §4a), and no Retry or Catch can handle it.
        let evaluationFailure = Self.certainOrRate(inputs)
        func failOnEvaluation() {
            guard evaluationFailure > 0 else { return }
            let error = ownError(state, inputs)
            model.endProbability += evaluationFailure
            model.failures.append(ScopeFailure(error: error, probability: evaluationFailure, raisedByTask: false))
            model.canEnd = true
        }

        switch state.kind {
        case .pass:
            simple(events: HistoryEventModel.simpleState, seconds: Spread(expected: 0, max: 0))
            proceedOnSuccess(1 - evaluationFailure)
            failOnEvaluation()
        case .wait:
            simple(events: HistoryEventModel.simpleState, seconds: inputs.attemptSeconds)
            // A wait that fails on evaluation does not wait.
            model.expected.seconds *= 1 - evaluationFailure
            proceedOnSuccess(1 - evaluationFailure)
            failOnEvaluation()
        case .succeed:
            simple(events: HistoryEventModel.simpleState, seconds: Spread(expected: 0, max: 0))
            model.endProbability = 1 - evaluationFailure
            model.canEnd = true
            failOnEvaluation()
        case .fail:
            simple(events: HistoryEventModel.failState, seconds: Spread(expected: 0, max: 0))
            model.endProbability = 1
            model.failures = [ScopeFailure(error: failStateError(state, inputs), probability: 1, raisedByTask: false)]
            model.canEnd = true
        case .choice(let spec):
            simple(events: HistoryEventModel.simpleState, seconds: Spread(expected: 0, max: 0))
            // The odds come in the order of the targets: each target's index is looked up once.
            let targets = spec.targets
            let indices = targets.map { machine.index(of: $0) }
            let odds = choiceOdds(state, spec, targets: targets, given: inputs.branchOdds)
            let proceed = 1 - evaluationFailure
            for (position, (_, probability)) in odds.enumerated() {
                if let index = indices[position], probability * proceed > 0 { model.outcomes.append(.init(target: index, probability: probability * proceed)) }
            }
            model.successors = indices.compactMap { $0 }
            // Without a Default, no rule matching fails the execution with States.NoChoiceMatched.
            let unmatched = max(0, 1 - odds.reduce(0) { $0 + $1.probability })
            if spec.defaultTarget == nil {
                model.canEnd = true
                if unmatched > 1e-12 {
                    model.endProbability = unmatched * proceed
                    model.failures = [ScopeFailure(error: "States.NoChoiceMatched", probability: unmatched * proceed, raisedByTask: false)]
                }
            }
            failOnEvaluation()
        case .task(let task):
            let perAttempt = HistoryEventModel.taskAttemptEvents(task.pattern)
            let error = ownError(state, inputs)
            // An evaluation error fails the attempt before the Task runs: `EvaluationFailed` instead
            // of Scheduled/Started/Failed, and nothing for an enclosing Parallel or Map to abort.
            let evaluation = BuiltInError.isEvaluation(error)
            let own = ScopeFailure(error: error, probability: inputs.failureRate, raisedByTask: !evaluation)
            attempts(state, inputs, own: own, ownAttemptCost: evaluation ? Self.evaluationAttempt : nil, inner: [],
                     model: &model, machine: machine, nextIndex: nextIndex, inBranch: inBranch,
                     perAttempt: { expected, worst in
                expected.transitions = 1
                expected.events = Double(perAttempt)
                expected.seconds = inputs.attemptSeconds.expected
                worst = VisitWorst(transitions: .one, events: Count(perAttempt), seconds: inputs.attemptSeconds.max,
                                   expressRequests: .zero, expressGBSeconds: 0)
            }, frameEvents: HistoryEventModel.taskFrame)
        case .parallel(let branches):
            let priors = prior.flatMap { $0.children.count == branches.count ? $0.children : nil }
            let analyses = branches.enumerated().map { index, branch in
                child(branch, of: state, label: { "branch \(index + 1) of Parallel '\(state.name)'" }, inBranch: true,
                      prior: priors?[index])
            }
            model.children = analyses
            // Branches run at once and fail independently; the first failure fails the Parallel with
            // its error. Which branch fails first depends on timing: each error is weighted by how
            // likely it is across the branches [DERIVED, an approximation when branches fail with
            // different errors].
            let innerFailure = 1 - analyses.reduce(1.0) { $0 * (1 - $1.failureProbability) }
            let inner = Self.weighted(analyses.flatMap(\.failures), total: innerFailure)
            attempts(state, inputs, own: ScopeFailure(error: ownError(state, inputs), probability: inputs.failureRate, raisedByTask: false),
                     ownAttemptCost: Self.evaluationAttempt, inner: inner,
                     model: &model, machine: machine, nextIndex: nextIndex, inBranch: inBranch,
                     perAttempt: { expected, worst in
                expected = analyses.reduce(ExpectedFigures()) { $0 + $1.expected }
                expected.seconds = analyses.map(\.expected.seconds).max() ?? 0
                expected.transitions += 1
                expected.events += Double(HistoryEventModel.parallelAttempt)
                worst = Self.combineParallel(analyses)
            }, frameEvents: HistoryEventModel.parallelFrame)
        case .map(let spec):
            mapVisit(state, spec, inputs, model: &model, machine: machine, nextIndex: nextIndex, inBranch: inBranch,
                     prior: prior.flatMap { $0.children.count == 1 ? $0.children[0] : nil })
        }
        return model
    }

    /// What a failed attempt costs when it does not run the attempt (an evaluation error):
    /// one transition (the attempt is billed) and one `EvaluationFailed` event.
    static let evaluationAttempt: (transitions: Double, events: Double) = (1, Double(HistoryEventModel.evaluationFailed))

    /// The chance that a state without Retry fails on one visit: its failure rate, or 1 when the
    /// profile says its first attempt(s) fail.
    static func certainOrRate(_ inputs: StateInputs) -> Double {
        (inputs.failedAttempts ?? 0) > 0 ? 1 : min(1, inputs.failureRate)
    }

    /// Inner failures by error, scaled so that they add up to `total` (the chance one attempt fails).
    static func weighted(_ failures: [ScopeFailure], total: Double) -> [ScopeFailure] {
        let merged = failures.map { ScopeFailure(error: $0.error, probability: $0.probability, raisedByTask: false) }.merged()
        let sum = merged.total
        guard sum > 0, total > 0 else { return [] }
        return merged.scaled(total / sum)
    }

    /// The error the state's own failures (profile `failure_rate`/`failed_attempts`) raise: the
    /// profile's `error`, else a default that the report lists.
    private func ownError(_ state: State, _ inputs: StateInputs) -> String? {
        if let error = inputs.error { return error }
        let error: String, reason: String
        switch state.kind {
        case .task:
            if let named = state.retriers.first?.errorEquals.first {
                (error, reason) = (named, "failures are assumed to raise the first error the first retrier names")
            } else if let named = state.catchers.first?.errorEquals.first {
                (error, reason) = (named, "failures are assumed to raise the first error the first catcher names")
            } else {
                (error, reason) = ("States.TaskFailed", "a failed Task attempt is assumed to raise States.TaskFailed")
            }
        case .map(let spec) where spec.hasItemReader:
            (error, reason) = (BuiltInError.itemReaderFailed, "a Map with an ItemReader is assumed to fail reading its items, before any iteration")
        default:
            error = BuiltInError.evaluation(state.queryLanguage)
            reason = "a \(state.typeName) state fails when its \(state.queryLanguage.rawValue) evaluation fails (before any branch or iteration runs)"
        }
        if inputs.ownFailures {
            log.add(Assumption(state: state.name, field: "error", value: error, reason: reason))
        }
        return error
    }

    /// A Fail state's error: its literal `Error`, else the profile's `error`, else none (which only
    /// `States.ALL` matches).
    private func failStateError(_ state: State, _ inputs: StateInputs) -> String? {
        if let error = inputs.error { return error }
        if state.hasDynamicFailError {
            log.add(Assumption(state: state.name, field: "error", value: "none",
                               reason: "the Fail state's error is set at run time (ErrorPath or JSONata); only States.ALL is assumed to match it: set 'error' in the profile"))
        }
        return state.failError
    }

    /// Retry and Catch around a state whose full attempt costs what `perAttempt` says.
    ///
    /// - Parameters:
    ///   - own: the state's own failures (profile `failure_rate`, `failed_attempts`), by attempt.
    ///   - ownAttemptCost: what an attempt failed by `own` costs when it does not run (an evaluation
    ///     error); nil when it costs a full attempt (a Task that ran and failed).
    ///   - inner: how a full attempt fails through what runs inside it (Parallel branches, Map
    ///     iterations), by error: the state fails with that error (facts.md §4a).
    private func attempts(_ state: State, _ inputs: StateInputs, own: ScopeFailure,
                          ownAttemptCost: (transitions: Double, events: Double)?, inner: [ScopeFailure],
                          model: inout VisitModel, machine: StateMachine, nextIndex: Int?, inBranch: Bool,
                          perAttempt: (inout ExpectedFigures, inout VisitWorst) -> Void, frameEvents: Int,
                          innerRunsPerAttempt: Double = 1) {
        var attemptExpected = ExpectedFigures(), attemptWorst = VisitWorst()
        perAttempt(&attemptExpected, &attemptWorst)
        // Classes: the state's own failure (index 0), then the inner errors of a full attempt.
        let ownRate = min(1, inputs.failureRate)
        var classes = [AttemptOutcomes.FailureClass(failure: own)]
        classes[0].failure.probability = ownRate
        for failure in inner {
            classes.append(.init(failure: ScopeFailure(error: failure.error, probability: failure.probability * (1 - ownRate),
                                                       raisedByTask: false)))
        }
        let fixed = inputs.failedAttempts.map { (count: $0, index: 0) }
        let outcome = AttemptOutcomes(classes: classes, fixed: fixed, retriers: state.retriers)
        if !outcome.isExact {
            log.add(Assumption(state: state.name, field: "attempts", value: "approximated",
                               reason: "several retriers can each be hit; the expected attempts are summed up to \(AttemptOutcomes.gridBudget) counter states"))
        }
        // Attempts failed by the state's own error that do not run (evaluation errors), and the rest.
        let skipped = ownAttemptCost == nil ? 0 : outcome.failedAttempts[0]
        let full = max(0, outcome.expectedAttempts - skipped)
        model.expected = attemptExpected.scaled(full)
        if let cost = ownAttemptCost, skipped > 0 {
            model.expected.transitions += skipped * cost.transitions
            model.expected.events += skipped * cost.events
        }
        model.expected.events += Double(frameEvents)
        model.expected.seconds += outcome.expectedBackoffSeconds
        model.childRunsPerVisit = full * innerRunsPerAttempt
        let retry = RetryModel(all: state.retriers)
        let attemptsWorst = retry.worstAttempts
        model.worst = VisitWorst(
            transitions: attemptWorst.transitions.map { $0 * attemptsWorst },
            events: attemptWorst.events.map { $0 * attemptsWorst + Count(frameEvents) },
            seconds: attemptWorst.seconds.map { $0.repeated(attemptsWorst) + retry.worstBackoffSeconds },
            expressRequests: attemptWorst.expressRequests.map { $0 * attemptsWorst },
            expressGBSeconds: attemptWorst.expressGBSeconds.map { $0.repeated(attemptsWorst) },
            upperBounds: attemptWorst.upperBounds)

        let success = outcome.successProbability
        if let nextIndex {
            if success > 0 { model.outcomes.append(.init(target: nextIndex, probability: success)) }
            model.successors.append(nextIndex)
        } else {
            model.endProbability += success
            model.canEnd = true
        }
        var summary = AttemptSummary(expectedAttempts: outcome.expectedAttempts, fixedFailures: inputs.failedAttempts, errors: [])
        for (index, failureClass) in classes.enumerated()
        where failureClass.probability > 0 || (index == 0 && (inputs.failedAttempts ?? 0) > 0) {
            let error = failureClass.failure.error
            let retrier = state.retriers.firstIndex { $0.matches(error) }
            summary.errors.append(.init(error: error, perAttempt: failureClass.probability, source: index == 0 ? "own" : "inner",
                                        retrier: retrier.map { $0 + 1 }, maxAttempts: retrier.map { state.retriers[$0].maxAttempts },
                                        endProbability: outcome.endFailures[index],
                                        caughtBy: state.catchers.first { $0.matches(error) }?.next))
        }
        model.attempts = summary
        for (index, failureClass) in classes.enumerated() {
            let probability = outcome.endFailures[index]
            guard probability > 0 else { continue }
            let error = failureClass.failure.error
            if let catcher = state.catchers.first(where: { $0.matches(error) }), let target = machine.index(of: catcher.next) {
                model.outcomes.append(.init(target: target, probability: probability))
            } else {
                let raisedByTask = failureClass.failure.raisedByTask
                model.endProbability += probability
                model.failures.append(ScopeFailure(error: error, probability: probability, raisedByTask: raisedByTask))
                // Uncaught, the state writes no `*StateExited`; a Task in a branch or iteration writes
                // `TaskStateAborted` in its place (facts.md §4a).
                if !(inBranch && raisedByTask) {
                    model.expected.events -= probability * Double(HistoryEventModel.stateExited)
                }
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
    /// - Parameter targets: `spec.targets`; the odds come back in their order (or empty when there are none).
    private func choiceOdds(_ state: State, _ spec: ChoiceSpec, targets: [String], given: [String: Double]?) -> [(target: String, probability: Double)] {
        // Each rule and the Default is one branch; branches with the same target add up.
        let branches = spec.rules.map(\.next) + (spec.defaultTarget.map { [$0] } ?? [])
        guard !targets.isEmpty else { return [] }
        // Branches per target, counted once: a Dictionary's String keys match as `==` does, so
        // this is `branches.filter { $0 == target }.count` without a pass per target.
        var branchCount: [String: Int] = [:]
        for branch in branches { branchCount[branch, default: 0] += 1 }
        let given = (given ?? [:]).filter { targets.contains($0.key) }
        if given.isEmpty, log.recording {
            // Formatted once per distinct count (a Choice of 20 rules has one or two).
            var shares: [Int: String] = [:]
            let value = targets.map { t -> String in
                let count = branchCount[t] ?? 0
                if let share = shares[count] { return "\(t): \(share)" }
                let share = Self.fraction(count, branches.count)
                shares[count] = share
                return "\(t): \(share)"
            }.joined(separator: ", ")
            log.add(Assumption(state: state.name, field: "branches", value: value,
                               reason: "default: every rule and the Default equally likely"))
        }
        let total = given.values.reduce(0, +)
        let remaining = max(0, 1 - total)
        // Every branch equals exactly one target (targets are the distinct branches).
        let unspecifiedBranches = targets.reduce(0) { sum, target in given[target] == nil ? sum + (branchCount[target] ?? 0) : sum }
        if unspecifiedBranches == 0, remaining > 1e-9 {
            if spec.defaultTarget != nil {
                // Every target has odds but they leave some probability unplaced, and with a Default
                // some branch is always taken: scale them up rather than lose executions.
                guard total > 0 else {
                    log.add(Assumption(state: state.name, field: "branches", value: "equal odds",
                                       reason: "the profile gives every branch odds 0; a Choice with a Default always takes one"))
                    return targets.map { target in (target, Double(branchCount[target] ?? 0) / Double(branches.count)) }
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
            let share = unspecifiedBranches == 0 ? 0 : remaining * Double(branchCount[target] ?? 0) / Double(unspecifiedBranches)
            return (target, share)
        }
    }

    private static func fraction(_ part: Int, _ whole: Int) -> String {
        let value = Double(part) / Double(max(whole, 1))
        return CFormat.double("%.4g", value)
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

    private func mapVisit(_ state: State, _ declared: MapSpec, _ inputs: StateInputs, model: inout VisitModel,
                          machine: StateMachine, nextIndex: Int?, inBranch: Bool, prior: ScopeAnalysis?) {
        let spec = DistributedMapSizes.resolve(declared, state: state, usage: usage, log: log)
        // An inline iteration is a branch of this execution; a Distributed Map's child is an execution.
        let iteration = child(spec.processor, of: state, label: { "iteration of Map '\(state.name)'" },
                              inBranch: spec.mode == .inline, prior: prior)
        model.children = [iteration]
        var items = inputs.items
        // ItemReader.ReaderConfig.MaxItems: no more items are read than that.
        if let cap = spec.maxItems.map(Double.init) {
            items = Spread(expected: min(items.expected, cap), max: min(items.max, cap))
        }
        let maxItems = Count(ceiling: items.max)
        switch spec.mode {
        case .inline:
            let setting = spec.maxConcurrency ?? 0
            let concurrency = setting == 0 ? ServiceLimits.inlineMapConcurrency : min(setting, ServiceLimits.inlineMapConcurrency)
            model.fanout = Fanout(distributed: false, expectedItems: items.expected, maxItems: maxItems,
                                  concurrency: concurrency, expectedChildren: 0, maxChildren: .zero, childType: nil)
            let itemFailure = min(1, iteration.failureProbability)
            let innerFailure = items.expected > 0 && itemFailure > 0 ? 1 - pow(1 - itemFailure, items.expected) : 0
            let started = MapAbortModel.expectedItemsStarted(items: items.expected, concurrency: concurrency, itemFailure: itemFailure)
            attempts(state, inputs, own: ScopeFailure(error: ownError(state, inputs), probability: inputs.failureRate, raisedByTask: false),
                     ownAttemptCost: Self.evaluationAttempt,
                     inner: Self.weighted(iteration.failures, total: innerFailure),
                     model: &model, machine: machine, nextIndex: nextIndex, inBranch: inBranch,
                     perAttempt: { expected, worst in
                var perItem = iteration.expected
                perItem.events += Double(HistoryEventModel.inlineMapIteration)
                // Items after the wave in which one fails never start (facts.md §4a, MapAbortModel).
                expected = perItem.scaled(started)
                let expectedWaves = (started / Double(concurrency)).rounded(.up)
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
            }, frameEvents: HistoryEventModel.inlineMapFrame, innerRunsPerAttempt: started)
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
            // A run that fails more children than it tolerates fails the Map with
            // States.ExceedToleratedFailureThreshold (AWS, concepts-error-handling).
            let runFailure = tolerated > 0 ? [ScopeFailure(error: BuiltInError.exceedToleratedFailureThreshold, probability: tolerated, raisedByTask: false)] : []
            let ownError = ownError(state, inputs)
            // An ItemReader that fails writes MapStateStarted, MapRunStarted, MapRunFailed (facts.md §4a):
            // the attempt's own events, with no child started.
            let ownCost = ownError == BuiltInError.itemReaderFailed
                ? (transitions: 1.0, events: Double(HistoryEventModel.distributedMapAttempt)) : Self.evaluationAttempt
            attempts(state, inputs, own: ScopeFailure(error: ownError, probability: inputs.failureRate, raisedByTask: false),
                     ownAttemptCost: ownCost, inner: runFailure,
                     model: &model, machine: machine, nextIndex: nextIndex, inBranch: inBranch,
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
            }, frameEvents: HistoryEventModel.distributedMapFrame, innerRunsPerAttempt: expectedChildren)
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
