import Foundation
import Testing
@testable import SFNCostKit

/// Histories AWS itself recorded (LocalStack's snapshot tests, validated against AWS; see
/// Fixtures/histories/aws-recorded/MANIFEST.md), converted to the CLI's shape. Every expected figure is
/// counted by hand from the recorded events, listed in each comment.
@Suite struct AWSRecordedHistoryTests {
    static let folder = Fixtures.path("Tests/SFNCostKitTests/Fixtures/histories/aws-recorded")

    static func observe(_ definition: String, _ histories: String) -> (Calibrator.Outcome, String, String) {
        let machinePath = folder + "/definitions/" + definition
        let historyPath = folder + "/histories/" + histories
        return (Calibrator.observe(.init(paths: [machinePath], histories: [historyPath])), machinePath, historyPath)
    }

    /// lambda-retry-caught.json: TaskStateEntered (2), then four attempts of
    /// LambdaFunctionScheduled/Started/Failed (3–14, error "Exception", each Scheduled pointing at
    /// the Failed before it from the second on), TaskStateExited (15), HandleError entered/exited
    /// (16, 17), ExecutionSucceeded (18). Every attempt failed: failure_rate 1, error Exception;
    /// 2 states entered + 3 retries = 5 transitions; 18 events.
    @Test func exhaustedLambdaRetriesFromAWS() throws {
        let (outcome, machinePath, histories) = Self.observe("lambda-invoke-with-retry.asl.json", "lambda-retry-caught.json")
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let observed = try #require(outcome.observations["lambda-invoke-with-retry"])
        #expect(observed.events.mean == 18)
        #expect(observed.transitions.mean == 5)
        #expect(observed.attempts["InvokeLambdaWithRetry"] == 4 && observed.failedAttempts["InvokeLambdaWithRetry"] == 4)
        let text = Calibrator.profileText(outcome, historyPaths: [histories])
        let usage = try Fixtures.profile(text).usage(forMachine: "lambda-invoke-with-retry").0
        #expect(usage.states["InvokeLambdaWithRetry"]?.failureRate?.value == 1)
        #expect(usage.states["InvokeLambdaWithRetry"]?.failedAttempts == nil)
        #expect(usage.states["InvokeLambdaWithRetry"]?.error?.value == "Exception")
        // With the fitted profile the counting rules predict AWS's figures exactly: 1 entry + 3
        // retries + HandleError = 5 transitions; 2 + (2 + 4 × 3) + 2 = 18 events.
        let profilePath = ClosedLoopTests.temporaryDirectory("aws") + "/fitted.yml"
        try text.write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        let reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 0)
        let rows = try #require(reconciliation.machines.first?.rows)
        let transitions = try #require(rows.first { $0.state == nil && $0.figure == "transitions" })
        let events = try #require(rows.first { $0.state == nil && $0.figure == "events" })
        #expect(abs(transitions.predicted - 5) < 1e-9)
        #expect(abs(events.predicted - 18) < 1e-9)
        #expect(reconciliation.withinTolerance)
    }

    /// path-based-on-data: three executions of one Choice with three exits, recorded by AWS: inputs
    /// {type: Public, value: 3} → NEXT_STATE_ONE, {type: Private, value: 25} → NEXT_STATE_TWO, and the
    /// default → DEFAULT_STATE. Each exit once: odds 1/3 each (0.333333, rounded down, the rounding
    /// left over, 0.000001, going to one of them so that they add up to 1). Each history: 6 events
    /// (started, Choice entered/exited, Pass entered/exited, succeeded), 2 transitions.
    @Test func choiceOddsFromAWS() throws {
        let (outcome, _, histories) = Self.observe("path-based-on-data.asl.json", "path-based-on-data")
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let observed = try #require(outcome.observations["path-based-on-data"])
        #expect(observed.executions == 3)
        #expect(observed.choiceExits["Choice State"] == ["NEXT_STATE_ONE": 1, "NEXT_STATE_TWO": 1, "DEFAULT_STATE": 1])
        #expect(observed.events.mean == 6 && observed.transitions.mean == 2)
        let text = Calibrator.profileText(outcome, historyPaths: [histories])
        let branches = try #require(try Fixtures.profile(text).usage(forMachine: "path-based-on-data").0.states["Choice State"]?.branches?.value)
        #expect(branches.values.sorted() == [0.333333, 0.333333, 0.333334])
        #expect(Set(branches.keys) == ["NEXT_STATE_ONE", "NEXT_STATE_TWO", "DEFAULT_STATE"])
        // No timestamps in these recordings: no durations fitted, and no dates claimed.
        #expect(!text.contains("duration:"))
    }
}

