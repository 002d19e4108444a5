/// Turns a located JSON/YAML tree into a `StateMachine`, checking what AWS would reject.
///
/// Every problem is collected rather than thrown at the first, so a user sees them all at once.
/// Errors are the rules AWS enforces when it creates a machine (no `StartAt`, a `Next` to a missing
/// state, a non-terminal state with neither `Next` nor `End`, a Choice without rules…); warnings are
/// what it would probably accept but we do not know (unknown fields).
public struct DefinitionDecoder {
    public internal(set) var diagnostics: [Diagnostic] = []

    public init() {}

    /// Decodes a whole machine. Throws `InputError` (with every diagnostic) when any is an error;
    /// otherwise returns the machine and the warnings.
    public static func decode(_ root: SourceNode) throws(InputError) -> (StateMachine, [Diagnostic]) {
        var decoder = DefinitionDecoder()
        let machine = decoder.machine(root, fields: ASLFields.machine, inherited: .jsonPath, what: "state machine")
        if let machine { decoder.checkUniqueNames(machine) }
        let sorted = decoder.diagnostics.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
        guard let machine, !sorted.contains(where: { $0.severity == .error }) else {
            throw InputError(sorted.isEmpty ? [Diagnostic(.error, "ASL.Invalid", "not a state machine", at: root.location)] : sorted)
        }
        return (machine, sorted)
    }

    /// True when `node` looks like an ASL definition (an object with `StartAt` and `States`).
    public static func looksLikeDefinition(_ node: SourceNode) -> Bool {
        node.fieldValue("StartAt") != nil && node.fieldValue("States")?.members != nil
    }

    // MARK: - Machines

    // `what` is a closure: the name of a branch is text that only a message needs.
    private mutating func machine(_ node: SourceNode, fields: Set<String>, inherited: QueryLanguage,
                                  what: @autoclosure () -> String) -> StateMachine? {
        guard let members = node.members else {
            error("ASL.NotAnObject", "\(what()) must be an object, found \(node.kindName)", node.location)
            return nil
        }
        warnUnknown(members, allowed: fields, in: what())
        let language = queryLanguage(node, inherited: inherited)
        var timeout: Int?
        if let timeoutNode = node.fieldValue("TimeoutSeconds") {
            timeout = wholeNumber(timeoutNode, .machineTimeoutSeconds, language: language).value
        }
        guard let statesNode = node.fieldValue("States") else {
            error("ASL.MissingStates", "\(what()) has no 'States'", node.location)
            return nil
        }
        guard let stateMembers = statesNode.members else {
            error("ASL.NotAnObject", "'States' must be an object, found \(statesNode.kindName)", statesNode.location)
            return nil
        }
        if stateMembers.isEmpty {
            error("ASL.NoStates", "'States' is empty", statesNode.location)
        }
        var states: [State] = []
        // Where each decoded state's `Next` value stands, for `checkTargets`.
        var nextLocations: [SourceLocation?] = []
        states.reserveCapacity(stateMembers.count)
        nextLocations.reserveCapacity(stateMembers.count)
        for member in stateMembers {
            if let (state, nextLocation) = state(named: member.key, at: member.keyLocation, member.value, inherited: language) {
                states.append(state)
                nextLocations.append(nextLocation)
            }
        }
        guard let startNode = node.field("StartAt") else {
            error("ASL.MissingStartAt", "\(what()) has no 'StartAt'", node.location)
            return nil
        }
        guard let startAt = startNode.value.string else {
            error("ASL.WrongType", "'StartAt' must be a string, found \(startNode.value.kindName)", startNode.value.location)
            return nil
        }
        let result = StateMachine(startAt: startAt, states: states, location: node.location,
                                  timeoutSeconds: timeout, queryLanguage: language)
        if !stateMembers.contains(where: { $0.key.utf8.elementsEqual(startAt.utf8) }) {
            error("ASL.MissingStartTarget", "'StartAt' names '\(startAt)', which is not a state here", startNode.value.location)
        }
        checkTargets(of: states, nextLocations: nextLocations, stateMembers: stateMembers)
        return result
    }

