/// A check sfncost runs, documented in one place: `sfncost rules` and docs/rules.md are generated
/// from `RuleCatalog.all`.
public struct Rule: Sendable, Hashable {
    /// Stable ID; never reused for another meaning.
    public var id: String
    /// Short kebab-case name.
    public var name: String
    public var defaultSeverity: Severity
    /// One line: what it finds.
    public var summary: String
    /// One paragraph: the limit, its number and why it matters.
    public var explanation: String
    public var fix: String
    /// Where the limit is documented.
    public var source: String
}
