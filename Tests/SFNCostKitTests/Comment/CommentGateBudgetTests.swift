import Foundation
import Testing
@testable import SFNCostKit

/// The gate line of the comment shows a budget's reason without the CLI's "failing (tag): " prefix,
/// whether the budget is exceeded ("(budget)") or cannot be checked (tagged with what set it,
/// `BudgetGate.failures`): the reason itself names the limit and its source.
@Suite struct CommentGateBudgetTests {
    static let head = "❌ **Gate failed** (the job exits 1): "

    /// An exceeded budget: the reason as `DisplayText.markdown` writes it, `$` → `\$`, `(` → `\(`.
    @Test func anExceededBudgetHasNoTag() {
        let gate = CommentGate(checks: [], failures: ["failing (budget): the total monthly cost at the declared types is $2.00, over the budget of $1.00 (--budget 1)"])
        #expect(gate.markdown == Self.head + #"the total monthly cost at the declared types is \$2.00, over the budget of \$1.00 \(--budget 1\)."#)
    }

    /// Budgets that cannot be checked, each tagged with its source by the CLI: the line reads like the
    /// exceeded one, the reason alone, not "\(--budget\): …".
    @Test(arguments: [
        ("--budget", #"the total monthly cost cannot be computed, so the total budget of $1.00 (--budget 1) cannot be checked"#,
         #"the total monthly cost cannot be computed, so the total budget of \$1.00 \(--budget 1\) cannot be checked."#),
        ("--max-increase", "the monthly cost of 'm' cannot be computed, so the allowed increase of 10% (--max-increase 10%) cannot be checked",
         #"the monthly cost of 'm' cannot be computed, so the allowed increase of 10% \(--max-increase 10%\) cannot be checked."#),
        ("max_increase", "the monthly cost of 'm' cannot be computed, so the allowed increase of 10% (usage.yml) cannot be checked",
         #"the monthly cost of 'm' cannot be computed, so the allowed increase of 10% \(usage.yml\) cannot be checked."#),
    ]) func aBudgetThatCannotBeCheckedHasNoTag(tag: String, reason: String, shown: String) {
        let gate = CommentGate(checks: [], failures: ["failing (\(tag)): \(reason)"])
        #expect(gate.markdown == Self.head + shown)
    }

    /// Other gates keep their flag: their reasons do not name it.
    @Test func otherGatesKeepTheirFlag() {
        let gate = CommentGate(checks: [], failures: ["failing (--fail-on error): a.json:1:1: error: bad [X]"])
        #expect(gate.markdown == Self.head + #"\(--fail-on error\): a.json:1:1: error: bad \[X\]."#)
    }
}
