import Foundation
import Testing
@testable import SFNCostKit

/// Reading what ran: histories produced by moto's interpreter (scripts/calibrate/oracle-histories.py,
/// converted to the CLI's shape), a hand-written execution list and metrics file, and bad input.
/// Every expected figure is counted by hand from the fixture's events (listed in each comment).
@Suite struct CalibrationInputTests {
    static let histories = Fixtures.path("Tests/SFNCostKitTests/Fixtures/histories")
    static let daily = Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")
    static let fanout = Fixtures.path("examples/s3-fanout/s3-fanout.asl.json")

    static func summary(_ file: String) throws -> ExecutionSummary {
        let page = try HistoryPage.read(path: (histories as NSString).appendingPathComponent(file))
        return ExecutionSummary(events: page.events, source: file, location: page.location)
    }

    /// daily-ingest-retry.json (moto): IngestFromAPI fails once (Lambda.ServiceException, event 5)
    /// and its retry (event 6, previous 5) succeeds; then RunGlueTransform, ValidateRowCounts,
    /// CheckValidation → NotifySuccess. 5 states entered + 1 retry = 6 transitions; 28 events, which is
    /// also the counting rules' figure: 2 + (5 + 3) + 6 + 5 + 2 + 5.
    @Test func retriedIngestFromTheOracle() throws {
        let summary = try Self.summary("daily-ingest-retry.json")
        #expect(summary.events == 28)
        #expect(summary.transitions == 6)
        #expect(summary.attempts["IngestFromAPI"] == 2)
        #expect(summary.failedAttempts["IngestFromAPI"] == 1)
        #expect(summary.errors["IngestFromAPI"] == ["Lambda.ServiceException": 1])
        #expect(summary.choiceExits["CheckValidation"] == ["NotifySuccess": 1])
        #expect(summary.attemptSeconds["IngestFromAPI"]?.count == 2)
    }

    /// daily-ingest-caught.json: four attempts all fail (1 + 3 retries), the Catch goes to
    /// NotifyFailure: 2 states entered + 3 retries = 5 transitions, 21 events (2 + (5 + 3 × 3) + 5).
    @Test func exhaustedRetriesFromTheOracle() throws {
        let summary = try Self.summary("daily-ingest-caught.json")
        #expect(summary.transitions == 5)
        #expect(summary.events == 21)
        #expect(summary.failedAttempts["IngestFromAPI"] == 4)
        #expect(summary.entries["NotifyFailure"] == 1)
        #expect(summary.choiceExits.isEmpty)
    }

    /// s3-fanout-3.json: moto runs the three iterations interleaved (TransformObject entered at
    /// events 10, 15, 18; their scheduled events 12, 23, 19 point back through previousEventId).
    /// MapStateStarted.length 3; states entered: ListKeys, ProcessKeys, 3 × TransformObject, Done = 6.
    @Test func interleavedMapFromTheOracle() throws {
        let summary = try Self.summary("s3-fanout-3.json")
        #expect(summary.mapLengths["ProcessKeys"] == [3])
        #expect(summary.transitions == 6)
        #expect(summary.attempts["TransformObject"] == 3)
        #expect(summary.attemptSeconds["TransformObject"]?.count == 3)
        #expect(summary.events == 34)
    }

