import Foundation

extension BillReconciliationRenderer {
    /// The gate's line on stderr for a bill row outside the tolerance, its figures as the table prints
    /// them (thousands separators), so the two read alike.
    public static func gateLine(_ bill: BillReconciliation, _ row: BillReconciliation.Row) -> String {
        "the bill's \(row.figure.rawValue) (\(DisplayText.text(bill.months.joined(separator: ", ")))): billed \(billedText(row)), predicted \(row.predicted.map(amount) ?? "too large")"
    }
}
