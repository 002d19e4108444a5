/// What one recorded execution did, per state: the figures calibration and reconciliation fold in.
/// Built from the events of one execution and then the events are dropped, so that thousands of
/// large histories stream through without being held at once.
struct ExecutionSummary: Sendable {
    var source: String
    var location: SourceLocation
    var start: Double?
    var end: Double?
    var events = 0
    /// States entered plus retries (Standard's billed transitions, as the history shows them).
    var transitions = 0
    var entries: [String: Int] = [:]
    /// Task attempts (scheduled), failed attempts, and their errors.
    var attempts: [String: Int] = [:]
    var failedAttempts: [String: Int] = [:]
    /// Attempts scheduled right after a failed attempt of the same visit.
    var retries: [String: Int] = [:]
    var errors: [String: [String: Int]] = [:]
    /// Seconds from scheduled to succeeded/failed, per attempt.
    var attemptSeconds: [String: [Double]] = [:]
    /// Choice state → the state entered next → how often.
    var choiceExits: [String: [String: Int]] = [:]
    var mapLengths: [String: [Int]] = [:]
    /// Task visits in the order they began (one per entry that scheduled an attempt).
    var taskVisits: [TaskVisit] = []
    var payloadBytesTotal = 0
    var payloadCount = 0

    static let scheduledTypes: Set<String> = ["TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled"]
    static let succeededTypes: Set<String> = ["TaskSucceeded", "LambdaFunctionSucceeded", "ActivitySucceeded"]
    static let failedTypes: Set<String> = [
        "TaskFailed", "TaskTimedOut", "TaskStartFailed", "TaskSubmitFailed",
        "LambdaFunctionFailed", "LambdaFunctionTimedOut", "LambdaFunctionStartFailed", "LambdaFunctionScheduleFailed",
        "ActivityFailed", "ActivityTimedOut", "ActivityScheduleFailed",
    ]

