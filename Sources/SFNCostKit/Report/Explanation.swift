import Foundation

/// Where every figure of one machine comes from: the worst paths, the expected visits of every
/// state (nested scopes included), and the arithmetic from figures to money with the price rows.
public struct Explanation: Codable, Sendable {
    public var schemaVersion: Int
    public var machine: String
    public var file: String
    public var worstPaths: [WorstPath]
    public var states: [StateLine]
    public var cost: [CostLine]
    public var assumptions: [Assumption]

    /// The path that maximises one measure, stretch by stretch.
    public struct WorstPath: Codable, Sendable {
        public var measure: Measure
        /// The total along the path (null when unbounded or too large).
        public var total: Double?
        public var isUpperBound: Bool
        /// True when `total` is null because it exceeds what sfncost represents, not unbounded.
        public var totalTooLarge: Bool? = nil
        public var steps: [PathStepLine]
    }

    public struct PathStepLine: Codable, Sendable {
        public var state: String
        public var type: String
        /// How often the path enters the state at this point.
        public var times: UInt64
        /// The measure for one entry (retries, nested branches and iterations included).
        public var perVisit: Double?
        public var subtotal: Double?
    }

    /// One state: expected visits per execution, per-visit figures, nested scopes below it.
    public struct StateLine: Codable, Sendable {
        public var scope: String
        public var depth: Int
        public var state: String
        public var type: String
        public var line: Int
        public var column: Int
        /// Null when infinite (a loop that cannot be left) or too large (`expectedVisitsTooLarge`).
        public var expectedVisits: Double?
        /// Null when too large to represent.
        public var expectedTransitionsPerVisit: Double?
        public var expectedEventsPerVisit: Double?
        public var expectedSecondsPerVisit: Double?
        public var worstTransitionsPerVisit: Double?
        public var worstVisits: UInt64
        /// True when `expectedVisits` is null because the visits overflow (hostile item counts),
        /// not because a loop cannot be left.
        public var expectedVisitsTooLarge: Bool? = nil
        /// True when `expectedVisits` is null because the loop was too complex to solve (SFN171).
        public var expectedVisitsNotComputed: Bool? = nil
        /// Retry and Catch at work (Task, Parallel, Map with failures): expected attempts a visit and
        /// the errors an attempt can fail with.
        public var expectedAttemptsPerVisit: Double? = nil
        public var attemptFailures: [AttemptFailureLine]? = nil
    }

    /// One error an attempt can fail with, for `explain`.
    public struct AttemptFailureLine: Codable, Sendable {
        /// nil: a Fail state without Error (only States.ALL matches it).
        public var error: String?
        /// "own" (the profile's failure_rate/failed_attempts for this state) or "inner" (what runs inside it).
        public var source: String
        public var perAttempt: Double
        public var fixedFailures: Int?
        public var retrier: Int?
        public var maxAttempts: Int?
        public var endProbability: Double
        public var caughtBy: String?
    }

    /// One step of the money arithmetic.
    public struct CostLine: Codable, Sendable {
        public var item: String
        public var formula: String
        public var amount: Money?
        public var priceRows: [String]
    }

