import Foundation
import Testing
@testable import SFNCostKit

/// Monthly cost pinned in regions with different prices, the Express tier boundary, account-level
/// tiers shared across machines, and the free tier taken once. Every figure is derived by hand from
/// pricing/step-functions.json (facts.md §1–2).
@Suite struct RegionalCostTests {
    let table = PriceTable.embedded()

    /// Three states entered per execution (Pass, Pass, Succeed: each counts one transition).
    static let threeStates = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Succeed"}}}"#
    /// One Lambda task; the profile makes it run 10 s at 64 MB.
    static let oneTask = #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}"#

    func report(_ region: String, _ analyses: [MachineAnalysis], freeTier: Bool = false) throws -> Report {
        let prices = try #require(table.prices(for: region))
        return ReportBuilder(prices: prices, origin: "test", freeTier: freeTier, toolVersion: "test").build(analyses)
    }

    func tenSecondTask(_ executions: Int, name: String = "test") throws -> MachineAnalysis {
        try Fixtures.analyze(Self.oneTask, name: name, profile: """
            version: 1
            state_machines:
              \(name):
                executions: \(executions)
                memory_mb: 64
                states:
                  T: {duration: 10s}
            """)
    }

    /// 1,000,000 executions × 3 transitions = 3,000,000 transitions a month, Standard, no free tier:
    /// - us-east-1 $0.025/1K = 0.000025 each: 3,000,000 × 0.000025 = $75
    /// - sa-east-1 $0.0375/1K = 0.0000375:   3,000,000 × 0.0000375 = $112.50
    /// - eu-west-3 $0.0297/1K = 0.0000297:   3,000,000 × 0.0000297 = $89.10
    @Test(arguments: [("us-east-1", "75"), ("sa-east-1", "112.5"), ("eu-west-3", "89.1")])
    func standardCostByRegion(region: String, expected: String) throws {
        let analysis = try Fixtures.analyze(Self.threeStates, profile: """
            version: 1
            state_machines:
              test:
                executions: 1000000
            """)
        let machine = try report(region, [analysis]).stateMachines[0]
        #expect(machine.monthly.standard.transitions == 3_000_000)
        #expect(machine.monthly.standard.cost?.amount == Decimal(string: expected))
        #expect(machine.monthly.standard.priceRow == "\(region)/standard/state-transition")
    }

    /// 6,000,000 executions × 10 s × 64 MB (0.0625 GB) = 3,750,000 GB-s, over the first tier's
    /// 3,600,000 (1,000 GB-hours):
    /// - first tier 3,600,000 × 0.00001667 = 60.012
    /// - next tier    150,000 × 0.00000833 =  1.2495
    /// duration 61.2615; requests 6,000,000 × 0.000001 = 6; Express total 67.2615.
    /// Had all 3,750,000 been at the first tier it would be 62.5125 — the boundary matters.
    @Test func expressTierBoundary() throws {
        let machine = try report("us-east-1", [try tenSecondTask(6_000_000)]).stateMachines[0]
        #expect(machine.monthly.express.billedDurationSeconds == 10)
        #expect(machine.monthly.express.gbSeconds == 3_750_000)
        #expect(machine.monthly.express.durationCost?.amount == Decimal(string: "61.2615"))
        #expect(machine.monthly.express.requestCost?.amount == 6)
        #expect(machine.monthly.express.cost?.amount == Decimal(string: "67.2615"))
    }

    /// Just under the boundary: 5,760,000 executions × 0.625 GB-s = 3,600,000 GB-s, all first tier:
    /// 3,600,000 × 0.00001667 = 60.012.
    @Test func expressExactlyAtTheBoundaryIsAllFirstTier() throws {
        let machine = try report("us-east-1", [try tenSecondTask(5_760_000)]).stateMachines[0]
        #expect(machine.monthly.express.gbSeconds == 3_600_000)
        #expect(machine.monthly.express.durationCost?.amount == Decimal(string: "60.012"))
    }

