/// A position in an input file: 1-based line and column, as Yams/libyaml report them
/// (columns count Unicode scalars). SARIF and GitHub annotations use the same convention,
/// so no renderer ever adds or subtracts one.
///
/// The file is held as its entry in the process-wide `FileNames` table, not as a `String`: every
/// node of a located tree carries one or two locations, and a path is a heap string, so each copy
/// of a node retained it and each freed node released it (atomic reference counting, the largest
/// share of reading a file after libyaml). Three integers are copied and freed for nothing. Every
/// answer is the one the stored `String` gave: equality, hash and order still go by the name.
public struct SourceLocation: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The file's entry in `FileNames` (one per distinct spelling, byte for byte).
    private var fileID: Int
    public var line: Int
    public var column: Int

    /// The path as the user named it (relative paths stay relative).
    public var file: String {
        get { FileNames.name(fileID) }
        set { fileID = FileNames.id(of: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.init(FileNames.File(file), line: line, column: column)
    }

    /// For readers that locate many nodes of one file: the name is looked up once, in `file`.
    init(_ file: FileNames.File, line: Int, column: Int) {
        fileID = file.id
        self.line = line
        self.column = column
    }

    /// The file of this location, to make more locations in it without looking its name up again.
    var internedFile: FileNames.File { FileNames.File(id: fileID) }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    // MARK: - As the stored name gave them

    // Two spellings of one name that are canonically equivalent (`é` as one scalar or as `e` and a
    // combining accent) are two entries of the table but equal `String`s: equality, hash and order
    // go by the names whenever the entries differ, as they did when the name was stored.

    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.line == rhs.line && lhs.column == rhs.column
            && (lhs.fileID == rhs.fileID || lhs.file == rhs.file)
    }

    /// What the synthesised `hash(into:)` of `file`, `line`, `column` fed the hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.fileID == rhs.fileID { return (lhs.line, lhs.column) < (rhs.line, rhs.column) }
        return (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    // MARK: - Codable, as synthesised for `file`, `line`, `column`

    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let file = try container.decode(String.self, forKey: .file)
        let line = try container.decode(Int.self, forKey: .line)
        let column = try container.decode(Int.self, forKey: .column)
        self.init(file: file, line: line, column: column)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}
