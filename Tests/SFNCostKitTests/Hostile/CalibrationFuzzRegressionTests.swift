import Foundation
import Testing
@testable import SFNCostKit

/// Findings of `scripts/fuzz/fuzz.py` on what calibrate reads (the calibration kinds), one test per
/// class of finding. Each input is a fixture with one hand-made change; the expected figures are
/// counted by hand from the events or values (in each comment).
@Suite struct CalibrationFuzzRegressionTests {
    static let recorded = Fixtures.path("Tests/SFNCostKitTests/Fixtures/histories/aws-recorded/histories/lambda-retry-caught.json")

    /// lambda-retry-caught.json with `change` applied to its events, summarised.
    static func summary(changing change: (inout [[String: Any]]) -> Void) throws -> ExecutionSummary {
        let data = try Data(contentsOf: URL(fileURLWithPath: recorded))
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var events = try #require(root["events"] as? [[String: Any]])
        change(&events)
        root["events"] = events
        let path = NSTemporaryDirectory() + "fuzz-regression-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let page = try HistoryPage.read(path: path)
        return ExecutionSummary(events: page.events, source: path, location: page.location)
    }

    /// The recorded history: InvokeLambdaWithRetry's 4 attempts (events 3, 6, 9, 12 scheduled), each
    /// failing (5, 8, 11, 14): 4 failed of 4. Found by `fuzz.py --seed 3` (case 62): the first
    /// `LambdaFunctionScheduled` (event 3) given an unknown type left 3 attempts but 4 failures, and
    /// calibrate wrote `failure_rate: 1.333333`, which `estimate` refuses. The failure of an attempt
    /// never scheduled is not counted: 3 attempts (6, 9, 12), 3 failed (8, 11, 14).
    @Test func aFailureWithoutItsScheduledEventIsNotAnAttempt() throws {
        let original = try Self.summary { _ in }
        #expect(original.attempts["InvokeLambdaWithRetry"] == 4)
        #expect(original.failedAttempts["InvokeLambdaWithRetry"] == 4)
        let summary = try Self.summary { events in events[2]["type"] = "SomeFutureEventType" }
        #expect(summary.attempts["InvokeLambdaWithRetry"] == 3)
        #expect(summary.failedAttempts["InvokeLambdaWithRetry"] == 3)
    }

    /// Event 6 (the second `LambdaFunctionScheduled`, previous 5) made a second `LambdaFunctionFailed`
    /// of the first attempt (previous 4): attempt 3 now ends at 5 and again at 6, and events 7–8
    /// (previous 6) continue that same attempt. Scheduled: 3, 9, 12 → 3 attempts. A failure counts
    /// once per attempt: 5 (attempt 3), 11 (attempt 9), 14 (attempt 12) → 3 failed; before the fix
    /// 5, 6, 8, 11 and 14 were 5 failed of 3 attempts.
    @Test func anAttemptFailsOnce() throws {
        let summary = try Self.summary { events in
            events[5]["type"] = "LambdaFunctionFailed"
            events[5]["previousEventId"] = 4
            events[5]["lambdaFunctionFailedEventDetails"] = ["error": "Exception", "cause": "again"]
            events[5]["lambdaFunctionScheduledEventDetails"] = nil
        }
        #expect(summary.attempts["InvokeLambdaWithRetry"] == 3)
        #expect(summary.failedAttempts["InvokeLambdaWithRetry"] == 3)
    }

    static func metrics(_ values: [String]) throws -> String {
        // Two daily datapoints: the period is 1 day, the range 2 days = 48 hours.
        let text = """
        {"MetricDataResults": [{"Id": "started", "Label": "daily-ingest ExecutionsStarted",
          "Timestamps": ["2026-10-02T00:00:00+00:00", "2026-10-01T00:00:00+00:00"],
          "Values": [\(values.joined(separator: ", "))], "StatusCode": "Complete"}], "Messages": []}
        """
        let path = NSTemporaryDirectory() + "fuzz-metrics-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Found by a hand check of the fuzz's numeric edge values on `--metrics`: datapoints of
    /// 1.7976931348623157e308 sum past a Double, and calibrate wrote `executions: 0`; 1e300 + 1e300
    /// over 48 h is 2e300 / 48 × 730 ≈ 3.04e301 a month, written as a 302-digit number that
    /// `estimate` refuses (over 10^30). Both are now Calibrate.TooManyExecutions at the result (line 1).
    /// 1e27 + 1e27 is 2e27 / 48 × 730 ≈ 3.04e28, under 10^30: still read.
    @Test func executionsStartedBeyondAProfileIsRefused() throws {
        for values in [["1.7976931348623157e308", "1.7976931348623157e308"], ["1e300", "1e300"]] {
            let path = try Self.metrics(values)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try ExecutionCounts.fromMetrics(path: path, machines: ["daily-ingest"])
                Issue.record("\(values) was read")
            } catch {
                #expect(error.diagnostics.first?.code == "Calibrate.TooManyExecutions")
                #expect(error.diagnostics.first?.location?.line == 1)
            }
        }
        let path = try Self.metrics(["1e27", "1e27"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rate = try #require(try ExecutionCounts.fromMetrics(path: path, machines: ["daily-ingest"])["daily-ingest"])
        #expect(abs(rate.perMonth / (2e27 / 48 * 730) - 1) < 1e-12)
    }
}
