import Foundation

/// The budgets in force for a report, carried in the JSON report (`budgets`) so that `diff`, which
/// reads two saved reports, checks the budgets of the change's own profile (the head report's).
/// Command-line flags (`--budget`, `--max-increase`) override the profile and are recorded here too.
public struct BudgetLimits: Codable, Sendable, Equatable {
    /// The most the total at the declared types may cost a month.
    @NullEncoded public var monthly: Money?
    /// The largest allowed rise of that total in a `diff`: `"25"` (an amount) or `"10%"`.
    @NullEncoded public var maxIncrease: String?
    /// Where the total's limits come from: `usage.yml:3:9`, or `--budget` / `--max-increase`.
    @NullEncoded public var monthlySource: String?
    @NullEncoded public var maxIncreaseSource: String?
    /// Per-machine monthly budgets, resolved to the machines of the report.
    public var machines: [MachineBudget]

    public init(monthly: Money? = nil, maxIncrease: String? = nil, monthlySource: String? = nil,
                maxIncreaseSource: String? = nil, machines: [MachineBudget] = []) {
        self.monthly = monthly
        self.maxIncrease = maxIncrease
        self.monthlySource = monthlySource
        self.maxIncreaseSource = maxIncreaseSource
        self.machines = machines
    }

    public var isEmpty: Bool { monthly == nil && maxIncrease == nil && machines.isEmpty }

    /// One machine's monthly budget, and the profile entry it came from (an exact name or a glob).
    public struct MachineBudget: Codable, Sendable, Equatable {
        public var machine: String
        public var monthly: Money
        /// The profile's `state_machines` key that gave it.
        public var entry: String
        public var source: String
    }

    /// The budgets the profile sets for these machines (an exact name entry first, then the first
    /// matching glob, as every other machine entry).
    public static func resolve(_ profile: UsageProfile, machines: [MachineSource]) -> BudgetLimits {
        var limits = BudgetLimits()
        if let monthly = profile.budget?.monthly {
            limits.monthly = Money(monthly.value)
            limits.monthlySource = monthly.location.description
        }
        if let increase = profile.budget?.maxIncrease {
            limits.maxIncrease = increase.value.description
            limits.maxIncreaseSource = increase.location.description
        }
        for source in machines {
            let (usage, entry) = profile.usage(forMachine: source.name, aliases: source.aliases)
            guard let entry, let monthly = usage.budget?.monthly else { continue }
            limits.machines.append(MachineBudget(machine: source.name, monthly: Money(monthly.value),
                                                 entry: entry.pattern, source: monthly.location.description))
        }
        return limits
    }
}