    public static func build(_ analysis: MachineAnalysis, report: MachineReport, pricing: PricingInfo) -> Explanation {
        let currency = pricing.currency
        let unitPrices = Dictionary(pricing.rows.map { ($0.id, $0.unitPrice) }, uniquingKeysWith: { first, _ in first })
        func priced(_ id: String) -> String {
            unitPrices[id].map { "\(currency == "USD" ? "$" : currency + " ")\($0) (\(id))" } ?? id
        }
        var paths: [WorstPath] = []
        let figures = Dictionary(analysis.root.states.map { ($0.state.name, $0) }, uniquingKeysWith: { first, _ in first })
        for measure in Measure.allCases {
            let steps = (analysis.root.worstPaths[measure] ?? []).map { step -> PathStepLine in
                let state = figures[step.state]
                let perVisit: Double?
                switch measure {
                case .transitions: perVisit = state?.perVisitWorstTransitions.map(countValue)
                case .events: perVisit = state?.perVisitWorstEvents.map(countValue)
                case .seconds: perVisit = state?.perVisitWorstSeconds
                }
                // A saturated count or an infinite duration is too large: null, never 1.8e19 or inf.
                let known = perVisit.flatMap(finite)
                return PathStepLine(state: step.state, type: state?.state.typeName ?? "?", times: step.times,
                                    perVisit: known, subtotal: known.flatMap { finite($0 * Double(step.times)) })
            }
            let total: Double?
            let upper: Bool
            switch measure {
            case .transitions: total = analysis.root.worst.transitions.value.map(countValue); upper = analysis.root.worst.transitions.isUpperBound
            case .events: total = analysis.worst.events.value.map(countValue); upper = analysis.worst.events.isUpperBound
            case .seconds: total = analysis.root.worst.seconds.value; upper = analysis.root.worst.seconds.isUpperBound
            }
            var allSteps = steps
            if measure == .events, !steps.isEmpty {
                // The execution's own ExecutionStarted and ExecutionSucceeded/Failed.
                let execution = Double(HistoryEventModel.execution)
                allSteps.append(PathStepLine(state: "(execution start and end)", type: "-", times: 1,
                                             perVisit: execution, subtotal: execution))
            }
            paths.append(WorstPath(measure: measure, total: total.flatMap(finite), isUpperBound: upper,
                                   totalTooLarge: total.map { !$0.isFinite } == true ? true : nil, steps: allSteps))
        }
        let lines = stateLines(analysis)

        let monthly = report.monthly
        let executions = report.executionsPerMonth
        func count(_ value: Double?) -> String { value.map(Format.count) ?? "unknown" }
        var cost: [CostLine] = [
            CostLine(item: "Standard transitions a month",
                     formula: "\(Format.count(executions)) executions × \(Format.count(report.perExecution.transitions.expected ?? 0)) expected transitions = \(count(monthly.standard.transitions))",
                     amount: nil, priceRows: []),
            CostLine(item: "Standard cost",
                     formula: "\(count(monthly.standard.transitions)) transitions × \(priced(monthly.standard.priceRow))" +
                              (monthly.standard.expressChildCost.map { " + Express children \($0.formatted(places: 4))" } ?? ""),
                     amount: monthly.standard.cost, priceRows: [monthly.standard.priceRow]),
            CostLine(item: "Express requests",
                     formula: "\(count(monthly.express.requests)) requests × \(priced(monthly.express.priceRows.first ?? "?"))",
                     amount: monthly.express.requestCost, priceRows: Array(monthly.express.priceRows.prefix(1))),
            CostLine(item: "Express duration",
                     formula: "\(Format.count(executions)) executions × \(monthly.express.billedDurationSeconds.map(Format.billedSeconds) ?? "unknown") billed (the expected \(report.perExecution.durationSeconds.expected.map { String(format: "%.3f s", $0) } ?? "unknown") rounded up to 100 ms) × \(monthly.express.memoryMB) MB / 1024 = \(count(monthly.express.gbSeconds)) GB-s, priced by the account-level tiers: \(monthly.express.priceRows.dropFirst().map(priced).joined(separator: "; "))",
                     amount: monthly.express.durationCost, priceRows: Array(monthly.express.priceRows.dropFirst())),
        ]
        cost.append(CostLine(item: "Express cost", formula: "requests + duration", amount: monthly.express.cost, priceRows: []))
        return Explanation(schemaVersion: 1, machine: analysis.name, file: analysis.location.file, worstPaths: paths,
                           states: lines, cost: cost, assumptions: analysis.assumptions)
    }

