import Foundation

/// One way a run of a scope (a machine, a Parallel branch, a Map iteration) or one attempt of a state
/// ends in failure: the error raised and its probability.
///
/// The error is what the enclosing Parallel or Map fails with, and what its own Retry and Catch are
/// matched against (facts.md §4a, LS `test_map_state_retry_multiple_retriers`: the inner Fail state's
/// `HandleItemFailError` picks the retrier that names it, not the first one).
public struct ScopeFailure: Sendable, Equatable {
    /// The error name; nil for a Fail state without `Error`, which only `States.ALL` matches
    /// (LS `test_map_state_catch_empty_fail`).
    public var error: String?
    public var probability: Double
    /// True when a Task raised it: the Parallel or Map around it then records a `TaskStateAborted`
    /// for that Task (facts.md §4a). A Fail or Pass state gets no abort event.
    public var raisedByTask: Bool

    public init(error: String?, probability: Double, raisedByTask: Bool) {
        self.error = error
        self.probability = probability
        self.raisedByTask = raisedByTask
    }

    /// The error as a person reads it.
    public var errorText: String { error ?? "a Fail state's error (no Error field)" }
}

extension Array where Element == ScopeFailure {
    /// Entries with the same error and origin merged, in first-seen order; zero ones dropped.
    func merged() -> [ScopeFailure] {
        var result: [ScopeFailure] = []
        for failure in self where failure.probability > 0 {
            if let index = result.firstIndex(where: { $0.error == failure.error && $0.raisedByTask == failure.raisedByTask }) {
                result[index].probability += failure.probability
            } else {
                result.append(failure)
            }
        }
        return result
    }

    func scaled(_ factor: Double) -> [ScopeFailure] {
        map { ScopeFailure(error: $0.error, probability: $0.probability * factor, raisedByTask: $0.raisedByTask) }
    }

    var total: Double { reduce(0) { $0 + $1.probability } }
}

/// Errors the runtime raises when a state's JSONPath or JSONata evaluation fails, and the other
/// built-in names the model needs.
enum BuiltInError {
    /// JSONPath evaluation failures; `States.ALL` does not match it and no Retry or Catch handles it
    /// (AWS, concepts-error-handling: "States.ALL … cannot catch States.DataLimitExceeded terminal
    /// error or Runtime error types").
    static let runtime = "States.Runtime"
    /// JSONata evaluation failures (LS `test_wait_timestamp_jsonata`, `test_map_state_items_eval_jsonata_fail`).
    static let queryEvaluation = "States.QueryEvaluationError"
    /// A Distributed Map's ItemReader failed (facts.md §4a).
    static let itemReaderFailed = "States.ItemReaderFailed"
    /// A Distributed Map run failed more children than it tolerates.
    static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    static let dataLimitExceeded = "States.DataLimitExceeded"

    /// The evaluation error of a state in this query language.
    static func evaluation(_ language: QueryLanguage) -> String {
        language == .jsonata ? queryEvaluation : runtime
    }

    /// Errors whose failed attempt writes `EvaluationFailed` instead of a Task's Scheduled/Started/Failed.
    static func isEvaluation(_ error: String?) -> Bool {
        error == runtime || error == queryEvaluation
    }
}

/// How the attempts of one visit of a state come out, for `explain`: the expected attempts and, per
/// error an attempt can fail with, its chance, the retrier that handles it and where it ends.
public struct AttemptSummary: Sendable {
    public struct ErrorLine: Sendable {
        public var error: String?
        /// Chance that one attempt fails with it (after any fixed failures).
        public var perAttempt: Double
        /// "own" (the state's own failure, from the profile) or "inner" (a branch, an iteration, a child run).
        public var source: String
        /// 1-based index of the retrier that handles it, and its MaxAttempts.
        public var retrier: Int?
        public var maxAttempts: Int?
        /// Chance that the visit ends failing with it, and the Catch target that takes it (nil: uncaught).
        public var endProbability: Double
        public var caughtBy: String?
    }
    public var expectedAttempts: Double
    /// The profile's `failed_attempts`, when given.
    public var fixedFailures: Int?
    public var errors: [ErrorLine]
}
