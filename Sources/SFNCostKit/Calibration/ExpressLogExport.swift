import Foundation

/// Express executions as their CloudWatch Logs records: `aws logs filter-log-events --output json`
/// writes `{"events": [{"logStreamName", "timestamp", "message", "ingestionTime", "eventId"}],
/// "searchedLogStreams", "nextToken"}`, and each `message` is one Step Functions execution-log record
/// as a JSON string.
///
/// What is documented and what is assumed:
/// - Documented (Step Functions developer guide, "Log levels"): which event types each level logs.
///   `ALL` logs every type; `ERROR` only the failures (`ExecutionFailed`/`Aborted`/`TimedOut`,
///   `FailStateEntered`, `TaskFailed`, `TaskTimedOut`, `LambdaFunctionFailed`, `…Aborted`, …);
///   `FATAL` only the execution's own failure. The type names are those of `get-execution-history`
///   (API reference, `HistoryEvent`), and Express executions have no history API (facts.md §4b).
/// - Documented (CloudWatch Logs API, `FilterLogEvents`): the wrapper's fields.
/// - Assumed, from records published by others (a Datadog forwarder test and a captured `aws logs
///   tail`; docs/facts.md §4b): the record's fields `id`, `type`, `details`, `previous_event_id`,
///   `event_timestamp` (milliseconds since 1970), `execution_arn`, `redrive_count`, with the scalars
///   written as strings (`"id": "2"`); `details` holds what the history's `<type>EventDetails` holds
///   (`name`, `input`/`output`, `error`, `length`, as the samples show for ExecutionStarted,
///   TaskStateEntered and TaskScheduled); event ids are assigned as in a history even where the level
///   leaves events out. Numbers are accepted as strings or numbers.
struct ExpressLogRecord {
    var arn: String
    var event: HistoryEvent

