import Foundation

/// One budget and how the figures stand against it: what the Markdown shows and what fails the gate.
public struct BudgetStatus: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The total monthly cost at the declared types.
        case totalMonthly
        /// One machine's monthly cost at its declared type.
        case machineMonthly
        /// The rise of the total monthly cost (diff only).
        case maxIncrease
    }

    public enum State: String, Codable, Sendable {
        case within
        case exceeded
        /// A cost it depends on cannot be computed (a loop that never exits): it cannot pass.
        case unknown
    }

    public var kind: Kind
    /// The machine, for a machine budget.
    @NullEncoded public var machine: String?
    /// The limit as written: `250`, `10%`.
    public var limit: String
    /// The figure compared with it: the monthly cost, or the rise.
    @NullEncoded public var actual: Money?
    public var state: State
    /// Where the limit comes from (`usage.yml:3:9`, `--budget`).
    @NullEncoded public var source: String?
    /// One sentence naming the budget, the machine and the figures.
    public var reason: String
}

/// A monthly cost a budget depends on that is not known: the machine, the report it is missing from
/// (a diff has two) and why. A cost that cannot be computed is not a cost of zero: it cannot pass.
struct UnknownCost {
    var machine: String
    /// "head report" or "base report" in a diff; nil for an estimate.
    var report: String?
    var tooLarge: Bool

    /// "the monthly cost of 'poll' in the head report cannot be computed (see its findings)".
    var description: String {
        let why = tooLarge ? "is too large to represent (over \(Representable.limitText))" : "cannot be computed (see its findings)"
        return "the monthly cost of '\(machine)'\(report.map { " in the \($0)" } ?? "") \(why)"
    }
}