    /// The five oracle histories match their machines by the states entered, among all examples.
    @Test func historiesMatchTheirMachines() {
        let five = ["daily-ingest-ok", "daily-ingest-invalid", "daily-ingest-retry", "daily-ingest-caught", "s3-fanout-3"]
            .map { (Self.histories as NSString).appendingPathComponent($0 + ".json") }
        let outcome = Calibrator.observe(.init(paths: [Fixtures.path("examples")], histories: five))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.observations["daily-ingest"]?.executions == 4)
        #expect(outcome.observations["s3-fanout"]?.executions == 1)
        // Choice exits: ok, retry → NotifySuccess; invalid → NotifyFailure; caught never reaches it.
        #expect(outcome.observations["daily-ingest"]?.choiceExits["CheckValidation"] == ["NotifySuccess": 2, "NotifyFailure": 1])
    }

    /// Two machines with the same states: a history fits both and is left out, named; --machine decides.
    @Test func ambiguousHistoriesAreReportedNotGuessed() throws {
        let directory = ClosedLoopTests.temporaryDirectory("twins")
        let text = try String(contentsOfFile: Self.daily, encoding: .utf8)
        try text.write(toFile: directory + "/one.asl.json", atomically: true, encoding: .utf8)
        try text.write(toFile: directory + "/two.asl.json", atomically: true, encoding: .utf8)
        let history = (Self.histories as NSString).appendingPathComponent("daily-ingest-ok.json")
        let outcome = Calibrator.observe(.init(paths: [directory], histories: [history]))
        #expect(outcome.observations.isEmpty)
        #expect(outcome.diagnostics.contains { $0.code == "Calibrate.Ambiguous" && $0.message.contains("'one'") && $0.message.contains("'two'") })
        let forced = Calibrator.observe(.init(paths: [directory], histories: [history], machine: "two"))
        #expect(forced.observations["two"]?.executions == 1)
        // A machine that lacks a state the execution entered does not fit.
        let unmatched = Calibrator.observe(.init(paths: [Self.fanout], histories: [history]))
        #expect(unmatched.diagnostics.contains { $0.code == "Calibrate.Unmatched" && $0.message.contains("IngestFromAPI") })
    }

    /// 5 starts 6 hours apart (2026-10-01T00:00 to 2026-10-02T00:00): 4 intervals in 24 h →
    /// 4 / 24 × 730 = 121.6667 a month, which is rate(6 hours) (730 / 6).
    @Test func executionListGivesTheRate() throws {
        let rates = try ExecutionCounts.fromList(path: Fixtures.path("Tests/SFNCostKitTests/Fixtures/calibration/list-executions.json"))
        #expect(abs((rates["s3-fanout"]?.perMonth ?? 0) - 730.0 / 6) < 1e-9)
    }

    /// ExecutionsStarted 1 + 1 + 1 on three daily datapoints (period 1 day, from their spacing):
    /// 3 executions in 72 h → 3 / 72 × 730 = 30.4167, which is rate(1 day).
    @Test func metricsGiveTheRate() throws {
        let rates = try ExecutionCounts.fromMetrics(path: Fixtures.path("Tests/SFNCostKitTests/Fixtures/calibration/metric-data.json"),
                                                    machines: ["daily-ingest", "s3-fanout"])
        #expect(abs((rates["daily-ingest"]?.perMonth ?? 0) - 730.0 / 24) < 1e-9)
        #expect(rates["s3-fanout"] == nil)
    }

    /// 2026-11-01T00:00:00Z is 1,793,491,200: 2026-01-01 is 1,767,225,600 and Nov 1 is day 304
    /// (31+28+31+30+31+30+31+31+30+31); +01:00 is an hour earlier in UTC.
    @Test func timestamps() {
        #expect(HistoryTime.seconds("2026-11-01T00:00:00Z") == 1_793_491_200)
        #expect(HistoryTime.seconds("2026-11-01T01:00:00.500000+01:00") == 1_793_491_200.5)
        #expect(HistoryTime.seconds("2026-11-01 00:00:00+00:00") == 1_793_491_200)
        #expect(HistoryTime.seconds("2026-13-01T00:00:00Z") == nil)
        #expect(HistoryTime.seconds("yesterday") == nil)
        #expect(HistoryTime.date(1_793_491_200) == "2026-11-01")
    }

    /// The quick reader (no locations) and the located one read every fixture to the same summary.
    @Test func quickAndLocatedReadersAgree() throws {
        for file in ["daily-ingest-ok.json", "daily-ingest-invalid.json", "daily-ingest-retry.json", "daily-ingest-caught.json", "s3-fanout-3.json"] {
            let path = (Self.histories as NSString).appendingPathComponent(file)
            let quick = try #require(HistoryPage.quick(try Data(contentsOf: URL(fileURLWithPath: path)), file: path))
            let located = try HistoryPage.read(path: path, located: true)
            let a = ExecutionSummary(events: quick.events, source: file, location: quick.location)
            let b = ExecutionSummary(events: located.events, source: file, location: located.location)
            #expect(a.events == b.events && a.transitions == b.transitions && a.entries == b.entries)
            #expect(a.attemptSeconds == b.attemptSeconds && a.choiceExits == b.choiceExits && a.mapLengths == b.mapLengths)
            #expect(a.errors == b.errors && a.payloadBytesTotal == b.payloadBytesTotal && a.start == b.start)
        }
    }

    /// Names from a definition are written as YAML keys that read back to the same names, whatever
    /// they hold (a colon and #, a bidi override, a newline, a YAML boolean word).
    @Test func oddNamesReadBackFromTheFittedProfile() throws {
        let choice = "Pick: #1", left = "left\u{202E}txt", right = "yes"
        let definition: [String: Any] = ["StartAt": choice, "States": [
            choice: ["Type": "Choice", "Choices": [["Variable": "$.x", "BooleanEquals": true, "Next": left]], "Default": right],
            left: ["Type": "Succeed"], right: ["Type": "Succeed"]]]
        let machinePath = try Self.write(String(decoding: try JSONSerialization.data(withJSONObject: definition), as: UTF8.self), "odd.asl.json")
        func history(_ target: String) throws -> String {
            let events: [[String: Any]] = [
                ["id": 1, "previousEventId": 0, "type": "ExecutionStarted", "timestamp": "2026-11-01T00:00:00Z"],
                ["id": 2, "previousEventId": 1, "type": "ChoiceStateEntered", "timestamp": "2026-11-01T00:00:00Z", "stateEnteredEventDetails": ["name": choice, "input": "{}"]],
                ["id": 3, "previousEventId": 2, "type": "ChoiceStateExited", "timestamp": "2026-11-01T00:00:00Z", "stateExitedEventDetails": ["name": choice, "output": "{}"]],
                ["id": 4, "previousEventId": 3, "type": "SucceedStateEntered", "timestamp": "2026-11-01T00:00:00Z", "stateEnteredEventDetails": ["name": target, "input": "{}"]],
                ["id": 5, "previousEventId": 4, "type": "ExecutionSucceeded", "timestamp": "2026-11-01T00:00:01Z"],
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: ["events": events]), as: UTF8.self)
        }
        let first = try Self.write(try history(left), "a.json")
        let folder = (first as NSString).deletingLastPathComponent
        try history(left).write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
        try history(right).write(toFile: folder + "/c.json", atomically: true, encoding: .utf8)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [first, folder + "/b.json", folder + "/c.json"]))
        #expect(outcome.failures.isEmpty)
        let text = Calibrator.profileText(outcome, historyPaths: [folder])
        let profile = try Fixtures.profile(text)
        // 2 of 3 exits to `left`: 0.666666 rounded down, and `left`, the most frequent, takes the
        // remainder so that the odds add up to 1: 0.666667 and 0.333333.
        let branches = try #require(profile.usage(forMachine: "odd").0.states[choice]?.branches?.value)
        #expect(branches[left] == 0.666667)
        #expect(branches[right] == 0.333333)
    }

    // MARK: - Bad input: located errors, never a crash

    static func write(_ text: String, _ name: String = "h.json") throws -> String {
        let directory = ClosedLoopTests.temporaryDirectory("bad")
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func failure(_ text: String) throws -> Diagnostic? {
        let path = try write(text)
        let outcome = Calibrator.observe(.init(paths: [daily], histories: [path]))
        return outcome.failures.first?.diagnostics.first
    }

    @Test func aDefinitionIsNotAHistory() throws {
        let diagnostic = try #require(Calibrator.observe(.init(paths: [Self.daily], histories: [Self.daily])).failures.first?.diagnostics.first)
        #expect(diagnostic.code == "History.NotHistory")
        #expect(diagnostic.location?.line == 1)
    }

    @Test func eventsOutOfOrderAreLocated() throws {
        let diagnostic = try #require(try Self.failure("""
        {"events": [
          {"id": 1, "type": "ExecutionStarted", "timestamp": "2026-11-01T00:00:00Z"},
          {"id": 3, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
          {"id": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}}
        ]}
        """))
        #expect(diagnostic.code == "History.OutOfOrder")
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.message.contains("event 2 follows event 3"))
    }

    @Test func badTimestampAndMissingNameAreLocated() throws {
        let stamp = try #require(try Self.failure("{\"events\": [{\"id\": 1, \"type\": \"ExecutionStarted\", \"timestamp\": \"soon\"}]}"))
        #expect(stamp.code == "History.BadTimestamp")
        let name = try #require(try Self.failure("{\"events\": [{\"id\": 1, \"type\": \"TaskStateEntered\", \"stateEnteredEventDetails\": {}}]}"))
        #expect(name.code == "History.BadEvent")
        let id = try #require(try Self.failure("{\"events\": [{\"id\": \"one\", \"type\": \"ExecutionStarted\"}]}"))
        #expect(id.code == "History.BadEvent")
        let huge = try #require(try Self.failure("{\"events\": [{\"id\": 1e400, \"type\": \"ExecutionStarted\"}]}"))
        #expect(huge.code == "History.BadEvent")
        let boolean = try #require(try Self.failure("{\"events\": [{\"id\": true, \"type\": \"ExecutionStarted\"}]}"))
        #expect(boolean.code == "History.BadEvent")
        let logs = try #require(try Self.failure("{\"events\": [{\"logStreamName\": \"s\", \"timestamp\": 1, \"message\": \"{}\", \"eventId\": \"1\"}], \"searchedLogStreams\": []}"))
        #expect(logs.code == "History.ExpressLogs")
        let notObject = try #require(try Self.failure("[1, 2]"))
        #expect(notObject.code == "History.NotHistory")
    }

    /// A page with a nextToken and no next page: the error stands at the nextToken.
    @Test func aMissingPageIsLocated() throws {
        let diagnostic = try #require(try Self.failure("""
        {"events": [
          {"id": 1, "type": "ExecutionStarted", "timestamp": "2026-11-01T00:00:00Z"}
        ],
         "nextToken": "AAAA"}
        """))
        #expect(diagnostic.code == "History.MissingPage")
        #expect(diagnostic.location?.line == 4)
    }

    /// Two pages in one folder, joined: the second starts at the id after the first's last.
    @Test func pagesInOneFolderAreJoined() throws {
        let first = try Self.write("""
        {"events": [
          {"id": 1, "type": "ExecutionStarted", "timestamp": "2026-11-01T00:00:00Z"},
          {"id": 2, "previousEventId": 1, "type": "TaskStateEntered", "timestamp": "2026-11-01T00:00:00Z", "stateEnteredEventDetails": {"name": "IngestFromAPI", "input": "{}"}}
        ], "nextToken": "AAAA"}
        """, "page-1.json")
        let folder = (first as NSString).deletingLastPathComponent
        try """
        {"events": [
          {"id": 3, "previousEventId": 2, "type": "TaskScheduled", "timestamp": "2026-11-01T00:00:01Z", "taskScheduledEventDetails": {}},
          {"id": 4, "previousEventId": 3, "type": "TaskSucceeded", "timestamp": "2026-11-01T00:00:03Z", "taskSucceededEventDetails": {}},
          {"id": 5, "previousEventId": 4, "type": "ExecutionSucceeded", "timestamp": "2026-11-01T00:00:03Z"}
        ]}
        """.write(toFile: folder + "/page-2.json", atomically: true, encoding: .utf8)
        let outcome = Calibrator.observe(.init(paths: [Self.daily], histories: [folder]))
        #expect(outcome.failures.isEmpty)
        let observed = try #require(outcome.observations["daily-ingest"])
        #expect(observed.executions == 1)
        #expect(observed.events.mean == 5)
        // Scheduled at 00:00:01, succeeded at 00:00:03: one attempt of 2 s.
        #expect(observed.attemptSeconds["IngestFromAPI"]?.mean == 2)
    }
}
