import Foundation
import Testing
@testable import SFNCostKit

/// Issue #11, item 6: `failure_rate` and `error` on every state type. An evaluation failure writes
/// `<Type>StateEntered`, `EvaluationFailed` (2 events), then the execution (or branch) fails; no Retry
/// or Catch exists on Pass, Wait, Choice or Succeed. Recorded by AWS: LocalStack validated snapshots
/// (localstack/localstack 8b9a79f, tests/aws/services/stepfunctions/v2; facts.md §4a).
@Suite struct EvaluationFailureTests {
    static func profile(_ states: String) -> String {
        """
        version: 1
        state_machines:
          test:
            states:
        \(states)
        """
    }

    /// A (Pass, fails 25%) → B (Pass). Transitions 1 + 0.75 = 1.75; events A 2 (Entered + Exited, or
    /// Entered + EvaluationFailed) + 0.75 × B 2 + execution 2 = 5.5; the run fails with 0.25, with
    /// States.Runtime (JSONPath), which the report lists as an assumption.
    @Test func passFailsOnEvaluation() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}
        """, profile: Self.profile("          A: {failure_rate: 0.25}"))
        #expect(analysis.expected.transitions == 1.75)
        #expect(analysis.expected.events == 5.5)
        #expect(analysis.root.failureProbability == 0.25)
        #expect(analysis.root.failures.first?.error == "States.Runtime")
        #expect(analysis.assumptions.contains { $0.state == "A" && $0.field == "error" && $0.value == "States.Runtime" })
    }

    /// LS scenarios/test_base_scenarios `test_wait_timestamp_jsonata[NO_T]`: ExecutionStarted,
    /// WaitStateEntered, EvaluationFailed (States.QueryEvaluationError), ExecutionFailed = 4 events,
    /// 1 transition, and no wait.
    @Test func jsonataWaitFailsWithoutWaiting() throws {
        let analysis = try Fixtures.analyze("""
        {"QueryLanguage": "JSONata", "StartAt": "W", "States": {
          "W": {"Type": "Wait", "Timestamp": "{% $states.input.ts %}", "End": true}}}
        """, profile: Self.profile("          W: {failure_rate: 1, duration: 30s}"))
        #expect(analysis.expected.events == 4)
        #expect(analysis.expected.transitions == 1)
        #expect(analysis.expected.seconds == 0)
        #expect(analysis.root.failures.first?.error == "States.QueryEvaluationError")
    }

    /// LS `test_map_state_items_eval_jsonata_fail[number]`: ExecutionStarted, MapStateEntered,
    /// EvaluationFailed, MapStateFailed, ExecutionFailed = 5 events; 1 transition; no iteration runs.
    @Test func mapFailsBeforeItsIterations() throws {
        let analysis = try Fixtures.analyze("""
        {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
          "M": {"Type": "Map", "Items": "{% $states.input.items %}", "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                                  "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """, profile: Self.profile("          M: {failure_rate: 1, items: 8}"))
        #expect(analysis.expected.events == 5)
        #expect(analysis.expected.transitions == 1)
    }

    /// A Distributed Map whose ItemReader fails (facts.md §4a): MapStateEntered, MapStateStarted,
    /// MapRunStarted, MapRunFailed (States.ItemReaderFailed), MapStateFailed = 5 events, + execution 2
    /// = 7; 1 transition (no child started). The error defaults to States.ItemReaderFailed, so the
    /// Map's retrier for it applies: with MaxAttempts 1 and failure_rate 1, 2 attempts: frame 2 +
    /// 2 × 3 = 8 events, + 2 = 10; 2 transitions.
    @Test func itemReaderFailure() throws {
        let definition = { (retry: String) in
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, \(retry)
              "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
            """
        }
        let profile = Self.profile("          M: {failure_rate: 1, items: 100}")
        let once = try Fixtures.analyze(definition(""), profile: profile)
        #expect(once.expected.events == 7)
        #expect(once.expected.transitions == 1)
        #expect(once.root.failures.first?.error == "States.ItemReaderFailed")
        let twice = try Fixtures.analyze(definition(#""Retry": [{"ErrorEquals": ["States.ItemReaderFailed"], "MaxAttempts": 1}],"#), profile: profile)
        #expect(twice.expected.events == 10)
        #expect(twice.expected.transitions == 2)
    }

    /// LS assign/test_assign_reference_variables `test_undefined_reference[BASE_UNDEFINED_ARGUMENTS]`:
    /// a Task whose Arguments fail: ExecutionStarted, TaskStateEntered, EvaluationFailed,
    /// ExecutionFailed = 4 events (no Scheduled/Started/Failed).
    @Test func taskArgumentsFailOnEvaluation() throws {
        let analysis = try Fixtures.analyze("""
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"x": "{% $undefined %}"}, "End": true}}}
        """, profile: Self.profile("          T: {failure_rate: 1, error: States.QueryEvaluationError}"))
        #expect(analysis.expected.events == 4)
        #expect(analysis.expected.transitions == 1)
    }

    /// LS states_variables/test_error_output `test_map_catch_error[MAP_CATCH_ERROR_OUTPUT_WITH_RETRY]`
    /// (one item): ProcessItem fails twice (Retry MaxAttempts 1), its Catch goes to Fallback (Pass),
    /// whose Output fails to evaluate; the iteration fails, so the Map fails with
    /// States.QueryEvaluationError. Recorded, 17 events: ExecutionStarted, MapStateEntered,
    /// MapStateStarted, MapIterationStarted, TaskStateEntered, 2 × (TaskScheduled, TaskStarted,
    /// TaskFailed), TaskStateExited, PassStateEntered, EvaluationFailed, MapIterationFailed,
    /// MapStateFailed, ExecutionFailed. By hand: Map 2 (no MapStateExited) + Started 1 + iteration 2
    /// + Task 2 + 2 × 3 + Fallback 2 = 15, + 2 = 17. Transitions: Map 1 + Task 2 + Fallback 1 = 4.
    @Test func passFailingInAMapIterationFailsTheMap() throws {
        let analysis = try Fixtures.analyze("""
        {"QueryLanguage": "JSONata", "StartAt": "ProcessItems", "States": {
          "ProcessItems": {"Type": "Map", "Items": "{% $states.input.items %}", "MaxConcurrency": 1, "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "ProcessItem", "States": {
              "ProcessItem": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}], "Next": "Finish"},
              "Fallback": {"Type": "Pass", "Output": {"error": "{% $stateError %}"}, "End": true},
              "Finish": {"Type": "Pass", "End": true}}}}}}
        """, profile: Self.profile("""
                  ProcessItems: {items: 1}
                  ProcessItem: {failed_attempts: 2, error: Exception}
                  Fallback: {failure_rate: 1}
        """))
        #expect(analysis.expected.events == 17)
        #expect(analysis.expected.transitions == 4)
        #expect(analysis.root.failures.first?.error == "States.QueryEvaluationError")
    }
}
