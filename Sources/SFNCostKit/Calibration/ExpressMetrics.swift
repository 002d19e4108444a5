import Foundation

/// Express billing as CloudWatch measured it, per machine: `AWS/States` `ExpressExecutionBilledDuration`
/// and `ExpressExecutionBilledMemory` by `StateMachineArn`, from `aws cloudwatch get-metric-data
/// --output json` (`{"MetricDataResults": [{"Id", "Label", "Timestamps", "Values", "StatusCode"}]}`).
///
/// AWS's metrics page says only "the duration for which an Express Workflow is charged" and "the
/// amount of consumed memory for which an Express Workflow is charged"; each execution reports one
/// value, so a period's `Average` is the mean per execution. Units: time-interval metrics are
/// "always measured in milliseconds" (same page). The memory unit is not stated there: the API's
/// `billingDetails.billedMemoryUsedInMB` is in MB, and CloudWatch may report the metric in bytes, so
/// a value of at least 1 MiB (no execution bills a million MB) is read as bytes, anything smaller as MB.
/// The output does not say which statistic a result holds, so the query's Label must (README).
public struct ExpressBilledMetrics: Sendable {
    /// One value per datapoint: that period's mean billed duration, in milliseconds.
    public var durationMilliseconds = RunningStatistic()
    /// The same in seconds, for reconcile.
    public var billedSeconds = RunningStatistic()
    /// One value per datapoint: that period's mean billed memory, in MB.
    public var memoryMB = RunningStatistic()
    /// Per datapoint with both: billed seconds × billed GB (exact where memory is the same for every
    /// execution of the period, as it is for almost every Express machine: 64 MB).
    public var gbSeconds = RunningStatistic()
    public var first: Double?
    public var last: Double?
    /// The end of the last period, where the period can be told (two datapoints or more).
    public var end: Double?
    public var memoryInBytes = false
    public var files: [String] = []

    /// "31 datapoints, 2026-10-01 to 2026-10-31 (file)" for the profile's comments.
    func provenance(_ statistic: RunningStatistic) -> String {
        var span = ""
        if let first {
            let a = HistoryTime.date(first), b = HistoryTime.date(end ?? last ?? first)
            span = a == b ? ", \(a)" : ", \(a) to \(b)"
        }
        return "\(CalibratedProfileWriter.plural(statistic.count, "datapoint"))\(span) (\(files.joined(separator: ", ")))"
    }
}

enum ExpressMetrics {
    enum Kind { case duration, memory }

    static func read(_ paths: [String], machines: [String]) -> ([String: ExpressBilledMetrics], [InputError]) {
        var failures: [InputError] = []
        var found: [String: ExpressBilledMetrics] = [:]
        var durations: [String: [Double: Double]] = [:]
        var memories: [String: [Double: Double]] = [:]
        var steps: [String: [Double]] = [:]
        for path in paths {
            do {
                for (machine, kind, points) in try results(path: path, machines: machines) {
                    var metrics = found[machine] ?? ExpressBilledMetrics()
                    if !metrics.files.contains(path) { metrics.files.append(path) }
                    let bytes = kind == .memory && points.contains { $0.1 >= 1_048_576 }
                    if bytes { metrics.memoryInBytes = true }
                    for (time, value) in points {
                        metrics.first = min(metrics.first ?? time, time)
                        metrics.last = max(metrics.last ?? time, time)
                        switch kind {
                        case .duration:
                            metrics.durationMilliseconds.add(value)
                            metrics.billedSeconds.add(value / 1000)
                            durations[machine, default: [:]][time] = value
                        case .memory:
                            let megabytes = bytes ? value / 1_048_576 : value
                            metrics.memoryMB.add(megabytes)
                            memories[machine, default: [:]][time] = megabytes
                        }
                    }
                    let times = points.map(\.0).sorted()
                    steps[machine, default: []] += zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }
                    found[machine] = metrics
                }
            } catch {
                failures.append(error)
            }
        }
        for (machine, var metrics) in found {
            for (time, milliseconds) in (durations[machine] ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let megabytes = memories[machine]?[time] { metrics.gbSeconds.add(milliseconds / 1000 * megabytes / 1024) }
            }
            if let period = steps[machine]?.min(), let last = metrics.last { metrics.end = last + period }
            found[machine] = metrics
        }
        return (found, failures)
    }

    /// The Express billing results of one file: machine, metric, (time, value) pairs.
    private static func results(path: String, machines: [String]) throws(InputError) -> [(String, Kind, [(Double, Double)])] {
        let root = try SourceDocument.load(path: path)
        guard let results = root["MetricDataResults"]?.elements else {
            throw InputError("Calibrate.NotMetricData", "'\(path)' is not `aws cloudwatch get-metric-data --output json` output: expected an object with a \"MetricDataResults\" array\(MisplacedInput.hint(root, expected: "--metrics"))", at: root.location)
        }
        var found: [(String, Kind, [(Double, Double)])] = []
        for result in results {
            let label = result["Label"]?.string ?? ""
            let id = result["Id"]?.string ?? ""
            let text = (label + " " + id).lowercased()
            let kind: Kind
            if text.contains("expressexecutionbilledduration") { kind = .duration }
            else if text.contains("expressexecutionbilledmemory") { kind = .memory }
            else { continue }
            let named = machines.filter { label.contains($0) || id.contains($0) }.max(by: { $0.count < $1.count })
            guard let machine = named ?? (machines.count == 1 ? machines[0] : nil) else {
                throw InputError("Calibrate.MetricMachine", "this result's Label '\(label)' names none of the machines read; give each query a Label with the machine's name", at: result.location)
            }
            // The statistic: Average (said in the Label, or left unsaid); any other is refused rather
            // than read as a mean.
            let words = label.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" || $0 == "/" })
            if let other = words.first(where: { ["sum", "maximum", "minimum", "max", "min", "samplecount", "iqm"].contains($0) || isPercentile($0) }) {
                throw InputError("Calibrate.MetricStatistic",
                                 "this result's Label says '\(other)': calibrate reads the mean per execution, so query \(kind == .duration ? "ExpressExecutionBilledDuration" : "ExpressExecutionBilledMemory") with \"Stat\": \"Average\" (and say Average in the Label)",
                                 at: result["Label"]?.location ?? result.location)
            }
            guard let stamps = result["Timestamps"]?.elements, let values = result["Values"]?.elements, stamps.count == values.count else {
                throw InputError("Calibrate.NotMetricData", "a result needs \"Timestamps\" and \"Values\" arrays of the same length", at: result.location)
            }
            var points: [(Double, Double)] = []
            for (stamp, value) in zip(stamps, values) {
                guard let time = HistoryTime.seconds(stamp) else {
                    throw InputError("Calibrate.NotMetricData", "a timestamp must be ISO 8601", at: stamp.location)
                }
                guard let number = value.double, number.isFinite, number >= 0, number < 1e15 else {
                    throw InputError("Calibrate.NotMetricData", kind == .duration ? "a value must be a billed duration in milliseconds" : "a value must be a billed memory in MB (or bytes)", at: value.location)
                }
                points.append((time, number))
            }
            if !points.isEmpty { found.append((machine, kind, points)) }
        }
        return found
    }

    private static func isPercentile(_ word: Substring) -> Bool {
        guard word.count >= 2, word.first == "p" else { return false }
        return word.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
    }
}
