import Testing
@testable import SFNCostKit

/// Rules that need the profile's figures: SFN121 payload sizes, SFN131 inline Map item counts,
/// SFN161/SFN162 rates against the region's throttling quotas.
@Suite struct RulesProfileTests {
    // MARK: SFN121 payload-limit

    @Test func stateResultOverTheLimitIsFound() throws {
        // 257 KB × 1,024 = 263,168 bytes, 1,024 over 262,144. 256 KB is exactly the limit: allowed.
        let input = MarkedText("""
        {"StartAt": "Fetch", "States": {
          1️⃣"Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Keep"},
          "Keep": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
        }}
        """)
        let profile = """
        version: 1
        state_machines:
          test:
            states:
              Fetch: {result_kb: 257}
              Keep: {result_kb: 256}
        """
        let found = try RuleHarness.findings(input, rule: "SFN121", profile: profile)
        #expect(found.map(\.location) == [input["1️⃣"]])
        #expect(found.first?.message.contains("1,024 bytes over") == true)
    }

    @Test func resultsCollectedByInlineMapAndParallelAreFound() throws {
        // Map: 100 items × 3 KB from the iteration's end state = 300 KB > 256 KB.
        // Parallel: 200 KB + 100 KB from the two branches' end states = 300 KB > 256 KB.
        let input = MarkedText("""
        {"StartAt": "Each", "States": {
          1️⃣"Each": {"Type": "Map", "Next": "Both", "ItemProcessor": {"StartAt": "Shape", "States": {
              "Shape": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}},
          2️⃣"Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
            {"StartAt": "Right", "States": {"Right": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}
        }}
        """)
        let profile = """
        version: 1
        state_machines:
          test:
            states:
              Each: {items: {expected: 10, max: 100}}
              Shape: {result_kb: 3}
              Left: {result_kb: 200}
              Right: {result_kb: 100}
        """
        let found = try RuleHarness.findings(input, rule: "SFN121", profile: profile)
        #expect(found.map(\.location) == [input["1️⃣"], input["2️⃣"]])
        #expect(found.first?.message.contains("100 items × 3 KB") == true)
        // 300 KB = 307,200 bytes, 45,056 over.
        #expect(found.allSatisfy { $0.message.contains("45,056 bytes over") })
    }

    @Test func smallResultsAreAllowed() throws {
        // 80 items × 3 KB = 240 KB ≤ 256 KB.
        let input = MarkedText("""
        {"StartAt": "Each", "States": {
          "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Shape", "States": {
              "Shape": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}
        }}
        """)
        let profile = "version: 1\nstate_machines:\n  test:\n    payload_kb: 256\n    states:\n      Each: {items: 80}\n      Shape: {result_kb: 3}\n"
        #expect(try RuleHarness.findings(input, rule: "SFN121", profile: profile).isEmpty)
    }

