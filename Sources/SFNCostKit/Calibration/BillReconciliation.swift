import Foundation

/// The month's bill (a Cost and Usage Report extract) against the estimate: billed transitions,
/// Express requests and GB-seconds of one account and region beside the predicted totals of the
/// machines analysed, over the billing months the extract covers. Part of `sfncost reconcile`'s
/// JSON (`bill`, docs/reconcile-schema.md).
public struct BillReconciliation: Codable, Sendable {
    /// The extract's files, as named.
    public var files: [String]
    /// Empty when the extract has no account column.
    public var account: String
    public var region: String
    /// `YYYY-MM` of each billing month with Step Functions usage, oldest first.
    public var months: [String]
    /// Hours in those months (calendar days × 24); the estimate's month is 730 hours.
    public var hours: Int
    public var rows: [Row]
    /// Unblended cost billed for these usage types (after the free tier, before credits), a decimal string.
    public var billedCost: Money?
    /// The machines' cost at their declared type over the same hours (no free tier deducted).
    public var predictedCost: Money?
    /// The prices' currency (the extract's own currency column is not read).
    public var currency: String
    /// Per machine, the monthly usage summed into `predicted` (each figure explainable with `sfncost explain`).
    public var machines: [MachineUsage]
    public var notes: [String]
    /// False when some row fails the tolerance.
    public var withinTolerance: Bool

    public struct Row: Codable, Sendable {
        /// `transitions`, `requests` or `gbSeconds`.
        public var figure: CostUsageReport.UsageKind
        /// The usage types summed, as the extract spells them.
        public var usageTypes: [String]
        /// The summed usage amount, exactly, as a decimal string.
        public var billed: String
        /// The machines' predicted total over the months' hours; absent when too large to compute.
        public var predicted: Double?
        public var predictedTooLarge: Bool?
        /// billed ÷ predicted; absent when the prediction is 0 or too large.
        public var ratio: Double?
        /// (billed − predicted) ÷ predicted × 100: how far the bill is from its prediction (+ when
        /// billed above it); absent when the prediction is 0 (with something billed) or too large.
        public var differencePercent: Double?
        /// Outside `--tolerance` (or billed 0 where usage is predicted, or a prediction too large).
        public var failsTolerance: Bool
    }

    public struct MachineUsage: Codable, Sendable {
        public var name: String
        public var type: WorkflowType
        public var transitionsPerMonth: Double?
        public var requestsPerMonth: Double?
        public var gbSecondsPerMonth: Double?
    }

    /// The one account and region to compare, or why the extract and the options do not name one.
    /// - Parameter pricesRegion: the estimate's region (`--region`, else the profile's, else the default),
    ///   which picks the prices: without `--region`, it chooses among several regions of the extract.
    public static func select(_ report: CostUsageReport, account: String?, region: String?,
                              pricesRegion: String? = nil) throws(InputError) -> CostUsageReport.Scope {
        let at = SourceLocation(file: report.path, line: 1, column: 1)
        if account != nil, !report.hasAccountColumn {
            throw InputError("CUR.NoAccountColumn", "--account was given, but the extract has no line_item_usage_account_id (legacy lineItem/UsageAccountId) column", at: at)
        }
        let all = report.scopes.keys.sorted()
        if all.isEmpty {
            throw InputError("CUR.NoStepFunctionsUsage", "holds no Step Functions usage: no row of product AmazonStates with a usage type ending in StateTransition, StepFunctions-Request or StepFunctions-GB-Second (line-item type Usage)", at: at)
        }
        let chosen = all.filter { (account == nil || $0.account == account) && (region == nil || $0.region == region) }
        let listed = all.prefix(20).map(\.text).joined(separator: "; ") + (all.count > 20 ? "; and \(all.count - 20) more" : "")
        if chosen.isEmpty {
            let asked = [account.map { "account \($0)" }, region].compactMap { $0 }.joined(separator: ", ")
            throw InputError("CUR.NoMatchingUsage", "holds no Step Functions usage for \(asked); it holds: \(listed)", at: at)
        }
        if chosen.count > 1, region == nil, let pricesRegion {
            let inPricesRegion = chosen.filter { $0.region == pricesRegion }
            if inPricesRegion.count == 1 { return inPricesRegion[0] }
        }
        guard chosen.count == 1 else {
            throw InputError("CUR.SeveralScopes", "holds Step Functions usage of \(chosen.count) accounts or regions (\(chosen.prefix(20).map(\.text).joined(separator: "; "))); the machines analysed are one account's in one region: choose with --account and --region", at: at)
        }
        return chosen[0]
    }

