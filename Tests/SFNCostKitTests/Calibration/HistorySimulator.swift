import Foundation
@testable import SFNCostKit

/// Writes execution histories in the shape `aws stepfunctions get-execution-history --output json`
/// writes them (docs/facts.md), for a machine run with KNOWN behaviour: each Task attempt fails with
/// probability `failureRate[state]` (raising `error[state]`) and lasts uniform(0, 2 × meanSeconds),
/// each Choice exits to a target drawn from `odds[state]`, each Map gets uniform(itemsLow...itemsHigh)
/// items. Events per state follow AWS's recorded sequences (Task: Entered, Scheduled, Started,
/// [Submitted for .sync,] Succeeded|Failed, Exited; Choice/Pass/Succeed: Entered, Exited; inline Map:
/// Entered, MapStateStarted{length}, per item MapIterationStarted … MapIterationSucceeded,
/// MapStateSucceeded, Exited; Parallel: Entered, ParallelStateStarted, each branch's states,
/// ParallelStateSucceeded, Exited, per docs/facts.md §4). A Task that fails a Parallel branch ends
/// with TaskStateAborted in place of TaskStateExited, then ParallelStateFailed; a retry of the
/// Parallel records ParallelStateStarted again and re-runs every branch; a catch then records
/// ParallelStateExited (§4a). Branches are written one after another (each branch's first state
/// links to ParallelStateStarted, as in AWS's histories), not interleaved by time, and a branch that
/// fails stops the later ones: faithful when only the last branch can fail, which is how the tests
/// use it. Seeded: the same seed writes the same histories.
struct HistorySimulator {
    var machine: StateMachine
    var failureRate: [String: Double] = [:]
    var error: [String: String] = [:]
    var meanSeconds: [String: Double] = [:]
    var odds: [String: [(String, Double)]] = [:]
    var items: [String: ClosedRange<Int>] = [:]
    var random: Generator

    /// The tests' SplitMix64 generator, so a failing seed can be replayed.
    typealias Generator = RandomMachine.Generator

    private var events: [[String: Any]] = []
    private var clock = 0.0
    /// The error that ended the scope last run (what a Parallel's Retry/Catch match, §4a).
    private var lastError = "States.TaskFailed"

    init(machine: StateMachine, seed: UInt64) {
        self.machine = machine
        self.random = Generator(state: seed)
    }

