import Foundation

/// The budgets' status as a Markdown section, for the estimate and diff comments. Each row shows the
/// limit as written and the figure measured in the same unit: an amount against an amount, and for a
/// `max_increase` given as a percentage (`10%`) the rise as a percentage of the base (`+54.50%`, two
/// places as in the gate's reason), taken from `total`, the diff's totals.
public enum BudgetMarkdown {
    public static func lines(_ statuses: [BudgetStatus], currency: String, total: ReportDiff.TotalChange? = nil) -> [String] {
        guard !statuses.isEmpty else { return [] }
        var out = ["", "### Budgets", "", "| Budget | Limit | Now | Status |", "| --- | ---: | ---: | --- |"]
        for status in statuses {
            let subject: String
            switch status.kind {
            case .totalMonthly: subject = "Total a month"
            case .machineMonthly: subject = DisplayText.codeSpan(status.machine ?? "", inTable: true) + " a month"
            case .maxIncrease: subject = "Increase of the total"
            }
            let limit = status.kind == .maxIncrease && status.limit.hasSuffix("%")
                ? DisplayText.markdown(status.limit) : DisplayText.markdownMoney(Decimal(string: status.limit, locale: Locale(identifier: "en_US_POSIX")).map(Money.init), currency)
            var now = status.actual.map { (status.kind == .maxIncrease && $0.amount > 0 ? "+" : "") + DisplayText.markdownMoney($0, currency) } ?? "unknown"
            if status.kind == .maxIncrease, status.limit.hasSuffix("%"), let rise = status.actual {
                now = risePercent(rise, total: total) ?? now
            }
            let verdict: String
            switch status.state {
            case .within: verdict = "✅ within"
            case .exceeded: verdict = "🛑 exceeded"
            case .unknown: verdict = "🛑 cannot be checked"
            }
            out.append("| \(subject) | \(limit) | \(now) | \(verdict) |")
        }
        return out
    }

    /// The rise as a percentage of the base total: `+54.50%`; "from nothing" when the base cost
    /// nothing (any rise is then over a percentage limit), `±0.00%` when neither cost anything.
    /// Nil without the totals (the row then keeps the amount).
    private static func risePercent(_ rise: Money, total: ReportDiff.TotalChange?) -> String? {
        guard let total else { return nil }
        if total.baseCost.amount == 0 { return rise.amount > 0 ? "from nothing" : "±0.00%" }
        guard let percent = total.costChangePercent, percent.isFinite else { return nil }
        return percent == 0 ? "±0.00%" : String(format: "%+.2f%%", percent)
    }
}
