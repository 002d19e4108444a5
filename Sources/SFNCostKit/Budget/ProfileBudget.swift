import Foundation

/// A profile `budget` entry: `budget: {monthly: 250, max_increase: 10%}` at the top level (the total
/// at the declared types), or `budget: {monthly: 20}` under a machine. Amounts stay Decimal.
public struct ProfileBudget: Sendable {
    /// The most a month may cost.
    public var monthly: Located<Decimal>?
    /// The largest allowed rise of the monthly cost in a `diff`: an amount or a percentage.
    public var maxIncrease: Located<CostThreshold>?
    /// Where the `budget` key stands.
    public var location: SourceLocation

    public init(monthly: Located<Decimal>? = nil, maxIncrease: Located<CostThreshold>? = nil, location: SourceLocation) {
        self.monthly = monthly
        self.maxIncrease = maxIncrease
        self.location = location
    }
}

/// Reads a `budget` mapping, with a located error for every value that cannot be a budget.
enum ProfileBudgetReader {
    /// `allowsIncrease`: only the top-level budget has `max_increase` (it applies to the total).
    static func read(_ node: SourceNode, at keyLocation: SourceLocation, allowsIncrease: Bool, in what: String)
        -> (ProfileBudget?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let members = node.members else {
            let example = allowsIncrease ? "{monthly: 250, max_increase: 10%}" : "{monthly: 20}"
            return (nil, [Diagnostic(.error, "Profile.WrongType", "'budget' of \(what) must be a mapping such as \(example), found \(node.kindName)", at: node.location)])
        }
        let known: [String] = allowsIncrease ? ["max_increase", "monthly"] : ["monthly"]
        for member in members where !known.contains(member.key) {
            let hint = member.key == "max_increase" ? " ('max_increase' applies to the total: put it in the top-level 'budget')" : ""
            diagnostics.append(Diagnostic(.warning, "Profile.UnknownKey", "unknown key '\(member.key)' in the budget of \(what); known keys: \(known.joined(separator: ", "))\(hint)", at: member.keyLocation))
        }
        var budget = ProfileBudget(location: keyLocation)
        if let value = node["monthly"] {
            if let text = scalarText(value), case .amount(let amount)? = CostThreshold(text) {
                budget.monthly = Located(amount, at: value.location)
            } else {
                diagnostics.append(Diagnostic(.error, "Profile.Budget", "'budget.monthly' of \(what) must be an amount of money, 0 or more, such as 250 or 12.50 (found \(found(value)))", at: value.location))
            }
        }
        if allowsIncrease, let value = node["max_increase"] {
            if let text = scalarText(value), let threshold = CostThreshold(text) {
                budget.maxIncrease = Located(threshold, at: value.location)
            } else {
                diagnostics.append(Diagnostic(.error, "Profile.Budget", "'budget.max_increase' of \(what) must be an amount, 0 or more (25), or a percentage (10%) (found \(found(value)))", at: value.location))
            }
        }
        if budget.monthly == nil && budget.maxIncrease == nil && !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(Diagnostic(.warning, "Profile.Budget", "the budget of \(what) sets no limit; give 'monthly'\(allowsIncrease ? " or 'max_increase'" : "")", at: keyLocation))
        }
        return (budget, diagnostics)
    }

    /// A number as written (`250`, `12.50`) or a string (`"10%"`, `"$25"`), never through Double.
    private static func scalarText(_ node: SourceNode) -> String? {
        switch node.value {
        case .number(let text): return text
        case .string(let text): return text
        default: return nil
        }
    }

    private static func found(_ node: SourceNode) -> String {
        switch node.value {
        case .number(let text): return text
        case .string(let text): return "'\(text)'"
        default: return node.kindName
        }
    }
}