    /// The record in one log event (its bytes, starting at `start`), or a located error saying what is
    /// wrong with it. Exports are large, so an event is first read with Foundation's parser, which
    /// keeps no locations; anything irregular is read again with the located reader, whose error says
    /// where the problem is. The event's location (for errors found later, such as ids out of order)
    /// is where the log event starts.
    static func decode(_ bytes: [UInt8], at start: SourceLocation) throws(InputError) -> ExpressLogRecord {
        if let event = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
           let message = event["message"] as? String,
           let record = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any],
           let decoded = try? decode(record, logTimestamp: event["timestamp"], at: start, location: start) {
            return decoded
        }
        let node = try LocatedJSONReader.parse(String(decoding: bytes, as: UTF8.self), file: start.file,
                                               maximumDepth: 64, maximumNodes: 200_000, line: start.line, column: start.column)
        guard node.members != nil else {
            throw InputError("ExpressLogs.BadEvent", "a log event must be an object, not \(node.kindName)", at: node.location)
        }
        // `aws stepfunctions get-execution-history` also writes an "events" array, of history events.
        if node["message"] == nil, node["type"]?.string != nil, node["id"] != nil {
            throw InputError("ExpressLogs.History",
                             "'\(start.file)' looks like `aws stepfunctions get-execution-history` output (a history event, no \"message\"): give it with --histories, not --express-logs",
                             at: node.location)
        }
        guard let messageNode = node["message"], let message = messageNode.string else {
            throw InputError("ExpressLogs.BadEvent", "a log event needs a \"message\" string (the execution-log record)", at: node["message"]?.location ?? node.location)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(message.utf8)),
              let record = object as? [String: Any] else {
            let preview = message.count > 40 ? String(message.prefix(40)) + "…" : message
            throw InputError("ExpressLogs.NotRecord",
                             "this message is not a JSON object, so it is no Step Functions execution-log record (\(JSONText.quoted(preview))); export the log group the state machine's LoggingConfiguration names",
                             at: messageNode.location)
        }
        return try decode(record, logTimestamp: node["timestamp"]?.double, at: messageNode.location, location: start)
    }

    /// - Parameters:
    ///   - at: where errors in the record are reported (its message).
    ///   - location: the event's location, kept with it.
    private static func decode(_ record: [String: Any], logTimestamp: Any?, at: SourceLocation, location: SourceLocation) throws(InputError) -> ExpressLogRecord {
        guard let arn = record["execution_arn"] as? String, !arn.isEmpty else {
            throw InputError("ExpressLogs.NoExecutionArn",
                             "this record has no \"execution_arn\", so it cannot be told which execution it belongs to", at: at)
        }
        guard let id = integer(record["id"]), id >= 0 else {
            throw InputError("ExpressLogs.BadRecord", "this record needs a whole-number \"id\"", at: at)
        }
        guard let type = record["type"] as? String, !type.isEmpty else {
            throw InputError("ExpressLogs.BadRecord", "this record needs a \"type\" string", at: at)
        }
        var event = HistoryEvent(id: id, previousEventId: integer(record["previous_event_id"]), type: type, time: nil, location: location)
        if let stamp = record["event_timestamp"] {
            guard let milliseconds = integer(stamp) else {
                throw InputError("ExpressLogs.BadRecord", "\"event_timestamp\" must be milliseconds since 1970", at: at)
            }
            event.time = Double(milliseconds) / 1000
        } else if let milliseconds = integer(logTimestamp) {
            // The log event's own time, where the record has none.
            event.time = Double(milliseconds) / 1000
        }
        if let details = record["details"] as? [String: Any] { event.read(details: details, integer: integer) }
        if type.hasSuffix("StateEntered") || type.hasSuffix("StateExited"), event.stateName == nil {
            throw InputError("ExpressLogs.BadRecord", "a \(type) record needs details.name", at: at)
        }
        return ExpressLogRecord(arn: arn, event: event)
    }

    /// A whole number written as a number or as a string of digits (the records quote theirs).
    static func integer(_ value: Any?) -> Int? {
        if let text = value as? String {
            guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(text)
        }
        return HistoryEvent.wholeNumber(value)
    }

    /// `arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID` (Express) or
    /// `…:execution:MACHINE:NAME` (Standard) → MACHINE.
    static func machineName(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard let index = parts.firstIndex(where: { $0 == "express" || $0 == "execution" }), index + 1 < parts.count else { return nil }
        let name = parts[index + 1]
        return name.isEmpty ? nil : String(name)
    }

    /// The types a log level below `ALL` writes ("Log levels" table): failures, aborts, timeouts.
    static func isErrorLevelType(_ type: String) -> Bool {
        type == "FailStateEntered" || type.hasSuffix("Failed") || type.hasSuffix("Aborted") || type.hasSuffix("TimedOut")
    }

    static let terminalTypes: Set<String> = ["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]
}

/// What the records of an execution logged at level `ERROR` or `FATAL` say: it failed, and with which
/// errors. Nothing else: an execution that succeeded leaves no record at all, and a failed task attempt
/// is logged without the state it belongs to (its `TaskStateEntered` is not logged).
public struct ErrorLevelExecutions: Sendable {
    public var executions = 0
    /// By terminal type: ExecutionFailed, ExecutionTimedOut, ExecutionAborted.
    public var outcomes: [String: Int] = [:]
    /// The executions' own errors (ExecutionFailed details.error).
    public var executionErrors: [String: Int] = [:]
    /// Failed attempts (TaskFailed, LambdaFunctionFailed, …) by error.
    public var attemptErrors: [String: Int] = [:]
    public var first: Double?
    public var last: Double?
    public var files: [String] = []

    mutating func add(_ events: [HistoryEvent], file: String) {
        executions += 1
        if !files.contains(file) { files.append(file) }
        for event in events {
            if let time = event.time {
                first = Swift.min(first ?? time, time)
                last = Swift.max(last ?? time, time)
            }
            if ExpressLogRecord.terminalTypes.contains(event.type) {
                outcomes[event.type, default: 0] += 1
                if let error = event.error { executionErrors[error, default: 0] += 1 }
            } else if ExecutionSummary.failedTypes.contains(event.type) {
                attemptErrors[event.error ?? event.type, default: 0] += 1
            }
        }
    }

