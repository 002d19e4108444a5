import Foundation

/// The budgets' status as a Markdown section, for the estimate and diff comments.
public enum BudgetMarkdown {
    public static func lines(_ statuses: [BudgetStatus], currency: String) -> [String] {
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
            let now = status.actual.map { (status.kind == .maxIncrease && $0.amount > 0 ? "+" : "") + DisplayText.markdownMoney($0, currency) } ?? "unknown"
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
}
