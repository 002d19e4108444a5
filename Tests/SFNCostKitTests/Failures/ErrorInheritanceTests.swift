import Foundation
import Testing
@testable import SFNCostKit

/// Issue #11, item 2: a Map or Parallel fails with the error of what failed inside it, and its own
/// Retry and Catch are matched against that error. Event sequences recorded by AWS: LocalStack's
/// validated snapshots (repo localstack/localstack 8b9a79f, tests/aws/services/stepfunctions/v2;
/// facts.md §4a).
@Suite struct ErrorInheritanceTests {
    /// LS scenarios/test_base_scenarios `test_map_state_retry_multiple_retriers` (definition
    /// map_state_retry_multiple_retriers.json5, one item): the inner Fail raises HandleItemFailError;
    /// retriers NoSuchError (1), "State.ALL" (a typo: matches nothing) (2), HandleItemFailError (3).
    /// AWS used the third: 4 attempts. Recorded history, 22 events: ExecutionStarted, Pass 2,
    /// MapStateEntered, 4 × (MapStateStarted, MapIterationStarted, FailStateEntered, MapIterationFailed),
    /// MapStateFailed, ExecutionFailed. By hand: 2 + 2 + 1 + 4 × 4 + 1 = 22.
    /// Transitions: Pass 1 + 4 Map attempts + 4 Fail entries = 9.
    @Test func mapRetriesWithTheRetrierThatNamesTheInnerError() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "StartState", "States": {
          "StartState": {"Type": "Pass", "Result": [1], "ResultPath": "$.arr", "Next": "MapState"},
          "MapState": {"Type": "Map", "ResultPath": null, "InputPath": "$.arr", "MaxConcurrency": 1,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "HandleItemFail",
              "States": {"HandleItemFail": {"Type": "Fail", "Error": "HandleItemFailError", "Cause": "HandleItemFailCause"}}},
            "Retry": [{"ErrorEquals": ["NoSuchError"], "MaxAttempts": 1},
                      {"ErrorEquals": ["State.ALL"], "MaxAttempts": 2},
                      {"ErrorEquals": ["HandleItemFailError"], "MaxAttempts": 3}],
            "Next": "Final"},
          "Final": {"Type": "Pass", "End": true}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              MapState: {items: 1}
        """)
        #expect(analysis.expected.events == 22)
        #expect(analysis.expected.transitions == 9)
        #expect(analysis.root.failureProbability == 1)
        #expect(analysis.root.failures.first?.error == "HandleItemFailError")
    }

    static func emptyFail(catchAll: String) -> String {
        """
        {"StartAt": "StartState", "States": {
          "StartState": {"Type": "Pass", "Result": [1], "ResultPath": "$.arr", "Next": "MapState"},
          "MapState": {"Type": "Map", "ResultPath": null, "InputPath": "$.arr", "MaxConcurrency": 1,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "HandleItemFail",
              "States": {"HandleItemFail": {"Type": "Fail"}}},
            "Catch": [{"ErrorEquals": ["Internal Error"], "Next": "CaughtInternalError"},
                      {"ErrorEquals": ["\(catchAll)"], "Next": "CaughtStatesALL"}],
            "Next": "CaughtNone"},
          "CaughtInternalError": {"Type": "Pass", "End": true},
          "CaughtStatesALL": {"Type": "Pass", "End": true},
          "CaughtNone": {"Type": "Pass", "End": true}}}
        """
    }

    static let oneItem = """
    version: 1
    state_machines:
      test:
        states:
          MapState: {items: 1}
    """

    /// LS `test_map_state_catch_empty_fail` (map_state_catch_empty_fail.json5): a Fail without Error;
    /// neither "Internal Error" nor the misspelt "State.ALL" catches it. Recorded, 10 events:
    /// ExecutionStarted, PassStateEntered/Exited, MapStateEntered, MapStateStarted, MapIterationStarted,
    /// FailStateEntered, MapIterationFailed, MapStateFailed, ExecutionFailed. Transitions: 3.
    @Test func failWithoutErrorIsNotCaughtByOtherNames() throws {
        let analysis = try Fixtures.analyze(Self.emptyFail(catchAll: "State.ALL"), profile: Self.oneItem)
        #expect(analysis.expected.events == 10)
        #expect(analysis.expected.transitions == 3)
        #expect(analysis.root.failureProbability == 1)
        #expect(analysis.root.failures.first?.error == nil)
    }

    /// The same with a real States.ALL catcher: caught. The Map writes MapStateExited (+1) and the
    /// catcher's Pass 2: 2 + 2 + (6 + 1) + 2 = 13 events; transitions Pass, Map, Fail, Pass = 4.
    @Test func failWithoutErrorIsCaughtByStatesAll() throws {
        let analysis = try Fixtures.analyze(Self.emptyFail(catchAll: "States.ALL"), profile: Self.oneItem)
        #expect(analysis.expected.events == 13)
        #expect(analysis.expected.transitions == 4)
        #expect(analysis.root.failureProbability == 0)
        let caught = try #require(analysis.root.states.first { $0.state.name == "CaughtStatesALL" })
        #expect(caught.expectedVisits == 1)
    }

    /// A Parallel whose branch fails with Boom: the first retrier (Other, 5 retries) does not match;
    /// the second (Boom, 1 retry) does: 2 attempts, then the Catch on Boom goes to Handled.
    /// Transitions: 2 × (Parallel 1 + Fail 1) + Handled 1 = 5. Events: Parallel frame 3 (Entered,
    /// Failed, Exited) + 2 × (Started 1 + FailStateEntered 1) = 7; Handled 2; execution 2: 11.
    @Test func parallelRetryAndCatchMatchTheBranchError() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Next": "Done",
                "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Boom"}}}],
                "Retry": [{"ErrorEquals": ["Other"], "MaxAttempts": 5}, {"ErrorEquals": ["Boom"], "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["Other"], "Next": "Done"}, {"ErrorEquals": ["Boom"], "Next": "Handled"}]},
          "Handled": {"Type": "Pass", "End": true},
          "Done": {"Type": "Pass", "End": true}}}
        """)
        #expect(analysis.expected.transitions == 5)
        #expect(analysis.expected.events == 11)
        let handled = try #require(analysis.root.states.first { $0.state.name == "Handled" })
        #expect(handled.expectedVisits == 1)
    }

    /// Two branches fail with different errors, each retried by its own retrier (own counters): T1
    /// fails 50% with A, T2 50% with B. An attempt fails with 1 − 0.5² = 0.75, A and B weighted
    /// equally: q_A = q_B = 0.375, success 0.25. With MaxAttempts 1 each, the attempts reach the
    /// counter cells (0,0) with 1, (1,0) and (0,1) with 0.375 each, (1,1) with 2 × 0.375² = 0.28125:
    /// E[attempts] = 2.03125. The run succeeds with 0.25 × 2.03125 = 0.5078125.
    /// Transitions: 2.03125 × (Parallel 1 + T1 1 + T2 1) = 6.09375. Events: frame 3 + 2.03125 ×
    /// (Started 1 + 5 + 5; a failed Task in a branch writes TaskStateAborted for TaskStateExited)
    /// = 25.34375, minus ParallelStateExited for the uncaught failures
    /// (1 − 0.5078125 = 0.4921875), + execution 2 = 26.8515625.
    @Test func twoErrorsWithTheirOwnRetriers() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
          "Branches": [{"StartAt": "T1", "States": {"T1": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
                       {"StartAt": "T2", "States": {"T2": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
          "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 1}, {"ErrorEquals": ["B"], "MaxAttempts": 1}]}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              T1: {failure_rate: 0.5, error: A}
              T2: {failure_rate: 0.5, error: B}
        """)
        #expect(abs(analysis.expected.transitions - 6.09375) < 1e-12)
        #expect(abs(analysis.expected.events - 26.8515625) < 1e-12)
        #expect(abs(analysis.root.failureProbability - 0.4921875) < 1e-12)
        let parallel = try #require(analysis.root.states.first { $0.state.name == "P" })
        #expect(abs(parallel.childRunsPerVisit - 2.03125) < 1e-12)
    }

    /// States.Runtime is never retried or caught, not even by States.ALL (AWS concepts-error-handling).
    @Test func runtimeErrorsAreNotCaught() {
        #expect(!ErrorMatching.matches("States.Runtime", ["States.ALL"]))
        #expect(!ErrorMatching.matches("States.Runtime", ["States.Runtime"]))
        #expect(ErrorMatching.matches(nil, ["States.ALL"]))
        #expect(!ErrorMatching.matches(nil, ["States.TaskFailed"]))
        #expect(ErrorMatching.matches("States.QueryEvaluationError", ["States.ALL"]))
    }
}

/// A pathological case must neither hang nor trap: two branches that always fail, with A and with B,
/// each retried 99,999,999 times by its own retrier. Every attempt fails (A or B, half each), so the
/// attempts end when one counter runs out: at least 99,999,999 + 1 and at most 2 × 99,999,999 + 1.
/// The grid walk runs out of budget and finishes by an approximation, listed as an assumption.
@Suite struct RetryGridBudgetTests {
    @Test func hugeRetriesOnTwoErrorsFinishQuickly() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
          "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "A"}}},
                       {"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "B"}}}],
          "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 99999999}, {"ErrorEquals": ["B"], "MaxAttempts": 99999999}]}}}
        """)
        let parallel = try #require(analysis.root.states.first { $0.state.name == "P" })
        #expect(parallel.childRunsPerVisit >= 100_000_000 && parallel.childRunsPerVisit <= 199_999_999)
        #expect(analysis.root.failureProbability > 0.999)
        #expect(analysis.assumptions.contains { $0.state == "P" && $0.value == "approximated" })
    }
}
