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

/// Checks the budgets of a report (`estimate`) or of a diff (`diff`: the head's monthly figures and the
/// rise from base to head). Pure: the CLI prints the reasons and sets the exit code.
public enum BudgetCheck {
    public static func evaluate(_ report: Report) -> [BudgetStatus] {
        guard let limits = report.budgets else { return [] }
        let byName = Dictionary(report.stateMachines.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let unknownMachine = report.stateMachines.first { $0.monthly.declaredCost == nil }?.name
        var statuses: [BudgetStatus] = []
        if let monthly = limits.monthly {
            statuses.append(total(limit: monthly, actual: unknownMachine == nil ? report.total.declaredCost : nil,
                                  unknownMachine: unknownMachine, source: limits.monthlySource, currency: report.currency))
        }
        for budget in limits.machines {
            let cost = byName[budget.machine].flatMap { $0.monthly.declaredCost }
            statuses.append(machine(budget, actual: cost, present: byName[budget.machine] != nil, currency: report.currency))
        }
        return statuses
    }

    public static func evaluate(_ diff: ReportDiff) -> [BudgetStatus] {
        guard let limits = diff.budgets else { return [] }
        let present = diff.machines.filter { $0.status != .removed }
        let unknownMachine = present.first { $0.headCost == nil }?.name
        let byName = Dictionary(present.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var statuses: [BudgetStatus] = []
        if let monthly = limits.monthly {
            statuses.append(total(limit: monthly, actual: unknownMachine == nil ? diff.total.headCost : nil,
                                  unknownMachine: unknownMachine, source: limits.monthlySource, currency: diff.currency))
        }
        if let text = limits.maxIncrease, let threshold = CostThreshold(text) {
            statuses.append(increase(threshold, diff: diff, unknownMachine: unknownMachine, source: limits.maxIncreaseSource))
        }
        for budget in limits.machines {
            statuses.append(machine(budget, actual: byName[budget.machine]?.headCost, present: byName[budget.machine] != nil,
                                    currency: diff.currency))
        }
        return statuses
    }

    private static func total(limit: Money, actual: Money?, unknownMachine: String?, source: String?, currency: String) -> BudgetStatus {
        let limitText = Format.money(limit, currency)
        let from = source.map { " (\($0))" } ?? ""
        guard let actual else {
            return BudgetStatus(kind: .totalMonthly, machine: nil, limit: Money.plainString(limit.amount), actual: nil, state: .unknown, source: source,
                                reason: "the monthly cost of '\(unknownMachine ?? "?")' cannot be computed (see its findings), so the total budget of \(limitText)\(from) cannot be checked")
        }
        let over = actual.amount > limit.amount
        return BudgetStatus(kind: .totalMonthly, machine: nil, limit: Money.plainString(limit.amount), actual: actual,
                            state: over ? .exceeded : .within, source: source,
                            reason: "the total monthly cost at the declared types is \(Format.money(actual, currency)), \(over ? "over" : "within") the budget of \(limitText)\(from)")
    }

    private static func machine(_ budget: BudgetLimits.MachineBudget, actual: Money?, present: Bool, currency: String) -> BudgetStatus {
        let limitText = Format.money(budget.monthly, currency)
        let from = " (\(budget.source))"
        guard let actual else {
            let why = present ? "cannot be computed (see its findings)" : "is not in the report"
            return BudgetStatus(kind: .machineMonthly, machine: budget.machine, limit: Money.plainString(budget.monthly.amount), actual: nil,
                                state: present ? .unknown : .within, source: budget.source,
                                reason: "the monthly cost of '\(budget.machine)' \(why), so its budget of \(limitText)\(from) \(present ? "cannot be checked" : "does not apply")")
        }
        let over = actual.amount > budget.monthly.amount
        return BudgetStatus(kind: .machineMonthly, machine: budget.machine, limit: Money.plainString(budget.monthly.amount), actual: actual,
                            state: over ? .exceeded : .within, source: budget.source,
                            reason: "the monthly cost of '\(budget.machine)' at its declared type is \(Format.money(actual, currency)), \(over ? "over" : "within") its budget of \(limitText)\(from)")
    }

    private static func increase(_ threshold: CostThreshold, diff: ReportDiff, unknownMachine: String?, source: String?) -> BudgetStatus {
        let from = source.map { " (\($0))" } ?? ""
        let limitText: String
        switch threshold {
        case .amount(let value): limitText = Format.money(Money(value), diff.currency)
        case .percent: limitText = threshold.description
        }
        if let unknownMachine {
            return BudgetStatus(kind: .maxIncrease, machine: nil, limit: threshold.description, actual: nil, state: .unknown, source: source,
                                reason: "the monthly cost of '\(unknownMachine)' cannot be computed (see its findings), so the allowed increase of \(limitText)\(from) cannot be checked")
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
