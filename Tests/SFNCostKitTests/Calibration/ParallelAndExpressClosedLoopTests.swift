import Foundation
import Testing
@testable import SFNCostKit

/// The closed loop (see ClosedLoopTests) for the two examples it did not cover: quality-checks (a
/// Parallel whose branch failures are caught) and micro-batch (an Express machine; simulated as
/// execution histories of the same machine, whose event names are those of its Express logs).
/// Known figures are simulated, calibrated back, checked within 4 standard errors (computed below
/// from the known values and the sample size), and reconciled with the fitted profile at 5%.
@Suite struct ParallelAndExpressClosedLoopTests {
    static func fitAndReconcile(_ machinePath: String, _ histories: String, _ outcome: Calibrator.Outcome) throws -> Reconciliation {
        let profilePath = (histories as NSString).appendingPathComponent("fitted.yml")
        try Calibrator.profileText(outcome, historyPaths: [histories]).write(toFile: profilePath, atomically: true, encoding: .utf8)
        let (_, warnings) = try ProfileLoader.load(path: profilePath)
        #expect(warnings.isEmpty, "\(warnings)")
        let estimate = Estimator.run(.init(paths: [machinePath], profilePath: profilePath))
        return Reconciliation.build(analyses: estimate.analyses, observations: outcome.observations, tolerancePercent: 5)
    }

    /// quality-checks, 400 runs: ValidateSchema (second branch of RunChecks) fails 10% of its
    /// attempts with Lambda.ServiceException; no Retry, so the Parallel fails and its Catch
    /// (States.ALL) goes to ReportFailure, a Fail state.
    @Test func qualityChecksFitsTheParallelAndReconciles() throws {
        let machinePath = Fixtures.path("examples/quality-checks/quality-checks.asl.yaml")
        let machine = try DefinitionDecoder.decode(try SourceDocument.load(path: machinePath)).0
        var simulator = HistorySimulator(machine: machine, seed: 21)
        simulator.failureRate = ["ValidateSchema": 0.1]
        simulator.error = ["ValidateSchema": "Lambda.ServiceException"]
        simulator.meanSeconds = ["CheckRowCounts": 45, "ValidateSchema": 5, "Publish": 0.3]
        let directory = ClosedLoopTests.temporaryDirectory("parallel")
        try simulator.write(count: 400, start: ClosedLoopTests.start, to: directory)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [directory]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.diagnostics.isEmpty)
        let observed = try #require(outcome.observations["quality-checks"])
        #expect(observed.executions == 400)
        // Both branches run once per execution (no retry anywhere).
        #expect(observed.attempts["CheckRowCounts"] == 400)
        #expect(observed.attempts["ValidateSchema"] == 400)
        #expect(observed.failedAttempts["CheckRowCounts", default: 0] == 0)
        // Failure rate: 400 attempts; se = √(0.1 × 0.9 / 400) = 0.015.
        let failed = observed.failedAttempts["ValidateSchema", default: 0]
        #expect(abs(Double(failed) / 400 - 0.1) < 4 * (0.1 * 0.9 / 400).squareRoot())
        #expect(observed.errors["ValidateSchema"]?.keys.sorted() == ["Lambda.ServiceException"])
        // Events per execution, from docs/facts.md §4 and §4a. Succeeded: execution 2 + Parallel 4
        // (Entered, Started, Succeeded, Exited) + CheckRowCounts 6 (.sync: Entered, Scheduled,
        // Started, Submitted, Succeeded, Exited) + ValidateSchema 5 + Publish 5 = 22. Failed: 2 +
        // Parallel 4 (Entered, Started, Failed, Exited) + CheckRowCounts 6 + ValidateSchema 5
        // (Entered, Scheduled, Started, Failed, TaskStateAborted) + ReportFailure 1 = 18. Transitions:
        // 4 either way (RunChecks, both branch Tasks, then Publish or ReportFailure).
        let k = Double(failed)
        #expect(abs(observed.events.mean - (22 * (400 - k) + 18 * k) / 400) < 1e-9)
        #expect(abs(observed.transitions.mean - 4) < 1e-9)
        #expect(abs((observed.visits["Publish"]?.mean ?? 0) - (400 - k) / 400) < 1e-9)

