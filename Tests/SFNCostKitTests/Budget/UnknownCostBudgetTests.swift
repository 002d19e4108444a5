import Foundation
import Testing
@testable import SFNCostKit

/// BudgetCheck alone decides a budget whose cost is unknown: the status is `unknown`, its reason says
/// which machine, in which report, and why, and the comment's Budgets table says the same as the gate.
///
/// The machine is `DollarEscapingTests.report`'s `$x$` (2 transitions a run, $0.05 a month at 1,000
/// runs); "unknown" is made by clearing its monthly costs, as a report has them for a loop that never
/// exits; "too large" by also setting the flags, as for a cost over 10^30.
@Suite struct UnknownCostBudgetTests {
    private static func unknown(_ report: Report, tooLarge: Bool = false) -> Report {
        var report = report
        report.stateMachines[0].monthly.declaredCost = nil
        report.stateMachines[0].monthly.standard.cost = nil
        report.stateMachines[0].monthly.express.cost = nil
        if tooLarge {
            report.stateMachines[0].monthly.declaredCostTooLarge = true
            report.stateMachines[0].monthly.standard.costTooLarge = true
        }
        return report
    }

    /// The base side unknown, the head known: the rise cannot be checked. (Before, only the CLI's own
    /// check saw the base side; BudgetCheck compared the totals and called the rise within.)
    @Test func aBaseCostThatIsUnknownLeavesTheRiseUncheckable() throws {
        let base = Self.unknown(try DollarEscapingTests.report(executions: 1000))
        let head = try DollarEscapingTests.report(executions: 1000)
        var diff = try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json")
        diff.budgets = BudgetLimits(maxIncrease: "10%", maxIncreaseSource: "--max-increase 10%")
        let statuses = BudgetCheck.evaluate(diff)
        #expect(statuses.count == 1)
        #expect(statuses.first?.state == .unknown)
        #expect(statuses.first?.reason == "the monthly cost of '$x$' in the base report cannot be computed (see its findings), so the allowed increase of 10% (--max-increase 10%) cannot be checked")
        let markdown = DiffRenderer.markdown(diff, base: base, head: head, options: CommentOptions())
        #expect(markdown.contains("| Increase of the total | 10% | unknown | 🛑 cannot be checked |"), "\(markdown)")
    }

    /// The head side too large: the rise and the total budget cannot be checked, and say why.
    @Test func aHeadCostTooLargeLeavesBothUncheckable() throws {
        let base = try DollarEscapingTests.report(executions: 1000)
        let head = Self.unknown(try DollarEscapingTests.report(executions: 1000), tooLarge: true)
        var diff = try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json")
        diff.budgets = BudgetLimits(monthly: Money(1), maxIncrease: "0.5", monthlySource: "usage.yml:3:19", maxIncreaseSource: "usage.yml:3:37")
        let reasons = BudgetCheck.evaluate(diff).map(\.reason)
        #expect(reasons == [
            "the monthly cost of '$x$' in the head report is too large to represent (over 10^30), so the total budget of $1.00 (usage.yml:3:19) cannot be checked",
            "the monthly cost of '$x$' in the head report is too large to represent (over 10^30), so the allowed increase of $0.5000 (usage.yml:3:37) cannot be checked",
        ])
    }

    /// An estimate: the total budget, and the machine's own budget, cannot be checked.
    @Test func anEstimateWithAnUnknownCost() throws {
        var report = Self.unknown(try DollarEscapingTests.report(executions: 1000))
        report.budgets = BudgetLimits(monthly: Money(1), monthlySource: "--budget 1",
                                      machines: [.init(machine: "$x$", monthly: Money(Decimal(string: "0.5")!), entry: "$x$", source: "usage.yml:4:12")])
        let statuses = BudgetCheck.evaluate(report)
        #expect(statuses.map(\.state) == [.unknown, .unknown])
        #expect(statuses.map(\.reason) == [
            "the monthly cost of '$x$' cannot be computed (see its findings), so the total budget of $1.00 (--budget 1) cannot be checked",
            "the monthly cost of '$x$' cannot be computed (see its findings), so its budget of $0.5000 (usage.yml:4:12) cannot be checked",
        ])
    }
}
