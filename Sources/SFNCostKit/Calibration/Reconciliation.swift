import Foundation

/// The estimate set against what ran: per machine and per state, each predicted per-execution
/// figure beside the observed mean, its spread and a 95% confidence interval. The JSON form is
/// versioned (`docs/reconcile-schema.md`).
public struct Reconciliation: Codable, Sendable {
    public static let currentVersion = 1
    public var version = Reconciliation.currentVersion
    /// `--tolerance`, in percent, when given.
    public var tolerancePercent: Double?
    public var machines: [MachineReconciliation]
    /// True when no gated row is both outside its interval and further than the tolerance.
    public var withinTolerance: Bool
    /// The bill (`--cur`) against the predicted totals; absent without `--cur`.
    public var bill: BillReconciliation? = nil

    public struct MachineReconciliation: Codable, Sendable {
        public var name: String
        public var executions: Int
        public var firstStart: String?
        public var lastStart: String?
        public var rows: [Row]
        /// For a machine only CloudWatch metrics informed (`executions` 0): the most datapoints of a metric.
        public var datapoints: Int? = nil
    }

    /// One figure per execution. `state` nil: the whole execution.
    public struct Row: Codable, Sendable {
        public var state: String?
        /// `transitions`, `events`, `seconds` (whole execution) or `visits`, `transitions` (a state).
        public var figure: String
        public var predicted: Double
        public var observedMean: Double
        public var standardDeviation: Double
        public var standardError: Double
        public var intervalLow: Double
        public var intervalHigh: Double
        /// The prediction lies outside the 95% interval of the observed mean.
        public var outsideInterval: Bool
        /// (observed − predicted) ÷ predicted, in percent: `+` when executions did more than predicted,
        /// as the bill's rows; nil when the prediction is 0 and the observed mean is not.
        public var differencePercent: Double?
        /// False for durations: the model's expected durations are approximations (README), so they
        /// are shown but never fail the gate.
        public var gated: Bool
        /// Outside the interval and further than `--tolerance` from the prediction.
        public var failsTolerance: Bool
        /// `metrics` for a row set against CloudWatch metrics (its sample: the datapoints); absent
        /// for rows from recorded executions.
        public var source: String? = nil
    }

    /// - Parameter tolerancePercent: nil reports only; a value makes rows outside it fail.
    public static func build(analyses: [MachineAnalysis], observations: [String: MachineObservations],
                             tolerancePercent: Double?) -> Reconciliation {
        var machines: [MachineReconciliation] = []
        for analysis in analyses {
            guard let observed = observations[analysis.name], observed.executions > 0 else { continue }
            var rows: [Row] = []
            rows.append(row(nil, "transitions", analysis.expected.transitions, observed.transitions, gated: true, tolerancePercent))
            rows.append(row(nil, "events", analysis.expected.events, observed.events, gated: true, tolerancePercent))
            if observed.seconds.count > 0 {
                rows.append(row(nil, "seconds", analysis.expected.seconds, observed.seconds, gated: false, tolerancePercent))
            }
            var visits: [String: Double] = [:]
            var transitions: [String: Double] = [:]
            var order: [String] = []
            collect(analysis.root, multiplier: 1, visits: &visits, transitions: &transitions, order: &order)
            for name in order {
                if let seen = observed.visits[name] {
                    rows.append(row(name, "visits", visits[name] ?? 0, seen, gated: true, tolerancePercent))
                }
                if let predicted = transitions[name], let seen = observed.stateTransitions[name] {
                    rows.append(row(name, "transitions", predicted, seen, gated: true, tolerancePercent))
                }
            }
            machines.append(MachineReconciliation(name: analysis.name, executions: observed.executions,
                                                  firstStart: observed.firstStart.map(HistoryTime.date),
                                                  lastStart: observed.lastStart.map(HistoryTime.date), rows: rows))
        }
        let within = !machines.contains { $0.rows.contains(where: \.failsTolerance) }
        return Reconciliation(tolerancePercent: tolerancePercent, machines: machines, withinTolerance: within)
    }

    static func row(_ state: String?, _ figure: String, _ predicted: Double, _ seen: RunningStatistic,
                            gated: Bool, _ tolerance: Double?) -> Row {
        let (low, high) = seen.interval95
        // Compared as printed (3 decimals, whole numbers from 1,000): a prediction of 0.99999375 against
        // executions that all entered once is "1.000 in 1.000 – 1.000", not a miss that --tolerance 0 fails.
        let outside = !seen.admits(predicted) && !ReconciliationPrecision.admitsAsPrinted(predicted, low: low, high: high)
        // What ran, as its distance from the prediction (`+` when executions did more than predicted),
        // as the bill's rows give it: one perspective for every row of the comparison.
        let difference: Double? = predicted != 0 ? (seen.mean - predicted) / abs(predicted) * 100 : (seen.mean == 0 ? 0 : nil)
        var fails = false
        if gated, outside, let tolerance {
            fails = difference.map { abs($0) > tolerance } ?? true
        }
        return Row(state: state, figure: figure, predicted: predicted, observedMean: seen.mean,
                   standardDeviation: seen.standardDeviation, standardError: seen.standardError,
                   intervalLow: low, intervalHigh: high, outsideInterval: outside, differencePercent: difference,
                   gated: gated, failsTolerance: fails)
    }

    /// Expected entries per execution of every state, nested ones scaled by how often their scope runs
    /// (`childRunsPerVisit`: a Parallel's branches once per attempt, an inline Map's iteration once per
    /// item started per attempt: a retried Map or Parallel runs them again, as the transition totals
    /// and `explain` count it); a Distributed Map's children are executions of their own, not in this
    /// history. Task transitions: entries plus retries.
    private static func collect(_ scope: ScopeAnalysis, multiplier: Double, visits: inout [String: Double],
                                transitions: inout [String: Double], order: inout [String]) {
        for figures in scope.states {
            let name = figures.state.name
            let entries = figures.expectedVisits * multiplier
            if visits[name] == nil { order.append(name) }
            visits[name, default: 0] += entries
            if case .task = figures.state.kind {
                transitions[name, default: 0] += entries * figures.perVisit.transitions
            }
            switch figures.state.kind {
            case .parallel:
                for child in figures.children { collect(child, multiplier: entries * figures.childRunsPerVisit, visits: &visits, transitions: &transitions, order: &order) }
            case .map(let spec) where spec.mode == .inline:
                for child in figures.children { collect(child, multiplier: entries * figures.childRunsPerVisit, visits: &visits, transitions: &transitions, order: &order) }
            default:
                break
            }
        }
    }
}
