/// The analysis of one scope: a machine, a Parallel branch or a Map's item processor.
public struct ScopeAnalysis: Sendable {
    /// "machine", "branch 1 of Parallel 'Checks'", "iteration of Map 'ProcessKeys'", ….
    public var label: String
    public var states: [StateFigures]
    /// One run of the scope, execution start/end events not included.
    public var expected: ExpectedFigures
    public var worst: WorstFigures
    /// Probability that one run ends in failure (a Fail state or an uncaught error).
    public var failureProbability: Double
    /// The same, by the error the run fails with (what an enclosing Parallel or Map fails with).
    public var failures: [ScopeFailure] = []
    /// The worst path for each measure: state names and how often the path enters them.
    public var worstPaths: [Measure: [PathStep]]
    public var problems: [AnalysisProblem]
}

/// The measures that worst-case analysis maximises, each on its own path.
public enum Measure: String, Sendable, Codable, CaseIterable {
    case transitions, events, seconds
}

/// One stretch of a worst path.
public struct PathStep: Sendable, Codable, Equatable {
    public var state: String
    public var times: UInt64
}

/// The figures of one state, for `explain` and the rules.
public struct StateFigures: Sendable {
    public var state: State
    public var expectedVisits: Double
    /// One visit, expected.
    public var perVisit: ExpectedFigures
    /// One visit, worst case (nil parts are unbounded).
    public var perVisitWorstTransitions: Count?
    public var perVisitWorstEvents: Count?
    public var perVisitWorstSeconds: Double?
    /// How often the worst-transitions path enters this state.
    public var worstVisits: UInt64
    /// Branches of a Parallel, the iteration of a Map.
    public var children: [ScopeAnalysis]
    /// For a Map: items (expected, max) and, for a Distributed Map, child executions (expected, max).
    public var fanout: Fanout?
    /// Expected runs of each child scope per visit of the state: the attempts that run the branches
    /// or iterations (a retried Parallel or Map runs them again), × the items started (inline Map) or
    /// the child executions (Distributed Map).
    public var childRunsPerVisit: Double = 1
    /// Retry and Catch at work, per visit (Task, Parallel, Map): nil for other states.
    public var attempts: AttemptSummary? = nil
}

/// How a Map state fans out.
public struct Fanout: Sendable {
    public var distributed: Bool
    public var expectedItems: Double
    public var maxItems: Count
    public var concurrency: Int
    /// Child executions (Distributed Map), after batching.
    public var expectedChildren: Double
    public var maxChildren: Count
    public var childType: WorkflowType?
}

/// Something that makes a figure unknowable: a loop with no bound, a loop that cannot be left.
public struct AnalysisProblem: Sendable, Hashable {
    /// `oddsExceedBound`: the profile's odds make a state's expected visits exceed its `max_visits`.
    /// `loopTooComplex`: the loop's expected visits would take too long to solve exactly.
    public enum Kind: String, Sendable { case unboundedLoop, trappedLoop, noEnd, oddsExceedBound, loopTooComplex }
    public var kind: Kind
    /// The states involved, with the first one's location for the report.
    public var states: [String]
    public var location: SourceLocation
    public var scope: String
    /// For `oddsExceedBound`: the expected visits and the bound.
    public var expectedVisits: Double? = nil
    public var bound: Int? = nil
}
