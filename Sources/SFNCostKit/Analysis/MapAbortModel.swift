import Foundation

/// What a failure inside a Parallel or an inline Map stops, and what the history records for it.
///
/// Recorded by AWS (facts.md §4a, LS validated snapshots):
/// - the failed Task writes `TaskStateAborted` where it would write `TaskStateExited`
///   (`test_parallel_catch_error`, `test_sqs_failure_in_wait_for_task_tok_no_error_field[SQS_PARALLEL…]`);
/// - every other Task still running in the Parallel or Map writes `TaskStateAborted`, every other
///   running iteration `MapIterationAborted` where it would write `MapIterationSucceeded`, the failed
///   one `MapIterationFailed` (`test_service_lambda_map_timeout`: 4 running, 1 failed + 3 aborted,
///   4 `TaskStateAborted`);
/// - a Fail or Pass state that fails writes no abort event, and nothing is aborted at the top level.
///
/// - items after a failing one never start when they run one at a time
///   (`test_map_state_break_condition`: 7 items, MaxConcurrency 1, the 5th fails, 6 and 7 never start).
///
/// So the abort events take the place of the end events sfncost counts anyway: a branch or iteration
/// is counted as one run whatever way it ends. Derived here, not recorded:
/// - **which items run at all**: an inline Map starts `MaxConcurrency` iterations at once (at most 40;
///   all of them without a limit); once one fails, the items not yet started never start. sfncost
///   counts the items of every wave up to and including the one in which the first failure happens:
///   wave w (of `c` items) starts when the `c·w` items before it all succeeded, so
///   E[started] = Σ_w size_w · (1 − f)^(c·w), f the chance that one iteration fails. Parallel branches
///   all start at once.
/// - **how far an aborted branch or iteration got**: unknown without timings; sfncost counts it as
///   if it ran to its end (an upper estimate: AWS records only what ran before the abort, e.g. a
///   running Task's Entered, Scheduled, Started and Aborted, not its Succeeded and Exited).
enum MapAbortModel {
    /// Expected items started in one attempt of an inline Map of `items` items (a real number: the
    /// profile's expected count) run `concurrency` at a time, each failing with probability `itemFailure`.
    static func expectedItemsStarted(items: Double, concurrency: Int, itemFailure: Double) -> Double {
        guard items > 0 else { return 0 }
        guard itemFailure > 0 else { return items }
        let c = Double(max(1, concurrency))
        // All items of a wave succeed with probability r = (1 − f)^c.
        let r = pow(1 - min(1, itemFailure), c)
        let fullWaves = (items / c).rounded(.down)
        let rest = items - fullWaves * c
        // c · Σ_{w=0}^{W−1} r^w + rest · r^W, with W full waves.
        let geometric = r >= 1 ? fullWaves : (1 - pow(r, fullWaves)) / (1 - r)
        let started = c * geometric + rest * pow(r, fullWaves)
        return started.isFinite ? min(items, started) : items
    }
}
