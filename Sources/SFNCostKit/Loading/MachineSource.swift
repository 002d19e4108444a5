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
}
