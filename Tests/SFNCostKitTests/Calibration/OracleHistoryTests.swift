import Foundation
import Testing
@testable import SFNCostKit

/// Histories from an implementation nobody here wrote: moto's Step Functions interpreter ran the
/// definitions with the inputs and task answers listed in scripts/oracle/oracle_histories.py, and
/// the events it recorded were written in the CLI's shape (Fixtures/histories/oracle/README.md).
/// Calibrating on them must give back what the oracle runs were given; each expected figure is
/// derived below from those answers, not from sfncost's output.
@Suite struct OracleHistoryTests {
    static let folder = Fixtures.path("Tests/SFNCostKitTests/Fixtures/histories/oracle")
    static let sqsMap = Fixtures.corpus("asl/step-functions-workflows-collection__dynamically-process-data-with-map-state-cdk__statemachine__statemachine.asl.json")
    static let crawler = Fixtures.corpus("asl/aws-stepfunctions-examples__sam__demo-manage-glue-crawlers-with-step-functions__template.yaml__StateMachineUtilRunGlueCrawler.asl.json")

    struct Fit {
        var outcome: Calibrator.Outcome
        var text: String
        var usage: MachineUsage
        var observed: MachineObservations
        var machinePath: String
    }

    static func fit(_ machinePath: String, batch: String, machine: String) throws -> Fit {
        let histories = (folder as NSString).appendingPathComponent(batch)
        let outcome = Calibrator.observe(.init(paths: [machinePath], histories: [histories]))
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let text = Calibrator.profileText(outcome, historyPaths: [histories])
        let profile = try Fixtures.profile(text)
        let observed = try #require(outcome.observations[machine])
        return Fit(outcome: outcome, text: text, usage: profile.usage(forMachine: machine).0, observed: observed, machinePath: machinePath)
    }

    static func reconcile(_ fit: Fit) throws -> Reconciliation {
        let profilePath = ClosedLoopTests.temporaryDirectory("oracle") + "/fitted.yml"
        try fit.text.write(toFile: profilePath, atomically: true, encoding: .utf8)
        let estimate = Estimator.run(.init(paths: [fit.machinePath], profilePath: profilePath))
        return Reconciliation.build(analyses: estimate.analyses, observations: fit.outcome.observations, tolerancePercent: 5)
    }

    static func row(_ reconciliation: Reconciliation, _ state: String?, _ figure: String) throws -> Reconciliation.Row {
        try #require(reconciliation.machines.first?.rows.first { $0.state == state && $0.figure == figure })
    }

    /// daily-ingest, 6 runs. Given: IngestFromAPI throws Lambda.ServiceException on its first attempt
    /// and answers on the retry, in every run; ValidateRowCounts answers validation_passed true in
    /// runs 1–4 and false in 5–6. So: every one of the 6 visits failed exactly 1 attempt and then
    /// succeeded → `failed_attempts: 1` (not a rate); CheckValidation went to NotifySuccess 4 of 6
    /// (0.666666 rounded down, plus the 0.000001 rounding left: 0.666667) and NotifyFailure 2 of 6
    /// (0.333333). Each run: 5 states entered + 1 retry = 6 transitions; 28 events
    /// (2 execution + IngestFromAPI 5 + 3 for the retry + RunGlueTransform 6 with TaskSubmitted +
    /// ValidateRowCounts 5 + CheckValidation 2 + Notify* 5).
    @Test func dailyIngestGivesFailedAttemptsAndOdds() throws {
        let fit = try Self.fit(Fixtures.path("examples/daily-ingest/daily-ingest.asl.json"), batch: "daily-ingest", machine: "daily-ingest")
        #expect(fit.observed.executions == 6)
        let ingest = try #require(fit.usage.states["IngestFromAPI"])
        #expect(ingest.failedAttempts?.value == 1)
        #expect(ingest.failureRate == nil)
        #expect(ingest.error?.value == "Lambda.ServiceException")
        #expect(fit.text.contains("failed_attempts: 1   # every one of 6 visits in 6 executions failed 1, then succeeded (6 failed of 12 attempts)"))
        #expect(fit.usage.states["CheckValidation"]?.branches?.value == ["NotifySuccess": 0.666667, "NotifyFailure": 0.333333])
        #expect(fit.observed.transitions.mean == 6 && fit.observed.transitions.standardDeviation == 0)
        #expect(fit.observed.events.mean == 28)
        // RunGlueTransform never failed: a rate of 0 (the observation, not a default).
        #expect(fit.usage.states["RunGlueTransform"]?.failureRate?.value == 0)
    }

