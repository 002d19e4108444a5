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
    /// The file that declares the machine (a template, a `.tf` file, or the bare ASL file itself).
    /// `nil` means the definition's own file (`machine.location.file`).
    public var declaringFile: String?
    /// What names the machine inside its declaring file: a CloudFormation logical ID, a Terraform
    /// address (`module.etl.aws_sfn_state_machine.daily[0]`), a serverless key; `nil` for a bare
    /// ASL file. With the declaring file it makes the machine's lasting identity.
    public var declaration: String?
    /// Definition files that the declaration pulled in (`DefinitionUri`, `templatefile()`, `file()`,
    /// `${file(...)}`), as paths that can be opened: they belong to this machine and are not reported
    /// again as machines of their own.
    public var referencedFiles: [String] = []
    /// Schedules that the infrastructure code declares for this machine (SAM `Events`, EventBridge
    /// rules and schedules, serverless `schedule` events, Terraform rules and schedules): where the
    /// profile is silent, they give its executions per month.
    public var schedules: [DeclaredSchedule] = []
    /// The machine's lasting identity, set by `InputCollector`: the declaring file's path relative to
    /// the scan root, then `#` and the declaration (`sam-app/template.yaml#DailyIngest`); a bare ASL
    /// file's relative path alone. It depends on nothing else in the scan (see `MachineIdentity`).
    public var id: String = ""

    public init(name: String, machine: StateMachine, definitionBytes: Int, declaredType: WorkflowType?,
                diagnostics: [Diagnostic], aliases: [String] = [], declaringFile: String? = nil,
                declaration: String? = nil, referencedFiles: [String] = []) {
        self.name = name
        self.machine = machine
        self.definitionBytes = definitionBytes
        self.declaredType = declaredType
        self.diagnostics = diagnostics
        self.aliases = aliases
        self.declaringFile = declaringFile
        self.declaration = declaration
        self.referencedFiles = referencedFiles
    }

    /// Every name the machine answers to.
    public var allNames: [String] { [name] + aliases + (id.isEmpty ? [] : [id]) }
}

/// A schedule that starts a state machine, as the infrastructure code writes it.
public struct DeclaredSchedule: Sendable, Equatable {
    /// `rate(5 minutes)` or `cron(0 12 * * ? *)`, as written.
    public var expression: String
    /// Where the expression stands.
    public var location: SourceLocation

    public init(expression: String, location: SourceLocation) {
        self.expression = expression
        self.location = location
    }
}