    /// Events are attributed to states through `previousEventId` (a Task's scheduled, started and
    /// failed events each point at the one before, back to its `TaskStateEntered`), which holds
    /// where Parallel branches and Map iterations interleave; where a link is missing, the state
    /// most recently entered of the right kind stands in.
    init(events: [HistoryEvent], source: String, location: SourceLocation) {
        self.source = source
        self.location = location
        var stateOf: [Int: String] = [:]
        var attemptStart: [Int: Int] = [:]        // event id → the scheduled event that began its attempt
        var scheduledAt: [Int: Double] = [:]
        var pendingChoice: [Int: String] = [:]     // ChoiceStateExited id → choice name
        var lastChoiceExit: (id: Int, name: String)?
        var failedEvents: Set<Int> = []
        var endedAttempts: Set<Int> = []          // scheduled events whose attempt has succeeded or failed
        var visitOf: [Int: Int] = [:]              // event id → its index in taskVisits
        var lastTask: String?
        var lastMap: String?
        var lastParallel: String?
        var structuredEntry: [Int: String] = [:]   // MapStateEntered/ParallelStateEntered id → state
        var structuredStarts: [String: Int] = [:]  // Map/Parallel runs started, per state
        for event in events {
            self.events += 1
            if let time = event.time {
                if start == nil || time < start! { start = time }
                if end == nil || time > end! { end = time }
            }
            let linked = event.previousEventId.flatMap { stateOf[$0] }
            if event.type.hasSuffix("StateEntered"), let name = event.stateName {
                entries[name, default: 0] += 1
                transitions += 1
                stateOf[event.id] = name
                if event.type == "TaskStateEntered" { lastTask = name }
                if event.type == "MapStateEntered" { lastMap = name; structuredEntry[event.id] = name }
                if event.type == "ParallelStateEntered" { lastParallel = name; structuredEntry[event.id] = name }
                var choice: String?
                if let previous = event.previousEventId, let name = pendingChoice.removeValue(forKey: previous) {
                    choice = name
                    if lastChoiceExit?.id == previous { lastChoiceExit = nil }
                } else if let last = lastChoiceExit, event.previousEventId == nil || event.previousEventId == 0 {
                    choice = last.name
                    pendingChoice.removeValue(forKey: last.id)
                    lastChoiceExit = nil
                }
                if let choice { choiceExits[choice, default: [:]][name, default: 0] += 1 }
                if let bytes = event.payloadBytes { payloadBytesTotal += bytes; payloadCount += 1 }
            } else if event.type.hasSuffix("StateExited"), let name = event.stateName {
                stateOf[event.id] = name
                if event.type == "ChoiceStateExited" {
                    pendingChoice[event.id] = name
                    lastChoiceExit = (event.id, name)
                }
                if let bytes = event.payloadBytes { payloadBytesTotal += bytes; payloadCount += 1 }
            } else if Self.scheduledTypes.contains(event.type) {
                guard let state = linked ?? lastTask else { continue }
                stateOf[event.id] = state
                attemptStart[event.id] = event.id
                if let time = event.time { scheduledAt[event.id] = time }
                attempts[state, default: 0] += 1
                // An attempt that follows a failed one is a retry: one more transition.
                if let previous = event.previousEventId, failedEvents.contains(previous) { transitions += 1; retries[state, default: 0] += 1 }
                // A retry continues the visit of the attempt that failed; any other attempt begins one.
                if let previous = event.previousEventId, failedEvents.contains(previous), let visit = visitOf[previous] {
                    visitOf[event.id] = visit
                } else {
                    visitOf[event.id] = taskVisits.count
                    taskVisits.append(TaskVisit(state: state))
                }
            } else if event.type == "MapStateStarted" || event.type == "ParallelStateStarted" {
                // A run starts after the state's entry, or, when the Map or Parallel is retried (AWS
                // records it again after the failed run), after the last state inside that run: then
                // the one of its kind entered last stands in.
                let isMap = event.type == "MapStateStarted"
                if let state = event.previousEventId.flatMap({ structuredEntry[$0] }) ?? (isMap ? lastMap : lastParallel) {
                    stateOf[event.id] = state
                    structuredStarts[state, default: 0] += 1
                    if isMap, let length = event.mapLength { mapLengths[state, default: []].append(length) }
                }
            } else {
                guard let state = linked else { continue }
                stateOf[event.id] = state
                let began = event.previousEventId.flatMap { attemptStart[$0] }
                if let began { attemptStart[event.id] = began }
                let visit = event.previousEventId.flatMap { visitOf[$0] }
                if let visit { visitOf[event.id] = visit }
                if let visit, Self.succeededTypes.contains(event.type) { taskVisits[visit].succeeded = true }
                let finished = Self.succeededTypes.contains(event.type) || Self.failedTypes.contains(event.type)
                // An attempt ends once: a failure counts once per scheduled attempt. One never scheduled
                // (its `…Scheduled` event lost or of an unknown type) or already ended would give more
                // failed attempts than attempts, a failure rate above 1 that no profile can hold.
                let firstEnd = finished && began.map { endedAttempts.insert($0).inserted } == true
                if firstEnd, let began, let from = scheduledAt[began], let to = event.time, to >= from {
                    attemptSeconds[state, default: []].append(to - from)
                }
                if Self.failedTypes.contains(event.type) {
                    failedEvents.insert(event.id)
                    guard firstEnd else { continue }
                    failedAttempts[state, default: 0] += 1
                    if let visit { taskVisits[visit].failedAttempts += 1 }
                    errors[state, default: [:]][event.error ?? event.type, default: 0] += 1
                }
            }
        }
        // A Map or Parallel run started more often than the state was entered was retried: one
        // transition per retry, as for a Task.
        for (state, starts) in structuredStarts {
            let extra = starts - entries[state, default: 0]
            if extra > 0 { transitions += extra; retries[state, default: 0] += extra }
        }
    }

    var seconds: Double? {
        guard let start, let end else { return nil }
        return end - start
    }
}
