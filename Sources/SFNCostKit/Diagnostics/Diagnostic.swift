/// How serious a diagnostic is. Ordered so that `>=` compares gravity.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A located message about an input: a definition that AWS would reject, a field we do not know,
/// a profile entry that does not fit. Stopping failures (a file that cannot be read at all) are
/// `InputError`s; findings about limits and cost are `Finding`s in the report.
public struct Diagnostic: Hashable, Codable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// A stable identifier, e.g. `ASL.MissingNextTarget`, so tests and users can key on it.
    public var code: String
    public var message: String
    @NullEncoded public var location: SourceLocation?

    public init(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:col: severity: message [code]`, the compiler form. The file and the message may quote
    /// an input (a name, a path): both are escaped for display (`DisplayText.text`), so this line is
    /// always one line and cannot carry a terminal escape or a workflow command.
    public var description: String {
        let prefix = location.map { "\(DisplayText.text($0.file)):\($0.line):\($0.column): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(DisplayText.text(message)) [\(DisplayText.text(code))]"
    }
}
