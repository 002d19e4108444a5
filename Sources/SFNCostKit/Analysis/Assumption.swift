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
    // Room for the dozen or so a machine usually has, so that the first ones do not regrow both.
    private(set) var items: [Assumption] = []
    private var seen = Set<Key>(minimumCapacity: 16)
    /// False for an analysis whose assumptions nobody reads (a what-if's): `add` then builds none.
    let recording: Bool

    init(recording: Bool = true) {
        self.recording = recording
        if recording { items.reserveCapacity(16) }
    }

    /// (state, field), a machine-wide one under the state "": what the text key
    /// "state\u{1}field" was, without building it (no field name holds "\u{1}").
    private struct Key: Hashable {
        var state: String
        var field: String

        /// The state's name and the field's length: the dozen fields are literals of different
        /// lengths, mostly, and equal keys still hash alike (hashing the field too only cost time).
        func hash(into hasher: inout Hasher) {
            hasher.combine(state)
            hasher.combine(field.utf8.count)
        }
    }

    /// - Parameter assumption: made only when the log records (its text is formatted numbers).
    func add(_ assumption: @autoclosure () -> Assumption) {
        guard recording else { return }
        let assumption = assumption()
        if seen.insert(Key(state: assumption.state ?? "", field: assumption.field)).inserted { items.append(assumption) }
    }
}
