import Foundation

/// One state machine, analysed per execution: the figures every output and rule starts from.
public struct MachineAnalysis: Sendable {
    public var name: String
    public var machine: StateMachine
    public var location: SourceLocation
    /// The type the machine is deployed as (profile `type`, template, or STANDARD by default).
    public var declaredType: WorkflowType
    public var executions: ExecutionRate
    /// Where `executions` comes from: the profile, the schedules the infrastructure code declares,
    /// or the default.
    public var executionsOrigin: ExecutionsOrigin = .profile
    public var root: ScopeAnalysis
    /// Per execution, including the execution's own start and end history events.
    public var expected: ExpectedFigures
    public var worst: WorstFigures
    public var expressMemoryMB: Int
    public var payloadKB: Double
    public var definitionBytes: Int
    public var assumptions: [Assumption]
    /// Why Express cannot run this machine, if it cannot (integration patterns, Distributed Map).
    public var expressBlockers: [ExpressBlocker]
    /// The profile's entry for this machine (payload and result sizes for the rules).
    public var usage: MachineUsage = MachineUsage()
}

/// A reason Express cannot be used, at the state that causes it.
public struct ExpressBlocker: Sendable {
    public var state: String
    public var location: SourceLocation
    public var reason: String
}

/// Analyses whole machines against a profile.
public enum MachineAnalyzer {
    /// - Parameters:
    ///   - name: the machine's name (file stem for a bare ASL file), used to find its profile entry.
    ///   - definitionBytes: the definition's size, for Express's memory estimate.
    ///   - templateType: the type a template declares, if the machine came from one.
    public static func analyze(_ machine: StateMachine, name: String, definitionBytes: Int,
                               profile: UsageProfile, templateType: WorkflowType? = nil,
                               aliases: [String] = [], id: String? = nil,
                               scheduled: ExecutionRate? = nil) -> MachineAnalysis {
        let (usage, _) = profile.usage(forMachine: name, aliases: aliases, id: id)
        let log = AssumptionLog()

        let executions: ExecutionRate
        var origin = ExecutionsOrigin.profile
        if let given = usage.executions?.value {
            executions = given
        } else if let scheduled {
            // The schedules that start it, as the infrastructure code declares them.
            executions = scheduled
            origin = .schedule
        } else {
            origin = .default
            executions = ExecutionRate(text: "\(Defaults.executionsPerMonth)", perMonth: Decimal(Defaults.executionsPerMonth))
            log.add(Assumption(state: nil, field: "executions", value: "1,000 a month",
                               reason: "default; the profile gives no 'executions' for this machine"))
        }
        let type: WorkflowType
        if let given = usage.type?.value { type = given } else if let templateType { type = templateType } else {
            type = .standard
            log.add(Assumption(state: nil, field: "type", value: "STANDARD",
                               reason: "a bare definition does not say its type; set 'type' in the profile"))
        }
        let payloadKB = usage.payloadKB?.value ?? Defaults.payloadKB
        if usage.payloadKB == nil {
            log.add(Assumption(state: nil, field: "payload_kb", value: "1 KB", reason: "default state input/output size"))
        }
        let memoryMB: Int
        if let given = usage.memoryMB?.value {
            memoryMB = ExpressBilling.billedMemoryMB(wholeMB: given)
        } else {
            var containers = 0
            machine.forEachState { state in
                switch state.kind {
                case .parallel, .map: containers += 1
                default: break
                }
            }
            let estimate = ExpressBilling.estimatedMemoryMB(definitionBytes: definitionBytes, payloadKB: payloadKB,
                                                            parallelAndMapStates: containers)
            memoryMB = ExpressBilling.billedMemoryMB(estimate)
            log.add(Assumption(state: nil, field: "memory_mb", value: "\(memoryMB) MB",
                               reason: "AWS's estimate 50 MB + definition + payload × Parallel/Map states = \(CFormat.double("%.2f", estimate)) MB, billed in 64 MB steps"))
        }

        // A Task that starts another state machine starts an execution billed on its own account
        // line; its cost is that machine's report, not this one's.
        machine.forEachState { state in
            if case .task(let task) = state.kind, Self.startsExecution(task.resource) {
                log.add(Assumption(state: state.name, field: "child execution", value: "not included",
                                   reason: "it starts another state machine, billed as that machine's executions: analyse that machine too"))
            }
        }
        let analyzer = ScopeAnalyzer(usage: usage, log: log, childMemoryGB: Self.childMemoryGB)
        let root = analyzer.analyze(machine, label: "machine '\(name)'")
        let (expected, worst) = executionFigures(root, machine: machine, log: log)
        return MachineAnalysis(name: name, machine: machine, location: machine.location, declaredType: type,
                               executions: executions, executionsOrigin: origin, root: root, expected: expected, worst: worst,
                               expressMemoryMB: memoryMB, payloadKB: payloadKB, definitionBytes: definitionBytes,
                               assumptions: log.items, expressBlockers: expressBlockers(machine), usage: usage)
    }

