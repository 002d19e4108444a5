import SFNCostKit

/// Budgets on the command line: a flag overrides the profile's limit and is recorded in the
/// report, so the JSON carries the limit that was checked.
enum BudgetGate {
    /// `--budget` over the profile's total monthly budget.
    static func applying(budget: String?, to limits: BudgetLimits?) -> BudgetLimits? {
        guard let budget, case .amount(let amount)? = CostThreshold(budget) else { return limits }
        var limits = limits ?? BudgetLimits()
        limits.monthly = Money(amount)
        limits.monthlySource = "--budget \(budget)"
        return limits
    }

    /// `--max-increase` over the profile's `max_increase`.
    static func applying(maxIncrease: String?, to limits: BudgetLimits?) -> BudgetLimits? {
        guard let maxIncrease, let threshold = CostThreshold(maxIncrease) else { return limits }
        var limits = limits ?? BudgetLimits()
        limits.maxIncrease = threshold.description
        limits.maxIncreaseSource = "--max-increase \(maxIncrease)"
        return limits
    }

    /// A gate reason for each budget that is exceeded or cannot be checked (plain text; `Gate.exit`
    /// escapes and prints them). An exceeded budget is `failing (budget)`; one that cannot be checked
    /// names what set it (`--budget`, `--max-increase`, `max_increase`, else `budget`), as sfncost has
    /// always written it. The comment drops these tags (`CommentGate.budgetTags`): keep the two in step.
    static func failures(_ statuses: [BudgetStatus]) -> [String] {
        statuses.filter { $0.state != .within }.map { "failing (\(tag($0))): \($0.reason)" }
    }

    private static func tag(_ status: BudgetStatus) -> String {
        guard status.state == .unknown else { return "budget" }
        let source = status.source ?? ""
        if source.hasPrefix("--budget") { return "--budget" }
        if source.hasPrefix("--max-increase") { return "--max-increase" }
        return status.kind == .maxIncrease ? "max_increase" : "budget"
    }
}
