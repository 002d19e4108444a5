import Foundation
import Testing
@testable import SFNCostKit

/// Closed loop: executions simulated with KNOWN odds, failure rates, durations and item counts
/// (HistorySimulator, seeded) are calibrated back; the fitted figures must agree with the known ones
/// within sampling error (4 standard errors, computed below from the known values), and `reconcile`
/// with the fitted profile must find every machine within tolerance. A deliberately wrong profile
/// must make reconcile name the state and the figure that are off.
@Suite struct ClosedLoopTests {
    static let start = 1_790_836_800.0   // 2026-10-01T06:00:00Z: 1,767,225,600 (2026-01-01) + 273 days + 6 h

    static func temporaryDirectory(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("sfncost-calibrate-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// daily-ingest, 400 runs: IngestFromAPI fails 20% of attempts with Lambda.ServiceException
    /// (retried up to 3 times, then caught), attempts last 2 s on average; CheckValidation goes to
    /// NotifySuccess 90% of the time.
    static func dailyIngest() throws -> (machinePath: String, histories: String, outcome: Calibrator.Outcome) {
        try dailyRun.get()
    }

    /// Simulated and calibrated once for every test of the suite.
    static let dailyRun = Result { try simulateDailyIngest() }

    static func simulateDailyIngest() throws -> (machinePath: String, histories: String, outcome: Calibrator.Outcome) {
        let machinePath = Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")
        let machine = try DefinitionDecoder.decode(try SourceDocument.load(path: machinePath)).0
        var simulator = HistorySimulator(machine: machine, seed: 14)
        simulator.failureRate = ["IngestFromAPI": 0.2]
        simulator.error = ["IngestFromAPI": "Lambda.ServiceException"]
        simulator.meanSeconds = ["IngestFromAPI": 2, "RunGlueTransform": 240, "ValidateRowCounts": 3, "NotifySuccess": 0.2, "NotifyFailure": 0.2]
        simulator.odds = ["CheckValidation": [("NotifySuccess", 0.9), ("NotifyFailure", 0.1)]]
        let directory = temporaryDirectory("daily")
        try simulator.write(count: 400, start: start, to: directory)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [directory]))
        return (machinePath, directory, outcome)
    }

    @Test func dailyIngestFitsTheKnownFigures() throws {
        let (_, _, outcome) = try Self.dailyIngest()
        #expect(outcome.failures.isEmpty)
        #expect(outcome.diagnostics.isEmpty)
        let observed = try #require(outcome.observations["daily-ingest"])
        #expect(observed.executions == 400)
        // Failure rate: ~400 × (1 + 0.2 + 0.04 + 0.008) ≈ 500 attempts; se = √(0.2 × 0.8 / 500) ≈ 0.018.
        let attempts = Double(observed.attempts["IngestFromAPI"] ?? 0)
        let rate = Double(observed.failedAttempts["IngestFromAPI"] ?? 0) / attempts
        #expect(abs(rate - 0.2) < 4 * (0.2 * 0.8 / attempts).squareRoot())
        #expect(observed.errors["IngestFromAPI"]?.keys.sorted() == ["Lambda.ServiceException"])
        // Odds: exits n ≈ 399; se = √(0.9 × 0.1 / n).
        let exits = observed.choiceExits["CheckValidation"] ?? [:]
        let total = Double(exits.values.reduce(0, +))
        #expect(abs(Double(exits["NotifySuccess"] ?? 0) / total - 0.9) < 4 * (0.09 / total).squareRoot())
        // Durations: uniform(0, 4) has mean 2 and sd 4/√12.
        let seconds = try #require(observed.attemptSeconds["IngestFromAPI"])
        #expect(abs(seconds.mean - 2) < 4 * (4 / 12.0.squareRoot()) / Double(seconds.count).squareRoot())
        #expect(seconds.max <= 4)
        // Executions are one a day from 2026-10-01.
        #expect(observed.firstStart.map(HistoryTime.date) == "2026-10-01")
    }

