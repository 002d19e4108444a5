/// How many execution-history events each kind of state writes, from AWS-recorded histories
/// (facts.md §4: LocalStack snapshot tests recorded against real AWS, 2023–2024) and checked
/// against moto's interpreter by the oracle tests.
///
/// One place for these numbers so that a correction is one edit. Where the facts are derived
/// rather than recorded, the constant says so.
public enum HistoryEventModel {
    /// `ExecutionStarted` and `ExecutionSucceeded`/`Failed`/`TimedOut`/`Aborted`.
    public static let execution = 2
    /// `*StateEntered` + `*StateExited` for Pass, Choice, Wait and Succeed.
    public static let simpleState = 2
    /// `FailStateEntered` only: the execution (or iteration) then fails.
    public static let failState = 1
    /// `TaskStateEntered` + `TaskStateExited` around the attempts.
    public static let taskFrame = 2
    /// Scheduled, Started, Succeeded/Failed per attempt of a request-response, Lambda or activity task.
    public static let taskAttempt = 3
    /// Scheduled, Started, Submitted, Succeeded/Failed per attempt of a `.sync` or `.waitForTaskToken`
    /// task. Recorded for one attempt; "+4 per retry" is derived [DERIVED, facts.md §4].
    public static let waitingTaskAttempt = 4
    /// `ParallelStateEntered`, `ParallelStateSucceeded`, `ParallelStateExited`; plus one
    /// `ParallelStateStarted` per attempt.
    public static let parallelFrame = 3
    public static let parallelAttempt = 1
    /// Inline Map: `MapStateEntered`, `MapStateSucceeded`, `MapStateExited`; one `MapStateStarted` per
    /// attempt; `MapIterationStarted` + `MapIterationSucceeded` around each item.
    public static let inlineMapFrame = 3
    public static let inlineMapAttempt = 1
    public static let inlineMapIteration = 2
    /// Distributed Map, parent history: Entered, Started, MapRunStarted, MapRunSucceeded, Succeeded,
    /// Exited = 6 whatever the item count. Per retry we assume Started + MapRunStarted + MapRunFailed
    /// (3) again [UNCERTAIN: no recorded retry of a Distributed Map].
    public static let distributedMapFrame = 3
    public static let distributedMapAttempt = 3

    /// The `*StateExited` event in the frames above. A failure that no Catch handles writes none:
    /// the execution (or branch, or iteration) fails at once. Seen in moto's interpreter (a port of
    /// LocalStack's) for a failing Parallel; facts.md §4 shows `*StateExited` only after a success or
    /// a caught failure [DERIVED].
    public static let stateExited = 1

    /// `EvaluationFailed`: written in place of the work of an attempt whose JSONPath/JSONata
    /// evaluation fails, after `<Type>StateEntered` (LS test_wait_timestamp_jsonata,
    /// test_undefined_reference, test_map_state_items_eval_jsonata_fail; facts.md §4a).
    public static let evaluationFailed = 1

    /// Events one attempt of a Task writes.
    public static func taskAttemptEvents(_ pattern: IntegrationPattern) -> Int {
        switch pattern {
        case .sync, .waitForTaskToken: return waitingTaskAttempt
        case .requestResponse, .lambdaFunction, .activity: return taskAttempt
        }
    }
}