    /// Every state with its expected visits per execution, nested scopes after their parent.
    static func stateLines(_ analysis: MachineAnalysis) -> [StateLine] {
        var lines: [StateLine] = []
        appendStates(analysis.root, depth: 0, visitsScale: 1, into: &lines)
        // Infinite visits are a loop that cannot be left, unless the only such loops were too
        // complex to solve: then they are not computed, not infinite.
        let kinds = Set(analysis.root.problems.map(\.kind))
        if kinds.contains(.loopTooComplex), !kinds.contains(.trappedLoop) {
            for index in lines.indices where lines[index].expectedVisits == nil && lines[index].expectedVisitsTooLarge != true {
                lines[index].expectedVisitsNotComputed = true
            }
        }
        return lines
    }

    /// - Parameter trapped: a scope above is in a loop that cannot be left, so infinite visits below
    ///   are infinite, not too large.
    private static func appendStates(_ scope: ScopeAnalysis, depth: Int, visitsScale: Double, trapped: Bool = false,
                                     into lines: inout [StateLine]) {
        for figures in scope.states {
            let visits = figures.expectedVisits * visitsScale
            let inTrap = trapped || figures.expectedVisits.isInfinite
            lines.append(StateLine(scope: scope.label, depth: depth, state: figures.state.name, type: figures.state.typeName,
                                   line: figures.state.location.line, column: figures.state.location.column,
                                   expectedVisits: visits.isFinite ? (abs(visits) >= 1e15 ? visits : (visits * 1e6).rounded() / 1e6) : nil,
                                   expectedTransitionsPerVisit: finite(figures.perVisit.transitions),
                                   expectedEventsPerVisit: finite(figures.perVisit.events),
                                   expectedSecondsPerVisit: finite(figures.perVisit.seconds),
                                   worstTransitionsPerVisit: figures.perVisitWorstTransitions.flatMap { $0.isSaturated ? nil : $0.double },
                                   worstVisits: figures.worstVisits,
                                   expectedVisitsTooLarge: !visits.isFinite && !inTrap ? true : nil,
                                   expectedAttemptsPerVisit: figures.attempts.flatMap { $0.errors.isEmpty ? nil : finite($0.expectedAttempts) },
                                   attemptFailures: figures.attempts.flatMap { summary in
                                       summary.errors.isEmpty ? nil : summary.errors.map { error in
                                           AttemptFailureLine(error: error.error, source: error.source, perAttempt: error.perAttempt,
                                                              fixedFailures: error.source == "own" ? summary.fixedFailures : nil,
                                                              retrier: error.retrier, maxAttempts: error.maxAttempts,
                                                              endProbability: error.endProbability, caughtBy: error.caughtBy)
                                       }
                                   }))
            for child in figures.children {
                // A branch runs once per attempt of its Parallel, an iteration once per item started
                // per attempt of its Map (a retried Map runs its iterations again).
                appendStates(child, depth: depth + 1, visitsScale: visits * figures.childRunsPerVisit, trapped: inTrap, into: &lines)
            }
        }
    }

    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// A count as a Double, or infinity when saturated (so that it reads as too large).
    private static func countValue(_ count: Count) -> Double { count.isSaturated ? .infinity : count.double }

    /// A probability as a percentage without float noise: 100%, 37.5%, 0.0008%.
    static func percent(_ value: Double) -> String {
        let percent = value * 100
        var text = String(format: percent >= 1 ? "%.2f" : "%.4g", percent)
        if text.contains(".") && !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + "%"
    }

