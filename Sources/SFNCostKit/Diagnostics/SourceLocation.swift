/// A position in an input file: 1-based line and column, as Yams/libyaml report them
/// (columns count Unicode scalars). SARIF and GitHub annotations use the same convention,
/// so no renderer ever adds or subtracts one.
public struct SourceLocation: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The path as the user named it (relative paths stay relative).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
