import Testing
@testable import SFNCostKit

/// Cases a code review found wrong, each with the right figure derived by hand.
@Suite struct ReviewRegressionTests {
    /// Odds for every target that add up to 0.6, with a Default: some branch is always taken, so
    /// C, then A or B: 2 transitions; events 2 + 2 + execution 2 = 6 (not 1.6 and 5.2).
    @Test func choiceOddsBelowOneWithADefaultAreScaled() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "A"}], "Default": "B"},
          "A": {"Type": "Pass", "End": true}, "B": {"Type": "Pass", "End": true}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      C: {branches: {A: 0.3, B: 0.3}}\n")
        #expect(abs(analysis.expected.transitions - 2) < 1e-12)
        #expect(abs(analysis.expected.events - 6) < 1e-12)
        #expect(analysis.assumptions.contains { $0.state == "C" && $0.field == "branches" })
    }

    /// Without a Default, the odds left over are executions that match no rule and fail:
    /// C always, then A with 0.3: 1 + 0.3 = 1.3 transitions.
    @Test func choiceOddsBelowOneWithoutADefaultFail() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "A"}]},
          "A": {"Type": "Pass", "End": true}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      C: {branches: {A: 0.3}}\n")
        #expect(abs(analysis.expected.transitions - 1.3) < 1e-12)
        #expect(abs(analysis.root.failureProbability - 0.7) < 1e-12)
    }

    /// A loop with two bounded states inside an inline Map: the scope below reports an upper bound,
    /// and the machine above must say so too (the true worst is 1 + H1 H2 H1 H2 E = 6; the bound 7).
    @Test func upperBoundsPropagateFromNestedScopes() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "H1", "States": {
          "H1": {"Type": "Pass", "Next": "H2"},
          "H2": {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "H1"}], "Default": "E"},
          "E": {"Type": "Succeed"}}}}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      M: {items: 1}\n      H1: {max_visits: 2}\n      H2: {max_visits: 2}\n")
        let worst = try #require(analysis.worst.transitions.value)
        #expect(worst >= Count(6))
        #expect(analysis.worst.transitions.isUpperBound)
    }

    /// A tiny item_kb made the batch size overflow Int and trap. MaxInputBytesPerBatch 262,144 over
    /// 1e-17 KB items fits any number of items: 1 child; clamped, no trap.
    @Test func tinyItemSizeDoesNotTrap() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true, "ItemBatcher": {"MaxInputBytesPerBatch": 262144},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      D: {items: 100, item_kb: 1.0e-17}\n")
        // One child: Map 1 + 1 child started + its Pass 1 = 3.
        #expect(analysis.expected.transitions == 3)
    }

    /// An unbounded loop inside Express children leaves the parent's transitions and events bounded:
    /// 1,000 items / (262,144 B / 1 KB = 256 per batch) = ⌈3.9⌉ = 4 children → 1 + 4 = 5 transitions;
    /// the parent history has 6 Map events + 2 = 8. Only duration and the Express figures are unbounded.
    @Test func unboundedMeasuresAreDecidedOneByOne() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true, "ItemBatcher": {"MaxInputBytesPerBatch": 262144},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "P", "States": {
            "P": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.more", "BooleanEquals": true, "Next": "P"}], "Default": "S"},
            "S": {"Type": "Succeed"}}}}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      D: {items: {expected: 100, max: 1000}, item_kb: 1}\n")
        #expect(analysis.worst.transitions.value == Count(5))
        #expect(analysis.worst.events.value == Count(8))
        #expect(analysis.worst.seconds.value == nil)
        #expect(analysis.worst.expressGBSeconds.value == nil)
    }

    /// A Map with no items runs nothing: even an iteration with infinite back-off adds 0 seconds, not NaN.
    @Test func zeroItemsTimesInfinityIsZero() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 99999999, "BackoffRate": 2}]}}}}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      M: {items: {expected: 0, max: 0}}\n      T: {failure_rate: 0.9}\n")
        #expect(analysis.expected.seconds == 0)
        #expect(analysis.worst.seconds.value == 0)
        #expect(analysis.expected.transitions == 1)
    }

    /// W → T → C, back to W or on to Done; T stands on line 3, column 3.
    static let boundedLoop = """
        {"StartAt": "W", "States": {
          "W": {"Type": "Wait", "Seconds": 10, "Next": "T"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.more", "BooleanEquals": true, "Next": "W"}], "Default": "Done"},
          "Done": {"Type": "Succeed"}}}
        """

    /// Odds of 0.9 round a loop whose T is bounded to 3 visits: the odds give 1 / 0.1 = 10 expected
    /// visits of T, more than its bound; that disagreement is a finding (SFN154).
    @Test func oddsThatExceedTheBoundAreAFinding() throws {
        let analysis = try Fixtures.analyze(Self.boundedLoop, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      T: {max_visits: 3}\n      C: {branches: {W: 0.9}}\n")
        // Worst: W T C three times, then Done: 10 transitions.
        #expect(analysis.worst.transitions.value == Count(10))
        #expect(RuleEngine.findings(for: analysis).contains { $0.rule == "SFN154" && $0.state == "T" && $0.line == 3 && $0.column == 3 })
    }

    /// With odds 0.5 of going round, T is expected 1 / 0.5 = 2 times, within its bound of 3: no SFN154.
    @Test func oddsWithinTheBoundAreNoFinding() throws {
        let analysis = try Fixtures.analyze(Self.boundedLoop, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      T: {max_visits: 3}\n      C: {branches: {W: 0.5}}\n")
        #expect(!RuleEngine.findings(for: analysis).contains { $0.rule == "SFN154" })
    }

    @Test func duplicateNamesAcrossScopesAreRejected() {
        #expect(throws: InputError.self) {
            try Fixtures.machine("""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "A", "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]},
              "A": {"Type": "Succeed"}}}
            """)
        }
    }

    @Test func distributedMapNeedsAnExecutionType() {
        #expect(throws: InputError.self) {
            try Fixtures.machine("""
            {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
            """)
        }
    }

    /// A run of Pass states takes no time but is billed one 100 ms step.
    @Test func expressBillsAtLeastOneStep() {
        #expect(ExpressBilling.billedSeconds(0) == 0.1)
        #expect(ExpressBilling.billedSeconds(0.3) == 0.3)
        // Durations are read to the millisecond first, so binary noise (0.30000000000000004) bills 0.3 s.
        #expect(ExpressBilling.billedSeconds(0.1 + 0.2) == 0.3)
        #expect(ExpressBilling.billedSeconds(0.301) == 0.4)
    }

    /// Without `error` in the profile, failures raise the first retrier's first error (A); the catcher
    /// is the first matching A (to Y), not simply the first (B, to X). failure 0.5, one retry:
    /// all fail with 0.25 → Y; else Ok. Visits: T 1, Ok 0.75, Y 0.25, X 0.
    @Test func retrierAndCatcherMatchTheSameError() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ok",
                "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["B"], "Next": "X"}, {"ErrorEquals": ["A"], "Next": "Y"}]},
          "Ok": {"Type": "Succeed"}, "X": {"Type": "Succeed"}, "Y": {"Type": "Succeed"}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      T: {failure_rate: 0.5}\n")
        let visits = Dictionary(uniqueKeysWithValues: analysis.root.states.map { ($0.state.name, $0.expectedVisits) })
        #expect(visits["Y"] == 0.25)
        #expect(visits["X"] == 0)
        #expect(visits["Ok"] == 0.75)
    }
}