    /// Tiers count the account's usage in the region, so two machines share them:
    /// A 4,000,000 × 0.625 = 2,500,000 GB-s, B 2,000,000 × 0.625 = 1,250,000 GB-s; together 3,750,000,
    /// whose tiered cost is 61.2615 (as above). A's share 2,500,000/3,750,000 = 2/3 → 40.841;
    /// B's 1/3 → 20.4205. Priced alone, each would be all first tier: A 41.675, B 20.8375.
    @Test func accountLevelTiersAreSharedAcrossMachines() throws {
        let result = try report("us-east-1", [try tenSecondTask(4_000_000, name: "a"), try tenSecondTask(2_000_000, name: "b")])
        let a = result.stateMachines[0].monthly.express, b = result.stateMachines[1].monthly.express
        #expect(a.gbSeconds == 2_500_000 && b.gbSeconds == 1_250_000)
        #expect(a.durationCost?.amount == Decimal(string: "40.841"))
        #expect(b.durationCost?.amount == Decimal(string: "20.4205"))
        // Requests are not tiered: 4,000,000 and 2,000,000 × 0.000001; total 40.841 + 4 + 20.4205 + 2.
        #expect(result.total.expressCost.amount == Decimal(string: "67.2615"))
    }

    /// The free tier (4,000 transitions a month per account) is deducted once across machines:
    /// two Standard machines × 1,000 executions × 3 transitions = 6,000 transitions, $0.15 at 0.000025.
    /// Deduction min(4,000, 6,000) × 0.000025 = $0.10, once (not 2 × 3,000 × 0.000025 = $0.15);
    /// declared total 0.15 − 0.10 = $0.05. Per-machine costs stay at 3,000 × 0.000025 = $0.075.
    @Test func freeTierIsAppliedOnceAcrossMachines() throws {
        func machine(_ name: String) throws -> MachineAnalysis {
            try Fixtures.analyze(Self.threeStates, name: name, profile: """
                version: 1
                state_machines:
                  \(name):
                    executions: 1000
                """)
        }
        let result = try report("us-east-1", [try machine("a"), try machine("b")], freeTier: true)
        #expect(result.stateMachines.allSatisfy { $0.type == .standard })
        #expect(result.stateMachines.allSatisfy { $0.monthly.standard.cost?.amount == Decimal(string: "0.075") })
        #expect(result.total.freeTierDeduction.amount == Decimal(string: "0.1"))
        #expect(result.total.declaredCost.amount == Decimal(string: "0.05"))
        #expect(result.pricing.freeTierApplied)
    }

    /// Below the allowance the deduction is the usage itself: 1,000 × 3 = 3,000 transitions, $0.075
    /// deducted in full, declared total $0 — never negative.
    @Test func freeTierNeverExceedsUsage() throws {
        let analysis = try Fixtures.analyze(Self.threeStates, profile: """
            version: 1
            state_machines:
              test:
                executions: 1000
            """)
        let result = try report("us-east-1", [analysis], freeTier: true)
        #expect(result.total.freeTierDeduction.amount == Decimal(string: "0.075"))
        #expect(result.total.declaredCost.amount == 0)
    }

    /// Estimator.run with `region:` picks that region's prices: daily-ingest's 153.683441 Standard
    /// transitions a month (DailyIngestExampleTests) × 0.0000375 in sa-east-1 ≈ $0.005763129.
    @Test func estimatorUsesTheRequestedRegion() throws {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")],
                                          profilePath: Fixtures.path("examples/daily-ingest/usage.yml"), region: "sa-east-1"))
        let report = try #require(outcome.report)
        #expect(report.region == "sa-east-1" && report.pricing.hasUnconfirmedPrices)
        let cost = NSDecimalNumber(decimal: report.stateMachines[0].monthly.standard.cost?.amount ?? -1).doubleValue
        #expect(abs(cost - 153.683441 * 0.0000375) < 1e-8)
    }

    /// A known region without data fails with the reason and the way to add it.
    @Test func estimatorExplainsAChinaRegion() {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")], region: "cn-northwest-1"))
        #expect(outcome.report == nil)
        let message = outcome.failures.first?.diagnostics.first?.message ?? ""
        #expect(message.contains("CNY") && message.contains("sfncost pricing import"))
    }
}