    @Test func dailyIngestReconcilesWithTheFittedProfile() throws {
        let (machinePath, histories, outcome) = try Self.dailyIngest()
        let profileText = Calibrator.profileText(outcome, historyPaths: [histories])
        let profilePath = (histories as NSString).appendingPathComponent("fitted.yml")
        try profileText.write(toFile: profilePath, atomically: true, encoding: .utf8)
        // The fitted profile loads without a warning.
        let (profile, warnings) = try ProfileLoader.load(path: profilePath)
        #expect(warnings.isEmpty, "\(warnings)")
        let usage = profile.usage(forMachine: "daily-ingest").0
        #expect(usage.states["IngestFromAPI"]?.error?.value == "Lambda.ServiceException")
        #expect(usage.states["CheckValidation"]?.branches?.value.values.reduce(0, +) == 1)
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        let reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 5)
        #expect(reconciliation.machines.count == 1)
        let off = reconciliation.machines[0].rows.filter(\.failsTolerance)
        #expect(off.isEmpty, "\(off)")
        #expect(reconciliation.withinTolerance)
        // The choice is exact: the fitted odds are the observed frequencies, so the predicted visits
        // of NotifySuccess equal the observed mean up to the 6 decimals the odds are written with.
        let row = try #require(reconciliation.machines[0].rows.first { $0.state == "NotifySuccess" && $0.figure == "visits" })
        let checks = try #require(reconciliation.machines[0].rows.first { $0.state == "CheckValidation" && $0.figure == "visits" })
        #expect(abs(row.predicted - row.observedMean) < 2e-6 * checks.observedMean + 1e-9 || !row.outsideInterval)
    }

    static func offRows(_ profile: String, _ run: (machinePath: String, histories: String, outcome: Calibrator.Outcome)) throws -> Set<String> {
        let profilePath = (run.histories as NSString).appendingPathComponent("wrong-\(UUID().uuidString).yml")
        try profile.write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [run.machinePath], profilePath: profilePath))
        let reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: run.outcome.observations, tolerancePercent: 5)
        return Set(reconciliation.machines[0].rows.filter(\.failsTolerance).map { "\($0.state ?? "(execution)") \($0.figure)" })
    }

    /// The real odds are 0.9/0.1; this profile says 0.5/0.5: the two targets' visits are off by
    /// 0.4 × ~1.0 each (−44% and +400%), far outside 5%; the states before the choice are not blamed.
    @Test func wrongOddsAreNamedStateAndFigure() throws {
        let run = try Self.dailyIngest()
        let off = try Self.offRows("""
        version: 1
        state_machines:
          daily-ingest:
            states:
              IngestFromAPI: {failure_rate: 0.2, error: Lambda.ServiceException}
              CheckValidation:
                branches: {NotifySuccess: 0.5, NotifyFailure: 0.5}
        """, run)
        #expect(off.contains("NotifySuccess visits"))
        #expect(off.contains("NotifyFailure visits"))
        #expect(!off.contains("IngestFromAPI transitions"))
        #expect(!off.contains("RunGlueTransform visits"))
        #expect(!off.contains("CheckValidation visits"))
    }

    /// The real failure rate is 0.2; this profile says 0.4: predicted IngestFromAPI attempts are
    /// 1 + 0.4 + 0.16 + 0.064 = 1.624 against ~1.248 observed (+30%). The exhausted-retry route
    /// changes by 0.4⁴ − 0.2⁴ = 0.024 (about 2.4% of the downstream visits), under the 5% tolerance.
    @Test func aWrongFailureRateIsNamedStateAndFigure() throws {
        let run = try Self.dailyIngest()
        let off = try Self.offRows("""
        version: 1
        state_machines:
          daily-ingest:
            states:
              IngestFromAPI: {failure_rate: 0.4, error: Lambda.ServiceException}
              CheckValidation:
                branches: {NotifySuccess: 0.9, NotifyFailure: 0.1}
        """, run)
        #expect(off.contains("IngestFromAPI transitions"))
        #expect(!off.contains("IngestFromAPI visits"))
        #expect(!off.contains("RunGlueTransform visits"))
    }

    /// s3-fanout, 300 runs: ProcessKeys gets 5…35 items (mean 20), TransformObject fails 5% of its
    /// attempts with Lambda.TooManyRequestsException (retried twice; one item in ~8,000 exhausts them
    /// and fails the execution).
    @Test func s3FanoutFitsItemsAndReconciles() throws {
        let machinePath = Fixtures.path("examples/s3-fanout/s3-fanout.asl.json")
        let machine = try DefinitionDecoder.decode(try SourceDocument.load(path: machinePath)).0
        var simulator = HistorySimulator(machine: machine, seed: 7)
        simulator.failureRate = ["TransformObject": 0.05]
        simulator.error = ["TransformObject": "Lambda.TooManyRequestsException"]
        simulator.items = ["ProcessKeys": 5...35]
        simulator.meanSeconds = ["ListKeys": 0.5, "TransformObject": 3]
        let directory = Self.temporaryDirectory("fanout")
        try simulator.write(count: 300, start: Self.start, to: directory)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [directory]))
        #expect(outcome.failures.isEmpty)
        let observed = try #require(outcome.observations["s3-fanout"])
        // Items uniform on 5…35: mean 20, sd √((31² − 1)/12) ≈ 8.94; 300 runs.
        let items = try #require(observed.mapLengths["ProcessKeys"])
        #expect(abs(items.mean - 20) < 4 * 8.94 / 300.0.squareRoot())
        #expect(items.max <= 35)
        let attempts = Double(observed.attempts["TransformObject"] ?? 0)
        let rate = Double(observed.failedAttempts["TransformObject"] ?? 0) / attempts
        #expect(abs(rate - 0.05) < 4 * (0.05 * 0.95 / attempts).squareRoot())

        let profilePath = (directory as NSString).appendingPathComponent("fitted.yml")
        try Calibrator.profileText(outcome, historyPaths: [directory]).write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        let reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 5)
        let off = reconciliation.machines.flatMap(\.rows).filter(\.failsTolerance)
        #expect(off.isEmpty, "\(off)")
    }

    /// A polling loop (Poll → IsDone → Pause → Poll) leaves with odds 0.3 per check, so Poll is
    /// entered 1 / 0.3 = 3.33 times per execution on average (geometric). Calibrated: the odds come
    /// back within sampling error, each loop state gets `max_visits` (the most entries seen, marked
    /// as observed), the estimate with the fitted profile has a bounded worst case (no SFN151), and
    /// reconcile finds the visits within tolerance.
    @Test func pollingLoopGetsObservedBounds() throws {
        let directory = Self.temporaryDirectory("loop")
        let machinePath = directory + "/poller.asl.json"
        try """
        {"StartAt": "Poll", "States": {
          "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "IsDone"},
          "IsDone": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Finished"}], "Default": "Pause"},
          "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Poll"},
          "Finished": {"Type": "Succeed"}
        }}
        """.write(toFile: machinePath, atomically: true, encoding: .utf8)
        let machine = try DefinitionDecoder.decode(try SourceDocument.load(path: machinePath)).0
        var simulator = HistorySimulator(machine: machine, seed: 3)
        simulator.odds = ["IsDone": [("Finished", 0.3), ("Pause", 0.7)]]
        let histories = directory + "/histories"
        try simulator.write(count: 300, start: Self.start, to: histories)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [histories]))
        #expect(outcome.failures.isEmpty)
        let observed = try #require(outcome.observations["poller"])
        // Exits: about 300 / 0.3 = 1,000; se = √(0.3 × 0.7 / exits).
        let exits = observed.choiceExits["IsDone"] ?? [:]
        let total = Double(exits.values.reduce(0, +))
        #expect(abs(Double(exits["Finished"] ?? 0) / total - 0.3) < 4 * (0.21 / total).squareRoot())
        let text = Calibrator.profileText(outcome, historyPaths: [histories])
        let most = Int(try #require(observed.visits["Poll"]).max)
        #expect(text.contains("max_visits: \(most)   # OBSERVED, not guaranteed"))
        #expect(most > 3)
        let profilePath = directory + "/fitted.yml"
        try text.write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        let findings = estimate.report?.stateMachines.first?.findings.map(\.rule) ?? []
        #expect(!findings.contains("SFN151"))
        let reconciliation = Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 5)
        #expect(reconciliation.withinTolerance, "\(reconciliation.machines.flatMap(\.rows).filter(\.failsTolerance))")
        // The loop's visits are exact: with the observed exit frequency f, the predicted entries of
        // Poll are 1 / f, and the observed mean entries are (exits) / (executions) = 1 / f too.
        let poll = try #require(reconciliation.machines.first?.rows.first { $0.state == "Poll" && $0.figure == "visits" })
        #expect(abs(poll.predicted - poll.observedMean) < 1e-4 * poll.observedMean)
        // No task fails, so the whole execution is exact too: the fitted profile reproduces the mean
        // observed transitions and history events (up to the 6 decimals the odds are written with).
        for figure in ["transitions", "events"] {
            let row = try #require(reconciliation.machines.first?.rows.first { $0.state == nil && $0.figure == figure })
            #expect(abs(row.predicted - row.observedMean) < 1e-4 * row.observedMean, "\(row)")
        }
    }
}