        let reconciliation = try Self.fitAndReconcile(machinePath, directory, outcome)
        let off = reconciliation.machines.flatMap(\.rows).filter(\.failsTolerance)
        #expect(off.isEmpty, "\(off)")
        #expect(reconciliation.withinTolerance)
        // The fitted rate is the observed frequency and there is no retry, so the prediction is
        // exact: Publish is visited 1 − rate, and each execution's transitions are 4.
        let rows = try #require(reconciliation.machines.first?.rows)
        let publish = try #require(rows.first { $0.state == "Publish" && $0.figure == "visits" })
        #expect(abs(publish.predicted - publish.observedMean) < 1e-4)
        let transitions = try #require(rows.first { $0.state == nil && $0.figure == "transitions" })
        #expect(abs(transitions.predicted - 4) < 1e-4)
    }

    /// micro-batch, 400 runs: Enrich fails 5% of its attempts with Lambda.ServiceException
    /// (retried twice, so 0.05³ of runs fail), RouteByType goes 20/75/5 to StoreOrder, StoreClick,
    /// Discard.
    @Test func microBatchFitsOddsAndFailuresAndReconciles() throws {
        let machinePath = Fixtures.path("examples/micro-batch/micro-batch.asl.json")
        let machine = try DefinitionDecoder.decode(try SourceDocument.load(path: machinePath)).0
        var simulator = HistorySimulator(machine: machine, seed: 5)
        simulator.failureRate = ["Enrich": 0.05]
        simulator.error = ["Enrich": "Lambda.ServiceException"]
        simulator.meanSeconds = ["Enrich": 0.4, "StoreOrder": 0.05, "StoreClick": 0.04]
        simulator.odds = ["RouteByType": [("StoreOrder", 0.2), ("StoreClick", 0.75), ("Discard", 0.05)]]
        let directory = ClosedLoopTests.temporaryDirectory("express")
        try simulator.write(count: 400, start: ClosedLoopTests.start, to: directory)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [directory]))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.diagnostics.isEmpty)
        let observed = try #require(outcome.observations["micro-batch"])
        #expect(observed.executions == 400)
        // Failure rate: ~400 × (1 + 0.05 + 0.0025) ≈ 421 attempts; se = √(0.05 × 0.95 / attempts).
        let attempts = Double(observed.attempts["Enrich"] ?? 0)
        #expect(attempts >= 400)
        let rate = Double(observed.failedAttempts["Enrich"] ?? 0) / attempts
        #expect(abs(rate - 0.05) < 4 * (0.05 * 0.95 / attempts).squareRoot())
        // Odds: n exits (≈ 400); se = √(p(1 − p) / n) for each target.
        let exits = observed.choiceExits["RouteByType"] ?? [:]
        let total = Double(exits.values.reduce(0, +))
        #expect(total >= 399)
        for (target, p) in [("StoreOrder", 0.2), ("StoreClick", 0.75), ("Discard", 0.05)] {
            #expect(abs(Double(exits[target] ?? 0) / total - p) < 4 * (p * (1 - p) / total).squareRoot(), "\(target)")
        }
        // Durations: uniform(0, 0.8) has mean 0.4 and sd 0.8/√12.
        let seconds = try #require(observed.attemptSeconds["Enrich"])
        #expect(abs(seconds.mean - 0.4) < 4 * (0.8 / 12.0.squareRoot()) / Double(seconds.count).squareRoot())

        let reconciliation = try Self.fitAndReconcile(machinePath, directory, outcome)
        let off = reconciliation.machines.flatMap(\.rows).filter(\.failsTolerance)
        #expect(off.isEmpty, "\(off)")
        #expect(reconciliation.withinTolerance)
        // The choice is exact: the fitted odds are the observed frequencies.
        let rows = try #require(reconciliation.machines.first?.rows)
        let discard = try #require(rows.first { $0.state == "Discard" && $0.figure == "visits" })
        #expect(abs(discard.predicted - discard.observedMean) < 1e-4)
    }
}
