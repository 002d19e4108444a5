import Foundation
import Testing
@testable import SFNCostKit

/// Issue #11, item 5: `failure_rate: 1` (every attempt fails) is allowed and exact.
@Suite struct CertainFailureTests {
    /// T retries twice (MaxAttempts 2) and every attempt fails: exactly 3 attempts, then its Catch
    /// goes to Handled. Transitions: 3 attempts of T + Handled = 4. Events: T's frame (Entered,
    /// Exited: the Catch writes TaskStateExited) 2 + 3 attempts × 3 (Scheduled, Started, Failed) = 11;
    /// Handled 2; execution 2: 15. Expected equals worst here: the worst case also exhausts the retries.
    @Test func everyAttemptFailsThenTheCatchIsTaken() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
          "Handled": {"Type": "Pass", "End": true}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              T: {failure_rate: 1}
        """)
        #expect(analysis.expected.transitions == 4)
        #expect(analysis.expected.events == 15)
        #expect(analysis.worst.transitions.value == Count(4))
        #expect(analysis.root.failureProbability == 0)
    }

    /// Without a Catch the execution fails after the 3 attempts: no TaskStateExited at the top level,
    /// so events are 2 + 9 − 1 = 10, + execution 2 = 12; the run fails with probability exactly 1.
    @Test func everyAttemptFailsAndTheExecutionFails() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}]}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              T: {failure_rate: 1}
        """)
        #expect(analysis.expected.transitions == 3)
        #expect(analysis.expected.events == 12)
        #expect(analysis.root.failureProbability == 1)
    }

    /// Above 1 is still an error at its line and column.
    @Test func aboveOneIsRejected() throws {
        #expect(throws: InputError.self) {
            _ = try Fixtures.profile("""
            version: 1
            state_machines:
              test:
                states:
                  T: {failure_rate: 1.01}
            """)
        }
    }
}

/// No input traps: MaxAttempts at the largest value AWS accepts (99,999,999; larger is a located
/// error, see NumericFieldTests), with a failure rate of 0.5 and of 1, and failed_attempts at its maximum.
@Suite struct ExtremeRetryTests {
    static let definition = """
    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
      "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 99999999, "BackoffRate": 2}]}}}
    """

    /// Rate 0.5: E[attempts] = Σ 0.5^k = 2 (to double precision), whatever the huge MaxAttempts.
    @Test func hugeMaxAttemptsWithARate() throws {
        let analysis = try Fixtures.analyze(Self.definition, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      T: {failure_rate: 0.5}\n")
        #expect(analysis.expected.transitions == 2)
    }

    /// Rate 1: every attempt fails: the first attempt and all 99,999,999 retries, 100,000,000
    /// transitions, exactly, not a trap.
    @Test func hugeMaxAttemptsAlwaysFailing() throws {
        let analysis = try Fixtures.analyze(Self.definition, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      T: {failure_rate: 1}\n")
        #expect(analysis.expected.transitions == 100_000_000)
    }

    /// failed_attempts 1,000,000 then a success: 1,000,001 attempts.
    @Test func manyFixedFailures() throws {
        let analysis = try Fixtures.analyze(Self.definition, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      T: {failed_attempts: 1000000}\n")
        #expect(analysis.expected.transitions == 1_000_001)
    }
}
