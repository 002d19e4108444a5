/// A result about a machine: a limit it breaks, a cost trap, a figure that cannot be computed.
/// Located at the state that causes it, so SARIF and GitHub annotations can point there.
public struct Finding: Codable, Sendable, Hashable {
    /// The rule's stable ID, e.g. `SFN101`.
    public var rule: String
    /// The rule's short name, e.g. `history-limit`.
    public var name: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    @NullEncoded public var state: String?
    public var machine: String
    /// Why it was suppressed or re-rated (profile `rules`), when it was.
    @NullEncoded public var suppression: String?

    public init(rule: Rule, severity: Severity? = nil, message: String, at location: SourceLocation,
                state: String?, machine: String) {
        self.rule = rule.id
        self.name = rule.name
        self.severity = severity ?? rule.defaultSeverity
        self.message = message
        self.file = location.file
        self.line = location.line
        self.column = location.column
        self.state = state
        self.machine = machine
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
}
