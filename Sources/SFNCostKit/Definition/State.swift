/// One state of a machine, with what the analysis needs and the location of its name.
public struct State: Sendable {
    public var name: String
    /// Where the state's name key stands: findings about the state point here.
    public var location: SourceLocation
    public var kind: StateKind
    /// `Next`, for states that have one; Choice targets are in `StateKind.choice`.
    public var next: String?
    public var isEnd: Bool
    public var retriers: [Retrier]
    public var catchers: [Catcher]
    /// `TimeoutSeconds` of a Task, when fixed.
    public var timeoutSeconds: Int?
    /// `HeartbeatSeconds` of a Task, when fixed.
    public var heartbeatSeconds: Int?
    /// True when `TimeoutSecondsPath`, a JSONata expression or a template placeholder sets the timeout
    /// to a value not known here.
    public var hasDynamicTimeout: Bool
    /// The state's query language (its own `QueryLanguage`, else the machine's): it decides the
    /// error an evaluation failure raises (`States.Runtime` or `States.QueryEvaluationError`).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// A Fail state's `Error`, when it is a literal; nil when it has none or sets it at run time.
    public var failError: String?
    /// True when a Fail state's error comes from `ErrorPath` or a JSONata expression.
    public var hasDynamicFailError = false

    public init(name: String, location: SourceLocation, kind: StateKind, next: String? = nil, isEnd: Bool = false,
                retriers: [Retrier] = [], catchers: [Catcher] = [], timeoutSeconds: Int? = nil,
                heartbeatSeconds: Int? = nil, hasDynamicTimeout: Bool = false) {
        self.name = name
        self.location = location
        self.kind = kind
        self.next = next
        self.isEnd = isEnd
        self.retriers = retriers
        self.catchers = catchers
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.hasDynamicTimeout = hasDynamicTimeout
    }

    /// The ASL `Type` name.
    public var typeName: String { kind.typeName }
}

/// What a state does, by `Type`, with the fields of that type that cost or limits depend on.
/// A Choice's and a Map's fields are boxed (`indirect`): inline they would make every state, of
/// every type, as large as a Map's (about 200 bytes more each, on a machine of 100,000 Pass states
/// 20 MB per copy of its states).
public enum StateKind: Sendable {
    case task(TaskSpec)
    case pass
    indirect case choice(ChoiceSpec)
    case wait(WaitSpec)
    case succeed
    case fail
    case parallel(branches: [StateMachine])
    indirect case map(MapSpec)

    public var typeName: String {
        switch self {
        case .task: return "Task"
        case .pass: return "Pass"
        case .choice: return "Choice"
        case .wait: return "Wait"
        case .succeed: return "Succeed"
        case .fail: return "Fail"
        case .parallel: return "Parallel"
        case .map: return "Map"
        }
    }

    /// Parallel branches and Map item processors.
    public var childMachines: [StateMachine] {
        switch self {
        case .parallel(let branches): return branches
        case .map(let spec): return [spec.processor]
        default: return []
        }
    }
}

/// A Task's resource and how Step Functions waits for it.
public struct TaskSpec: Sendable {
    public var resource: String
    public var pattern: IntegrationPattern

    public init(resource: String) {
        self.resource = resource
        self.pattern = IntegrationPattern(resource: resource)
    }
}

/// How a Task calls its resource. It decides the history events a Task writes and whether an
/// Express workflow may use it.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html
public enum IntegrationPattern: String, Sendable, Codable {
    /// `arn:aws:states:::service:action` or `aws-sdk:*`: call and continue.
    case requestResponse
    /// `.sync` / `.sync:2`: run a job and wait for it. Not available in Express workflows.
    case sync
    /// `.waitForTaskToken`: wait for a callback. Not available in Express workflows.
    case waitForTaskToken
    /// `arn:aws:states:…:activity:…`. Not available in Express workflows.
    case activity
    /// A Lambda function ARN used directly as the resource (the legacy form).
    case lambdaFunction

    public init(resource: String) {
        self = Self.asciiPattern(resource) ?? Self.generalPattern(resource)
    }