    /// `Next`, `Default`, Choice rules and `Catch` must name a state of the same `States` object.
    /// `states` are the states decoded from `stateMembers`, in their order (a member that failed to
    /// decode has none), each with where its `Next` value stands.
    private mutating func checkTargets(of states: [State], nextLocations: [SourceLocation?],
                                       stateMembers: [SourceNode.Member]) {
        // By UTF-8 bytes, as JSON compares keys (Swift's == would match é to e + U+0301).
        var names = Set<UTF8Key>(minimumCapacity: stateMembers.count)
        for member in stateMembers { names.insert(UTF8Key(member.key)) }
        func check(_ target: String, _ field: String, _ location: SourceLocation, from state: String) {
            if !names.contains(UTF8Key(target)) {
                error("ASL.MissingNextTarget",
                      "'\(field)' of state '\(state)' names '\(target)', which is not a state in the same scope",
                      location)
            }
        }
        // A `States` object holds each name once (the parser rejects a repeated key), so the decoded
        // states are the members' own, one each, in the same order.
        for index in states.indices {
            let state = states[index]
            if let next = state.next, let location = nextLocations[index] {
                check(next, "Next", location, from: state.name)
            }
            if case .choice(let spec) = state.kind {
                for rule in spec.rules { check(rule.next, "Next", rule.location, from: state.name) }
                if let target = spec.defaultTarget, let location = spec.defaultLocation {
                    check(target, "Default", location, from: state.name)
                }
            }
            for catcher in state.catchers { check(catcher.next, "Catch.Next", catcher.location, from: state.name) }
        }
    }

    /// State names must be unique across the whole machine, Parallel branches and Map iterations
    /// included (ASL: "unique within the scope of the whole state machine"); profiles rely on it too.
    private mutating func checkUniqueNames(_ machine: StateMachine) {
        var first: [UTF8Key: SourceLocation] = [:]
        checkUniqueNames(machine.states, first: &first)
    }

    /// `everyState`'s order (a state, then its branches' or item processor's states), walked in
    /// place: no copy of each state, no array made for each name.
    private mutating func checkUniqueNames(_ states: [State], first: inout [UTF8Key: SourceLocation]) {
        for index in states.indices {
            let name = states[index].name
            if let earlier = first[UTF8Key(name)] {
                error("ASL.DuplicateStateName",
                      "state name '\(name)' is used again (first at line \(earlier.line)); names must be unique across the whole machine, branches and Map iterations included",
                      states[index].location)
            } else {
                first[UTF8Key(name)] = states[index].location
            }
            switch states[index].kind {
            case .parallel(let branches):
                for branch in branches { checkUniqueNames(branch.states, first: &first) }
            case .map(let spec):
                checkUniqueNames(spec.processor.states, first: &first)
            default:
                break
            }
        }
    }

    // MARK: - States