    /// With `failed_attempts: 1` the estimate is exact: 6 transitions and 28 events per execution,
    /// IngestFromAPI 2 transitions (entry + retry). A rate of 6 ÷ 12 = 0.5 would have predicted
    /// 1 + 0.5 + 0.25 + 0.125 = 1.875 attempts and sent 0.5⁴ = 6.25% of runs to the Catch.
    @Test func dailyIngestReconcilesExactly() throws {
        let fit = try Self.fit(Fixtures.path("examples/daily-ingest/daily-ingest.asl.json"), batch: "daily-ingest", machine: "daily-ingest")
        let reconciliation = try Self.reconcile(fit)
        #expect(reconciliation.withinTolerance)
        #expect(abs(try Self.row(reconciliation, nil, "transitions").predicted - 6) < 1e-9)
        #expect(abs(try Self.row(reconciliation, nil, "events").predicted - 28) < 1e-9)
        #expect(abs(try Self.row(reconciliation, "IngestFromAPI", "transitions").predicted - 2) < 1e-9)
        // NotifySuccess: 4 of 6 runs, predicted from the fitted odds 0.666667.
        let success = try Self.row(reconciliation, "NotifySuccess", "visits")
        #expect(abs(success.observedMean - 4.0 / 6) < 1e-12)
        #expect(abs(success.predicted - 0.666667) < 1e-9)
    }

    /// micro-batch, 10 runs. Given: Enrich answers type order in runs 1–5, click in 6–8, view in 9–10
    /// (Discard, the Default); Enrich is throttled (Lambda.TooManyRequestsException) on the first
    /// attempt of runs 1 and 6 only. So the odds are StoreOrder 0.5, StoreClick 0.3, Discard 0.2;
    /// the visits disagree (8 without a failure, 2 with one), so Enrich gets a rate: 2 failed of
    /// 12 attempts = 0.166667. Events: 17 in a throttled order run (2 + Enrich 5 + 3 + Choice 2 +
    /// StoreOrder 5), 11 in a view run (2 + 5 + 2 + Pass 2).
    @Test func microBatchGivesOddsAndARate() throws {
        let fit = try Self.fit(Fixtures.path("examples/micro-batch/micro-batch.asl.json"), batch: "micro-batch", machine: "micro-batch")
        #expect(fit.observed.executions == 10)
        #expect(fit.usage.states["RouteByType"]?.branches?.value == ["StoreOrder": 0.5, "StoreClick": 0.3, "Discard": 0.2])
        let enrich = try #require(fit.usage.states["Enrich"])
        #expect(enrich.failureRate?.value == 0.166667)
        #expect(enrich.failedAttempts == nil)
        #expect(enrich.error?.value == "Lambda.TooManyRequestsException")
        #expect(fit.observed.events.max == 17 && fit.observed.events.min == 11)
        // Mean events: runs 1 and 6: 17 each; 2–5 (order) and 7–8 (click), no retry: 14 each;
        // 9–10: 11 each → (2 × 17 + 6 × 14 + 2 × 11) / 10 = 140 / 10.
        #expect(abs(fit.observed.events.mean - 14) < 1e-12)
    }

