/// Mean, spread and extremes of a series, folded one value at a time (Welford's method), so that
/// no series has to be held.
public struct RunningStatistic: Sendable, Codable, Equatable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var squares = 0.0
    public private(set) var max = -Double.infinity
    public private(set) var min = Double.infinity

    public init() {}

    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        squares += delta * (value - mean)
        max = Swift.max(max, value)
        min = Swift.min(min, value)
    }

    /// The sample standard deviation (n − 1), 0 for fewer than two values.
    public var standardDeviation: Double {
        count > 1 ? (Swift.max(0, squares) / Double(count - 1)).squareRoot() : 0
    }

    /// The standard error of the mean.
    public var standardError: Double {
        count > 0 ? standardDeviation / Double(count).squareRoot() : 0
    }

    /// The 95% confidence interval of the mean (normal approximation: mean ± 1.96 standard errors).
    /// Never below zero: every figure reconciled is a count or a duration, so an interval reaching
    /// under zero (few, spread observations) only says that the figure may be as low as zero.
    public var interval95: (low: Double, high: Double) {
        (Swift.max(0, mean - 1.96 * standardError), mean + 1.96 * standardError)
    }

    /// True when `value` lies inside the 95% interval; with no spread (every value equal) the interval
    /// is the value itself, up to rounding.
    public func admits(_ value: Double) -> Bool {
        let (low, high) = interval95
        let slack = 1e-9 * Swift.max(1, abs(mean))
        return value >= low - slack && value <= high + slack
    }
}

/// Everything the histories of one machine showed, folded execution by execution.
public struct MachineObservations: Sendable {
    public var machine: String
    public var executions = 0
    public var firstStart: Double?
    public var lastStart: Double?
    public var transitions = RunningStatistic()
    public var events = RunningStatistic()
    public var seconds = RunningStatistic()
    /// Entries per execution, for every state of the machine (0 where an execution did not enter it).
    public var visits: [String: RunningStatistic] = [:]
    /// Transitions per execution of each Task state (entries plus retries).
    public var stateTransitions: [String: RunningStatistic] = [:]
    /// Executions that entered each state.
    public var executionsEntering: [String: Int] = [:]
    public var attempts: [String: Int] = [:]
    public var failedAttempts: [String: Int] = [:]
    /// Per Task state, whether every visit failed the same number of attempts before succeeding.
    public var failurePatterns: [String: FailurePattern] = [:]
    public var errors: [String: [String: Int]] = [:]
    public var attemptSeconds: [String: RunningStatistic] = [:]
    public var choiceExits: [String: [String: Int]] = [:]
    public var mapLengths: [String: RunningStatistic] = [:]
    public var payloadBytes = RunningStatistic()

    public init(machine: String) { self.machine = machine }

    mutating func add(_ summary: ExecutionSummary, stateNames: [String], taskStates: Set<String>) {
        executions += 1
        if let start = summary.start {
            firstStart = Swift.min(firstStart ?? start, start)
            lastStart = Swift.max(lastStart ?? start, start)
        }
        transitions.add(Double(summary.transitions))
        events.add(Double(summary.events))
        if let seconds = summary.seconds { self.seconds.add(seconds) }
        for name in stateNames {
            let entered = summary.entries[name, default: 0]
            visits[name, default: RunningStatistic()].add(Double(entered))
            if entered > 0 { executionsEntering[name, default: 0] += 1 }
            if taskStates.contains(name) {
                stateTransitions[name, default: RunningStatistic()].add(Double(entered + summary.retries[name, default: 0]))
            }
        }
        for (name, count) in summary.attempts { attempts[name, default: 0] += count }
        for (name, count) in summary.failedAttempts { failedAttempts[name, default: 0] += count }
        for visit in summary.taskVisits {
            failurePatterns[visit.state, default: FailurePattern()].add(failedAttempts: visit.failedAttempts, succeeded: visit.succeeded)
        }
        for (name, byError) in summary.errors {
            for (error, count) in byError { errors[name, default: [:]][error, default: 0] += count }
        }
        for (name, values) in summary.attemptSeconds {
            for value in values { attemptSeconds[name, default: RunningStatistic()].add(value) }
        }
        for (name, targets) in summary.choiceExits {
            for (target, count) in targets { choiceExits[name, default: [:]][target, default: 0] += count }
        }
        for (name, lengths) in summary.mapLengths {
            for length in lengths { mapLengths[name, default: RunningStatistic()].add(Double(length)) }
        }
        if summary.payloadCount > 0 {
            // Each execution counts once: the mean of its own states' input and output sizes.
            payloadBytes.add(Double(summary.payloadBytesTotal) / Double(summary.payloadCount))
        }
    }

    /// "N executions, YYYY-MM-DD to YYYY-MM-DD".
    public var provenance: String {
        let span: String
        if let first = firstStart, let last = lastStart {
            let a = HistoryTime.date(first), b = HistoryTime.date(last)
            span = a == b ? ", \(a)" : ", \(a) to \(b)"
        } else {
            span = ""
        }
        return "\(executions) execution\(executions == 1 ? "" : "s")\(span)"
    }
}
