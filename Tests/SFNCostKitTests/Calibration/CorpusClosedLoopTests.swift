import Foundation
import Testing
@testable import SFNCostKit

/// Closed loop on real-world machines from the corpus (not only the examples): executions simulated
/// with KNOWN Choice odds, failure rates and Map item counts (HistorySimulator, seeded) are calibrated
/// back, every fitted figure must lie within sampling error of the known one, and `reconcile` with the
/// fitted profile must find the machine within tolerance.
///
/// Sampling error, from the sample each figure rests on (n as counted in the histories):
/// - a Choice's odds p for one target from n exits: the observed share is binomial, standard error
///   √(p(1 − p) / n);
/// - a failure rate r from n attempts: the same, √(r(1 − r) / n) (the simulator draws attempts
///   independently);
/// - Map items uniform on a…b from n Map runs: mean (a + b) / 2, standard deviation
///   √(((b − a + 1)² − 1) / 12) (discrete uniform), standard error that ÷ √n; the max never above b.
/// A fitted figure passes within 4 standard errors (a two-sided chance of 6 in 100,000 per figure of
/// failing by bad luck; the seeds are fixed, so a run is repeatable).
@Suite struct CorpusClosedLoopTests {
    struct Known {
        var file: String
        var seed: UInt64
        var runs = 200
        var odds: [String: [(String, Double)]] = [:]
        var failureRate: [String: Double] = [:]
        var error: [String: String] = [:]
        var items: [String: ClosedRange<Int>] = [:]
    }

    struct Run {
        var machinePath: String
        var histories: String
        var outcome: Calibrator.Outcome
        var observed: MachineObservations
        var name: String
    }

