import Foundation

/// Executions a month, measured: from `aws stepfunctions list-executions --output json`
/// (`{"executions": [{"executionArn", "stateMachineArn", "startDate", …}]}`) or from
/// `aws cloudwatch get-metric-data --output json` for `AWS/States` `ExecutionsStarted`
/// (`{"MetricDataResults": [{"Id", "Label", "Timestamps", "Values", "StatusCode"}]}`); docs/facts.md.
public struct MeasuredRate: Sendable {
    public var perMonth: Double
    /// Where it came from, for the profile's comment.
    public var note: String
}

enum ExecutionCounts {
    static let hoursPerMonth = 730.0

    /// By machine name (the last part of the state machine ARN).
    static func fromList(path: String) throws(InputError) -> [String: MeasuredRate] {
        let root = try SourceDocument.load(path: path)
        guard let list = root["executions"]?.elements else {
            throw InputError("Calibrate.NotExecutionList", "'\(path)' is not `aws stepfunctions list-executions --output json` output: expected an object with an \"executions\" array\(MisplacedInput.hint(root, expected: "--executions"))", at: root.location)
        }
        var starts: [String: [Double]] = [:]
        for item in list {
            guard let arn = item["stateMachineArn"]?.string else {
                throw InputError("Calibrate.NotExecutionList", "an execution needs a \"stateMachineArn\" string", at: item.location)
            }
            guard let node = item["startDate"], let start = HistoryTime.seconds(node) else {
                throw InputError("Calibrate.NotExecutionList", "an execution needs a \"startDate\" timestamp (ISO 8601)", at: item["startDate"]?.location ?? item.location)
            }
            starts[machineName(arn), default: []].append(start)
        }
        var rates: [String: MeasuredRate] = [:]
        for (name, times) in starts {
            guard let first = times.min(), let last = times.max(), times.count >= 2, last > first else { continue }
            // n starts span n − 1 intervals: a daily machine listed for 30 days is 30.42 a month, not 31.5.
            let hours = (last - first) / 3600
            let perMonth = Double(times.count - 1) / hours * hoursPerMonth
            try checked(perMonth, what: "\(times.count) executions of '\(name)' listed within \(last - first) s", at: root.location)
            rates[name] = MeasuredRate(perMonth: perMonth, note: "\(times.count) executions listed, started \(HistoryTime.date(first)) to \(HistoryTime.date(last)) (\(path))")
        }
        return rates
    }

    /// By the Label or Id of each `ExecutionsStarted` result: the machine whose name it contains
    /// (the longest such name), or the only machine when one is calibrated.
    static func fromMetrics(path: String, machines: [String]) throws(InputError) -> [String: MeasuredRate] {
        let root = try SourceDocument.load(path: path)
        guard let results = root["MetricDataResults"]?.elements else {
            throw InputError("Calibrate.NotMetricData", "'\(path)' is not `aws cloudwatch get-metric-data --output json` output: expected an object with a \"MetricDataResults\" array\(MisplacedInput.hint(root, expected: "--metrics"))", at: root.location)
        }
        var rates: [String: MeasuredRate] = [:]
        for result in results {
            let label = (result["Label"]?.string ?? "") + " " + (result["Id"]?.string ?? "")
            guard label.lowercased().contains("executionsstarted") || label.lowercased().contains("started") else { continue }
            let named = machines.filter { label.contains($0) }.max(by: { $0.count < $1.count })
            guard let machine = named ?? (machines.count == 1 ? machines[0] : nil) else {
                throw InputError("Calibrate.MetricMachine", "this result's Label '\(label.trimmingCharacters(in: .whitespaces))' names none of the machines read; give each query a Label with the machine's name", at: result.location)
            }
            guard let stamps = result["Timestamps"]?.elements, let values = result["Values"]?.elements, stamps.count == values.count else {
                throw InputError("Calibrate.NotMetricData", "a result needs \"Timestamps\" and \"Values\" arrays of the same length", at: result.location)
            }
            var times: [Double] = []
            var total = 0.0
            for (stamp, value) in zip(stamps, values) {
                guard let time = HistoryTime.seconds(stamp) else {
                    throw InputError("Calibrate.NotMetricData", "a timestamp must be ISO 8601", at: stamp.location)
                }
                guard let number = value.double, number.isFinite, number >= 0 else {
                    throw InputError("Calibrate.NotMetricData", "a value must be a number of executions", at: value.location)
                }
                times.append(time)
                total += number
            }
            times.sort()
            // The period is not in the output: it is the smallest step between datapoints.
            let steps = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }
            guard let period = steps.min() else {
                throw InputError("Calibrate.MetricPeriod", "at least two datapoints are needed to tell the period of the metric (query a longer range or a shorter --period)", at: result.location)
            }
            let hours = (times.last! - times.first! + period) / 3600
            try checked(total / hours * hoursPerMonth, what: "ExecutionsStarted of this result", at: result.location)
            rates[machine] = MeasuredRate(perMonth: total / hours * hoursPerMonth,
                                          note: "ExecutionsStarted: \(Format.count(total)) over \(HistoryTime.date(times.first!)) to \(HistoryTime.date(times.last! + period)) (\(path))")
        }
        return rates
    }

    /// A measured rate must be one a profile can hold (`executions` is at most 10^30 a month): a sum
    /// past a Double (datapoints near 1.8e308) or a burst in a microsecond's span is refused here,
    /// at its place, rather than written as a profile that `estimate` refuses (or as 0).
    static func checked(_ perMonth: Double, what: String, at location: SourceLocation) throws(InputError) {
        guard perMonth.isFinite, perMonth <= 1e30 else {
            throw InputError("Calibrate.TooManyExecutions", "\(what) is more than \(Representable.limitText) executions a month, more than a profile's 'executions' holds", at: location)
        }
    }

    /// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME[:VERSION]` → NAME.
    static func machineName(_ arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        if let index = parts.firstIndex(of: "stateMachine"), index + 1 < parts.count { return String(parts[index + 1]) }
        return arn
    }
}
