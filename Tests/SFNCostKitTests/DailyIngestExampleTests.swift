import Foundation
import Testing
@testable import SFNCostKit

/// The founding article's pipeline (examples/daily-ingest) with its profile. Every expected figure
/// is derived by hand below from the ASL, facts.md's counting rules and pricing/step-functions.json.
@Suite struct DailyIngestExampleTests {
    let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")],
                                      profilePath: Fixtures.path("examples/daily-ingest/usage.yml")))

    var machine: MachineReport { outcome.report!.stateMachines[0] }

    @Test func loadsWithoutProblems() {
        #expect(outcome.failures.isEmpty)
        #expect(outcome.report?.stateMachines.count == 1)
        #expect(machine.name == "daily-ingest")
    }

    /// IngestFromAPI: failure_rate p = 0.05 per attempt, one retrier with MaxAttempts 3, so
    /// E[attempts] = 1 + p + p² + p³ = 1.052625 and all four fail with p⁴ = 0.00000625 (→ Catch →
    /// NotifyFailure). Otherwise RunGlueTransform, ValidateRowCounts, CheckValidation and one Notify*:
    /// E[transitions] = 1.052625 + (1 − 0.00000625) × 4 + 0.00000625 × 1 = 5.05260625.
    /// Worst: 4 attempts + Glue + Validate + Choice + Notify = 8.
    @Test func transitionsPerExecution() {
        #expect(abs((machine.perExecution.transitions.expected ?? 0) - 5.052606) < 1e-6)
        #expect(machine.perExecution.transitions.worstCase == 8)
    }

    /// Events (facts.md §4): Lambda task 2 + 3 per attempt; .sync task 2 + 4; Choice 2; execution 2.
    /// Expected: Ingest 2 + 3 × 1.052625 = 5.157875; then (1 − p⁴) × (Glue 6 + Validate 5 + Choice 2 +
    /// Notify 5) + p⁴ × NotifyFailure 5 + 2 = 5.157875 + 17.9998875 + 0.00003125 + 2 = 25.15779375.
    /// Worst: Ingest 2 + 3 × 4 = 14, Glue 6, Validate 5, Choice 2, Notify 5, execution 2 = 34.
    @Test func historyEventsPerExecution() {
        #expect(abs((machine.perExecution.historyEvents.expected ?? 0) - 25.157794) < 1e-6)
        #expect(machine.perExecution.historyEvents.worstCase == 34)
    }

    /// Worst duration: Ingest 4 attempts × 30 s + back-off 30 + 60 + 120 s = 330 s; Glue max 20 min =
    /// 1,200 s; Validate 3 s; Notify 0.2 s: 1,533.2 s.
    /// Expected: Ingest 1.052625 × 2 + (0.05 × 30 + 0.0025 × 60 + 0.000125 × 120) = 3.77025 s;
    /// (1 − p⁴) × (240 + 3 + 0.2) + p⁴ × 0.2 = 243.1984813 s; total 246.9687313 s.
    @Test func durationPerExecution() {
        #expect(machine.perExecution.durationSeconds.worstCase == 1533.2)
        #expect(abs((machine.perExecution.durationSeconds.expected ?? 0) - 246.968731) < 1e-5)
    }

    /// rate(1 day) = 730 h / 24 h = 30.416667 executions (rounded to 6 places, as the profile parser does).
    /// Standard: 30.416667 × 5.05260625 = 153.683448 transitions × $0.000025 = $0.00384208…
    @Test func standardMonthlyCost() {
        #expect(machine.executionsPerMonth == 30.416667)
        #expect(abs((machine.monthly.standard.transitions ?? 0) - 153.683441) < 1e-4)
        let cost = (machine.monthly.standard.cost?.amount ?? 0).double
        #expect(abs(cost - 153.683441 * 0.000025) < 1e-8)
    }

    /// Express: billed duration = 246.97 s rounded up to 100 ms = 247.0 s; 64 MB = 0.0625 GB;
    /// GB-s = 30.416667 × 247.0 × 0.0625 = 469.5573… (first tier, $0.00001667) → $0.0078275;
    /// requests 30.416667 × $0.000001 = $0.0000304; total $0.0078579. Express cannot run .sync.
    @Test func expressMonthlyCostAndUsability() {
        let express = machine.monthly.express
        #expect(express.billedDurationSeconds == 247.0)
        #expect(abs((express.gbSeconds ?? 0) - 469.557297) < 1e-5)
        let cost = (express.cost?.amount ?? 0).double
        #expect(abs(cost - (469.557297 * 0.00001667 + 30.416667 * 0.000001)) < 1e-8)
        #expect(express.usable == false)
        #expect(machine.recommendedType == .standard)
    }
}