    /// The classification by whole characters (Foundation's `contains`, the standard library's
    /// `hasSuffix`): the answer for every resource, and the reference the ASCII path must match.
    static func generalPattern(_ resource: String) -> IntegrationPattern {
        if resource.hasSuffix(".waitForTaskToken") {
            return .waitForTaskToken
        } else if resource.hasSuffix(".sync") || Self.hasVersionedSyncSuffix(resource) {
            return .sync
        } else if resource.contains(":activity:") {
            return .activity
        } else if resource.hasPrefix("arn:") && resource.contains(":lambda:") && resource.contains(":function:") {
            return .lambdaFunction
        } else {
            return .requestResponse
        }
    }

    /// `….sync:2`: `.sync:` then digits to the end. (A regular expression here cost 10% of parsing.)
    private static func hasVersionedSyncSuffix(_ resource: String) -> Bool {
        guard let range = resource.range(of: ".sync:", options: .backwards) else { return false }
        let tail = resource[range.upperBound...]
        return !tail.isEmpty && tail.allSatisfy(\.isASCII) && tail.allSatisfy(\.isNumber)
    }

    /// True for the patterns that Express workflows reject.
    public var isUnsupportedInExpress: Bool {
        self == .sync || self == .waitForTaskToken || self == .activity
    }
}

/// A Choice state's rules and default, by target.
public struct ChoiceSpec: Sendable {
    public struct Rule: Sendable {
        public var next: String
        public var location: SourceLocation
    }
    public var rules: [Rule]
    public var defaultTarget: String?
    public var defaultLocation: SourceLocation?

    /// The distinct targets in order: rules first, then the default.
    public var targets: [String] {
        var result: [String] = []
        result.reserveCapacity(rules.count + 1)
        // A few targets (the usual Choice): a linear search, which matches as the Set's `==` does.
        if rules.count < 16 {
            for rule in rules where !result.contains(rule.next) { result.append(rule.next) }
            if let target = defaultTarget, !result.contains(target) { result.append(target) }
            return result
        }
        var seen: Set<String> = []
        for target in rules.map(\.next) + (defaultTarget.map { [$0] } ?? []) where seen.insert(target).inserted {
            result.append(target)
        }
        return result
    }
}

/// How long a Wait state waits.
public enum WaitSpec: Sendable {
    /// `Seconds` with a number.
    case seconds(Int)
    /// `SecondsPath`, `Timestamp`, `TimestampPath` or a JSONata expression: known only at run time.
    case dynamic(field: String)
}

/// A Map state: inline or distributed, with its iteration and its limits.
public struct MapSpec: Sendable {
    public enum Mode: Sendable, Equatable {
        case inline
        case distributed(childType: WorkflowType)
    }
    public var processor: StateMachine
    public var mode: Mode
    /// `MaxConcurrency` when fixed; 0 means no limit set.
    public var maxConcurrency: Int?
    public var maxItemsPerBatch: Int?
    public var maxInputBytesPerBatch: Int?
    public var toleratedFailurePercentage: Double?
    public var toleratedFailureCount: Int?
    /// `ItemReader.ReaderConfig.MaxItems`, when fixed: at most this many items are read.
    public var maxItems: Int? = nil
    /// Sizes set at run time (a `…Path` field or a JSONata `{% %}` string), with the field that sets
    /// each: the profile gives them (DistributedMapSizes) or an assumption is listed.
    public var runtimeSizes: [DistributedMapSize: String] = [:]
    public var hasItemReader: Bool
    public var hasResultWriter: Bool
    /// True for the legacy `Iterator` field rather than `ItemProcessor`.
    public var usesLegacyIterator: Bool
}

/// The two kinds of Step Functions workflow.
public enum WorkflowType: String, Sendable, Codable, CaseIterable {
    case standard = "STANDARD"
    case express = "EXPRESS"
}

/// A Distributed Map figure that a definition can leave to run time, by its profile key.
public enum DistributedMapSize: String, Sendable, CaseIterable, Hashable {
    case maxItemsPerBatch = "max_items_per_batch"
    case maxInputBytesPerBatch = "max_input_bytes_per_batch"
    case maxItems = "max_items"
    case toleratedFailurePercentage = "tolerated_failure_percentage"
    case toleratedFailureCount = "tolerated_failure_count"
}
