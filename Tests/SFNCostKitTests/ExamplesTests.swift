import Foundation
import Testing
@testable import SFNCostKit

/// The other examples, each figure derived by hand from the ASL, facts.md's counting rules and
/// pricing/step-functions.json (us-east-1: $0.000025 a transition; Express $0.000001 a request and
/// $0.00001667 a GB-second in the first tier).
@Suite struct ExamplesTests {
    static func machine(_ name: String, definition: String) -> MachineReport {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/\(name)/\(definition)")],
                                          profilePath: Fixtures.path("examples/\(name)/usage.yml")))
        return outcome.report!.stateMachines[0]
    }

    static func dollars(_ money: Money?) -> Double { (money?.amount ?? -1).double }

    /// s3-fanout: ListKeys, inline Map ProcessKeys (200 items expected, 5,000 max, MaxConcurrency 10)
    /// over TransformObject (failure_rate 0.02 with the error its retrier handles, MaxAttempts 2), Done.
    /// TransformObject: E[attempts] = 1 + 0.02 + 0.0004 = 1.0204; all three fail with 0.02³ = 8e-6 and
    /// nothing catches it, so an iteration fails with 8e-6 and the Map with 1 − (1 − 8e-6)^200 =
    /// 0.0015987…; then the execution fails before Done.
    /// Items after the wave of 10 in which an iteration fails never start (facts.md §4a, derived):
    /// with r = (1 − 8e-6)^10, E[items started] = 10 × (1 + r + … + r^19) = 199.8480784.
    /// Expected transitions: 1 + (1 + 199.8480784 × 1.0204) + (1 − 0.0015987) × 1 = 206.9233805.
    /// Worst: 1 + (1 + 5,000 × 3) + 1 = 15,003.
    /// Worst events: ListKeys 5 + Map (3 + 1 + 5,000 × (2 + 2 + 3 × 3)) = 65,004 + Done 2 + 2 = 65,013.
    /// Worst duration: ⌈5,000 / 10⌉ = 500 waves × (3 × 20 s + back-off 2 + 4 s) = 33,000 s + 0.5 s.
    /// Month: rate(1 hour) = 730 executions; 730 × 206.9233805 = 151,054.07 transitions = $3.7764.
    @Test func s3FanOut() {
        let machine = Self.machine("s3-fanout", definition: "s3-fanout.asl.json")
        let perRun = machine.perExecution
        #expect(abs((perRun.transitions.expected ?? 0) - 206.9233805) < 1e-6)
        #expect(perRun.transitions.worstCase == 15_003)
        #expect(perRun.historyEvents.worstCase == 65_013)
        #expect(perRun.durationSeconds.worstCase == 33_000.5)
        #expect(machine.executionsPerMonth == 730)
        #expect(abs(Self.dollars(machine.monthly.standard.cost) - 730 * 206.9233805 * 0.000025) < 1e-6)
        #expect(machine.findings.contains { $0.rule == "SFN101" && $0.line == 18 && $0.column == 5 })
    }

    /// What if ProcessKeys were a Distributed Map with EXPRESS children (one item each)?
    /// Parent: ListKeys 1 + Map (1 + 200 children started) + Done × (1 − 0.0015987) = 202.9984013
    /// transitions → 730 × 202.9984013 × $0.000025 = $3.7047208. Children: 730 × 200 = 146,000 requests
    /// = $0.146; each runs TransformObject, 1.0204 × 3 s + back-off 0.02 × 2 + 0.0004 × 4 = 3.1028 s,
    /// billed 3.2 s × 64 MB = 0.2 GB-s; 146,000 × 0.2 = 29,200 GB-s × $0.00001667 = $0.486764.
    /// Total $4.3374848. Parent history: ListKeys 5 + Map 6 + Done 2 + execution 2 = 15: SFN101 resolved.
    @Test func s3FanOutAsADistributedMap() throws {
        let machine = Self.machine("s3-fanout", definition: "s3-fanout.asl.json")
        let alternative = try #require(machine.whatIf?.first)
        #expect(alternative.state == "ProcessKeys")
        #expect(alternative.change.contains("EXPRESS"))
        #expect(abs(Self.dollars(alternative.monthlyCostAfter) - 4.3374848) < 1e-6)
        #expect(alternative.worstHistoryEventsAfter == 15)
        #expect(alternative.resolves == ["SFN101"])
    }

    /// quality-checks: Parallel RunChecks (CheckRowCounts .sync | ValidateSchema Lambda failing 1%),
    /// Catch States.ALL → ReportFailure (Fail), else Publish.
    /// Transitions: Parallel 1 + 2 branch states + Publish or ReportFailure 1 = 4 on every path.
    /// Events: Parallel 3 + 1 + (.sync 6) + (Lambda 5) = 15; Publish 5; execution 2 = 22 (the worst).
    /// When ValidateSchema fails (0.01) nothing in its branch catches it: in a Parallel branch it
    /// writes TaskStateAborted where it would write TaskStateExited (5 events; facts.md §4a, LS
    /// test_parallel_catch_error); the Parallel's Catch takes it to ReportFailure (Fail, 1 event):
    /// 15 + 1 + 2 = 18. Expected 0.99 × 22 + 0.01 × 18 = 21.96.
    /// Duration: the slower branch (45 s vs 5 s expected; 600 s vs 90 s max) + Publish 0.3 s:
    /// expected 0.99 × 45.3 + 0.01 × 45 = 45.297 s; worst 600.3 s.
    /// Month: cron(0 6 ? * MON-FRI *) fires on the 1,043 weekdays of 2025–2028 (1,461 days):
    /// 1,043 / 1,461 × 730 / 24 = 21.714…; × 4 transitions × $0.000025 = $0.0021714.
    @Test func qualityChecks() {
        let machine = Self.machine("quality-checks", definition: "quality-checks.asl.yaml")
        let perRun = machine.perExecution
        #expect(perRun.transitions.expected == 4)
        #expect(perRun.transitions.worstCase == 4)
        #expect(abs((perRun.historyEvents.expected ?? 0) - 21.96) < 1e-9)
        #expect(perRun.historyEvents.worstCase == 22)
        #expect(abs((perRun.durationSeconds.expected ?? 0) - 45.297) < 1e-9)
        #expect(perRun.durationSeconds.worstCase == 600.3)
        let executions = 1043.0 / 1461.0 * 730 / 24
        #expect(abs(machine.executionsPerMonth - executions) < 1e-6)
        #expect(abs(Self.dollars(machine.monthly.standard.cost) - executions * 4 * 0.000025) < 1e-8)
        #expect(machine.monthly.express.usable == false)
    }

    /// micro-batch (EXPRESS, 2,000,000 a month): Enrich (failure 0.001, 2 retries, full jitter),
    /// RouteByType (0.2 / 0.75 / 0.05), StoreOrder 50 ms | StoreClick 40 ms | Discard.
    /// Enrich: E[attempts] = 1 + 0.001 + 0.000001 = 1.001001; all fail 1e-9 (uncaught).
    /// Transitions: 1.001001 + (1 − 1e-9) × 2 = 3.001000998; worst 3 + 1 + 1 = 5.
    /// Duration: 1.001001 × 0.4 + (0.001 × 1 + 0.000001 × 2) / 2 + (1 − 1e-9) × (0.2 × 0.05 + 0.75 × 0.04)
    /// = 0.4004004 + 0.000501 + 0.04 = 0.4409014 s → billed 0.5 s.
    /// Express: 2,000,000 × 0.5 s × 64/1,024 GB = 62,500 GB-s × $0.00001667 = $1.041875, plus
    /// 2,000,000 requests × $0.000001 = $2: $3.041875. Standard would be 6,002,001.996 × $0.000025 = $150.05.
    @Test func microBatch() {
        let machine = Self.machine("micro-batch", definition: "micro-batch.asl.json")
        let perRun = machine.perExecution
        #expect(abs((perRun.transitions.expected ?? 0) - 3.001001) < 1e-6)
        #expect(perRun.transitions.worstCase == 5)
        #expect(abs((perRun.durationSeconds.expected ?? 0) - 0.440901) < 1e-6)
        #expect(machine.monthly.express.billedDurationSeconds == 0.5)
        #expect(machine.monthly.express.gbSeconds == 62_500)
        #expect(Self.dollars(machine.monthly.express.cost) == 3.041875)
        #expect(abs(Self.dollars(machine.monthly.standard.cost) - 150.05005) < 1e-4)
        #expect(machine.type == .express)
        #expect(machine.recommendedType == .express)
    }

    /// A machine declared Express is billed with the Express usage actually declared: a Standard
    /// machine beside it (daily-ingest at a million runs, which as Express would be 15.4 million GB-s,
    /// past the first tier) must not change it. micro-batch alone: $3.041875 (derived above).
    @Test func declaredCostIgnoresOtherMachinesHypotheticalExpressUsage() throws {
        let profile = try String(contentsOfFile: Fixtures.path("examples/usage.yml"), encoding: .utf8)
            .replacingOccurrences(of: "executions: rate(1 day)", with: "executions: 1000000")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-\(UUID().uuidString).yml").path
        try profile.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/micro-batch/micro-batch.asl.json"),
                                                  Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")],
                                          profilePath: path))
        let microBatch = try #require(outcome.report?.stateMachines.first { $0.name == "micro-batch" })
        #expect(Self.dollars(microBatch.monthly.declaredCost) == 3.041875)
        // daily-ingest as Standard: 1,000,000 × 5.05260625 × $0.000025 = $126.31515625.
        let daily = try #require(outcome.report?.stateMachines.first { $0.name == "daily-ingest" })
        #expect(abs(Self.dollars(daily.monthly.declaredCost) - 126.31515625) < 1e-6)
        #expect(abs(Self.dollars(outcome.report?.total.declaredCost) - (3.041875 + 126.31515625)) < 1e-6)
    }
}