@Suite struct ChildHistoryTests {
    /// A Distributed Map's STANDARD children each have a history: a child running an inline Map of up
    /// to 5,000 Pass items writes 4 + 5,000 × (2 + 2) = 20,004 events for the Map, + 2 for the child
    /// execution = 20,006: under the limit. At 7,000 items: 4 + 28,000 + 2 = 28,006: over (SFN101 at D).
    @Test(arguments: [(5000, false), (7000, true)])
    func childExecutionsHaveTheirOwnHistoryLimit(items: Int, breaks: Bool) throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Inner", "States": {
            "Inner": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      D: {items: 10}\n      Inner: {items: {expected: 10, max: \(items)}}\n")
        let findings = RuleEngine.findings(for: analysis)
        let finding = findings.first { $0.rule == "SFN101" }
        #expect((finding != nil) == breaks)
        // The inline Map's fan-out warning speaks of the child execution's history, not "use a Distributed Map".
        let fanout = try #require(findings.first { $0.rule == "SFN131" })
        #expect(fanout.message.contains("child execution's"))
        if breaks {
            #expect(finding?.state == "D")
            #expect(finding?.message.contains("28,006") == true)
        }
    }
}

@Suite struct PartitionPlaceholderTests {
    /// Glue stops its own jobs, so its .sync needs no TimeoutSeconds, also when the ARN's partition is
    /// a template placeholder; Batch does not, so it is still flagged.
    @Test func selfLimitedServicesMatchAfterThePartition() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "G", "States": {
          "G": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::glue:startJobRun.sync", "Next": "B"},
          "B": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::batch:submitJob.sync", "End": true}}}
        """)
        let flagged = RuleEngine.findings(for: analysis).filter { $0.rule == "SFN145" }.compactMap(\.state)
        #expect(flagged == ["B"])
    }
}
