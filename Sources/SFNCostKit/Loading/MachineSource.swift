/// A state machine found in an input: its name, definition and where it came from.
public struct MachineSource: Sendable {
    public var name: String
    public var machine: StateMachine
    /// The definition's size in bytes (the file, for a bare ASL file).
    public var definitionBytes: Int
    /// The type declared by the file that holds it (templates), if any.
    public var declaredType: WorkflowType?
    /// Warnings from loading (unknown fields…).
    public var diagnostics: [Diagnostic]
    /// Other names the machine answers to in a profile: its plain name, when two machines shared it
    /// and the report qualified them (`team-a/etl`).
    public var aliases: [String] = []

    public init(name: String, machine: StateMachine, definitionBytes: Int, declaredType: WorkflowType?,
                diagnostics: [Diagnostic], aliases: [String] = []) {
        self.name = name
        self.machine = machine
        self.definitionBytes = definitionBytes
        self.declaredType = declaredType
        self.diagnostics = diagnostics
        self.aliases = aliases
    }

    /// Every name the machine answers to.
    public var allNames: [String] { [name] + aliases }
}
