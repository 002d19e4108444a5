import ArgumentParser
import Foundation
import SFNCostKit

/// `reconcile --cur`: the bill's options and steps, kept apart from the histories' so that each
/// stays small.
struct BillOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("A Cost and Usage Report extract (CSV; legacy CUR or CUR 2.0 / Data Exports headers; several files are the parts of one extract): the billed usage of AmazonStates to compare with the predicted totals.", valueName: "file"))
    var cur: [String] = []

    @Option(name: .long, help: ArgumentHelp("With --cur: the usage account whose bill to compare (when the extract holds several).", valueName: "id"))
    var account: String?

    func validate() throws {
        if account != nil && cur.isEmpty { throw ValidationError("--account selects an account of the --cur extract; name the extract with --cur") }
    }

    /// The extract, read before the estimate so that a bad file fails fast; nil without `--cur`.
    func read() throws -> CostUsageReport? {
        guard !cur.isEmpty else { return nil }
        do { return try CostUsageReport.read(paths: cur) } catch {
            Console.print(error.diagnostics, minimum: .note)
            throw ExitStatus.badInput
        }
    }

    /// Sets the bill beside the estimate of every machine read; the prices' region (`--region`, else the
    /// profile's or the default) also chooses the bill's region where the extract holds several.
    func compare(_ extract: CostUsageReport, report: Report, region: String?, tolerance: Double?,
                 into reconciliation: inout Reconciliation) throws {
        let scope: CostUsageReport.Scope
        do { scope = try BillReconciliation.select(extract, account: account, region: region, pricesRegion: report.region) } catch {
            Console.print(error.diagnostics, minimum: .note)
            throw ExitStatus.badInput
        }
        let compared = BillReconciliation.build(report: report, bill: extract, scope: scope, tolerancePercent: tolerance)
        reconciliation.bill = compared
        reconciliation.withinTolerance = reconciliation.withinTolerance && compared.withinTolerance
    }

    static func table(_ reconciliation: Reconciliation, tolerance: Double?) -> String {
        guard let bill = reconciliation.bill else { return "" }
        return (reconciliation.machines.isEmpty ? "" : "\n") + BillReconciliationRenderer.table(bill, tolerance: tolerance)
    }

    static func markdown(_ reconciliation: Reconciliation, tolerance: Double?) -> String {
        reconciliation.bill.map { BillReconciliationRenderer.markdown($0, tolerance: tolerance) } ?? ""
    }

    /// The gate's one line on stderr for the first bill row outside the tolerance.
    static func failure(_ reconciliation: Reconciliation) -> String? {
        guard let bill = reconciliation.bill, let row = bill.rows.first(where: \.failsTolerance) else { return nil }
        return BillReconciliationRenderer.gateLine(bill, row)
    }
}