    static func simulate(_ known: Known) throws -> Run {
        let machinePath = Fixtures.corpus("asl/" + known.file)
        let machine = try DefinitionDecoder.decode(try SourceDocument.load(path: machinePath)).0
        var simulator = HistorySimulator(machine: machine, seed: known.seed)
        simulator.odds = known.odds
        simulator.failureRate = known.failureRate
        simulator.error = known.error
        simulator.items = known.items
        let directory = ClosedLoopTests.temporaryDirectory("corpus")
        try simulator.write(count: known.runs, start: ClosedLoopTests.start, to: directory)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [directory]))
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let name = try #require(outcome.machines.first?.name)
        let observed = try #require(outcome.observations[name])
        #expect(observed.executions == known.runs)
        return Run(machinePath: machinePath, histories: directory, outcome: outcome, observed: observed, name: name)
    }

    /// Every known figure against the fitted one, within 4 standard errors (see the suite's comment).
    static func checkFit(_ known: Known, _ run: Run) {
        let observed = run.observed
        for (choice, targets) in known.odds {
            let exits = observed.choiceExits[choice] ?? [:]
            let n = Double(exits.values.reduce(0, +))
            #expect(n > 30, "\(choice): only \(n) exits")
            for (target, p) in targets {
                let share = Double(exits[target] ?? 0) / n
                #expect(abs(share - p) <= 4 * (p * (1 - p) / n).squareRoot(), "\(choice) → \(target): \(share) for \(p) from \(n) exits")
            }
        }
        for (state, r) in known.failureRate {
            let n = Double(observed.attempts[state] ?? 0)
            #expect(n > 30, "\(state): only \(n) attempts")
            let rate = Double(observed.failedAttempts[state] ?? 0) / n
            #expect(abs(rate - r) <= 4 * (r * (1 - r) / n).squareRoot(), "\(state): rate \(rate) for \(r) from \(n) attempts")
            if let error = known.error[state] { #expect(observed.errors[state]?.keys.sorted() == [error]) }
        }
        for (map, range) in known.items {
            guard let lengths = observed.mapLengths[map] else { Issue.record("\(map): no Map runs"); continue }
            let a = Double(range.lowerBound), b = Double(range.upperBound)
            let sd = (((b - a + 1) * (b - a + 1) - 1) / 12).squareRoot()
            #expect(abs(lengths.mean - (a + b) / 2) <= 4 * sd / Double(lengths.count).squareRoot(), "\(map): mean \(lengths.mean) from \(lengths.count) runs")
            #expect(lengths.max <= b && lengths.min >= a)
        }
    }

    static func reconcile(_ run: Run, profile: String) throws -> Reconciliation {
        let path = (run.histories as NSString).appendingPathComponent("profile-\(UUID().uuidString).yml")
        try profile.write(toFile: path, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [run.machinePath], profilePath: path))
        return Reconciliation.build(analyses: estimate.analyses, observations: run.outcome.observations, tolerancePercent: 5)
    }

    static func closedLoop(_ known: Known) throws -> Run {
        let run = try simulate(known)
        checkFit(known, run)
        let fitted = Calibrator.profileText(run.outcome, historyPaths: [run.histories])
        let (_, warnings) = try ProfileLoader.decode(try SourceDocument.parse(fitted, file: "fitted.yml"), file: "fitted.yml")
        #expect(warnings.isEmpty, "\(warnings)")
        let reconciliation = try reconcile(run, profile: fitted)
        #expect(reconciliation.machines.count == 1)
        #expect(reconciliation.withinTolerance, "\(run.name): \(reconciliation.machines.flatMap(\.rows).filter(\.failsTolerance))")
        return run
    }

    static let crawler = Known(
        file: "aws-stepfunctions-examples__sam__demo-manage-glue-crawlers-with-step-functions__template.yaml__StateMachineUtilRunGlueCrawler.asl.json",
        seed: 101,
        odds: ["Is Running?": [("Wait for Crawler To Complete", 0.6), ("Prepare Output", 0.4)]],
        failureRate: ["StartCrawler": 0.2, "GetCrawler": 0.1],
        error: ["StartCrawler": "Glue.CrawlerRunningException", "GetCrawler": "Glue.OperationTimeoutException"])

    static let sqsMap = Known(
        file: "step-functions-workflows-collection__dynamically-process-data-with-map-state-cdk__statemachine__statemachine.asl.json",
        seed: 102,
        odds: ["Are there messages to process?": [("Finish", 0.25), ("Process Messages", 0.75)]],
        failureRate: ["Read messages from SQS queue": 0.05, "Remove messages from SQS queue": 0.1],
        error: ["Read messages from SQS queue": "Lambda.ServiceException", "Remove messages from SQS queue": "Lambda.SdkClientException"],
        items: ["Process Messages": 1...9])

    static let configBackup = Known(
        file: "step-functions-workflows-collection__resource-configuration-backup-sam__statemachine__statemachine.asl.json",
        seed: 103, runs: 120,
        odds: ["WriteToS3WithResourceNameOrResourceId": [("PutObjectUsingResourceName", 0.7), ("PutObjectUsingResourceId", 0.3)],
               "Choice": [("ListAggregateDiscoveredResources-Pagination", 0.3), ("Success", 0.7)]],
        failureRate: ["BatchGetAggregateResourceConfig": 0.1],
        error: ["BatchGetAggregateResourceConfig": "States.TaskFailed"],
        items: ["InputMapping": 1...3, "MapResolverRulesAndAssociations": 2...6])

    static let accountVending = Known(
        file: "step-functions-workflows-collection__account-vending-machine__statemachine__statemachine.asl.json",
        seed: 104,
        odds: ["Check Account Status": [("Wait 30 Sec", 0.5), ("Failed", 0.1), ("Move Account To OU", 0.4)],
               "Is this the OU?": [("Get OU ID", 0.2), ("Ignore", 0.8)]],
        failureRate: ["Create New Organizational Unit": 0.3],
        error: ["Create New Organizational Unit": "Organizations.DuplicateOrganizationalUnitException"],
        items: ["Loop over all OUs": 2...8])

    static let athena = Known(
        file: "step-functions-workflows-collection__sfn-athena-query__statemachine__statemachine.asl.json",
        seed: 105,
        odds: ["Has More Results?": [("Prepare Next Query Params", 0.4), ("Done", 0.6)]],
        items: ["Map State": 1...10])

    @Test func glueCrawlerPollingLoop() throws { _ = try Self.closedLoop(Self.crawler) }
    @Test func sqsChoiceThenMap() throws { _ = try Self.closedLoop(Self.sqsMap) }
    @Test func configBackupNestedMapsAndPagination() throws { _ = try Self.closedLoop(Self.configBackup) }
    @Test func accountVendingLoopCatchAndMap() throws { _ = try Self.closedLoop(Self.accountVending) }
    @Test func athenaPagesThroughAMap() throws { _ = try Self.closedLoop(Self.athena) }

    /// A deliberately wrong profile for the SQS machine: 20 items per Map run where the simulation drew
    /// 1…9 (mean 5), everything else as known. The three states of the Map body are entered once per
    /// item, so their predicted visits are 0.75 × 20 = 15 per execution against about 0.75 × 5 = 3.75
    /// observed (+300%): reconcile names each of them with `visits`; the states before the Map (the
    /// reader and the Choice) are predicted right and not named.
    @Test func wrongItemsAreNamedStateAndFigure() throws {
        let run = try Self.simulate(Self.sqsMap)
        let reconciliation = try Self.reconcile(run, profile: """
        version: 1
        state_machines:
          "\(run.name)":
            states:
              Read messages from SQS queue: {failure_rate: 0.05, error: Lambda.ServiceException}
              Are there messages to process?:
                branches: {Finish: 0.25, Process Messages: 0.75}
              Process Messages:
                items: {expected: 20, max: 20}
              Remove messages from SQS queue: {failure_rate: 0.1, error: Lambda.SdkClientException}
        """)
        let off = Set(try #require(reconciliation.machines.first).rows.filter(\.failsTolerance).map { "\($0.state ?? "(execution)") \($0.figure)" })
        #expect(off.contains("Write message to DynamoDB visits"))
        #expect(off.contains("Remove messages from SQS queue visits"))
        #expect(off.contains("Publish message to SNS topic visits"))
        #expect(off.contains("(execution) transitions"))
        #expect(!off.contains("Read messages from SQS queue visits"))
        #expect(!off.contains("Are there messages to process? visits"))
        #expect(!reconciliation.withinTolerance)
    }

    /// A wrong loop: the profile says the crawler is still running 20% of the time where it was 60%.
    /// GetCrawler is entered 1 / (1 − p) times: 1.25 predicted against about 2.5 observed (−50%);
    /// the Wait 0.25 against about 1.5. Both are named, with `visits`.
    @Test func wrongLoopOddsAreNamedStateAndFigure() throws {
        let run = try Self.simulate(Self.crawler)
        let reconciliation = try Self.reconcile(run, profile: """
        version: 1
        state_machines:
          "\(run.name)":
            states:
              StartCrawler: {failure_rate: 0.2, error: Glue.CrawlerRunningException}
              GetCrawler: {failure_rate: 0.1}
              Is Running?:
                branches: {Wait for Crawler To Complete: 0.2, Prepare Output: 0.8}
        """)
        let off = Set(try #require(reconciliation.machines.first).rows.filter(\.failsTolerance).map { "\($0.state ?? "(execution)") \($0.figure)" })
        #expect(off.contains("GetCrawler visits"))
        #expect(off.contains("Wait for Crawler To Complete visits"))
        #expect(!off.contains("StartCrawler visits"))
        #expect(!off.contains("Prepare Output visits"))
    }
}