    /// The state, and where its `Next` value stands (nil without a `Next`).
    private mutating func state(named name: String, at location: SourceLocation, _ node: SourceNode,
                                inherited: QueryLanguage) -> (State, SourceLocation?)? {
        guard let members = node.members else {
            error("ASL.NotAnObject", "state '\(name)' must be an object, found \(node.kindName)", node.location)
            return nil
        }
        if name.isEmpty {
            error("ASL.InvalidStateName", "a state name must not be empty", location)
        }
        guard let typeMember = node.field("Type") else {
            error("ASL.MissingType", "state '\(name)' has no 'Type'", location)
            return nil
        }
        guard let type = typeMember.value.string, let allowed = ASLFields.state(type) else {
            error("ASL.UnknownType",
                  "state '\(name)' has Type \(describe(typeMember.value)); expected one of \(ASLFields.stateTypes.joined(separator: ", "))",
                  typeMember.value.location)
            return nil
        }
        warnUnknown(members, allowed: allowed, in: "\(type) state '\(name)'")
        let language = queryLanguage(node, inherited: inherited)

        var next: String?
        var isEnd = false
        let nextMember = node.field("Next")
        if let nextMember {
            if let text = nextMember.value.string { next = text } else {
                error("ASL.WrongType", "'Next' must be a string, found \(nextMember.value.kindName)", nextMember.value.location)
            }
        }
        if let endMember = node.field("End") {
            if let flag = endMember.value.bool { isEnd = flag } else {
                error("ASL.WrongType", "'End' must be true or false, found \(endMember.value.kindName)", endMember.value.location)
            }
        }

        let kind: StateKind?
        switch type {
        case "Task": kind = taskKind(node, name: name, location: location)
        case "Pass": kind = .pass
        case "Choice": kind = choiceKind(node, name: name, location: location)
        case "Wait": kind = waitKind(node, name: name, location: location, language: language)
        case "Succeed": kind = .succeed
        case "Fail": kind = .fail
        case "Parallel": kind = parallelKind(node, name: name, location: location, language: language)
        case "Map": kind = mapKind(node, name: name, location: location, language: language)
        default: kind = nil
        }
        guard let kind else { return nil }

        switch kind {
        case .choice, .succeed, .fail:
            if let nextMember {
                error("ASL.TerminalWithNext", "a \(type) state cannot have 'Next'", nextMember.keyLocation)
            }
            if let endMember = node.field("End") {
                error("ASL.TerminalWithEnd", "a \(type) state cannot have 'End'", endMember.keyLocation)
            }
        default:
            if next != nil && isEnd {
                error("ASL.NextAndEnd", "state '\(name)' has both 'Next' and 'End: true'", location)
            } else if next == nil && !isEnd {
                error("ASL.MissingEndState", "state '\(name)' has neither 'Next' nor 'End: true'", location)
            }
        }

        var result = State(name: name, location: location, kind: kind, next: next, isEnd: isEnd)
        result.queryLanguage = language
        if case .fail = kind {
            if let error = node.fieldValue("Error")?.string, !(language == .jsonata && error.hasPrefix("{%")) {
                result.failError = error
            } else if node.fieldValue("Error") != nil || node.fieldValue("ErrorPath") != nil {
                result.hasDynamicFailError = true
            }
        }
        if let retry = node.field("Retry") { result.retriers = retriers(retry.value, language: language) }
        if let catches = node.field("Catch") { result.catchers = catchers(catches.value) }
        if let timeout = node.fieldValue("TimeoutSeconds") {
            switch wholeNumber(timeout, .taskTimeoutSeconds, language: language) {
            case .value(let seconds): result.timeoutSeconds = seconds
            // Set, but not known here: the state has a timeout, only not a number we can read.
            case .expression, .placeholder: result.hasDynamicTimeout = true
            case .invalid: break
            }
        }
        if node.fieldValue("TimeoutSecondsPath") != nil { result.hasDynamicTimeout = true }
        if let heartbeat = node.fieldValue("HeartbeatSeconds") {
            result.heartbeatSeconds = wholeNumber(heartbeat, .heartbeatSeconds, language: language).value
        }
        return (result, nextMember?.value.location)
    }

    private mutating func taskKind(_ node: SourceNode, name: String, location: SourceLocation) -> StateKind? {
        guard let resource = node.field("Resource") else {
            error("ASL.MissingResource", "Task '\(name)' has no 'Resource'", location)
            return nil
        }
        // A CloudFormation intrinsic (`!GetAtt Fn.Arn`, `{"Fn::GetAtt": …}`) leaves the ARN unknown
        // until deployment: the state still counts, as a request-response call. A note, not a warning:
        // templates do this for nearly every Lambda task.
        if let tag = resource.value.tag, tag != "!Sub" {
            diagnostics.append(Diagnostic(.note, "ASL.UnresolvedResource",
                "Task '\(name)' takes its Resource from \(tag); treated as a request-response call", at: resource.value.location))
            return .task(TaskSpec(resource: "${\(tag.dropFirst()) \(resource.value.string ?? "")}"))
        }
        // The JSON form of an intrinsic, `{"Fn::GetAtt": […]}` or `{"Ref": "…"}`: the same as a tag.
        if let members = resource.value.members, members.count == 1,
           let key = members.first?.key, key == "Ref" || key.hasPrefix("Fn::") {
            diagnostics.append(Diagnostic(.note, "ASL.UnresolvedResource",
                "Task '\(name)' takes its Resource from \(key); treated as a request-response call", at: resource.value.location))
            return .task(TaskSpec(resource: "${\(key)}"))
        }
        // ASL: "a Task State MUST include a 'Resource' field, whose value MUST be a URI". A number,
        // null or a list is not one, and AWS rejects the definition.
        guard let text = resource.value.string else {
            error("ASL.WrongType", "'Resource' of Task '\(name)' must be a string (an ARN), found \(resource.value.kindName)",
                  resource.value.location)
            return nil
        }
        return .task(TaskSpec(resource: text))
    }