    /// The explanation as text.
    public func text(currency: String) -> String {
        // Names, paths and price rows come from inputs: every line is escaped for display (`DisplayText`).
        var out = DisplayText.text("Where the figures for '\(machine)' come from (\(file))") + "\n"
        for path in worstPaths {
            let unit = path.measure == .seconds ? "seconds" : path.measure.rawValue
            out += "\nWorst case, \(unit): " + (path.total.map { (path.isUpperBound ? "≤ " : "") + (path.measure == .seconds ? Format.seconds($0) : Format.count($0)) } ?? (path.totalTooLarge == true ? "too large" : "unbounded")) + "\n"
            if path.steps.isEmpty { continue }
            var table = TextTable(headers: ["STATE", "TYPE", "VISITS", "PER VISIT", "SUBTOTAL"], alignments: [.left, .left, .right, .right, .right])
            for step in path.steps {
                let per = step.perVisit.map { path.measure == .seconds ? Format.seconds($0) : Format.count($0) } ?? "too large"
                let sub = step.subtotal.map { path.measure == .seconds ? Format.seconds($0) : Format.count($0) } ?? "too large"
                table.rows.append([step.state, step.type, "\(step.times)", per, sub])
            }
            out += table.render(indent: "  ") + "\n"
        }
        out += "\nExpected visits per execution (nested scopes indented; per visit: transitions incl. retries and inner states)\n"
        var states = TextTable(headers: ["STATE", "TYPE", "AT", "VISITS", "TRANSITIONS/VISIT", "EVENTS/VISIT", "SECONDS/VISIT", "WORST TRANS/VISIT"],
                               alignments: [.left, .left, .left, .right, .right, .right, .right, .right])
        for line in self.states {
            states.rows.append([String(repeating: "  ", count: line.depth) + line.state, line.type, "\(line.line):\(line.column)",
                                line.expectedVisits.map(Format.count)
                                    ?? (line.expectedVisitsTooLarge == true ? "too large" : line.expectedVisitsNotComputed == true ? "not computed" : "infinite"),
                                line.expectedTransitionsPerVisit.map(Format.count) ?? "too large",
                                line.expectedEventsPerVisit.map(Format.count) ?? "too large",
                                line.expectedSecondsPerVisit.map(Format.count) ?? "too large",
                                line.worstTransitionsPerVisit.map(Format.count) ?? "unbounded"])
        }
        out += states.render(indent: "  ") + "\n"
        let failing = self.states.filter { $0.attemptFailures != nil }
        if !failing.isEmpty {
            out += "\nFailures and retries (per visit; a Map or Parallel fails with the error of what failed inside it)\n"
            for line in failing {
                out += "  \(line.state) (\(line.type)): \(line.expectedAttemptsPerVisit.map(Format.count) ?? "?") attempts expected\n"
                for failure in line.attemptFailures ?? [] {
                    let what = failure.error ?? "a Fail state's error (no Error: only States.ALL matches)"
                    var text = "    - \(what), \(failure.source == "own" ? "its own" : "from inside")"
                    if let fixed = failure.fixedFailures, fixed > 0 { text += ": the first \(fixed) attempt\(fixed == 1 ? "" : "s") fail" }
                    if failure.perAttempt > 0 { text += "\(failure.fixedFailures ?? 0 > 0 ? ", then" : ":") \(Self.percent(failure.perAttempt)) of attempts" }
                    if let retrier = failure.retrier, let max = failure.maxAttempts {
                        text += "; retried by retrier \(retrier) (MaxAttempts \(max))"
                    } else {
                        text += "; no retrier matches"
                    }
                    text += "; ends the visit \(Self.percent(failure.endProbability))"
                    text += failure.caughtBy.map { ", caught → \($0)" } ?? (failure.endProbability > 0 ? ", uncaught (the scope fails)" : "")
                    out += text + "\n"
                }
            }
        }
        out += "\nMoney\n"
        for line in cost {
            let amount = line.amount.map { " = " + (currency == "USD" ? "$" : currency + " ") + $0.formatted(places: 6) } ?? ""
            out += DisplayText.text("  \(line.item): \(line.formula)\(amount)") + "\n"
        }
        if !assumptions.isEmpty {
            out += "\nAssumptions\n"
            for assumption in assumptions {
                out += DisplayText.text("  - \(assumption.state.map { "\($0)." } ?? "")\(assumption.field) = \(assumption.value): \(assumption.reason)") + "\n"
            }
        }
        return out
    }
}