    /// - Parameters:
    ///   - report: the estimate of the machines analysed (every PATH).
    ///   - tolerancePercent: nil reports only.
    public static func build(report: Report, bill: CostUsageReport, scope: CostUsageReport.Scope,
                             tolerancePercent: Double?) -> BillReconciliation {
        let billed = bill.scopes[scope] ?? CostUsageReport.Billed()
        let months = billed.months.sorted()
        let hours = months.reduce(0) { $0 + hoursIn(month: $1) }
        let share = Double(hours) / 730

        var machines: [MachineUsage] = []
        var monthly: [CostUsageReport.UsageKind: Double] = [:]
        var tooLarge: Set<CostUsageReport.UsageKind> = []
        var monthlyCost: Decimal? = 0
        func add(_ kind: CostUsageReport.UsageKind, _ value: Double?) {
            guard let value, value.isFinite else { tooLarge.insert(kind); return }
            monthly[kind, default: 0] += value
        }
        for machine in report.stateMachines {
            var usage = MachineUsage(name: machine.name, type: machine.type)
            switch machine.type {
            case .standard:
                usage.transitionsPerMonth = machine.monthly.standard.transitions
                add(.transitions, usage.transitionsPerMonth)
                // Express children of a Distributed Map bill requests and GB-seconds of their own.
                if let requests = machine.perExecution.expressChildRequests {
                    usage.requestsPerMonth = requests.expected.map { $0 * machine.executionsPerMonth }
                    add(.requests, usage.requestsPerMonth)
                }
                if let gbSeconds = machine.perExecution.expressChildGBSeconds {
                    usage.gbSecondsPerMonth = gbSeconds.expected.map { $0 * machine.executionsPerMonth }
                    add(.gbSeconds, usage.gbSecondsPerMonth)
                }
            case .express:
                usage.requestsPerMonth = machine.monthly.express.requests
                usage.gbSecondsPerMonth = machine.monthly.express.gbSeconds
                add(.requests, usage.requestsPerMonth)
                add(.gbSeconds, usage.gbSecondsPerMonth)
            }
            if let cost = machine.monthly.declaredCost, let sum = monthlyCost { monthlyCost = sum + cost.amount } else { monthlyCost = nil }
            machines.append(usage)
        }

        var rows: [Row] = []
        for kind in CostUsageReport.UsageKind.allCases {
            let amount = billed.usage[kind]
            guard amount != nil || monthly[kind, default: 0] > 0 || tooLarge.contains(kind) else { continue }
            let billedAmount = amount ?? 0
            let billedValue = NSDecimalNumber(decimal: billedAmount).doubleValue
            let predicted: Double? = tooLarge.contains(kind) ? nil : monthly[kind, default: 0] * share
            let ratio = predicted.flatMap { $0 > 0 ? billedValue / $0 : nil }
            // The billed figure's distance from its prediction, as BILLED/PREDICTED beside it reads:
            // billed above the prediction is +, and −100% is nothing billed.
            let difference = predicted.flatMap { $0 > 0 ? (billedValue - $0) / $0 * 100 : (billedValue == 0 ? 0 : nil) }
            var fails = false
            if let tolerance = tolerancePercent {
                // Nothing billed where usage is predicted fails whatever the tolerance: a machine not
                // deployed, or the wrong account or region.
                let nothingBilled = billedAmount == 0 && (predicted ?? 1) > 0
                fails = nothingBilled || (difference.map { !$0.isFinite || abs($0) > tolerance } ?? true)
            }
            rows.append(Row(figure: kind, usageTypes: (billed.usageTypes[kind] ?? []).sorted(), billed: Money.plainString(billedAmount),
                            predicted: predicted, predictedTooLarge: predicted == nil ? true : nil, ratio: ratio,
                            differencePercent: difference, failsTolerance: fails))
        }

        var notes: [String] = []
        if CostUsageReport.Facts.usageIncludesFreeTier, rows.contains(where: { $0.figure == .transitions }) {
            notes.append("Billed transitions are the usage amounts, taken to include the free tier's 4,000 transitions a month (the free tier lowers the cost, not the usage; not confirmed by AWS's documentation). The free tier applies once per account, whatever the machines analysed.")
        }
        notes.append("The bill covers every state machine of \(scope.text); the prediction covers only the \(machines.count) machine\(machines.count == 1 ? "" : "s") analysed. Machines not named, and executions started by hand or by tests, make the bill larger.")
        for month in months {
            if let last = billed.lastUsageEnd[month], last < lastDay(month: month) {
                notes.append("The extract's usage of \(month) ends on \(last): if that month was not over, its billed figures are partial while the prediction is for the whole month.")
            }
        }
        if billed.unblendedCost != nil {
            notes.append("The billed cost is what AWS charged for these usage types (after the free tier; credits, discounts and taxes are rows of their own, left out); the predicted cost is at list price with no free tier deducted. The usage rows are the comparison; the cost is shown, never gated.")
        }
        if report.region != scope.region {
            notes.append("The prices used are for \(report.region), the bill's usage is in \(scope.region): pass --region \(scope.region) for its prices.")
        }
        if !bill.otherUsageTypes.isEmpty {
            let list = bill.otherUsageTypes.keys.sorted().prefix(10).joined(separator: ", ")
            notes.append("Other AmazonStates usage types are not compared: \(list)\(bill.otherUsageTypes.count > 10 ? ", …" : "").")
        }
        if !bill.otherLineItemTypes.isEmpty {
            let list = bill.otherLineItemTypes.keys.sorted().prefix(10).joined(separator: ", ")
            notes.append("AmazonStates rows that are not usage are left out of the sums: \(list).")
        }
        let predictedCost = monthlyCost.map { Money(($0 * Decimal(hours) / 730).rounded(scale: Money.jsonScale)) }
        return BillReconciliation(files: bill.paths, account: scope.account, region: scope.region, months: months, hours: hours, rows: rows,
                                  billedCost: billed.unblendedCost.map(Money.init), predictedCost: predictedCost, currency: report.currency,
                                  machines: machines, notes: notes, withinTolerance: !rows.contains(where: \.failsTolerance))
    }

    /// Calendar days × 24 of a `YYYY-MM` month (Gregorian leap years).
    static func hoursIn(month: String) -> Int {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return 0 }
        let (year, number) = (parts[0], parts[1])
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(number) ? days[number - 1] * 24 : 0
    }

    /// `YYYY-MM-DD` of the month's last day: usage that ends on it (23:59:59) or after it (the next
    /// month's 00:00, as CUR writes an end) covers the month.
    static func lastDay(month: String) -> String {
        "\(month)-\(String(format: "%02d", hoursIn(month: month) / 24))"
    }
}
