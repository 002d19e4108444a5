/// What Express inputs said about one machine beyond its fully logged executions (which go into
/// `MachineObservations` like histories): executions logged at level ERROR/FATAL, and the billing
/// metrics.
public struct ExpressObservations: Sendable {
    public var errorLevel = ErrorLevelExecutions()
    public var metrics: ExpressBilledMetrics?
    /// Executions whose ARN says Express (`…:express:…`): the machine runs as Express.
    public var expressExecutions = 0

    public init() {}
}

/// `--express-logs` and the Express metrics of `--metrics`, for `Calibrator.observe`.
enum ExpressCalibration {
    struct Result {
        var observations: [String: ExpressObservations] = [:]
        var failures: [InputError] = []
        var diagnostics: [Diagnostic] = []
    }

    /// - Parameter fold: matches an execution logged at level ALL to its machine and folds it in, as
    ///   for a history; the second argument is the machine its ARN names.
    static func observe(_ request: Calibrator.Request, machines: [String],
                        fold: (ExecutionSummary, String?) -> Void) -> Result {
        var result = Result()
        var unassigned = 0
        // The machine an execution's ARN names, when it is one of those read (or the one --machine names).
        func target(_ named: String?) -> String? {
            if let forced = request.machine { return forced }
            if let named, machines.contains(named) { return named }
            return machines.count == 1 ? machines[0] : nil
        }
        let read = ExpressLogStream.read(request.expressLogs, full: { summary, named, isExpress in
            if isExpress, let machine = target(named) {
                result.observations[machine, default: ExpressObservations()].expressExecutions += 1
            }
            fold(summary, named)
        }, errorLevel: { named, events, file in
            guard let machine = target(named) else { unassigned += 1; return }
            result.observations[machine, default: ExpressObservations()].errorLevel.add(events, file: file)
        })
        result.failures += read.failures
        result.diagnostics += read.diagnostics
        if unassigned > 0 {
            result.diagnostics.append(Diagnostic(.warning, "Calibrate.Unmatched",
                "\(CalibratedProfileWriter.plural(unassigned, "execution")) logged at level ERROR name no machine read in their execution_arn; left out (name the machine with --machine)", at: nil))
        }
        if !request.metrics.isEmpty {
            let (metrics, failures) = ExpressMetrics.read(request.metrics, machines: request.machine.map { [$0] } ?? machines)
            result.failures += failures
            for (machine, found) in metrics { result.observations[machine, default: ExpressObservations()].metrics = found }
        }
        return result
    }
}

extension HistoryMatcher {
    /// As `match`, but an execution whose ARN names one of the machines (and fits it) belongs to it
    /// even where its states would fit several.
    func match(_ summary: ExecutionSummary, named: String?) -> Match {
        if forced == nil, let named, let machine = candidates.first(where: { $0.name == named }),
           Set(summary.entries.keys).isSubset(of: machine.stateNames) {
            return .machine(named)
        }
        return match(summary)
    }
}

/// The lines a fitted profile gets from Express inputs: `type`, `memory_mb`, and comments for what
/// the profile has no key for (billed duration: the states' durations make the estimate's) or what
/// informs no key (executions logged at level ERROR).
enum ExpressProfileLines {
    static func type(_ express: ExpressObservations?) -> [String] {
        guard let express else { return [] }
        if express.expressExecutions > 0 {
            return ["    type: EXPRESS   # the execution_arn of \(CalibratedProfileWriter.plural(express.expressExecutions, "logged execution")) is an Express one"]
        }
        if let metrics = express.metrics, metrics.durationMilliseconds.count + metrics.memoryMB.count > 0 {
            return ["    type: EXPRESS   # CloudWatch reports Express billing metrics for it"]
        }
        return []
    }

    static func memory(_ express: ExpressObservations?) -> [String]? {
        guard let metrics = express?.metrics, metrics.memoryMB.count > 0 else { return nil }
        let mean = metrics.memoryMB.mean
        guard mean.isFinite, mean > 0, mean < 1e12 else { return nil }
        let whole = max(1, Int(mean.rounded(.up)))
        let billed = ExpressBilling.billedMemoryMB(wholeMB: whole)
        let steps = billed == whole ? "" : "; billed in 64 MB steps, so the estimate uses \(billed) MB"
        let unit = metrics.memoryInBytes ? " (reported in bytes)" : ""
        return ["    memory_mb: \(whole)   # ExpressExecutionBilledMemory: mean \(CalibratedProfileWriter.number(mean)) MB per execution\(unit), "
                + DisplayText.text(metrics.provenance(metrics.memoryMB)) + steps]
    }

    static func notes(_ express: ExpressObservations?) -> [String] {
        guard let express else { return [] }
        var lines: [String] = []
        if let metrics = express.metrics, metrics.durationMilliseconds.count > 0 {
            let duration = metrics.durationMilliseconds
            lines.append("    # ExpressExecutionBilledDuration: mean \(CalibratedProfileWriter.number(duration.mean)) ms per execution (periods' means \(CalibratedProfileWriter.number(duration.min)) to \(CalibratedProfileWriter.number(duration.max)) ms), "
                         + DisplayText.text(metrics.provenance(duration)) + ". No profile key takes it: the states' durations make the estimate's; `reconcile --metrics` compares them.")
        }
        if express.errorLevel.executions > 0 {
            lines.append("    # Express logs at level ERROR/FATAL (" + DisplayText.text(express.errorLevel.files.joined(separator: ", ")) + "): "
                         + DisplayText.text(express.errorLevel.description) + ". They inform no key: odds, durations and failure rates need level ALL.")
        }
        return lines
    }
}
