import Foundation
import Testing
@testable import SFNCostKit

/// Issue #11, items 1 and 3: what a failure inside a Parallel or Map stops and records, and the inner
/// states of a retried Parallel or Map entered again on every attempt. Recorded by AWS: LocalStack
/// validated snapshots (localstack/localstack 8b9a79f, tests/aws/services/stepfunctions/v2; facts.md §4a).
@Suite struct AbortedWorkTests {
    static let parallel = """
    {"StartAt": "ParallelState", "States": {
      "ParallelState": {"Type": "Parallel", "Next": "Finish",
        "Branches": [{"StartAt": "ExecuteLambdaTask", "States": {
          "ExecuteLambdaTask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
        RETRY
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}]},
      "Fallback": {"Type": "Pass", "End": true},
      "Finish": {"Type": "Pass", "End": true}}}
    """

    static let failingTask = """
    version: 1
    state_machines:
      test:
        states:
          ExecuteLambdaTask: {failure_rate: 1, error: Exception}
    """

    /// LS states_variables/test_error_output `test_parallel_catch_error[PARALLEL_CATCH_ERROR_OUTPUT]`:
    /// ExecutionStarted, ParallelStateEntered, ParallelStateStarted, TaskStateEntered, TaskScheduled,
    /// TaskStarted, TaskFailed, TaskStateAborted, ParallelStateFailed, ParallelStateExited, Pass 2,
    /// ExecutionSucceeded: 13 (the snapshot's last event id; its transformer drops ParallelStateFailed).
    /// By hand: Parallel 3 + Started 1 + Task 5 (Aborted in place of Exited) + Fallback 2 + 2 = 13.
    @Test func failedTaskInABranchIsAborted() throws {
        let analysis = try Fixtures.analyze(Self.parallel.replacingOccurrences(of: "RETRY", with: ""), profile: Self.failingTask)
        #expect(analysis.expected.events == 13)
        #expect(analysis.expected.transitions == 3)
    }