    private mutating func choiceKind(_ node: SourceNode, name: String, location: SourceLocation) -> StateKind? {
        guard let choices = node.field("Choices") else {
            error("ASL.MissingChoices", "Choice '\(name)' has no 'Choices'", location)
            return nil
        }
        guard let elements = choices.value.elements else {
            error("ASL.WrongType", "'Choices' must be an array, found \(choices.value.kindName)", choices.value.location)
            return nil
        }
        if elements.isEmpty {
            error("ASL.EmptyChoices", "Choice '\(name)' has no rules: 'Choices' must hold at least one", choices.value.location)
        }
        var rules: [ChoiceSpec.Rule] = []
        for element in elements {
            guard element.members != nil else {
                error("ASL.NotAnObject", "a choice rule must be an object, found \(element.kindName)", element.location)
                continue
            }
            guard let nextMember = element.field("Next") else {
                error("ASL.ChoiceRuleWithoutNext", "a rule of Choice '\(name)' has no 'Next'", element.location)
                continue
            }
            guard let target = nextMember.value.string else {
                error("ASL.WrongType", "'Next' must be a string, found \(nextMember.value.kindName)", nextMember.value.location)
                continue
            }
            rules.append(.init(next: target, location: nextMember.value.location))
        }
        var spec = ChoiceSpec(rules: rules, defaultTarget: nil, defaultLocation: nil)
        if let defaultMember = node.field("Default") {
            if let target = defaultMember.value.string {
                spec.defaultTarget = target
                spec.defaultLocation = defaultMember.value.location
            } else {
                error("ASL.WrongType", "'Default' must be a string, found \(defaultMember.value.kindName)", defaultMember.value.location)
            }
        }
        return .choice(spec)
    }

    private mutating func waitKind(_ node: SourceNode, name: String, location: SourceLocation,
                                   language: QueryLanguage) -> StateKind? {
        let fields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { node.fieldValue($0) != nil }
        guard fields.count == 1, let field = fields.first, let value = node[field] else {
            error("ASL.WaitDuration",
                  fields.isEmpty ? "Wait '\(name)' needs one of Seconds, SecondsPath, Timestamp or TimestampPath"
                                 : "Wait '\(name)' has \(fields.joined(separator: " and ")); exactly one is allowed",
                  location)
            return nil
        }
        if field == "Seconds" {
            switch wholeNumber(value, .waitSeconds, language: language) {
            case .value(let seconds): return .wait(.seconds(seconds))
            case .expression, .placeholder: return .wait(.dynamic(field: field))
            case .invalid: return nil
            }
        }
        return .wait(.dynamic(field: field))
    }

    private mutating func parallelKind(_ node: SourceNode, name: String, location: SourceLocation,
                                       language: QueryLanguage) -> StateKind? {
        guard let branchesNode = node.fieldValue("Branches") else {
            error("ASL.MissingBranches", "Parallel '\(name)' has no 'Branches'", location)
            return nil
        }
        guard let elements = branchesNode.elements else {
            error("ASL.WrongType", "'Branches' must be an array, found \(branchesNode.kindName)", branchesNode.location)
            return nil
        }
        if elements.isEmpty {
            error("ASL.EmptyBranches", "Parallel '\(name)' has no branches", branchesNode.location)
        }
        var branches: [StateMachine] = []
        for (index, element) in elements.enumerated() {
            if let branch = machine(element, fields: ASLFields.branch, inherited: language,
                                    what: "branch \(index + 1) of Parallel '\(name)'") {
                branches.append(branch)
            }
        }
        return .parallel(branches: branches)
    }