    /// Memory of Express child executions of Distributed Maps, in GB.
    static let childMemoryGB = Double(Defaults.expressMemoryMB) / 1024

    /// One execution's figures from its root scope's: the execution's own start and end events
    /// added, the duration capped by the machine's `TimeoutSeconds`.
    private static func executionFigures(_ root: ScopeAnalysis, machine: StateMachine, log: AssumptionLog) -> (ExpectedFigures, WorstFigures) {
        var expected = root.expected
        expected.events += Double(HistoryEventModel.execution)
        var worst = root.worst
        if case .value(let events, let upper) = worst.events {
            worst.events = .value(events + Count(HistoryEventModel.execution), isUpperBound: upper)
        }
        // The machine-level TimeoutSeconds stops the execution (States.Timeout): no run lasts longer.
        if let timeoutSeconds = machine.timeoutSeconds {
            let timeout = Double(timeoutSeconds)
            switch worst.seconds {
            case .value(let seconds, let upper) where seconds > timeout:
                worst.seconds = .value(timeout, isUpperBound: upper)
            case .unbounded:
                worst.seconds = .value(timeout, isUpperBound: true)
            default:
                break
            }
            if expected.seconds > timeout {
                expected.seconds = timeout
                log.add(Assumption(state: nil, field: "duration", value: "\(timeoutSeconds) s",
                                   reason: "the expected duration exceeds the machine's TimeoutSeconds, which stops every longer run"))
            }
        }
        if root.states.contains(where: { $0.fanout?.childType == .express }) {
            log.add(Assumption(state: nil, field: "memory_mb", value: "64 MB for Express child executions",
                               reason: "Distributed Map children are billed at the smallest memory step"))
        }
        return (expected, worst)
    }

    /// `before`'s machine analysed again after the states named `name` were replaced (`changed`, as
    /// `StateMachine.replacingState` makes it): the same figures as `analyze(changed, …)` with the
    /// same profile, found by analysing again only the scopes that hold such a state. The other
    /// nested scopes, and everything the profile and the definition's size decide (executions,
    /// type, memory, payload), are `before`'s. What-ifs show no assumptions: none are collected.
    static func reanalyze(_ changed: StateMachine, replacing name: String, before: MachineAnalysis) -> MachineAnalysis {
        let log = AssumptionLog(recording: false)
        let analyzer = ScopeAnalyzer(usage: before.usage, log: log, childMemoryGB: childMemoryGB, changedState: name)
        let root = analyzer.analyze(changed, label: "machine '\(before.name)'", prior: before.root)
        let (expected, worst) = executionFigures(root, machine: changed, log: log)
        return MachineAnalysis(name: before.name, machine: changed, location: changed.location, declaredType: before.declaredType,
                               executions: before.executions, executionsOrigin: before.executionsOrigin, root: root,
                               expected: expected, worst: worst, expressMemoryMB: before.expressMemoryMB, payloadKB: before.payloadKB,
                               definitionBytes: before.definitionBytes, assumptions: [], expressBlockers: expressBlockers(changed),
                               usage: before.usage)
    }

    /// True when the resource contains "states:startExecution" (`containsText`: Foundation's
    /// answer, without its CFString search for ASCII resources).
    static func startsExecution(_ resource: String) -> Bool {
        resource.containsText("states:startExecution")
    }

    /// Express workflows support neither `.sync` nor `.waitForTaskToken` nor Activities (facts.md §3),
    /// and Distributed Map needs a Standard parent [UNCERTAIN: AWS's Map documentation, not checked here].
    static func expressBlockers(_ machine: StateMachine) -> [ExpressBlocker] {
        var blockers: [ExpressBlocker] = []
        machine.forEachState { state in
            if let blocker = expressBlocker(state) { blockers.append(blocker) }
        }
        return blockers
    }

    private static func expressBlocker(_ state: State) -> ExpressBlocker? {
        switch state.kind {
        case .task(let task) where task.pattern.isUnsupportedInExpress:
            let what: String
            switch task.pattern {
            case .sync: what = "a .sync integration (run a job and wait)"
            case .waitForTaskToken: what = "a .waitForTaskToken callback"
            default: what = "an Activity"
            }
            return ExpressBlocker(state: state.name, location: state.location,
                                  reason: "Task '\(state.name)' uses \(what), which Express workflows do not support")
        case .map(let spec) where spec.mode != .inline:
            return ExpressBlocker(state: state.name, location: state.location,
                                  reason: "Map '\(state.name)' runs in Distributed mode, which needs a Standard parent workflow")
        default:
            return nil
        }
    }
}