    /// For the profile's comment.
    var description: String {
        func list(_ counts: [String: Int]) -> String {
            counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        }
        var span = ""
        if let first, let last {
            let a = HistoryTime.date(first), b = HistoryTime.date(last)
            span = a == b ? ", \(a)" : ", \(a) to \(b)"
        }
        var text = "\(CalibratedProfileWriter.plural(executions, "execution")) ended in failure\(span)"
        if !executionErrors.isEmpty { text += " (\(list(executionErrors)))" }
        let attempts = attemptErrors.values.reduce(0, +)
        if attempts > 0 { text += "; \(CalibratedProfileWriter.plural(attempts, "failed attempt")): \(list(attemptErrors))" }
        return text
    }
}

/// Reads Express execution logs one record at a time and hands each execution, once its records are
/// complete, to the caller: records of many executions interleave in one export, so they are grouped
/// by `execution_arn` and only the executions still open are held. Pages of one export given as
/// several files (or as a directory: its `.json` files in name order) are read in order, executions
/// carrying over from one to the next.
enum ExpressLogStream {
    struct Result {
        var failures: [InputError] = []
        var diagnostics: [Diagnostic] = []
    }

    private struct Open {
        var events: [HistoryEvent] = []
        var file: String
        var location: SourceLocation
        var started = false
        var onlyErrorTypes = true
        var ended = false
        var lastId = 0
        var ids: Set<Int> = []

        /// Level ALL logs every event, numbered from 1: the execution is whole once its end has come
        /// and every id up to it (records can arrive after the end: delivery is not in id order). Below
        /// ALL, ids skip the events not logged, and a failure-only execution is whole at its end.
        var isWhole: Bool {
            guard ended else { return false }
            if started { return ids.count >= lastId }
            return onlyErrorTypes
        }
    }