    @Test func executionPayloadOverTheLimitIsFoundAtTheMachine() throws {
        let input = MarkedText("""
        1️⃣{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN121", profile: "version: 1\nstate_machines:\n  test: {payload_kb: 300}\n")
        #expect(found.map(\.location) == [input["1️⃣"]])
    }

    // MARK: SFN131 inline-map-fanout

    static let inlineMap = MarkedText("""
    {"StartAt": "Each", "States": {
      1️⃣"Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}
    }}
    """)

    @Test func inlineMapUsingOverHalfTheHistoryIsFound() throws {
        // One visit: Map frame 3 + attempt 1 + N × (iteration 2 + Lambda task 5) = 4 + 7N events.
        // Threshold 12,500: N = 1,786 → 12,506 (over); N = 1,785 → 12,499 (not over).
        let over = try RuleHarness.findings(Self.inlineMap, rule: "SFN131",
                                            profile: "version: 1\nstate_machines:\n  test:\n    states:\n      Each: {items: 1786}\n")
        #expect(over.map(\.location) == [Self.inlineMap["1️⃣"]])
        #expect(over.first?.message.contains("12,506 history events") == true)
        let under = try RuleHarness.findings(Self.inlineMap, rule: "SFN131",
                                             profile: "version: 1\nstate_machines:\n  test:\n    states:\n      Each: {items: 1785}\n")
        #expect(under.isEmpty)
    }

    @Test func inlineMapAskingForMoreThanFortyIsFound() throws {
        let input = MarkedText("""
        {"StartAt": "Each", "States": {
          1️⃣"Each": {"Type": "Map", "MaxConcurrency": 100, "End": true, "ItemProcessor": {"StartAt": "Call", "States": {
              "Call": {"Type": "Pass", "End": true}}}}
        }}
        """)
        let found = try RuleHarness.findings(input, rule: "SFN131", profile: "version: 1\nstate_machines:\n  test:\n    states:\n      Each: {items: 500}\n")
        #expect(found.map(\.location) == [input["1️⃣"]])
        // 100 − 40 = 60 fewer than asked.
        #expect(found.first?.message.contains("60 fewer than asked") == true)
        let few = try RuleHarness.findings(input, rule: "SFN131", profile: "version: 1\nstate_machines:\n  test:\n    states:\n      Each: {items: 40}\n")
        #expect(few.isEmpty)
    }

    // MARK: SFN161 start-rate-quota, SFN162 transition-rate-quota

    static let tenPasses = MarkedText("""
    1️⃣{"StartAt": "P1", "States": {
      "P1": {"Type": "Pass", "Next": "P2"}, "P2": {"Type": "Pass", "Next": "P3"}, "P3": {"Type": "Pass", "Next": "P4"},
      "P4": {"Type": "Pass", "Next": "P5"}, "P5": {"Type": "Pass", "Next": "P6"}, "P6": {"Type": "Pass", "Next": "P7"},
      "P7": {"Type": "Pass", "Next": "P8"}, "P8": {"Type": "Pass", "Next": "P9"}, "P9": {"Type": "Pass", "Next": "P10"},
      "P10": {"Type": "Pass", "End": true}
    }}
    """)

    @Test func startRateDependsOnTheRegion() throws {
        // 500,000,000 a month / (730 h × 3,600 s) = 190.26 starts/s on average:
        // over 150/s in eu-central-1, under 300/s in us-east-1.
        let profile = "version: 1\nstate_machines:\n  test: {executions: 500000000, type: STANDARD}\n"
        let central = try RuleHarness.findings(Self.tenPasses, rule: "SFN161", profile: profile, region: "eu-central-1")
        #expect(central.map(\.location) == [Self.tenPasses["1️⃣"]])
        #expect(central.first?.message.contains("190.26 executions start per second") == true)
        #expect(central.first?.message.contains("40.26/s over the StartExecution quota of 150/s") == true)
        #expect(try RuleHarness.findings(Self.tenPasses, rule: "SFN161", profile: profile, region: "us-east-1").isEmpty)
    }

    @Test func startRateUsesThePeakOfARate() throws {
        // rate(1 minute) = 1/60 starts/s: far below any quota.
        let profile = "version: 1\nstate_machines:\n  test: {executions: rate(1 minute)}\n"
        #expect(try RuleHarness.findings(Self.tenPasses, rule: "SFN161", profile: profile).isEmpty)
    }

    @Test func transitionRateIsStartsTimesTransitions() throws {
        // 190.26 starts/s × 10 transitions = 1,902.59/s > 1,500/s in us-east-1; Express has no such quota.
        let standard = "version: 1\nstate_machines:\n  test: {executions: 500000000, type: STANDARD}\n"
        let found = try RuleHarness.findings(Self.tenPasses, rule: "SFN162", profile: standard)
        #expect(found.map(\.location) == [Self.tenPasses["1️⃣"]])
        #expect(found.first?.message.contains("= 1,902.59 transitions/s, 402.59/s over the StateTransition quota of 1,500/s in us-east-1") == true)
        let express = "version: 1\nstate_machines:\n  test: {executions: 500000000, type: EXPRESS}\n"
        #expect(try RuleHarness.findings(Self.tenPasses, rule: "SFN162", profile: express).isEmpty)
        // 100,000,000 a month = 38.05/s × 10 = 380.5/s: under 1,500.
        let lower = "version: 1\nstate_machines:\n  test: {executions: 100000000, type: STANDARD}\n"
        #expect(try RuleHarness.findings(Self.tenPasses, rule: "SFN162", profile: lower).isEmpty)
    }
}
