import Foundation
import Testing
@testable import SFNCostKit

/// `sfncost reconcile --format markdown` follows the comment's rules: every `$` in Markdown text is
/// `\$` (GitHub renders the text between two bare `$` on one line as math), and every name from an
/// input is escaped by `DisplayText.markdown`, so `|`, `<` or a newline cannot break a table row.
@Suite struct ReconcileMarkdownTests {
    /// The cost row of the bill: billed $2.745887335 and predicted $2.84541781 (derived in
    /// BillReconciliationTests.theBillAgreesWithTheRightProfile) print as $2.75 and $2.85 (2 places
    /// from one dollar up), each `$` escaped: "\$2.75", "\$2.85", no bare `$` left on the line.
    @Test func theBillsCostRowEscapesItsDollars() throws {
        let report = try #require(BillReconciliationTests.estimate(profile: "usage.yml"))
        let bill = try CostUsageReport.read(path: BillReconciliationTests.cur2)
        let scope = try BillReconciliation.select(bill, account: "111122223333", region: "us-east-1")
        let result = BillReconciliation.build(report: report, bill: bill, scope: scope, tolerancePercent: 1)
        let markdown = BillReconciliationRenderer.markdown(result, tolerance: 1)
        let cost = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| cost") })
        #expect(cost == #"| cost | unblended, not gated | \$2.75 | \$2.85 | | | |"#)
        #expect(!cost.replacingOccurrences(of: #"\$"#, with: "").contains("$"))
    }

    /// A machine and a state named with `$`, `|`, `<` and a newline: the heading and the row keep
    /// them as text; the row keeps its 7 cells (8 unescaped bars).
    @Test func namesInTheExecutionTablesAreEscaped() throws {
        let seen = RunningStatistic()
        let row = Reconciliation.row("Pay $5|<b>\nnext", "visits", 1, seen, gated: true, nil)
        let reconciliation = Reconciliation(tolerancePercent: nil, machines: [
            .init(name: "bill $1 | <i>\nx", executions: 1, firstStart: nil, lastStart: nil, rows: [row])], withinTolerance: true)
        let markdown = ReconciliationRenderer.markdown(reconciliation)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let heading = try #require(lines.first { $0.hasPrefix("### ") })
        #expect(heading.hasPrefix(#"### bill \$1 \| &lt;i&gt;"#), "\(heading)")
        let stateRow = try #require(lines.first { $0.hasPrefix("| Pay") })
        #expect(stateRow.hasPrefix(#"| Pay \$5\|&lt;b&gt;"#), "\(stateRow)")
        #expect(stateRow.replacingOccurrences(of: #"\|"#, with: "").filter { $0 == "|" }.count == 8, "\(stateRow)")
        #expect(!markdown.contains("<b>") && !markdown.contains("<i>") && !markdown.contains("Pay $"))
    }

    /// The verdict under the execution tables speaks of their rows only: when only the bill failed
    /// (the top-level withinTolerance false, no execution row off), it says every figure is within,
    /// and the bill's own verdict says what failed. A row of 1 observed against 1 predicted passes.
    /// No machine with executions: no execution verdict at all.
    @Test func theExecutionVerdictCountsItsOwnRows() throws {
        var seen = RunningStatistic()
        seen.add(1)
        let row = Reconciliation.row(nil, "transitions", 1, seen, gated: true, 5)
        #expect(!row.failsTolerance && row.differencePercent == 0)
        let billFailed = Reconciliation(tolerancePercent: 5, machines: [
            .init(name: "orders", executions: 1, firstStart: nil, lastStart: nil, rows: [row])], withinTolerance: false)
        let within = "Every figure is within its 95% interval or within 5% of its prediction."
        #expect(ReconciliationRenderer.markdown(billFailed).contains(within))
        #expect(ReconciliationRenderer.table(billFailed).contains(within))
        let none = Reconciliation(tolerancePercent: 5, machines: [], withinTolerance: false)
        #expect(!ReconciliationRenderer.markdown(none).contains("Every figure") && !ReconciliationRenderer.table(none).contains("figure"))
    }
}
