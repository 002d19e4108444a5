import Foundation
import Testing
@testable import SFNCostKit

/// Small machines whose figures follow directly from facts.md's counting rules; each derivation
/// is in the comment above its expectations.
@Suite struct CountingRulesTests {
    /// Pass → Wait(10 s) → Succeed: 3 states entered = 3 transitions; events 2 + 2 + 2 + execution 2 = 8;
    /// duration 10 s. No branches, so expected = worst.
    @Test func linearChain() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Next": "B"},
          "B": {"Type": "Wait", "Seconds": 10, "Next": "C"},
          "C": {"Type": "Succeed"}}}
        """)
        #expect(analysis.expected.transitions == 3)
        #expect(analysis.worst.transitions.value == Count(3))
        #expect(analysis.expected.events == 8)
        #expect(analysis.worst.events.value == Count(8))
        #expect(analysis.worst.seconds.value == 10)
    }

    /// A Task with two retriers (MaxAttempts 2 and default 3): each has its own counter, so the worst
    /// case is 1 + 2 + 3 = 6 attempts = 6 transitions; events 2 + 3 × 6 = 20, + execution 2 = 22.
    /// Back-off: retrier 1 waits 1, 2 s (interval 1, rate 2); retrier 2 (interval 5, rate 3) waits
    /// 5, 15, 45 s; attempts take 1 s each: 6 + 3 + 65 = 74 s.
    @Test func retriersHaveTheirOwnCounters() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["A"], "IntervalSeconds": 1, "MaxAttempts": 2},
                          {"ErrorEquals": ["B"], "IntervalSeconds": 5, "BackoffRate": 3}]}}}
        """)
        #expect(analysis.worst.transitions.value == Count(6))
        #expect(analysis.worst.events.value == Count(22))
        #expect(analysis.worst.seconds.value == 74)
        // No failure rate in the profile: one attempt expected.
        #expect(analysis.expected.transitions == 1)
    }

    /// MaxAttempts 0 means never retry: worst case 1 attempt.
    @Test func maxAttemptsZeroNeverRetries() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true,
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]}}}
        """)
        #expect(analysis.worst.transitions.value == Count(1))
    }

    /// Parallel with branches of 2 and 3 Pass states: 1 + 2 + 3 = 6 transitions; events
    /// 4 + (2×2) + (3×2) = 14, + 2 = 16. Duration is the slower branch: max(5, 7) = 7 s.
    @Test func parallelAddsBranchesAndTakesTheSlowest() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A1", "States": {"A1": {"Type": "Pass", "Next": "A2"}, "A2": {"Type": "Wait", "Seconds": 5, "End": true}}},
          {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "B2"}, "B2": {"Type": "Pass", "Next": "B3"},
                                       "B3": {"Type": "Wait", "Seconds": 7, "End": true}}}]}}}
        """)
        #expect(analysis.expected.transitions == 6)
        #expect(analysis.worst.transitions.value == Count(6))
        #expect(analysis.expected.events == 16)
        #expect(analysis.worst.seconds.value == 7)
        #expect(analysis.expected.seconds == 7)
    }

    /// Inline Map over 8 items of one Pass state: 1 + 8 = 9 transitions; events 4 + 8 × (2 + 2) = 36,
    /// + 2 = 38 (facts.md: LS test_map_state, 8 items × Pass = 42 events with its extra Pass states;
    /// here only the Map). MaxConcurrency 3 and a 10 s wait per item: ⌈8/3⌉ = 3 waves × 10 s = 30 s.
    @Test func inlineMapMultipliesTheIteration() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 3, "End": true,
          "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              M: {items: 8}
        """)
        #expect(analysis.expected.transitions == 9)
        #expect(analysis.worst.transitions.value == Count(9))
        #expect(analysis.expected.events == 38)
        #expect(analysis.worst.seconds.value == 30)
    }

    /// Distributed Map, 1,000 items in batches of 100 = 10 Standard child executions of 2 Pass states:
    /// parent 1 + 10 (one per child started) = 11, children 10 × 2 = 20: 31 billed transitions.
    /// Parent history: 6 Map events + 2 = 8, whatever the item count.
    @Test func distributedMapBillsChildrenSeparately() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true,
          "ItemBatcher": {"MaxItemsPerBatch": 100},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              D: {items: 1000}
        """)
        #expect(analysis.expected.transitions == 31)
        #expect(analysis.worst.transitions.value == Count(31))
        #expect(analysis.expected.events == 8)
        #expect(analysis.worst.events.value == Count(8))
    }

    /// Express children: 50 items, batch of 10 → 5 child executions, each a 1.25 s Task billed as
    /// 1.3 s × 64 MB: 5 requests, 5 × 1.3 × 0.0625 = 0.40625 GB-s per parent execution.
    @Test func expressChildrenAreRequestsAndDuration() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true,
          "ItemBatcher": {"MaxItemsPerBatch": 10},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              D: {items: 50}
              T: {duration: 1250ms}
        """)
        #expect(analysis.expected.expressRequests == 5)
        #expect(abs(analysis.expected.expressGBSeconds - 0.40625) < 1e-12)
        // Parent: Map state 1 + 5 children started = 6 transitions; Express children add none.
        #expect(analysis.expected.transitions == 6)
    }

    /// A polling loop Check → Wait(30 s) → Check with odds 0.75 of going round: the expected visits
    /// of Check are 1 / (1 − 0.75) = 4 (geometric). With max_visits 10 on Check, the worst case enters
    /// Check 10 times and Wait 9 times: Start + 10 + 9 + Done = 21 transitions; 9 × 30 = 270 s.
    @Test func pollingLoopExpectedAndBounded() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "Start", "States": {
          "Start": {"Type": "Pass", "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Wait"},
          "Wait": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
          "Done": {"Type": "Succeed"}}}
        """, profile: """
        version: 1
        state_machines:
          test:
            states:
              Check: {branches: {Wait: 0.75, Done: 0.25}, max_visits: 10}
        """)
        // Expected: Start 1 + Check 4 + Wait 3 + Done 1 = 9 transitions; 3 × 30 = 90 s.
        #expect(abs(analysis.expected.transitions - 9) < 1e-9)
        #expect(abs(analysis.expected.seconds - 90) < 1e-9)
        #expect(analysis.worst.transitions.value == Count(21))
        #expect(analysis.worst.seconds.value == 270)
    }

    /// Check → Wait(30 s) → Check, with a way out to Done; Check stands on line 2.
    static let pollingLoop = """
        {"StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Wait"},
          "Wait": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
          "Done": {"Type": "Succeed"}}}
        """

    /// The same loop without max_visits: the worst case is unbounded and the loop is named.
    @Test func loopWithoutBoundIsAFinding() throws {
        let analysis = try Fixtures.analyze(Self.pollingLoop)
        #expect(analysis.worst.transitions.value == nil)
        let problem = try #require(analysis.root.problems.first)
        #expect(problem.kind == .unboundedLoop)
        #expect(Set(problem.states) == ["Check", "Wait"])
        let findings = RuleEngine.findings(for: analysis)
        #expect(findings.contains { $0.rule == "SFN151" && $0.line == 2 })
    }

    /// A loop whose exit has odds 0 never ends: an error, not a hang.
    @Test func loopThatCannotExitIsAnError() throws {
        let analysis = try Fixtures.analyze(Self.pollingLoop, profile: """
        version: 1
        state_machines:
          test:
            states:
              Check: {branches: {Wait: 1.0}, max_visits: 5}
        """)
        #expect(analysis.root.problems.contains { $0.kind == .trappedLoop })
        #expect(RuleEngine.findings(for: analysis).contains { $0.rule == "SFN152" && $0.severity == .error })
    }

    /// Maps nested 3 deep with a million items each, beyond 10^15 without trapping.
    /// Transitions: M3 = 1 + 10^6 × 1; M2 = 1 + 10^6 × M3; M1 = 1 + 10^6 × M2 = 1,000,001,000,001,000,001.
    /// Events: M3 = 4 + 10^6 × (2 + 2) = 4,000,004; M2 = 4 + 10^6 × (2 + M3) = 4,000,006,000,004;
    /// M1 = 4 + 10^6 × (2 + M2) = 4,000,006,000,006,000,004; + execution 2.
    @Test func hugeFanOutIsExact() throws {
        let analysis = try Fixtures.analyze(Self.nestedMaps(depth: 3), profile: Self.items(depth: 3))
        #expect(analysis.worst.transitions.value == Count(UInt64(1_000_001_000_001_000_001)))
        #expect(analysis.worst.events.value == Count(UInt64(4_000_006_000_006_000_006)))
        // And the JSON report carries them to the last digit (a Double would print 1.000001000001e+18).
        let report = ReportBuilder(prices: PriceTable.embedded().prices(for: "us-east-1")!, origin: "test",
                                   freeTier: false, toolVersion: "test").build([analysis])
        let json = try JSONRenderer.render(report)
        #expect(json.contains("\"worstCase\" : 1000001000001000001"))
        // Exact, so not too large: no SFN171.
        #expect(!report.stateMachines[0].findings.contains { $0.rule == "SFN171" })
        #expect(json.contains("\"worstCase\" : 4000006000006000006"))
        let decoded = try JSONRenderer.decode(Data(json.utf8))
        #expect(decoded.stateMachines[0].perExecution.transitions.worstCaseCount == 1_000_001_000_001_000_001)
    }

    /// Four levels: 10^24 transitions exceed UInt64 (1.8 × 10^19): the count saturates, the report
    /// gives null, and nothing traps.
    @Test func fanOutBeyondUInt64Saturates() throws {
        let analysis = try Fixtures.analyze(Self.nestedMaps(depth: 4), profile: Self.items(depth: 4))
        #expect(analysis.worst.transitions.value?.isSaturated == true)
        let report = ReportBuilder(prices: PriceTable.embedded().prices(for: "us-east-1")!, origin: "test",
                                   freeTier: false, toolVersion: "test").build([analysis])
        #expect(report.stateMachines[0].perExecution.transitions.worstCase == nil)
        #expect(report.stateMachines[0].perExecution.transitions.worstCaseTooLarge == true)
        #expect(report.stateMachines[0].findings.contains { $0.rule == "SFN171" && $0.line == 1 && $0.column == 1 })
        // Expected: 1 + 10^6 × (1 + 10^6 × (1 + 10^6 × (1 + 10^6))) ≈ 10^24, finite as a Double.
        #expect(analysis.expected.transitions > 1e24)
    }

    static func nestedMaps(depth: Int) -> String {
        var body = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
        for level in stride(from: depth, through: 1, by: -1) {
            body = #"{"StartAt": "M\#(level)", "States": {"M\#(level)": {"Type": "Map", "End": true, "ItemProcessor": \#(body)}}}"#
        }
        return body
    }

    static func items(depth: Int) -> String {
        "version: 1\nstate_machines:\n  test:\n    states:\n" +
            (1...depth).map { "      M\($0): {items: 1000000}\n" }.joined()
    }
}

@Suite struct MachineTimeoutTests {
    /// Two 600 s waits take 1,200 s, but the machine's TimeoutSeconds of 900 stops every run at 900 s.
    @Test func machineTimeoutCapsTheDuration() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "A", "TimeoutSeconds": 900, "States": {
          "A": {"Type": "Wait", "Seconds": 600, "Next": "B"},
          "B": {"Type": "Wait", "Seconds": 600, "End": true}}}
        """)
        #expect(analysis.worst.seconds.value == 900)
        #expect(analysis.expected.seconds == 900)
        // Transitions are not capped: both states are entered in the model (the cap is on time only).
        #expect(analysis.worst.transitions.value == Count(2))
    }
}

@Suite struct ChildExecutionTests {
    /// Starting another state machine counts as this Task's one transition; the child's own cost is
    /// not added, and the report says so.
    @Test func startExecutionIsNotedNotPriced() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true}}}
        """)
        #expect(analysis.expected.transitions == 1)
        #expect(analysis.assumptions.contains { $0.state == "Child" && $0.field == "child execution" })
    }
}