    /// s3-fanout, 3 runs with 2, 4 and 6 keys: items expected (2 + 4 + 6) / 3 = 4, max 6. Every
    /// item's first TransformObject attempt is throttled and the retry succeeds: 12 visits, each
    /// failed 1 → `failed_attempts: 1`. Events: 13 + 10 per item (2 execution, ListKeys 5, Map 4,
    /// Done 2; per item MapIterationStarted/Succeeded 2 + TransformObject 5 + 3) = 33, 53, 73.
    @Test func s3FanoutGivesItemsAndFailedAttempts() throws {
        let fit = try Self.fit(Fixtures.path("examples/s3-fanout/s3-fanout.asl.json"), batch: "s3-fanout", machine: "s3-fanout")
        let items = try #require(fit.usage.states["ProcessKeys"]?.items?.value)
        #expect(items.expected == 4 && items.max == 6)
        #expect(fit.usage.states["TransformObject"]?.failedAttempts?.value == 1)
        #expect(fit.usage.states["ListKeys"]?.failureRate?.value == 0)
        #expect(fit.observed.events.mean == 53 && fit.observed.events.max == 73)
        // With items 4 and failed_attempts 1 the whole execution is exact: 3 + 4 × 2 = 11
        // transitions on average (ListKeys, ProcessKeys, Done; each item entry + retry).
        let reconciliation = try Self.reconcile(fit)
        #expect(abs(try Self.row(reconciliation, nil, "transitions").predicted - 11) < 1e-9)
        #expect(abs(try Self.row(reconciliation, nil, "transitions").observedMean - 11) < 1e-12)
        #expect(reconciliation.withinTolerance)
    }

    /// A corpus machine (SQS → Choice → Map). Given: 0, 2 and 3 messages. The Choice goes to Finish
    /// once ("No messages") and to Process Messages twice: 0.333333 / 0.666667; the Map ran twice
    /// with 2 and 3 items: expected 2.5, max 3.
    @Test func corpusSqsMapGivesOddsAndItems() throws {
        let fit = try Self.fit(Self.sqsMap, batch: "sqs-map", machine: try Self.name(Self.sqsMap))
        #expect(fit.usage.states["Are there messages to process?"]?.branches?.value == ["Finish": 0.333333, "Process Messages": 0.666667])
        let items = try #require(fit.usage.states["Process Messages"]?.items?.value)
        #expect(items.expected == 2.5 && items.max == 3)
        // Write message to DynamoDB: 0 + 2 + 3 entries over 3 runs.
        #expect(abs((fit.observed.visits["Write message to DynamoDB"]?.mean ?? 0) - 5.0 / 3) < 1e-12)
        let reconciliation = try Self.reconcile(fit)
        #expect(reconciliation.withinTolerance, "\(reconciliation.machines.flatMap(\.rows).filter(\.failsTolerance))")
    }

    /// A corpus machine with a polling loop. Given: StartCrawler throws Glue.CrawlerRunningException in
    /// run 2 (its retrier allows 0 attempts; the Catch goes on to GetCrawler), GetCrawler answers
    /// READY every time. StartCrawler: 1 failed of 3 attempts, and the failed visit never succeeded,
    /// so a rate (0.333333), not failed_attempts; Is Running? always left to Prepare Output; the loop
    /// states were entered at most once per run (max_visits 1, observed), Wait never.
    @Test func corpusGlueCrawlerGivesARateAndObservedBounds() throws {
        let fit = try Self.fit(Self.crawler, batch: "glue-crawler", machine: try Self.name(Self.crawler))
        let start = try #require(fit.usage.states["StartCrawler"])
        #expect(start.failureRate?.value == 0.333333)
        #expect(start.error?.value == "Glue.CrawlerRunningException")
        #expect(fit.usage.states["Is Running?"]?.branches?.value == ["Prepare Output": 1])
        #expect(fit.usage.states["GetCrawler"]?.maxVisits?.value == 1)
        #expect(fit.usage.states["Wait for Crawler To Complete"]?.maxVisits == nil)
    }

    /// The oracle's files are the CLI's shape (4-space indent, ISO 8601 timestamps with `T`), and
    /// both readers (quick and located) read them alike.
    @Test func oracleFilesAreTheCLIShape() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 25)
        for file in files {
            let path = (Self.folder as NSString).appendingPathComponent(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("{\n    \"events\": [\n        {\n            \"timestamp\": \"20"), "\(file)")
            let quick = try #require(HistoryPage.quick(Data(text.utf8), file: path))
            let located = try HistoryPage.read(path: path, located: true)
            let a = ExecutionSummary(events: quick.events, source: file, location: quick.location)
            let b = ExecutionSummary(events: located.events, source: file, location: located.location)
            #expect(a.events == b.events && a.transitions == b.transitions && a.taskVisits == b.taskVisits && a.start == b.start)
        }
    }

    static func name(_ path: String) throws -> String {
        let outcome = Calibrator.observe(.init(paths: [path], histories: []))
        return try #require(outcome.machines.first?.name)
    }
}
