import Foundation
import Testing

/// What a new user gets wrong with `calibrate` and `reconcile`, and what they are told.
@Suite struct CalibrateMisuseCLITests {
    static let histories = "examples/calibrate/histories"
    static let metricsFile = "Tests/SFNCostKitTests/Fixtures/express-logs/micro-batch-metrics.json"

    /// `--histories` takes every value up to the next option, so the definitions' directory becomes a
    /// second history: the parse error says so and how to order the command.
    @Test func swallowedPathsAreExplained() throws {
        let result = try CLIRunner.run(["reconcile", "--histories", Self.histories, "examples/daily-ingest", "--profile", "examples/daily-ingest/usage.yml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Missing expected argument '<path>"))
        #expect(result.stderr.contains("--histories takes every value up to the next option, so it also took 'examples/daily-ingest'"), "\(result.stderr)")
        // The way out the hint names works.
        let fixed = try CLIRunner.run(["reconcile", "--histories", Self.histories, "--profile", "examples/daily-ingest/usage.yml", "--", "examples/daily-ingest"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let help = try CLIRunner.run(["calibrate", "--help"])
        #expect(help.stdout.contains("Give the definitions' paths first"))
    }

    @Test func unreadablePathIsTheOnlyError() throws {
        let result = try CLIRunner.run(["calibrate", "nope/", "--histories", Self.histories])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope/:1:1: error: no such file or directory"))
        #expect(!result.stderr.contains("Calibrate.Unmatched"), "\(result.stderr)")
    }

    @Test func filesGivenToTheWrongOptionAreNamed() throws {
        let history = try CLIRunner.run(["calibrate", "examples/daily-ingest", "--express-logs", Self.histories + "/daily-ingest-ok.json"])
        #expect(history.status == 2)
        #expect(history.stderr.contains("give it with --histories, not --express-logs [ExpressLogs.History]"), "\(history.stderr)")
        let definition = try CLIRunner.run(["calibrate", "examples/daily-ingest", "--histories", "examples/daily-ingest/daily-ingest.asl.json"])
        #expect(definition.stderr.contains("it looks like a state machine definition: give it as PATH"))
        let executions = try CLIRunner.run(["calibrate", "examples/daily-ingest", "--histories", Self.histories, "--metrics", "examples/calibrate/list-executions.json"])
        #expect(executions.status == 2)
        #expect(executions.stderr.components(separatedBy: "[Calibrate.NotMetricData]").count == 2, "\(executions.stderr)")
        #expect(executions.stderr.contains("(it looks like `aws stepfunctions list-executions` output: give it with --executions)"), "\(executions.stderr)")
        // And the other way round: metrics given as the execution list.
        let metrics = try CLIRunner.run(["calibrate", "examples/daily-ingest", "--histories", Self.histories, "--executions", Self.metricsFile])
        #expect(metrics.status == 2)
        #expect(metrics.stderr.contains("(it looks like `aws cloudwatch get-metric-data` output: give it with --metrics) [Calibrate.NotExecutionList]"), "\(metrics.stderr)")
    }

    @Test func reconcileRefusesExecutions() throws {
        let result = try CLIRunner.run(["reconcile", "examples/daily-ingest", "--histories", Self.histories, "--executions", "examples/calibrate/list-executions.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--executions is not used by reconcile"))
    }

    /// `5%` is read as 5; `-5` reaches the "0 or more" check instead of being taken for an option.
    @Test func toleranceTakesPercentSignAndRefusesNegative() throws {
        let percent = try CLIRunner.run(["reconcile", "examples/daily-ingest", "--histories", Self.histories, "--profile", "examples/daily-ingest/usage.yml", "--tolerance", "10%"])
        #expect(percent.status == 0, "\(percent.stderr)")
        let negative = try CLIRunner.run(["reconcile", "examples/daily-ingest", "--histories", Self.histories, "--tolerance", "-5"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--tolerance must be a percentage, 0 or more"), "\(negative.stderr)")
    }

    /// micro-batch-metrics.json holds three daily datapoints (2026-11-01 to 2026-11-03) and no
    /// execution: the heading names the datapoints.
    @Test func metricsOnlyHeadingNamesDatapoints() throws {
        let result = try CLIRunner.run(["reconcile", "examples/micro-batch/micro-batch.asl.json", "--metrics", Self.metricsFile])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(3 CloudWatch datapoints, 2026-11-01 to 2026-11-03)"), "\(result.stdout)")
        #expect(!result.stdout.contains("0 executions"))
    }

    @Test func unmeasuredExecutionsAreSaid() throws {
        let result = try CLIRunner.run(["calibrate", "examples/daily-ingest", "--histories", Self.histories])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("# executions: not measured (no --executions or --metrics)"))
        #expect(!result.stdout.contains("\n    executions:"))
        #expect(result.stderr.contains("executions a month were not measured"))
    }

    /// daily-ingest-ok and -retry both enter RunGlueTransform once (interval 1.000 – 1.000); the
    /// model predicts 1 − 0.05⁴ = 0.99999375 (IngestFromAPI, failure_rate 0.05, fails all 4 attempts), which prints as 1.000: not a miss
    /// that --tolerance 0 fails. NotifySuccess, predicted 0.950 (usage.yml's Choice odds) against 1 in
    /// both, is.
    @Test func agreementAtThePrintedPrecisionIsNotFlagged() throws {
        let result = try CLIRunner.run(["reconcile", "examples/daily-ingest", "--profile", "examples/daily-ingest/usage.yml", "--histories",
                                        Self.histories + "/daily-ingest-ok.json", Self.histories + "/daily-ingest-retry.json", "--tolerance", "0"])
        #expect(result.status == 1)
        let glue = result.stdout.split(separator: "\n").filter { $0.contains("RunGlueTransform") }
        #expect(glue.count == 2 && glue.allSatisfy { $0.hasSuffix("ok") }, "\(result.stdout)")
        #expect(result.stderr.contains("state 'NotifySuccess'"))
    }
}
