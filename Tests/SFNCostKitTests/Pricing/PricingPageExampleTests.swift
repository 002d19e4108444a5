import Foundation
import Testing
@testable import SFNCostKit

/// The pricing page's Express example (100M requests × 10 s × 64 MB, facts.md §2 PX) priced with the
/// shipped us-east-1 rows. The page shows $482.97 because it prices GB-hours at rounded rates
/// ($0.06, $0.03, $0.01642); AWS's Price List (and so the bill) prices `StepFunctions-GB-Second` per
/// GB-second ($0.00001667, $0.00000833, $0.00000456), which is what sfncost ships (docs/pricing.md,
/// "Per GB-second, not per GB-hour").
@Suite struct PricingPageExampleTests {
    /// 100,000,000 × 10 s × 64/1024 GB = 62,500,000 GB-s:
    /// - first 3,600,000 (1,000 GB-h) × 0.00001667 = 60.012
    /// - next 14,400,000 (4,000 GB-h) × 0.00000833 = 119.952
    /// - the other 44,500,000 × 0.00000456 = 202.92
    /// duration 382.884; requests 100,000,000 × 0.000001 = 100; total 482.884 (the page: 482.97).
    @Test func expressExampleAtPerGBSecondRates() throws {
        let analysis = try Fixtures.analyze(#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}"#,
                                            profile: """
            version: 1
            state_machines:
              test:
                executions: 100000000
                memory_mb: 64
                states:
                  T: {duration: 10s}
            """)
        let prices = try #require(PriceTable.embedded().prices(for: "us-east-1"))
        let machine = ReportBuilder(prices: prices, origin: "test", freeTier: false, toolVersion: "test").build([analysis]).stateMachines[0]
        #expect(machine.monthly.express.gbSeconds == 62_500_000)
        #expect(machine.monthly.express.durationCost?.amount == Decimal(string: "382.884"))
        #expect(machine.monthly.express.cost?.amount == Decimal(string: "482.884"))
    }
}
