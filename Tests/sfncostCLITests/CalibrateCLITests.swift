import Foundation
import Testing

/// `sfncost calibrate` and `sfncost reconcile` on the worked example (examples/calibrate), as a user
/// runs them; figures derived in examples/calibrate/README.md.
@Suite struct CalibrateCLITests {
    static let example = ["examples/daily-ingest", "--histories", "examples/calibrate/histories"]

    /// 5 starts a day apart: 4 / 96 h × 730 = 30.416667; IngestFromAPI failed 1 of 2 attempts in the
    /// retried run and 4 of 4 in the caught one: 5 of 8 = 0.625; the Choice went to NotifySuccess in
    /// the ok and retried runs and to NotifyFailure in the invalid one: 2/3 and 1/3.
    @Test func calibrateWritesTheFittedProfile() throws {
        let result = try CLIRunner.run(["calibrate"] + Self.example + ["--executions", "examples/calibrate/list-executions.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("executions: 30.416667"))
        #expect(result.stdout.contains("failure_rate: 0.625   # 5 failed of 8 attempts in 4 executions"))
        #expect(result.stdout.contains("branches: {NotifySuccess: 0.666667, NotifyFailure: 0.333333}"))
        #expect(result.stderr.contains("calibrated from 4 of 4 executions read"))
        // The fitted profile is a profile estimate reads without a warning.
        let fitted = try CLIRunner.temporaryFile(result.stdout, name: "fitted.yml")
        let estimate = try CLIRunner.run(["estimate", "examples/daily-ingest", "--profile", fitted, "--fail-on", "warning"])
        #expect(estimate.status == 0, "\(estimate.stderr)")
    }

    @Test func reconcileGatesOnTolerance() throws {
        let ok = try CLIRunner.run(["reconcile"] + Self.example + ["--profile", "examples/daily-ingest/usage.yml", "--tolerance", "10"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("NotifySuccess"))
        let json = try CLIRunner.run(["reconcile"] + Self.example + ["--format", "json"])
        #expect(json.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["version"] as? Int == 1)
        let markdown = try CLIRunner.run(["reconcile"] + Self.example + ["--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("| IngestFromAPI | visits | 1.000 | 1.000 |"))
    }

    /// A profile where IngestFromAPI fails 99.9% of attempts: all four attempts fail with
    /// 0.999⁴ = 0.996006, so RunGlueTransform is predicted 1 − 0.996006 = 0.004 visits. Observed: 1, 1, 1, 0 (the caught run): mean 0.75,
    /// sd 0.5, se 0.25, interval 0.75 ± 0.49 = [0.26, 1.24]; 0.004 lies outside and is 99.5% off.
    @Test func reconcileNamesTheStateThatIsOff() throws {
        let profile = try CLIRunner.temporaryFile("""
        version: 1
        state_machines:
          daily-ingest:
            states:
              IngestFromAPI: {failure_rate: 0.999}
        """, name: "always-fails.yml")
        let result = try CLIRunner.run(["reconcile"] + Self.example + ["--profile", profile, "--tolerance", "10"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("failing (--tolerance 10%)"))
        let row = result.stdout.split(separator: "\n").first { $0.contains("RunGlueTransform") && $0.contains("visits") }
        #expect(row?.contains("0.004") == true && row?.contains("0.750") == true && row?.contains("OFF") == true, "\(result.stdout)")
    }

    @Test func badHistoriesExit2WithThePlace() throws {
        let notHistory = try CLIRunner.run(["calibrate", "examples/daily-ingest", "--histories", "examples/daily-ingest/daily-ingest.asl.json"])
        #expect(notHistory.status == 2)
        #expect(notHistory.stderr.contains("daily-ingest.asl.json:1:1: error:"))
        #expect(notHistory.stderr.contains("[History.NotHistory]"))
        let missing = try CLIRunner.run(["calibrate", "examples/daily-ingest"])
        #expect(missing.status == 2)
        let unknown = try CLIRunner.run(["calibrate"] + Self.example + ["--machine", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Calibrate.UnknownMachine"))
    }
}
