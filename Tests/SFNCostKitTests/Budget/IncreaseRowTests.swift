import Foundation
import Testing
@testable import SFNCostKit

/// The Budgets row of `max_increase` shows the limit as written and the rise in the same unit: a
/// percentage against a percentage, an amount against an amount.
///
/// By hand (`DollarEscapingTests.report`: 2 transitions a run at $0.000025, Standard, us-east-1):
/// 1,000 runs a month cost $0.05, 2,000 runs $0.10: a rise of $0.05, +100% of the base; 0 runs cost
/// nothing, so 0 → 1,000 runs rises from nothing.
@Suite struct IncreaseRowTests {
    private static func row(base executions: Int, head: Int, maxIncrease: String) throws -> String {
        let before = try DollarEscapingTests.report(executions: executions), after = try DollarEscapingTests.report(executions: head)
        var diff = try ReportDiffer.diff(base: before, basePath: "base.json", head: after, headPath: "head.json")
        diff.budgets = BudgetLimits(maxIncrease: maxIncrease, maxIncreaseSource: "--max-increase \(maxIncrease)")
        let markdown = DiffRenderer.markdown(diff, base: before, head: after, options: CommentOptions())
        return try #require(markdown.components(separatedBy: "\n").first { $0.hasPrefix("| Increase of the total |") })
    }

    @Test func aPercentageLimitShowsThePercentageRise() throws {
        // +100% over an allowed 50%.
        #expect(try Self.row(base: 1000, head: 2000, maxIncrease: "50%") == "| Increase of the total | 50% | +100.00% | 🛑 exceeded |")
        // +100% within an allowed 150%.
        #expect(try Self.row(base: 1000, head: 2000, maxIncrease: "150%") == "| Increase of the total | 150% | +100.00% | ✅ within |")
        // From 2,000 runs down to 1,000: −50%, within any limit.
        #expect(try Self.row(base: 2000, head: 1000, maxIncrease: "10%") == "| Increase of the total | 10% | -50.00% | ✅ within |")
    }

    @Test func anAmountLimitShowsTheAmountRise() throws {
        // +$0.05 within an allowed $0.08; over an allowed $0.04.
        #expect(try Self.row(base: 1000, head: 2000, maxIncrease: "0.08") == "| Increase of the total | \\$0.0800 | +\\$0.0500 | ✅ within |")
        #expect(try Self.row(base: 1000, head: 2000, maxIncrease: "0.04") == "| Increase of the total | \\$0.0400 | +\\$0.0500 | 🛑 exceeded |")
    }

    @Test func aRiseFromNothingHasNoPercentage() throws {
        #expect(try Self.row(base: 0, head: 1000, maxIncrease: "10%") == "| Increase of the total | 10% | from nothing | 🛑 exceeded |")
    }
}