    /// The same `[PARALLEL_CATCH_ERROR_OUTPUT_WITH_RETRY]` (Parallel Retry States.ALL, MaxAttempts 1):
    /// a second ParallelStateStarted and the Task's 5 events again, no ParallelStateFailed between:
    /// last event id 19. By hand: 3 + 2 × (1 + 5) + 2 + 2 = 19. Transitions: 2 × (1 + 1) + 1 = 5; the
    /// inner Task is entered twice per visit of the Parallel (item 3).
    @Test func retriedParallelRunsItsBranchAgain() throws {
        let definition = Self.parallel.replacingOccurrences(of: "RETRY", with: #""Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],"#)
        let analysis = try Fixtures.analyze(definition, profile: Self.failingTask)
        #expect(analysis.expected.events == 19)
        #expect(analysis.expected.transitions == 5)
        let parallel = try #require(analysis.root.states.first { $0.state.name == "ParallelState" })
        #expect(parallel.childRunsPerVisit == 2)
    }

    /// LS callback/test_callback `test_sqs_failure_in_wait_for_task_tok_no_error_field[SQS_PARALLEL_WAIT_FOR_TASK_TOKEN]`:
    /// 14 events: ExecutionStarted, ParallelStateEntered, ParallelStateStarted, TaskStateEntered,
    /// TaskScheduled, TaskStarted, TaskSubmitted, TaskFailed, TaskStateAborted, ParallelStateFailed,
    /// ParallelStateExited, Pass 2, ExecutionSucceeded. By hand: 3 + 1 + 6 + 2 + 2 = 14.
    @Test func failedCallbackTaskInABranchIsAborted() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "ParallelJob", "States": {
          "ParallelJob": {"Type": "Parallel", "End": true,
            "Branches": [{"StartAt": "SendMessageWithWait", "States": {"SendMessageWithWait": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "CaughtStatesALL"}]},
          "CaughtStatesALL": {"Type": "Pass", "End": true}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              SendMessageWithWait: {failure_rate: 1}
        """)
        #expect(analysis.expected.events == 14)
    }

    /// LS timeouts/test_timeouts `test_service_lambda_map_timeout` (4 items, no MaxConcurrency, every
    /// LambdaInvoke times out): 33 events: ExecutionStarted, MapStateEntered, MapStateStarted,
    /// 4 MapIterationStarted, 4 × (TaskStateEntered, TaskScheduled, TaskStarted, TaskTimedOut),
    /// MapIterationFailed, 3 MapIterationAborted, 4 TaskStateAborted, MapStateFailed, ExecutionFailed.
    /// By hand: Map 2 (Entered, Failed) + Started 1 + 4 × (iteration 2 + Task 5) = 31, + 2 = 33.
    /// Transitions 1 + 4 = 5. All 4 run at once (the inline limit is 40), so all 4 start.
    @Test func mapAbortsEveryRunningIteration() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "MapWait", "States": {"MapWait": {"Type": "Map", "InputPath": "$.Inputs", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "LambdaInvoke", "States": {
            "LambdaInvoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "End": true}}}}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              MapWait: {items: 4}
              LambdaInvoke: {failure_rate: 1, error: States.Timeout}
        """)
        #expect(analysis.expected.events == 33)
        #expect(analysis.expected.transitions == 5)
        #expect(analysis.root.failures.first?.error == "States.Timeout")
    }

    /// Items after the wave in which one fails never start [DERIVED, MapAbortModel]: 25 items,
    /// MaxConcurrency 10, each iteration (one Pass) failing 10% on evaluation. A wave of 10 all
    /// succeeds with r = 0.9^10; waves of 10, 10, 5: E[started] = 10 + 10 r + 5 r².
    /// Transitions: Map 1 + E[started] × 1.
    @Test func laterWavesDoNotStartAfterAFailure() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 10, "End": true,
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              M: {items: 25}
              P: {failure_rate: 0.1}
        """)
        let r = pow(0.9, 10.0)
        let started = 10 + 10 * r + 5 * r * r
        #expect(abs(analysis.expected.transitions - (1 + started)) < 1e-12)
        let map = try #require(analysis.root.states.first { $0.state.name == "M" })
        #expect(abs(map.childRunsPerVisit - started) < 1e-12)
    }

    /// Item 3 in `explain`: LS test_map_state_retry_multiple_retriers runs its one item on each of 4
    /// attempts, so the Fail state inside is visited 4 times per execution (expected), not once.
    @Test func explainShowsInnerVisitsOfEveryAttempt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        {"StartAt": "MapState", "States": {
          "MapState": {"Type": "Map", "MaxConcurrency": 1, "End": true,
            "ItemProcessor": {"StartAt": "HandleItemFail", "States": {"HandleItemFail": {"Type": "Fail", "Error": "HandleItemFailError"}}},
            "Retry": [{"ErrorEquals": ["NoSuchError"], "MaxAttempts": 1}, {"ErrorEquals": ["HandleItemFailError"], "MaxAttempts": 3}]}}}
        """.write(to: directory.appendingPathComponent("retried.asl.json"), atomically: true, encoding: .utf8)
        try """
        version: 1
        state_machines:
          retried:
            states:
              MapState: {items: 1}
        """.write(to: directory.appendingPathComponent("usage.yml"), atomically: true, encoding: .utf8)
        let outcome = Estimator.run(.init(paths: [directory.appendingPathComponent("retried.asl.json").path],
                                          profilePath: directory.appendingPathComponent("usage.yml").path))
        let report = try #require(outcome.report)
        let explanation = Explanation.build(outcome.analyses[0], report: report.stateMachines[0], pricing: report.pricing)
        let inner = try #require(explanation.states.first { $0.state == "HandleItemFail" })
        #expect(inner.expectedVisits == 4)
        // Why 4: the Map fails every attempt with the inner HandleItemFailError, which its second
        // retrier (MaxAttempts 3) handles; after 4 attempts nothing catches it.
        let map = try #require(explanation.states.first { $0.state == "MapState" })
        #expect(map.expectedAttemptsPerVisit == 4)
        let failure = try #require(map.attemptFailures?.first)
        #expect(failure.error == "HandleItemFailError" && failure.source == "inner" && failure.perAttempt == 1)
        #expect(failure.retrier == 2 && failure.maxAttempts == 3 && failure.endProbability == 1 && failure.caughtBy == nil)
        #expect(explanation.text(currency: "USD").contains("HandleItemFailError, from inside: 100% of attempts; retried by retrier 2 (MaxAttempts 3)"))
    }
}