/// A retried Map, as AWS recorded it (map-retry-failed.json): StartState (2, 3), MapState entered
/// (4), then three runs, each MapStateStarted (5, 9, 13; length 1), MapIterationStarted,
/// HandleItemFail entered (7, 11, 15), MapIterationFailed; the second and third MapStateStarted point
/// back at the HandleItemFail of the run before (7, 11), not at the Map. Then MapStateFailed (17),
/// ExecutionFailed (18). States entered: 1 + 1 + 3 = 5; the Map was retried twice: 7 transitions.
@Suite struct AWSRecordedMapRetryTests {
    @Test func aRetriedMapCountsItsRetries() throws {
        let (outcome, _, _) = AWSRecordedHistoryTests.observe("map-retry.asl.json", "map-retry-failed.json")
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let observed = try #require(outcome.observations["map-retry"])
        #expect(observed.events.mean == 18)
        #expect(observed.transitions.mean == 7)
        #expect(observed.visits["HandleItemFail"]?.mean == 3)
        // Three Map runs of one item each, all attributed to the Map (not to the state inside it).
        #expect(observed.mapLengths["MapState"]?.count == 3 && observed.mapLengths["MapState"]?.mean == 1)
        #expect(observed.mapLengths["HandleItemFail"] == nil)
        // The fitted profile (items 1) predicts AWS's figures: StartState 1 + MapState 1 + 2 retries
        // + HandleItemFail in each of the 3 runs = 7 transitions; events 2 + 2 (Pass) + Map entered
        // 1 + 3 × (MapStateStarted, MapIterationStarted, FailStateEntered, MapIterationFailed) +
        // MapStateFailed 1 = 18.
        let (_, machinePath, histories) = AWSRecordedHistoryTests.observe("map-retry.asl.json", "map-retry-failed.json")
        let profilePath = ClosedLoopTests.temporaryDirectory("aws-map") + "/fitted.yml"
        try Calibrator.profileText(outcome, historyPaths: [histories]).write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        let rows = Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 0).machines.first?.rows ?? []
        #expect(rows.first { $0.state == nil && $0.figure == "transitions" }.map { abs($0.predicted - 7) < 1e-9 } == true)
        #expect(rows.first { $0.state == nil && $0.figure == "events" }.map { abs($0.predicted - 18) < 1e-9 } == true)
    }

    /// Per state too: the Map's item fails every attempt and its Retry (MaxAttempts 2) runs the Map
    /// 1 + 2 = 3 times, each run one item (the fitted items 1), so HandleItemFail is expected
    /// 1 (Map entry) × 3 attempts × 1 item = 3 visits a run, as recorded; StartState and MapState 1
    /// each (a retry is no new entry of the Map). Every per-state row within 0% of what AWS recorded.
    @Test func aRetriedMapReconcilesPerState() throws {
        let (outcome, machinePath, histories) = AWSRecordedHistoryTests.observe("map-retry.asl.json", "map-retry-failed.json")
        let profilePath = ClosedLoopTests.temporaryDirectory("aws-map-states") + "/fitted.yml"
        try Calibrator.profileText(outcome, historyPaths: [histories]).write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        let reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 0)
        let rows = reconciliation.machines.first?.rows ?? []
        func visits(_ state: String) -> Double? { rows.first { $0.state == state && $0.figure == "visits" }?.predicted }
        #expect(visits("StartState") == 1)
        #expect(visits("MapState") == 1)
        #expect(visits("HandleItemFail").map { abs($0 - 3) < 1e-9 } == true, "\(rows.map { ($0.state ?? "-", $0.figure, $0.predicted) })")
        #expect(reconciliation.withinTolerance, "\(rows.filter(\.failsTolerance).map { ($0.state ?? "-", $0.figure, $0.predicted, $0.observedMean) })")
    }
}
