import Foundation
import Testing
@testable import SFNCostKit

/// Issue #11, item 7: `failed_attempts: N`, the first N attempts fail and the next one succeeds.
@Suite struct FailedAttemptsTests {
    static let definition = """
    {"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}]}}}
    """

    static func profile(_ entry: String) -> String {
        """
        version: 1
        state_machines:
          test:
            states:
              T: {\(entry), duration: 1s}
        """
    }

    /// Two failed attempts then a success: 3 attempts = 3 transitions; events 2 + 3 × 3 = 11, + 2 = 13;
    /// waits 2 s then 4 s (interval 2, rate 2) and 3 attempts of 1 s: 9 s. No randomness: exact.
    @Test func twoFailuresThenSuccess() throws {
        let analysis = try Fixtures.analyze(Self.definition, profile: Self.profile("failed_attempts: 2"))
        #expect(analysis.expected.transitions == 3)
        #expect(analysis.expected.events == 13)
        #expect(analysis.expected.seconds == 9)
        #expect(analysis.root.failureProbability == 0)
    }

    /// Five failures with three retries allowed: all 4 attempts fail and nothing catches it. Events
    /// 2 + 4 × 3 − 1 (no TaskStateExited) = 13, + 2 = 15; waits 2 + 4 + 8 = 14 s + 4 × 1 s = 18 s.
    @Test func moreFailuresThanRetriesFailTheExecution() throws {
        let analysis = try Fixtures.analyze(Self.definition, profile: Self.profile("failed_attempts: 5"))
        #expect(analysis.expected.transitions == 4)
        #expect(analysis.expected.events == 15)
        #expect(analysis.expected.seconds == 18)
        #expect(analysis.root.failureProbability == 1)
    }

    /// `failed_attempts: 0` is the default behaviour (one attempt).
    @Test func zeroIsOneAttempt() throws {
        let analysis = try Fixtures.analyze(Self.definition, profile: Self.profile("failed_attempts: 0"))
        #expect(analysis.expected.transitions == 1)
    }

    /// Both keys, or a negative count, are errors at the profile's line.
    @Test func exclusiveWithARateAndNonNegative() throws {
        #expect(throws: InputError.self) { _ = try Fixtures.profile(Self.profile("failure_rate: 0.1, failed_attempts: 1")) }
        #expect(throws: InputError.self) { _ = try Fixtures.profile(Self.profile("failed_attempts: -1")) }
        #expect(throws: InputError.self) { _ = try Fixtures.profile(Self.profile("failed_attempts: 1.5")) }
    }
}
