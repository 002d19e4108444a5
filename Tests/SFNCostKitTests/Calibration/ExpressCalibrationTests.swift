import Foundation
import Testing
@testable import SFNCostKit

/// Express inputs: execution logs as `aws logs filter-log-events --output json` writes them, and the
/// Express billing metrics of `aws cloudwatch get-metric-data`. The log fixtures are executions of
/// examples/micro-batch run in moto's interpreter and converted to log records
/// (scripts/calibrate/express-log-export.py); the metrics file is written by hand. Every expected
/// figure is counted by hand from the fixture (listed in each comment).
@Suite struct ExpressCalibrationTests {
    static let fixtures = Fixtures.path("Tests/SFNCostKitTests/Fixtures/express-logs")
    static let all = fixtures + "/micro-batch-all.json"
    static let errorLevel = fixtures + "/micro-batch-error-level.json"
    static let metrics = fixtures + "/micro-batch-metrics.json"
    static let machine = Fixtures.path("examples/micro-batch/micro-batch.asl.json")

    static func write(_ text: String, _ name: String = "logs.json") throws -> String {
        let path = ClosedLoopTests.temporaryDirectory("express") + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// micro-batch-all.json: three executions whose records interleave (sorted by time).
    /// - batch-0001 (order): Enrich fails (TaskFailed, event 5, Lambda.ServiceException), its retry
    ///   (event 6, previous 5) succeeds; RouteByType → StoreOrder. 3 states entered + 1 retry = 4
    ///   transitions, 17 records (events 1–17), 1,793,613,600.000 to .601.005 s: 1.005 s.
    /// - batch-0002 (click): Enrich, RouteByType → StoreClick: 3 transitions, 14 records, 0.100 to 0.380: 0.280 s.
    /// - batch-0003 (ping): Enrich, RouteByType → Discard (Pass): 3 transitions, 11 records, 0.200 to 0.449: 0.249 s.
    /// Means: transitions 10 / 3, events 42 / 3 = 14, seconds 1.534 / 3. Enrich: 2 + 1 + 1 = 4
    /// attempts, 1 failed. Every ARN is `…:express:micro-batch:…`.
    @Test func levelAllExportIsReadAsHistories() throws {
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], expressLogs: [Self.all]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.executionsRead == 3)
        let observed = try #require(outcome.observations["micro-batch"])
        #expect(observed.executions == 3)
        #expect(abs(observed.transitions.mean - 10.0 / 3) < 1e-12)
        #expect(observed.events.mean == 14)
        // Times near 1.79e9 s hold about 0.2 µs in a Double.
        #expect(abs(observed.seconds.mean - 1.534 / 3) < 1e-6)
        #expect(observed.choiceExits["RouteByType"] == ["StoreOrder": 1, "StoreClick": 1, "Discard": 1])
        #expect(observed.attempts["Enrich"] == 4)
        #expect(observed.failedAttempts["Enrich"] == 1)
        #expect(observed.errors["Enrich"] == ["Lambda.ServiceException": 1])
        #expect(outcome.express["micro-batch"]?.expressExecutions == 3)
        // 2026-11-02T10:00:00Z is 1,793,613,600 (2026-11-01 is 1,793,491,200; + 34 h).
        #expect(observed.firstStart == 1_793_613_600)
        let text = Calibrator.profileText(outcome, historyPaths: [Self.all])
        #expect(text.contains("type: EXPRESS   # the execution_arn of 3 logged executions is an Express one"))
        #expect(text.contains("failure_rate: 0.25   # 1 failed of 4 attempts in 3 executions"))
    }

    /// The same executions read as `get-execution-history` output and as log records give the same
    /// summary: the oracle histories of daily-ingest (retried, caught) are turned into one export of
    /// records whose scalars are strings, the two executions' records alternating (so each execution's
    /// records arrive interleaved with the other's), and in the first execution each pair of records
    /// with the same millisecond swapped (delivery order is not id order; the reader sorts by id).
    @Test func logRecordsAndHistoriesGiveTheSameSummary() throws {
        let histories = Fixtures.path("Tests/SFNCostKitTests/Fixtures/histories")
        var messages: [[[String: Any]]] = []
        var summaries: [ExecutionSummary] = []
        for (index, file) in ["daily-ingest-retry.json", "daily-ingest-caught.json"].enumerated() {
            let path = histories + "/" + file
            let page = try HistoryPage.read(path: path)
            summaries.append(ExecutionSummary(events: page.events, source: path, location: page.location))
            let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            var records: [[String: Any]] = []
            for event in try #require(root["events"] as? [[String: Any]]) {
                let details = event.first { $0.key.hasSuffix("EventDetails") }?.value ?? [String: Any]()
                let stamp = try #require(event["timestamp"] as? String)
                let seconds = try #require(HistoryTime.seconds(stamp))
                let record: [String: Any] = [
                    "id": "\(event["id"]!)", "type": event["type"]!, "details": Self.strings(details),
                    "previous_event_id": "\(event["previousEventId"] ?? 0)",
                    "event_timestamp": "\(Int((seconds * 1000).rounded()))",
                    "execution_arn": "arn:aws:states:us-east-1:123456789012:execution:daily-ingest:run-\(index)", "redrive_count": "0"]
                records.append(["logStreamName": "states/daily-ingest/x", "timestamp": Int((seconds * 1000).rounded()),
                                "message": String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self),
                                "ingestionTime": 0, "eventId": "\(records.count)"])
            }
            if index == 0 {
                var swapped = 0
                var position = 0
                while position + 1 < records.count {
                    if records[position]["timestamp"] as? Int == records[position + 1]["timestamp"] as? Int {
                        records.swapAt(position, position + 1)
                        swapped += 1
                        position += 2
                    } else {
                        position += 1
                    }
                }
                #expect(swapped > 0)
            }
            messages.append(records)
        }
        var events: [[String: Any]] = []
        for index in 0..<max(messages[0].count, messages[1].count) {
            if index < messages[1].count { events.append(messages[1][index]) }
            if index < messages[0].count { events.append(messages[0][index]) }
        }
        let path = try Self.write(String(decoding: try JSONSerialization.data(withJSONObject: ["events": events, "searchedLogStreams": []]), as: UTF8.self))
        var read: [ExecutionSummary] = []
        let result = ExpressLogStream.read([path], full: { summary, machine, express in
            #expect(machine == "daily-ingest")
            #expect(!express)
            read.append(summary)
        }, errorLevel: { _, _, _ in Issue.record("no execution here is logged at level ERROR") })
        #expect(result.failures.isEmpty)
        // The caught execution ends first (21 events against 28).
        #expect(read.count == 2)
        for (history, logs) in zip(summaries, read.sorted { $0.events > $1.events }) {
            #expect(history.events == logs.events && history.transitions == logs.transitions && history.entries == logs.entries)
            #expect(history.attempts == logs.attempts && history.failedAttempts == logs.failedAttempts && history.errors == logs.errors)
            #expect(history.retries == logs.retries && history.choiceExits == logs.choiceExits)
            #expect(history.attemptSeconds == logs.attemptSeconds && history.start == logs.start && history.end == logs.end)
            #expect(history.payloadBytesTotal == logs.payloadBytesTotal)
        }
    }

    static func strings(_ value: Any) -> Any {
        if let object = value as? [String: Any] { return object.mapValues(strings) }
        if let list = value as? [Any] { return list.map(strings) }
        if let number = value as? NSNumber { return String(describing: type(of: number)).contains("Boolean") ? (number.boolValue ? "true" : "false") : number.stringValue }
        return value
    }

    /// micro-batch-error-level.json: level ERROR logs only failures. batch-0101: Enrich fails 3 times
    /// (1 + MaxAttempts 2; TaskFailed events 5, 8, 11, Lambda.ServiceException) and the execution fails
    /// (event 12); batch-0102: StoreOrder fails once (no Retry; event 12,
    /// DynamoDB.AmazonDynamoDBException as moto names it) and the execution fails (event 13).
    /// 2 executions failed, 4 failed attempts; nothing else is known, so no figure is fitted from them.
    @Test func errorLevelExportInformsFailuresOnly() throws {
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], expressLogs: [Self.errorLevel]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.observations["micro-batch"] == nil)
        let failed = try #require(outcome.express["micro-batch"]?.errorLevel)
        #expect(failed.executions == 2)
        #expect(failed.outcomes == ["ExecutionFailed": 2])
        #expect(failed.executionErrors == ["Lambda.ServiceException": 1, "DynamoDB.AmazonDynamoDBException": 1])
        #expect(failed.attemptErrors == ["Lambda.ServiceException": 3, "DynamoDB.AmazonDynamoDBException": 1])
        #expect(outcome.diagnostics.contains { $0.code == "ExpressLogs.ErrorLevel" && $0.location?.file == Self.errorLevel && $0.message.contains("level ALL") })
        let text = Calibrator.profileText(outcome, historyPaths: [Self.errorLevel])
        #expect(text.contains("2 executions ended in failure, 2026-11-03"))
        #expect(text.contains("4 failed attempts: Lambda.ServiceException ×3, DynamoDB.AmazonDynamoDBException ×1"))
        #expect(!text.contains("failure_rate"))
        #expect(!text.contains("branches"))
    }

    /// micro-batch-metrics.json, three daily datapoints (Average): billed duration 600, 500, 400 ms →
    /// mean 500 ms; billed memory 64 MB each → 64; GB-seconds per datapoint 0.6 × 64 / 1024 = 0.0375,
    /// 0.5 × 0.0625 = 0.03125, 0.4 × 0.0625 = 0.025 → mean 0.03125. ExecutionsStarted (read as before)
    /// 70,000 + 65,000 + 60,000 in 72 h → 195,000 / 72 × 730 = 1,977,083.33 a month.
    @Test func billingMetricsFitMemory() throws {
        let (found, failures) = ExpressMetrics.read([Self.metrics], machines: ["micro-batch"])
        #expect(failures.isEmpty)
        let metrics = try #require(found["micro-batch"])
        #expect(metrics.durationMilliseconds.mean == 500)
        #expect(metrics.durationMilliseconds.count == 3)
        #expect(metrics.memoryMB.mean == 64)
        #expect(!metrics.memoryInBytes)
        #expect(abs(metrics.gbSeconds.mean - 0.03125) < 1e-12)
        #expect(metrics.provenance(metrics.memoryMB).hasPrefix("3 datapoints, 2026-11-01 to 2026-11-04"))
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], metrics: [Self.metrics]))
        #expect(outcome.failures.isEmpty)
        let text = Calibrator.profileText(outcome, historyPaths: [Self.metrics])
        #expect(text.contains("memory_mb: 64   # ExpressExecutionBilledMemory: mean 64 MB per execution, 3 datapoints"))
        #expect(text.contains("ExpressExecutionBilledDuration: mean 500 ms per execution (periods' means 400 to 600 ms)"))
        #expect(text.contains("type: EXPRESS   # CloudWatch reports Express billing metrics"))
        #expect(text.contains("executions: 1977083.333333"))
    }

    /// Memory reported in bytes (67,108,864 = 64 × 1,048,576) is read as 64 MB; a mean of 96 MB
    /// (64 and 128) is written as 96 with the note that the estimate bills 128 (64 MB steps).
    @Test func memoryInBytesAndBetweenSteps() throws {
        func file(_ values: [Double]) throws -> String {
            let result: [String: Any] = ["Id": "memory", "Label": "ExpressExecutionBilledMemory",
                                         "Timestamps": ["2026-11-02T00:00:00+00:00", "2026-11-01T00:00:00+00:00"], "Values": values, "StatusCode": "Complete"]
            return try Self.write(String(decoding: try JSONSerialization.data(withJSONObject: ["MetricDataResults": [result], "Messages": []]), as: UTF8.self), "metrics.json")
        }
        let (bytes, _) = ExpressMetrics.read([try file([67_108_864, 67_108_864])], machines: ["micro-batch"])
        #expect(bytes["micro-batch"]?.memoryMB.mean == 64)
        #expect(bytes["micro-batch"]?.memoryInBytes == true)
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], metrics: [try file([64, 128])]))
        let text = Calibrator.profileText(outcome, historyPaths: [])
        #expect(text.contains("memory_mb: 96   # ExpressExecutionBilledMemory: mean 96 MB per execution"))
        #expect(text.contains("billed in 64 MB steps, so the estimate uses 128 MB"))
    }

    /// A result whose Label names another statistic is refused, at its Label: line 2,
    /// `  {"Id": "d", "Label": ` is 23 characters, so the string starts at column 24.
    @Test func otherStatisticsAreRefused() throws {
        let text = """
        {"MetricDataResults": [
          {"Id": "d", "Label": "micro-batch ExpressExecutionBilledDuration Sum",
           "Timestamps": ["2026-11-01T00:00:00+00:00"], "Values": [5000.0], "StatusCode": "Complete"}
        ]}
        """
        let (_, failures) = ExpressMetrics.read([try Self.write(text, "metrics.json")], machines: ["micro-batch"])
        let diagnostic = try #require(failures.first?.diagnostics.first)
        #expect(diagnostic.code == "Calibrate.MetricStatistic")
        #expect(diagnostic.location?.line == 2 && diagnostic.location?.column == 24)
    }

    /// Reconcile with a profile whose durations are Enrich 400 ms, StoreOrder 50 ms, StoreClick 40 ms
    /// and odds 0.2 / 0.75 / 0.05: expected 0.4 + 0.2 × 0.05 + 0.75 × 0.04 = 0.44 s, billed 0.5 s; memory
    /// 64 MB (AWS's estimate, 50 MB + a small definition, one step); GB-s 0.5 × 64 / 1024 = 0.03125.
    /// The metrics say 500 ms, 64 MB, 0.03125: every row matches. With memory_mb: 128 the memory row
    /// (gated) is off by 100% and fails a 5% tolerance; the duration rows are shown, not gated.
    @Test func reconcileSetsBillingBesideTheMetrics() throws {
        func reconcile(_ memory: String) throws -> Reconciliation {
            let profile = try Self.write("""
            version: 1
            state_machines:
              micro-batch:
                type: EXPRESS
            \(memory)
                states:
                  Enrich: {duration: 400ms}
                  StoreOrder: {duration: 50ms}
                  StoreClick: {duration: 40ms}
                  RouteByType:
                    branches: {StoreOrder: 0.2, StoreClick: 0.75, Discard: 0.05}
            """, "usage.yml")
            let observed = Calibrator.observe(.init(paths: [Self.machine], histories: [], metrics: [Self.metrics]))
            let estimate = Estimator.run(.init(paths: [Self.machine], profilePath: profile))
            var reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: observed.observations, tolerancePercent: 5)
            reconciliation.addExpressMetrics(analyses: estimate.analyses, express: observed.express)
            return reconciliation
        }
        let right = try reconcile("")
        let machine = try #require(right.machines.first)
        #expect(machine.name == "micro-batch" && machine.executions == 0)
        let rows = Dictionary(uniqueKeysWithValues: machine.rows.map { ($0.figure, $0) })
        #expect(rows["billed_seconds"]?.predicted == 0.5)
        #expect(rows["billed_seconds"]?.observedMean == 0.5)
        #expect(rows["billed_seconds"]?.gated == false)
        #expect(rows["billed_memory_mb"]?.predicted == 64)
        #expect(rows["billed_memory_mb"]?.outsideInterval == false)
        #expect(abs((rows["gb_seconds"]?.predicted ?? 0) - 0.03125) < 1e-12)
        #expect(machine.rows.allSatisfy { $0.source == "metrics" })
        #expect(right.withinTolerance)
        let wrong = try reconcile("    memory_mb: 128")
        let memory = try #require(wrong.machines.first?.rows.first { $0.figure == "billed_memory_mb" })
        #expect(memory.predicted == 128 && memory.failsTolerance)
        // DIFF is what ran measured from the prediction, as for the bill: (64 − 128) ÷ 128 × 100 = −50
        // (the metrics billed 64 MB; the profile says 128). The old base, the observed mean, gave +100.
        #expect(memory.differencePercent == -50)
        #expect(!wrong.withinTolerance)
        let json = try ReconciliationRenderer.json(wrong)
        #expect(json.contains("\"source\" : \"metrics\""))
    }

    // MARK: - Bad input: located errors, never a crash

    static func failure(_ text: String) throws -> Diagnostic? {
        let outcome = Calibrator.observe(.init(paths: [machine], histories: [], expressLogs: [try write(text)]))
        return outcome.failures.first?.diagnostics.first
    }

    static func export(_ message: String) -> String {
        // The message stands on line 3, its string from column 14: two spaces, "message" (9), ':', ' '.
        "{\"events\": [\n {\"logStreamName\": \"states/micro-batch/x\", \"timestamp\": 1793613600000,\n  \"message\": \(JSONText.quoted(message)), \"eventId\": \"1\"}\n], \"searchedLogStreams\": []}\n"
    }

    @Test func messageThatIsNotJSON() throws {
        let diagnostic = try #require(try Self.failure(Self.export("START RequestId: 1f0c Version: $LATEST")))
        #expect(diagnostic.code == "ExpressLogs.NotRecord")
        #expect(diagnostic.location?.line == 3 && diagnostic.location?.column == 14)
    }

    @Test func recordWithoutExecutionArn() throws {
        let diagnostic = try #require(try Self.failure(Self.export(#"{"id":"1","type":"ExecutionStarted","details":{},"previous_event_id":"0","event_timestamp":"1793613600000","redrive_count":"0"}"#)))
        #expect(diagnostic.code == "ExpressLogs.NoExecutionArn")
        #expect(diagnostic.location?.line == 3 && diagnostic.location?.column == 14)
    }

    /// Event 3 is timed 500 ms before event 2 of the same execution: ids and times disagree. The
    /// error names event 3's message (line 5, after the export's first two lines of events).
    @Test func eventsOutOfOrder() throws {
        let arn = "arn:aws:states:us-east-1:123456789012:express:micro-batch:b:1"
        func record(_ id: Int, _ type: String, _ millis: Int, _ details: String = "{}") -> String {
            let message = #"{"id":"\#(id)","type":"\#(type)","details":\#(details),"previous_event_id":"\#(id - 1)","event_timestamp":"\#(millis)","execution_arn":"\#(arn)","redrive_count":"0"}"#
            return "  {\"timestamp\": \(millis), \"message\": \(JSONText.quoted(message))}"
        }
        let text = "{\"events\": [\n" + [
            record(1, "ExecutionStarted", 1000),
            record(2, "PassStateEntered", 1000, #"{"name":"Discard"}"#),
            record(4, "ExecutionSucceeded", 1200),
        ].joined(separator: ",\n")
        // Event 3 comes after event 4 in the file: that alone is only delivery order, and is sorted.
        let late = text.replacingOccurrences(of: record(4, "ExecutionSucceeded", 1200), with: record(3, "PassStateExited", 500, #"{"name":"Discard"}"#) + ",\n" + record(4, "ExecutionSucceeded", 1200)) + "\n]}\n"
        let diagnostic = try #require(try Self.failure(late))
        #expect(diagnostic.code == "ExpressLogs.OutOfOrder")
        #expect(diagnostic.message.contains("event 3"))
        // Event 3's log event starts at line 4, column 3 (after two spaces).
        #expect(diagnostic.location?.line == 4 && diagnostic.location?.column == 3)
        // The same records in time order read without error.
        let fine = text.replacingOccurrences(of: record(4, "ExecutionSucceeded", 1200), with: record(3, "PassStateExited", 1100, #"{"name":"Discard"}"#) + ",\n" + record(4, "ExecutionSucceeded", 1200)) + "\n]}\n"
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], expressLogs: [try Self.write(fine)]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.observations["micro-batch"]?.visits["Discard"]?.mean == 1)
        // A record delivered twice is one event (4 events, 1 state entered); an id given to two
        // different events is an error at the second (line 4: the third log event).
        let twice = text.replacingOccurrences(of: record(4, "ExecutionSucceeded", 1200), with: record(2, "PassStateEntered", 1000, #"{"name":"Discard"}"#) + ",\n" + record(3, "PassStateExited", 1100, #"{"name":"Discard"}"#) + ",\n" + record(4, "ExecutionSucceeded", 1200)) + "\n]}\n"
        let deduplicated = Calibrator.observe(.init(paths: [Self.machine], histories: [], expressLogs: [try Self.write(twice)]))
        #expect(deduplicated.failures.isEmpty)
        #expect(deduplicated.observations["micro-batch"]?.events.mean == 4)
        #expect(deduplicated.observations["micro-batch"]?.transitions.mean == 1)
        let clash = text.replacingOccurrences(of: record(4, "ExecutionSucceeded", 1200), with: record(2, "TaskStateEntered", 1000, #"{"name":"Enrich"}"#) + ",\n" + record(3, "PassStateExited", 1100, #"{"name":"Discard"}"#) + ",\n" + record(4, "ExecutionSucceeded", 1200)) + "\n]}\n"
        let clashing = try #require(try Self.failure(clash))
        #expect(clashing.code == "ExpressLogs.OutOfOrder" && clashing.message.contains("logged twice"))
        #expect(clashing.location?.line == 4 && clashing.location?.column == 3)
    }

    @Test func notAnExportAndBrokenJSON() throws {
        let metrics = try #require(try Self.failure(#"{"MetricDataResults": []}"#))
        #expect(metrics.code == "ExpressLogs.NotLogExport")
        // Invalid JSON inside an event on the file's line 3: located there, not on the event's line 1;
        // ` {"message": ` is 13 characters, so `tru` starts at column 14.
        let broken = try #require(try Self.failure("{\"events\": [\n\n {\"message\": tru}\n]}\n"))
        #expect(broken.location?.line == 3 && broken.location?.column == 14)
        // A file cut short inside the events array.
        let cut = try #require(try Self.failure("{\"events\": [\n {\"message\": \"x\"}"))
        #expect(cut.code == "ExpressLogs.NotRecord" || cut.code == "ExpressLogs.BadJSON")
        let cutAfter = try #require(try Self.failure("{\"events\": [\n {\"message\": \"{}\"}, "))
        #expect(cutAfter.code == "ExpressLogs.NoExecutionArn" || cutAfter.code == "ExpressLogs.BadJSON")
    }

    /// An execution begun before the export's start (no ExecutionStarted, but a state entered), one
    /// still running at its end, and one that ended with its event 2 missing (ids 1 and 3 only) are
    /// left out, each said once.
    @Test func executionsCutByTheWindow() throws {
        func line(_ id: Int, _ type: String, _ name: String, _ details: String = "{}") -> String {
            let message = #"{"id":"\#(id)","type":"\#(type)","details":\#(details),"event_timestamp":"\#(1000 + id)","execution_arn":"arn:aws:states:us-east-1:1:express:micro-batch:\#(name):u"}"#
            return " {\"message\": \(JSONText.quoted(message))}"
        }
        let text = "{\"events\": [\n" + [
            line(5, "PassStateEntered", "early", #"{"name":"Discard"}"#), line(6, "ExecutionSucceeded", "early"),
            line(1, "ExecutionStarted", "late"), line(2, "TaskStateEntered", "late", #"{"name":"Enrich"}"#),
            line(1, "ExecutionStarted", "lost"), line(3, "ExecutionSucceeded", "lost"),
        ].joined(separator: ",\n") + "\n]}\n"
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], expressLogs: [try Self.write(text)]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.observations.isEmpty)
        #expect(outcome.diagnostics.contains { $0.code == "ExpressLogs.NotStarted" && $0.message.hasPrefix("1 execution ") })
        #expect(outcome.diagnostics.contains { $0.code == "ExpressLogs.NotEnded" && $0.message.hasPrefix("1 execution still running") })
        #expect(outcome.diagnostics.contains { $0.code == "ExpressLogs.MissingRecords" && $0.message.hasPrefix("1 execution ended") })
    }

    /// 2,000 executions of 11 records each, interleaved 50 at a time: each is folded when its
    /// ExecutionSucceeded arrives, and all are read. Every one enters Enrich, RouteByType and Discard.
    @Test func manyInterleavedExecutionsStream() throws {
        var lines: [String] = []
        for batch in 0..<40 {
            for id in 1...4 {
                for run in 0..<50 {
                    let name = "r\(batch * 50 + run)"
                    let (type, details) = [(1, ("ExecutionStarted", "{}")), (2, ("TaskStateEntered", #"{"name":"Enrich"}"#)),
                                           (3, ("ChoiceStateEntered", #"{"name":"RouteByType"}"#)), (4, ("ExecutionSucceeded", "{}"))].first { $0.0 == id }!.1
                    let enter = id == 4 ? #"{"id":"4","type":"PassStateEntered","details":{"name":"Discard"},"event_timestamp":"\#(batch * 10 + 3)","execution_arn":"arn:aws:states:us-east-1:1:express:micro-batch:\#(name):u"}"# : nil
                    if let enter { lines.append(" {\"message\": \(JSONText.quoted(enter))}") }
                    let message = #"{"id":"\#(id == 4 ? 5 : id)","type":"\#(type)","details":\#(details),"event_timestamp":"\#(batch * 10 + id)","execution_arn":"arn:aws:states:us-east-1:1:express:micro-batch:\#(name):u"}"#
                    lines.append(" {\"message\": \(JSONText.quoted(message))}")
                }
            }
        }
        let outcome = Calibrator.observe(.init(paths: [Self.machine], histories: [], expressLogs: [try Self.write("{\"events\": [\n" + lines.joined(separator: ",\n") + "\n]}\n")]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.observations["micro-batch"]?.executions == 2000)
        #expect(outcome.observations["micro-batch"]?.transitions.mean == 3)
    }
}

/// `--express-logs` takes a directory as `--histories` does: its `.json` files in name order.
@Suite struct ExpressLogDirectoryTests {
    /// micro-batch-all.json's 42 records split into two pages in one directory: page-1.json (the
    /// first 21, with a nextToken) and page-2.json (the other 21), plus a hidden file and a non-JSON
    /// file that are not read. Read as the whole export is: the 3 executions of
    /// ExpressCalibrationTests.levelAllExportIsReadAsHistories, transitions 10 / 3 a run, no warning
    /// (the last page read, page-2, has no nextToken).
    @Test func aDirectoryOfPagesIsReadInNameOrder() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: ExpressCalibrationTests.all))
        let export = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require(export["events"] as? [Any])
        #expect(events.count == 42)
        let directory = ClosedLoopTests.temporaryDirectory("express-dir")
        func write(_ object: [String: Any], _ name: String) throws {
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        try write(["events": Array(events[..<21]), "nextToken": "page-2"], "page-1.json")
        try write(["events": Array(events[21...])], "page-2.json")
        try "not an export".write(toFile: directory + "/.hidden.json", atomically: true, encoding: .utf8)
        try "notes".write(toFile: directory + "/README.txt", atomically: true, encoding: .utf8)
        let outcome = Calibrator.observe(.init(paths: [ExpressCalibrationTests.machine], histories: [], expressLogs: [directory]))
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        #expect(outcome.executionsRead == 3)
        let observed = try #require(outcome.observations["micro-batch"])
        #expect(abs(observed.transitions.mean - 10.0 / 3) < 1e-12)
    }
}