    private mutating func mapKind(_ node: SourceNode, name: String, location: SourceLocation,
                                  language: QueryLanguage) -> StateKind? {
        let processorMember = node.field("ItemProcessor") ?? node.field("Iterator")
        guard let processorMember else {
            error("ASL.MissingItemProcessor", "Map '\(name)' has no 'ItemProcessor' (or legacy 'Iterator')", location)
            return nil
        }
        let usesIterator = processorMember.key == "Iterator"
        guard let processor = machine(processorMember.value, fields: ASLFields.itemProcessor, inherited: language,
                                      what: "\(processorMember.key) of Map '\(name)'") else { return nil }
        var mode = MapSpec.Mode.inline
        if let config = processorMember.value.fieldValue("ProcessorConfig") {
            if let modeNode = config.fieldValue("Mode"), let text = modeNode.string {
                switch text {
                case "INLINE": mode = .inline
                case "DISTRIBUTED":
                    var childType = WorkflowType.standard
                    if let typeNode = config.fieldValue("ExecutionType") {
                        if let raw = typeNode.string, let parsed = WorkflowType(rawValue: raw) {
                            childType = parsed
                        } else {
                            error("ASL.WrongValue", "'ExecutionType' must be STANDARD or EXPRESS", typeNode.location)
                        }
                    } else {
                        error("ASL.MissingExecutionType",
                              "a DISTRIBUTED Map's ProcessorConfig needs 'ExecutionType' (STANDARD or EXPRESS)", config.location)
                    }
                    mode = .distributed(childType: childType)
                default:
                    error("ASL.WrongValue", "'Mode' must be INLINE or DISTRIBUTED, found '\(text)'", modeNode.location)
                }
            }
        }
        var maxConcurrency: Int?
        if let value = node.fieldValue("MaxConcurrency") {
            maxConcurrency = wholeNumber(value, .maxConcurrency, language: language).value
        }
        var spec = MapSpec(processor: processor, mode: mode, maxConcurrency: maxConcurrency,
                           maxItemsPerBatch: nil, maxInputBytesPerBatch: nil,
                           toleratedFailurePercentage: nil, toleratedFailureCount: nil,
                           hasItemReader: node.fieldValue("ItemReader") != nil, hasResultWriter: node.fieldValue("ResultWriter") != nil,
                           usesLegacyIterator: usesIterator)
        // A size given as a JSONata string or by a `…Path` field is known only at run time.
        func runtime(_ parent: SourceNode?, _ field: String, _ size: DistributedMapSize) {
            guard let parent else { return }
            if let value = parent.fieldValue(field), let text = value.string {
                spec.runtimeSizes[size] = "\(field) \(text)"
            } else if let path = parent.fieldValue(field + "Path") {
                spec.runtimeSizes[size] = "\(field)Path \(path.string ?? "")"
            }
        }
        if let batcher = node.fieldValue("ItemBatcher") {
            if let value = batcher.fieldValue("MaxItemsPerBatch") {
                spec.maxItemsPerBatch = wholeNumber(value, .maxItemsPerBatch, language: language).value
            }
            if let value = batcher.fieldValue("MaxInputBytesPerBatch") {
                spec.maxInputBytesPerBatch = wholeNumber(value, .maxInputBytesPerBatch, language: language).value
            }
            runtime(batcher, "MaxItemsPerBatch", .maxItemsPerBatch)
            runtime(batcher, "MaxInputBytesPerBatch", .maxInputBytesPerBatch)
        }
        let readerConfig = node.fieldValue("ItemReader")?.fieldValue("ReaderConfig")
        if let value = readerConfig?.fieldValue("MaxItems") {
            spec.maxItems = wholeNumber(value, .readerMaxItems, language: language).value
        }
        runtime(readerConfig, "MaxItems", .maxItems)
        runtime(node, "ToleratedFailurePercentage", .toleratedFailurePercentage)
        runtime(node, "ToleratedFailureCount", .toleratedFailureCount)
        if let value = node.fieldValue("ToleratedFailurePercentage") {
            spec.toleratedFailurePercentage = realNumber(value, .toleratedFailurePercentage, language: language).value
        }
        if let value = node.fieldValue("ToleratedFailureCount") {
            spec.toleratedFailureCount = wholeNumber(value, .toleratedFailureCount, language: language).value
        }
        return .map(spec)
    }

    // MARK: - Retry and Catch