/// Checks the budgets of a report (`estimate`) or of a diff (`diff`: the head's monthly figures and the
/// rise from base to head). Pure: the CLI prints the reasons and sets the exit code. The one place that
/// decides a budget's verdict, `unknown` included: the gate, the stderr lines and the comment's
/// Budgets table all read these statuses.
public enum BudgetCheck {
    public static func evaluate(_ report: Report) -> [BudgetStatus] {
        guard let limits = report.budgets else { return [] }
        let byName = Dictionary(report.stateMachines.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func unknown(_ machine: MachineReport) -> UnknownCost? {
            guard machine.monthly.declaredCost == nil else { return nil }
            return UnknownCost(machine: machine.name, report: nil, tooLarge: machine.monthly.declaredCostTooLarge == true)
        }
        let unknownMachine = report.stateMachines.lazy.compactMap(unknown).first
        var statuses: [BudgetStatus] = []
        if let monthly = limits.monthly {
            statuses.append(total(limit: monthly, actual: unknownMachine == nil ? report.total.declaredCost : nil,
                                  unknown: unknownMachine, source: limits.monthlySource, currency: report.currency))
        }
        for budget in limits.machines {
            let machine = byName[budget.machine]
            statuses.append(self.machine(budget, actual: machine.flatMap { $0.monthly.declaredCost },
                                         unknown: machine.flatMap(unknown), present: machine != nil, currency: report.currency))
        }
        return statuses
    }

    public static func evaluate(_ diff: ReportDiff) -> [BudgetStatus] {
        guard let limits = diff.budgets else { return [] }
        let present = diff.machines.filter { $0.status != .removed }
        func unknownHead(_ machine: ReportDiff.MachineChange) -> UnknownCost? {
            guard machine.headCost == nil else { return nil }
            return UnknownCost(machine: machine.name, report: "head report", tooLarge: machine.headCostTooLarge == true)
        }
        let unknownMachine = present.lazy.compactMap(unknownHead).first
        let byName = Dictionary(present.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var statuses: [BudgetStatus] = []
        if let monthly = limits.monthly {
            statuses.append(total(limit: monthly, actual: unknownMachine == nil ? diff.total.headCost : nil,
                                  unknown: unknownMachine, source: limits.monthlySource, currency: diff.currency))
        }
        if let text = limits.maxIncrease, let threshold = CostThreshold(text) {
            statuses.append(increase(threshold, diff: diff, unknown: unknownRise(diff), source: limits.maxIncreaseSource))
        }
        for budget in limits.machines {
            let machine = byName[budget.machine]
            statuses.append(self.machine(budget, actual: machine?.headCost, unknown: machine.flatMap(unknownHead),
                                         present: machine != nil, currency: diff.currency))
        }
        return statuses
    }

    /// The first cost that leaves the rise of the total unknown: a machine's on the head side (unless
    /// removed), or on the base side of a machine still there (unless added).
    static func unknownRise(_ diff: ReportDiff) -> UnknownCost? {
        for machine in diff.machines {
            if machine.status != .removed, machine.headCost == nil {
                return UnknownCost(machine: machine.name, report: "head report", tooLarge: machine.headCostTooLarge == true)
            }
            if machine.status != .added, machine.status != .removed, machine.baseCost == nil {
                return UnknownCost(machine: machine.name, report: "base report", tooLarge: machine.baseCostTooLarge == true)
            }
        }
        return nil
    }

    private static func total(limit: Money, actual: Money?, unknown: UnknownCost?, source: String?, currency: String) -> BudgetStatus {
        let limitText = Format.money(limit, currency)
        let from = source.map { " (\($0))" } ?? ""
        guard let actual else {
            let what = unknown?.description ?? "the total monthly cost cannot be computed"
            return BudgetStatus(kind: .totalMonthly, machine: nil, limit: Money.plainString(limit.amount), actual: nil, state: .unknown, source: source,
                                reason: "\(what), so the total budget of \(limitText)\(from) cannot be checked")
        }
        let over = actual.amount > limit.amount
        return BudgetStatus(kind: .totalMonthly, machine: nil, limit: Money.plainString(limit.amount), actual: actual,
                            state: over ? .exceeded : .within, source: source,
                            reason: "the total monthly cost at the declared types is \(Format.money(actual, currency)), \(over ? "over" : "within") the budget of \(limitText)\(from)")
    }

    private static func machine(_ budget: BudgetLimits.MachineBudget, actual: Money?, unknown: UnknownCost?, present: Bool,
                                currency: String) -> BudgetStatus {
        let limitText = Format.money(budget.monthly, currency)
        let from = " (\(budget.source))"
        guard let actual else {
            let what = present ? (unknown ?? UnknownCost(machine: budget.machine, report: nil, tooLarge: false)).description
                : "the monthly cost of '\(budget.machine)' is not in the report"
            return BudgetStatus(kind: .machineMonthly, machine: budget.machine, limit: Money.plainString(budget.monthly.amount), actual: nil,
                                state: present ? .unknown : .within, source: budget.source,
                                reason: "\(what), so its budget of \(limitText)\(from) \(present ? "cannot be checked" : "does not apply")")
        }
        let over = actual.amount > budget.monthly.amount
        return BudgetStatus(kind: .machineMonthly, machine: budget.machine, limit: Money.plainString(budget.monthly.amount), actual: actual,
                            state: over ? .exceeded : .within, source: budget.source,
                            reason: "the monthly cost of '\(budget.machine)' at its declared type is \(Format.money(actual, currency)), \(over ? "over" : "within") its budget of \(limitText)\(from)")
    }

    private static func increase(_ threshold: CostThreshold, diff: ReportDiff, unknown: UnknownCost?, source: String?) -> BudgetStatus {
        let from = source.map { " (\($0))" } ?? ""
        let limitText: String
        switch threshold {
        case .amount(let value): limitText = Format.money(Money(value), diff.currency)
        case .percent: limitText = threshold.description
        }
        if let unknown {
            return BudgetStatus(kind: .maxIncrease, machine: nil, limit: threshold.description, actual: nil, state: .unknown, source: source,
                                reason: "\(unknown.description), so the allowed increase of \(limitText)\(from) cannot be checked")
        }
        let base = diff.total.baseCost, head = diff.total.headCost
        let rise = Money(head.amount - base.amount)
        let over = threshold.exceeded(base: base.amount, head: head.amount)
        // Four places, so that a rise just over the limit does not print as equal to it.
        let riseText = Money.plainString(rise.amount.rounded(scale: 4)) + " " + diff.currency
        let percent = diff.total.costChangePercent.map { String(format: " (%+.2f%%)", $0) } ?? (base.amount == 0 && rise.amount > 0 ? " (from nothing)" : "")
        return BudgetStatus(kind: .maxIncrease, machine: nil, limit: threshold.description, actual: rise,
                            state: over ? .exceeded : .within, source: source,
                            reason: "the total monthly cost changes by \(riseText)\(percent), from \(Format.money(base, diff.currency)) to \(Format.money(head, diff.currency)), \(over ? "more than" : "within") the allowed increase of \(limitText)\(from)")
    }
}