    /// One execution's history document (JSON text), started at `start` (seconds since 1970).
    mutating func execution(start: Double) -> String {
        events = []
        clock = start
        let first = add("ExecutionStarted", previous: 0, details: ["executionStartedEventDetails": ["input": "{}", "inputDetails": ["truncated": false], "roleArn": "arn:aws:iam::123456789012:role/sim"]])
        let (last, failed) = run(machine, previous: first)
        if failed {
            add("ExecutionFailed", previous: last, details: ["executionFailedEventDetails": ["error": "States.TaskFailed", "cause": "simulated"]])
        } else {
            add("ExecutionSucceeded", previous: last, details: ["executionSucceededEventDetails": ["output": "{}", "outputDetails": ["truncated": false]]])
        }
        let data = try! JSONSerialization.data(withJSONObject: ["events": events], options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a scope; returns the last event id and whether an error escaped it.
    private mutating func run(_ scope: StateMachine, previous: Int, inBranch: Bool = false) -> (Int, Bool) {
        var current: String? = scope.startAt
        var last = previous
        while let name = current, let state = scope.state(named: name) {
            let type = state.typeName
            last = add("\(type)StateEntered", previous: last, details: ["stateEnteredEventDetails": ["name": name, "input": "{}", "inputDetails": ["truncated": false]]])
            switch state.kind {
            case .task(let task):
                var retriesUsed = Array(repeating: 0, count: state.retriers.count)
                var attempt = 0
                var caughtBy: String?
                while true {
                    attempt += 1
                    last = add("TaskScheduled", previous: last, details: ["taskScheduledEventDetails": ["resourceType": "lambda", "resource": "invoke", "region": "us-east-1", "parameters": "{}"]])
                    last = add("TaskStarted", previous: last, details: ["taskStartedEventDetails": ["resourceType": "lambda", "resource": "invoke"]])
                    if task.pattern == .sync { last = add("TaskSubmitted", previous: last, details: ["taskSubmittedEventDetails": ["resourceType": "glue", "resource": "startJobRun.sync", "output": "{}"]]) }
                    clock += random.unit() * 2 * (meanSeconds[name] ?? 1)
                    let fails = random.unit() < (failureRate[name] ?? 0)
                    if !fails {
                        last = add("TaskSucceeded", previous: last, details: ["taskSucceededEventDetails": ["resourceType": "lambda", "resource": "invoke", "output": "{}"]])
                        break
                    }
                    let errorName = error[name] ?? "States.TaskFailed"
                    last = add("TaskFailed", previous: last, details: ["taskFailedEventDetails": ["resourceType": "lambda", "resource": "invoke", "error": errorName, "cause": "simulated"]])
                    // The first retrier that matches the error decides; each keeps its own count.
                    if let index = state.retriers.firstIndex(where: { $0.matches(errorName) }), retriesUsed[index] < state.retriers[index].maxAttempts {
                        retriesUsed[index] += 1
                        clock += state.retriers[index].delay(beforeRetry: retriesUsed[index])
                        continue
                    }
                    if let catcher = state.catchers.first(where: { $0.matches(errorName) }) { caughtBy = catcher.next; break }
                    lastError = errorName
                    // Inside a Parallel branch AWS records the failed Task as aborted (§4a).
                    if inBranch { last = add("TaskStateAborted", previous: last, details: [:]) }
                    return (last, true)
                }
                last = add("TaskStateExited", previous: last, details: ["stateExitedEventDetails": ["name": name, "output": "{}", "outputDetails": ["truncated": false]]])
                current = caughtBy ?? (state.isEnd ? nil : state.next)
            case .choice(let spec):
                last = add("ChoiceStateExited", previous: last, details: ["stateExitedEventDetails": ["name": name, "output": "{}", "outputDetails": ["truncated": false]]])
                current = pick(odds[name] ?? spec.targets.map { ($0, 1.0 / Double(spec.targets.count)) })
            case .map(let spec):
                let count = random.int(items[name] ?? 10...10)
                last = add("MapStateStarted", previous: last, details: ["mapStateStartedEventDetails": ["length": count]])
                for index in 0..<count {
                    last = add("MapIterationStarted", previous: last, details: ["mapIterationStartedEventDetails": ["name": name, "index": index]])
                    let (end, failed) = run(spec.processor, previous: last)
                    if failed { return (end, true) }
                    last = add("MapIterationSucceeded", previous: end, details: ["mapIterationSucceededEventDetails": ["name": name, "index": index]])
                }
                last = add("MapStateSucceeded", previous: last, details: [:])
                last = add("MapStateExited", previous: last, details: ["stateExitedEventDetails": ["name": name, "output": "{}", "outputDetails": ["truncated": false]]])
                current = state.isEnd ? nil : state.next
            case .parallel(let branches):
                var retriesUsed = Array(repeating: 0, count: state.retriers.count)
                var caughtBy: String?
                attempts: while true {
                    last = add("ParallelStateStarted", previous: last, details: [:])
                    let started = last
                    var failed = false
                    for branch in branches {
                        let (end, branchFailed) = run(branch, previous: started, inBranch: true)
                        last = end
                        if branchFailed { failed = true; break }
                    }
                    if !failed {
                        last = add("ParallelStateSucceeded", previous: last, details: [:])
                        break
                    }
                    let errorName = lastError
                    if let index = state.retriers.firstIndex(where: { $0.matches(errorName) }), retriesUsed[index] < state.retriers[index].maxAttempts {
                        retriesUsed[index] += 1
                        clock += state.retriers[index].delay(beforeRetry: retriesUsed[index])
                        continue attempts
                    }
                    last = add("ParallelStateFailed", previous: last, details: [:])
                    if let catcher = state.catchers.first(where: { $0.matches(errorName) }) { caughtBy = catcher.next; break }
                    return (last, true)
                }
                last = add("ParallelStateExited", previous: last, details: ["stateExitedEventDetails": ["name": name, "output": "{}", "outputDetails": ["truncated": false]]])
                current = caughtBy ?? (state.isEnd ? nil : state.next)
            case .fail:
                return (last, true)
            default:
                last = add("\(type)StateExited", previous: last, details: ["stateExitedEventDetails": ["name": name, "output": "{}", "outputDetails": ["truncated": false]]])
                if case .succeed = state.kind { current = nil } else { current = state.isEnd ? nil : state.next }
            }
        }
        return (last, false)
    }

    private mutating func pick(_ choices: [(String, Double)]) -> String {
        var draw = random.unit()
        for (target, odds) in choices {
            if draw < odds { return target }
            draw -= odds
        }
        return choices.last!.0
    }

    @discardableResult
    private mutating func add(_ type: String, previous: Int, details: [String: Any]) -> Int {
        let id = events.count + 1
        var event: [String: Any] = ["id": id, "previousEventId": previous, "type": type, "timestamp": Self.iso(clock)]
        for (key, value) in details { event[key] = value }
        events.append(event)
        return id
    }

    /// `2026-10-01T06:00:00.250000+00:00`, as the AWS CLI (v2) writes a timestamp.
    static func iso(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let micros = Int(((seconds - Double(whole)) * 1_000_000).rounded())
        let date = HistoryTime.date(Double(whole))
        let inDay = ((whole % 86_400) + 86_400) % 86_400
        return date + String(format: "T%02d:%02d:%02d.%06d+00:00", inDay / 3600, inDay / 60 % 60, inDay % 60, min(micros, 999_999))
    }

    /// Writes `count` executions, one a day from `start`, into `directory`.
    mutating func write(count: Int, start: Double, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for index in 0..<count {
            let text = execution(start: start + Double(index) * 86_400)
            try text.write(toFile: (directory as NSString).appendingPathComponent(String(format: "execution-%05d.json", index)), atomically: true, encoding: .utf8)
        }
    }
}