    private mutating func retriers(_ node: SourceNode, language: QueryLanguage) -> [Retrier] {
        guard let elements = node.elements else {
            error("ASL.WrongType", "'Retry' must be an array, found \(node.kindName)", node.location)
            return []
        }
        var result: [Retrier] = []
        for element in elements {
            guard let members = element.members else {
                error("ASL.NotAnObject", "a retrier must be an object, found \(element.kindName)", element.location)
                continue
            }
            warnUnknown(members, allowed: ASLFields.retrier, in: "retrier")
            var retrier = Retrier(errorEquals: errorEquals(element, what: "retrier"),
                                  intervalSeconds: Retrier.defaultIntervalSeconds,
                                  maxAttempts: Retrier.defaultMaxAttempts, backoffRate: Retrier.defaultBackoffRate,
                                  maxDelaySeconds: nil, fullJitter: false, location: element.location)
            // A placeholder leaves the field's default in place (AWS's when the field is absent).
            if let value = element.fieldValue("IntervalSeconds"),
               let seconds = wholeNumber(value, .intervalSeconds, language: language).value {
                retrier.intervalSeconds = Double(seconds)
            }
            if let value = element.fieldValue("MaxAttempts"), let attempts = wholeNumber(value, .maxAttempts, language: language).value {
                retrier.maxAttempts = attempts
            }
            if let value = element.fieldValue("BackoffRate"), let rate = realNumber(value, .backoffRate, language: language).value {
                retrier.backoffRate = rate
            }
            if let value = element.fieldValue("MaxDelaySeconds"),
               let seconds = wholeNumber(value, .maxDelaySeconds, language: language).value {
                retrier.maxDelaySeconds = Double(seconds)
            }
            if let value = element.fieldValue("JitterStrategy") {
                switch value.string {
                case "FULL": retrier.fullJitter = true
                case "NONE": retrier.fullJitter = false
                default: error("ASL.WrongValue", "'JitterStrategy' must be FULL or NONE", value.location)
                }
            }
            result.append(retrier)
        }
        return result
    }

    private mutating func catchers(_ node: SourceNode) -> [Catcher] {
        guard let elements = node.elements else {
            error("ASL.WrongType", "'Catch' must be an array, found \(node.kindName)", node.location)
            return []
        }
        var result: [Catcher] = []
        for element in elements {
            guard let members = element.members else {
                error("ASL.NotAnObject", "a catcher must be an object, found \(element.kindName)", element.location)
                continue
            }
            warnUnknown(members, allowed: ASLFields.catcher, in: "catcher")
            let errors = errorEquals(element, what: "catcher")
            guard let nextMember = element.field("Next") else {
                error("ASL.CatcherWithoutNext", "a catcher has no 'Next'", element.location)
                continue
            }
            guard let next = nextMember.value.string else {
                error("ASL.WrongType", "'Next' must be a string, found \(nextMember.value.kindName)", nextMember.value.location)
                continue
            }
            result.append(Catcher(errorEquals: errors, next: next, location: nextMember.value.location))
        }
        return result
    }

    private mutating func errorEquals(_ node: SourceNode, what: String) -> [String] {
        guard let member = node.field("ErrorEquals") else {
            error("ASL.MissingErrorEquals", "a \(what) has no 'ErrorEquals'", node.location)
            return []
        }
        guard let elements = member.value.elements, !elements.isEmpty else {
            error("ASL.WrongType", "'ErrorEquals' must be a non-empty array of error names", member.value.location)
            return []
        }
        return elements.compactMap { element in
            if let text = element.string { return text }
            error("ASL.WrongType", "an error name must be a string, found \(element.kindName)", element.location)
            return nil
        }
    }

    // MARK: - Helpers

    private mutating func queryLanguage(_ node: SourceNode, inherited: QueryLanguage) -> QueryLanguage {
        guard let value = node.fieldValue("QueryLanguage") else { return inherited }
        if let text = value.string, let language = QueryLanguage(rawValue: text) { return language }
        error("ASL.WrongValue", "'QueryLanguage' must be JSONPath or JSONata", value.location)
        return inherited
    }

    private func describe(_ node: SourceNode) -> String {
        switch node.value {
        case .string(let text): return "'\(text)'"
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return node.kindName
        }
    }

    // `what` is a closure: most objects have no unknown field, and their description is then not needed.
    private mutating func warnUnknown(_ members: [SourceNode.Member], allowed: Set<String>, in what: @autoclosure () -> String) {
        for member in members where !allowed.contains(member.key) {
            warning("ASL.UnknownField", "unknown field '\(member.key)' in \(what()) (kept, not analysed)", member.keyLocation)
        }
    }

    private mutating func error(_ code: String, _ message: String, _ location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, code, message, at: location))
    }

    private mutating func warning(_ code: String, _ message: String, _ location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, code, message, at: location))
    }
}