    /// - Parameters:
    ///   - full: an execution logged at level ALL (its ExecutionStarted is there), the machine its
    ///     ARN names, and whether the ARN is an Express one (`…:express:…`; Standard ones `…:execution:…`).
    ///   - errorLevel: an execution whose records are only failures (level ERROR or FATAL), with the
    ///     machine its ARN names, its events and the file.
    /// Each directory replaced by the `.json` files below it in name order (as `--histories` reads
    /// one), so pages exported as page-01.json, page-02.json… are read in order; files as given.
    static func expandingDirectories(_ paths: [String], failures: inout [InputError]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
            let (files, errors) = HistoryStream.jsonFiles(below: path)
            failures += errors
            return files
        }
    }

    static func read(_ paths: [String],
                     full: (ExecutionSummary, String?, Bool) -> Void,
                     errorLevel: (String?, [HistoryEvent], String) -> Void) -> Result {
        var result = Result()
        var open: [String: Open] = [:]
        var incomplete = 0
        var errorLevelFiles: [String: Int] = [:]
        var pendingToken: SourceLocation?

        func close(_ arn: String, _ execution: Open) throws(InputError) {
            // Sorted by id: delivery to CloudWatch Logs is best-effort and streams interleave, so a
            // record may come after a later one; ids and times must still agree.
            let sorted = execution.events.enumerated().sorted { ($0.element.id, $0.offset) < ($1.element.id, $1.offset) }.map(\.element)
            var events: [HistoryEvent] = []
            events.reserveCapacity(sorted.count)
            for event in sorted {
                if let previous = events.last, previous.id == event.id {
                    // The same record delivered twice is one event; two different events with one id are not.
                    if previous.type == event.type, previous.time == event.time, previous.stateName == event.stateName { continue }
                    throw InputError("ExpressLogs.OutOfOrder", "event \(event.id) of execution \(JSONText.quoted(arn)) is logged twice, as \(previous.type) (at \(previous.location)) and as \(event.type)", at: event.location)
                }
                events.append(event)
            }
            for (previous, event) in zip(events, events.dropFirst()) {
                if let earlier = previous.time, let later = event.time, later < earlier {
                    throw InputError("ExpressLogs.OutOfOrder",
                                     "events out of order: event \(event.id) of execution \(JSONText.quoted(arn)) is timed \(Int((earlier - later) * 1000)) ms before event \(previous.id) (at \(previous.location)); ids and event_timestamp must agree",
                                     at: event.location)
                }
            }
            let machine = ExpressLogRecord.machineName(arn)
            if execution.started {
                full(ExecutionSummary(events: events, source: execution.file, location: execution.location), machine, arn.contains(":express:"))
            } else {
                errorLevelFiles[execution.file, default: 0] += 1
                errorLevel(machine, events, execution.file)
            }
        }

        for path in expandingDirectories(paths, failures: &result.failures) {
            var scanner: ExpressLogScanner
            do { scanner = try ExpressLogScanner.open(path: path) } catch { result.failures.append(error); continue }
            defer { scanner.close() }
            do {
                pendingToken = try scanner.forEachEvent { bytes, start throws(InputError) in
                    let record = try ExpressLogRecord.decode(bytes, at: start)
                    var execution = open[record.arn] ?? Open(file: path, location: record.event.location)
                    execution.events.append(record.event)
                    if record.event.type == "ExecutionStarted" { execution.started = true }
                    if !ExpressLogRecord.isErrorLevelType(record.event.type) { execution.onlyErrorTypes = false }
                    if ExpressLogRecord.terminalTypes.contains(record.event.type) { execution.ended = true }
                    execution.lastId = max(execution.lastId, record.event.id)
                    execution.ids.insert(record.event.id)
                    if execution.isWhole {
                        open[record.arn] = nil
                        try close(record.arn, execution)
                    } else {
                        open[record.arn] = execution
                    }
                }
            } catch {
                result.failures.append(error)
            }
        }
        if let token = pendingToken, !open.isEmpty {
            result.diagnostics.append(Diagnostic(.warning, "ExpressLogs.MorePages",
                "this export has a nextToken: more log events follow on another page; give every page (in order) or run filter-log-events without --max-items. \(CalibratedProfileWriter.plural(open.count, "execution")) left out, not whole in the pages read",
                at: token))
        } else if !open.isEmpty {
            let remaining = Array(open.values)
            let running = remaining.filter { $0.started && !$0.ended }
            let lost = remaining.filter { $0.started && $0.ended }
            incomplete += remaining.count - running.count - lost.count
            if !running.isEmpty {
                result.diagnostics.append(Diagnostic(.warning, "ExpressLogs.NotEnded",
                    "\(CalibratedProfileWriter.plural(running.count, "execution")) still running at the export's end time (no ExecutionSucceeded, Failed, Aborted or TimedOut record); left out",
                    at: running.map(\.location).min()))
            }
            if !lost.isEmpty {
                result.diagnostics.append(Diagnostic(.warning, "ExpressLogs.MissingRecords",
                    "\(CalibratedProfileWriter.plural(lost.count, "execution")) ended but not every record up to the last id is in the export (CloudWatch Logs delivers on a best-effort basis); left out",
                    at: lost.map(\.location).min()))
            }
        }
        if incomplete > 0 {
            result.diagnostics.append(Diagnostic(.warning, "ExpressLogs.NotStarted",
                "\(CalibratedProfileWriter.plural(incomplete, "execution")) without an ExecutionStarted record and not only failures, or failures without the execution's end (begun before --start-time, or records lost); left out",
                at: nil))
        }
        for (file, count) in errorLevelFiles.sorted(by: { $0.key < $1.key }) {
            result.diagnostics.append(Diagnostic(.warning, "ExpressLogs.ErrorLevel",
                "'\(file)': \(CalibratedProfileWriter.plural(count, "execution")) logged at level ERROR or FATAL (no ExecutionStarted, only failures): they say which executions failed and with which errors, not how often anything happens; transitions, Choice odds, durations and failure rates need the machine's LoggingConfiguration at level ALL",
                at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return result
    }
}
