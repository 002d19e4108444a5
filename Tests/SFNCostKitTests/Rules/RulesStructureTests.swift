import Testing
@testable import SFNCostKit

/// Rules that read the definition alone: SFN114, SFN132, SFN141–SFN146, SFN153.
/// Each input marks with an emoji where the finding must point: the state's name key, a Retry
/// entry's opening brace, or a Catch entry's `Next` value (where the decoder locates a catcher).
@Suite struct RulesStructureTests {
    // MARK: SFN114 wait-over-year

    @Test func waitOverOneYearIsFound() throws {
        // One year = 365 × 86,400 = 31,536,000 s; one second more is over.
        let input = MarkedText("""
        {"StartAt": "Sleep", "States": {
          1️⃣"Sleep": {"Type": "Wait", "Seconds": 31536001, "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN114")
        #expect(found.map(\.location) == [input["1️⃣"]])
        #expect(found.first?.message.contains("1 s over") == true)
    }

    @Test func waitOfExactlyOneYearIsAllowed() throws {
        let input = MarkedText("""
        {"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 31536000, "End": true}}}
        """)
        #expect(try RuleHarness.findings(input, rule: "SFN114").isEmpty)
    }

    @Test func expressWaitOverFiveMinutesIsFound() throws {
        let input = MarkedText("""
        {"StartAt": "Sleep", "States": {
          1️⃣"Sleep": {"Type": "Wait", "Seconds": 301, "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN114", profile: "version: 1\nstate_machines:\n  test: {type: EXPRESS}\n")
        #expect(found.map(\.location) == [input["1️⃣"]])
    }

    // MARK: SFN132 distributed-map-concurrency

    static func distributedMap(concurrency: Int) -> MarkedText {
        MarkedText("""
        {"StartAt": "Fan", "States": {
          1️⃣"Fan": {"Type": "Map", "MaxConcurrency": \(concurrency),
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
            "End": true}
        }}
        """)
    }

    @Test func distributedConcurrencyOverTenThousandIsFound() throws {
        let input = Self.distributedMap(concurrency: 20_000)
        let found = try RuleHarness.findings(input, rule: "SFN132")
        #expect(found.map(\.location) == [input["1️⃣"]])
        // 20,000 − 10,000 = 10,000 over.
        #expect(found.first?.message.contains("10,000 above") == true)
    }

    @Test func distributedConcurrencyAtTheLimitIsAllowed() throws {
        #expect(try RuleHarness.findings(Self.distributedMap(concurrency: 10_000), rule: "SFN132").isEmpty)
    }

    // MARK: SFN141 definition-size

    @Test func definitionOverOneMegabyteIsFoundAtTheMachine() throws {
        let input = MarkedText("""
        1️⃣{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN141", definitionBytes: 1_048_577)
        #expect(found.map(\.location) == [input["1️⃣"]])
        #expect(found.first?.message.contains("1 bytes over") == true)
        #expect(try RuleHarness.findings(input, rule: "SFN141", definitionBytes: 1_048_576).isEmpty)
    }

    // MARK: SFN142 state-name-length

    @Test func stateNameOverEightyCharactersIsFound() throws {
        let long = String(repeating: "n", count: 81)
        let ok = String(repeating: "k", count: 80)
        let input = MarkedText("""
        {"StartAt": "\(ok)", "States": {
          "\(ok)": {"Type": "Pass", "Next": "\(long)"},
          1️⃣"\(long)": {"Type": "Pass", "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN142")
        #expect(found.map(\.location) == [input["1️⃣"]])
        #expect(found.first?.message.contains("81 characters, 1 over") == true)
    }

    // MARK: SFN143 unreachable-state

    @Test func unreachableStatesAreFoundInEveryScope() throws {
        // 'Recover' is reached only through Catch and 'Done' only through a Choice Default: both fine.
        // 'Orphan' (top level) and 'Lost' (inside the Parallel branch) are not reachable.
        let input = MarkedText("""
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Branches",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]},
          "Recover": {"Type": "Pass", "Next": "Branches"},
          "Branches": {"Type": "Parallel", "Next": "Decide", "Branches": [
            {"StartAt": "B1", "States": {
              "B1": {"Type": "Pass", "End": true},
              2️⃣"Lost": {"Type": "Pass", "End": true}}}
          ]},
          "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "Recover"}],
                     "Default": "Done"},
          "Done": {"Type": "Succeed"},
          1️⃣"Orphan": {"Type": "Pass", "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN143")
        #expect(found.map(\.location) == [input["2️⃣"], input["1️⃣"]])
        #expect(found.map(\.state) == ["Lost", "Orphan"])
    }

    @Test func catchTargetsAndMapIterationsAreReachable() throws {
        let input = MarkedText("""
        {"StartAt": "Each", "States": {
          "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Try", "States": {
              "Try": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Skip"}]},
              "Skip": {"Type": "Pass", "End": true}}},
            "End": true}
        }}
        """)
        #expect(try RuleHarness.findings(input, rule: "SFN143").isEmpty)
    }

    // MARK: SFN144 states-all-position

    @Test func statesAllNotLastOrNotAloneIsFound() throws {
        let input = MarkedText("""
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [1️⃣{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Lambda.TooManyRequestsException"]}],
            "Catch": [{"ErrorEquals": ["States.ALL", "Custom.Error"], "Next": 2️⃣"Handle"}]},
          "Handle": {"Type": "Pass", "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN144")
        #expect(found.map(\.location) == [input["1️⃣"], input["2️⃣"]])
    }

    @Test func statesAllAloneInTheLastEntryIsAllowed() throws {
        let input = MarkedText("""
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"]}, {"ErrorEquals": ["States.ALL"]}]}
        }}
        """)
        #expect(try RuleHarness.findings(input, rule: "SFN144").isEmpty)
    }

    // MARK: SFN145 task-timeout-missing

    @Test func waitingTasksWithoutTimeoutAreFound() throws {
        // The callback and the ECS job wait; the Lambda call, the Glue job (Glue stops it itself) and the
        // callback with TimeoutSecondsPath are not reported.
        let input = MarkedText("""
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Approve"},
          1️⃣"Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "Job"},
          2️⃣"Job": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Next": "Glue"},
          "Glue": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Next": "Dynamic"},
          "Dynamic": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                      "TimeoutSecondsPath": "$.timeout", "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN145")
        #expect(found.map(\.location) == [input["1️⃣"], input["2️⃣"]])
    }

    @Test func callbackWithTimeoutIsAllowed() throws {
        let input = MarkedText("""
        {"StartAt": "Approve", "States": {
          "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                      "TimeoutSeconds": 3600, "End": true}
        }}
        """)
        #expect(try RuleHarness.findings(input, rule: "SFN145").isEmpty)
    }

    // MARK: SFN146 heartbeat-not-below-timeout

    @Test func heartbeatEqualToTimeoutIsFound() throws {
        let input = MarkedText("""
        {"StartAt": "Poll", "States": {
          1️⃣"Poll": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                   "TimeoutSeconds": 60, "HeartbeatSeconds": 60, "Next": "Fine"},
          "Fine": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                   "TimeoutSeconds": 60, "HeartbeatSeconds": 59, "End": true}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN146")
        #expect(found.map(\.location) == [input["1️⃣"]])
        // 60 − 60 + 1 = 1 s too long.
        #expect(found.first?.message.contains("(1 s too long)") == true)
    }

    // MARK: SFN153 retry-storm

    @Test func manyRetriesWithBackoffAndNoCapAreFound() throws {
        // 10 retries, interval 1 s, rate 2 (default): back-off 1 + 2 + … + 512 = 2^10 − 1 = 1,023 s
        // = 17 min 3 s; the last delay 2^9 = 512 s = 8 min 32 s. The capped and the 9-retry ones are fine.
        let input = MarkedText("""
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "TimeoutSeconds": 5,
            "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 9},
                      {"ErrorEquals": ["B"], "MaxAttempts": 50, "MaxDelaySeconds": 60},
                      1️⃣{"ErrorEquals": ["States.ALL"], "MaxAttempts": 10}]}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN153")
        #expect(found.map(\.location) == [input["1️⃣"]])
        let message = try #require(found.first?.message)
        #expect(message.contains("up to 10 extra transitions per visit"))
        #expect(message.contains("waits 17 min 3 s in back-off"))
        #expect(message.contains("the last delay alone 8 min 32 s"))
    }
}
