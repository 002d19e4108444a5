/// A failure that stops the reading of one input: the file cannot be read, is not valid JSON/YAML,
/// or is a definition or profile that cannot be used. It always carries what is wrong and, where the
/// input has a position for it, the location. The CLI maps every `InputError` to exit code 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// All the problems found; at least one has severity `.error`.
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ code: String, _ message: String, at location: SourceLocation?) {
        self.diagnostics = [Diagnostic(.error, code, message, at: location)]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
