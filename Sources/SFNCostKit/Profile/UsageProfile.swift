/// A run-frequency profile: how often each machine runs and how its states behave.
/// Loaded from YAML by `ProfileLoader`; every value keeps the location it came from so a bad value
/// can be reported at its line.
public struct UsageProfile: Sendable {
    public static let supportedVersion = 1

    public var version: Int
    public var region: String?
    /// Where `region` stands in the profile, so that an unknown region is reported at its line.
    public var regionLocation: SourceLocation?
    /// The file the profile came from, or nil for the built-in empty profile.
    public var file: String?
    /// Machine entries in file order; a key may be a glob pattern.
    public var machines: [MachineEntry]
    /// Top-level `rules`: settings for every machine (a machine's own `rules` take precedence).
    public var rules: [RuleSetting] = []
    /// Top-level `budget`: the total's monthly limit and the allowed increase in a diff.
    public var budget: ProfileBudget?

    public init(version: Int = supportedVersion, region: String? = nil, file: String? = nil, machines: [MachineEntry] = []) {
        self.version = version
        self.region = region
        self.file = file
        self.machines = machines
    }

    /// One `state_machines` entry.
    public struct MachineEntry: Sendable {
        public var pattern: String
        public var location: SourceLocation
        public var usage: MachineUsage
    }

    /// The usage for a machine: the entry whose key equals its name, else the first glob that matches.
    /// `aliases` are other names the machine answers to (its file stem when two machines shared one
    /// and the report had to qualify them): exact names first, then glob patterns.
    /// An entry keyed by the machine's `id` comes first: it is the only key that tells apart two
    /// machines that share a name.
    public func usage(forMachine name: String, aliases: [String] = [], id: String? = nil) -> (MachineUsage, MachineEntry?) {
        if let id, !id.isEmpty, let exact = machines.first(where: { $0.pattern == id }) { return (exact.usage, exact) }
        let names = [name] + aliases + [id].compactMap { $0 }.filter { !$0.isEmpty }
        for candidate in names {
            if let exact = machines.first(where: { $0.pattern == candidate }) { return (exact.usage, exact) }
        }
        for candidate in names {
            if let glob = machines.first(where: { GlobPattern.matches($0.pattern, candidate) }) { return (glob.usage, glob) }
        }
        return (MachineUsage(), nil)
    }
}

/// What the profile says about one machine. Every field is optional: absent means "use the default",
/// and the report lists each default it used.
public struct MachineUsage: Sendable {
    public var executions: Located<ExecutionRate>?
    public var payloadKB: Located<Double>?
    public var memoryMB: Located<Int>?
    /// The workflow type the machine is (or will be) deployed as, when the definition alone cannot say.
    public var type: Located<WorkflowType>?
    public var states: [String: StateUsage] = [:]
    /// The machine's `rules`: settings that take precedence over the top-level ones.
    public var rules: [RuleSetting] = []
    /// The machine's `budget`: its own monthly limit.
    public var budget: ProfileBudget?

    public init() {}
}

/// A profile `rules` entry: switches a rule off or changes its severity, for a reason that the
/// report repeats. Findings it touches are never dropped: switched-off ones are listed as suppressed.
public struct RuleSetting: Sendable {
    /// The rule's ID (`SFN145`), whichever of ID or name the profile used.
    public var rule: String
    /// The new severity, or nil for `off`.
    public var severity: Severity?
    public var reason: String
    /// Only findings at these states, when given.
    public var states: [String]?
    /// Where the entry's key stands in the profile.
    public var location: SourceLocation
}

/// What the profile says about one state (by name, wherever it appears in the machine).
public struct StateUsage: Sendable {
    public var location: SourceLocation
    public var failureRate: Located<Double>?
    /// The first N attempts of every visit fail (then one succeeds, if a retry is left): what an
    /// operator reads off one execution. Exclusive with `failureRate`.
    public var failedAttempts: Located<Int>?
    /// The error name failures raise; decides which retrier and catcher handle them.
    public var error: Located<String>?
    public var duration: Located<Spread<Double>>?
    /// Odds by target state name.
    public var branches: Located<[String: Double]>?
    public var items: Located<Spread<Double>>?
    public var itemKB: Located<Double>?
    public var maxVisits: Located<Int>?
    public var resultKB: Located<Double>?
    /// Distributed Map sizes the definition sets at run time (`MaxItemsPerBatchPath`, `{% %}`, …).
    public var mapSizes: [DistributedMapSize: Located<Double>] = [:]

    public init(location: SourceLocation) {
        self.location = location
    }
}

/// A value and where the profile wrote it.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// An expected value and a maximum, as in `{expected: 2s, max: 30s}`. A single value sets both.
public struct Spread<Value: Sendable & Comparable>: Sendable {
    public var expected: Value
    public var max: Value
}
