/// A value the analysis used that the profile did not give: a default, or an estimate.
/// Every report lists them, so no figure rests on a silent guess.
public struct Assumption: Codable, Sendable, Hashable {
    /// The state it applies to, or nil for the whole machine.
    @NullEncoded public var state: String?
    /// The profile key that would set it, e.g. `duration`, `items`, `executions`.
    public var field: String
    /// The value used, as text with its unit.
    public var value: String
    /// Why: which default or estimate.
    public var reason: String

    public init(state: String?, field: String, value: String, reason: String) {
        self.state = state
        self.field = field
        self.value = value
        self.reason = reason
    }
}

/// Collects assumptions once per (state, field), in the order first made.
final class AssumptionLog {
    private(set) var items: [Assumption] = []
    private var seen: Set<Key> = []

    /// (state, field), a machine-wide one under the state "": what the text key
    /// "state\u{1}field" was, without building it (no field name holds "\u{1}").
    private struct Key: Hashable {
        var state: String
        var field: String
    }

    func add(_ assumption: Assumption) {
        if seen.insert(Key(state: assumption.state ?? "", field: assumption.field)).inserted { items.append(assumption) }
    }
}
