import Foundation
import Testing

/// The CLI as a user meets it: the README's commands, exit codes, and errors that name file:line:column.
@Suite struct CLITests {
    @Test func readmeEstimateCommandWorks() throws {
        let result = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json",
                                        "--profile", "examples/daily-ingest/usage.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("daily-ingest"))
        #expect(result.stdout.contains("Recommended: STANDARD"))
        #expect(result.stdout.contains("Prices: us-east-1"))
    }

    @Test func readmeJSONCommandGivesTheVersionedSchema() throws {
        let result = try CLIRunner.run(["estimate", "examples/", "--profile", "examples/usage.yml", "--format", "json", "--fail-on", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let machines = try #require(object["stateMachines"] as? [[String: Any]])
        #expect(machines.map { $0["name"] as? String } == ["daily-ingest", "micro-batch", "quality-checks", "s3-fanout"])
        // Money is a decimal string; counts are numbers; unknown figures are null, never missing.
        let monthly = try #require(machines[0]["monthly"] as? [String: Any])
        let standard = try #require(monthly["standard"] as? [String: Any])
        #expect(standard["cost"] is String)
        #expect(standard["transitions"] is NSNumber)
        let figure = try #require((machines[0]["perExecution"] as? [String: Any])?["transitions"] as? [String: Any])
        #expect(figure.keys.contains("worstCaseIsUpperBound"))
    }

    /// examples/s3-fanout can iterate over 5,000 items in an inline Map: its worst case writes
    /// 65,013 history events (derived in the s3-fanout test), over the 25,000 limit, an error.
    @Test func failOnErrorExitsOneWithAReason() throws {
        let result = try CLIRunner.run(["estimate", "examples/s3-fanout/s3-fanout.asl.json", "--profile", "examples/s3-fanout/usage.yml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("examples/s3-fanout/s3-fanout.asl.json:18:5"))
        #expect(result.stderr.contains("SFN101"))
        let never = try CLIRunner.run(["estimate", "examples/s3-fanout/s3-fanout.asl.json", "--profile",
                                       "examples/s3-fanout/usage.yml", "--fail-on", "never"])
        #expect(never.status == 0)
    }

    @Test func missingFileIsExitTwoWithItsName() throws {
        let result = try CLIRunner.run(["estimate", "no/such/file.asl.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such/file.asl.json:1:1: error: no such file or directory"))
    }

    @Test func invalidDefinitionNamesLineAndColumn() throws {
        let path = try CLIRunner.temporaryFile("""
        {
          "StartAt": "A",
          "States": {
            "A": {"Type": "Pass", "Next": "Nowhere"}
          }
        }
        """, name: "broken.asl.json")
        let result = try CLIRunner.run(["estimate", path])
        #expect(result.status == 2)
        // "Nowhere" stands at line 4, column 35.
        #expect(result.stderr.contains("\(path):4:35: error: 'Next' of state 'A' names 'Nowhere'"))
    }

    @Test func syntaxErrorNamesLineAndColumn() throws {
        let path = try CLIRunner.temporaryFile("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\" \"End\": true}\n  }\n}\n",
                                               name: "syntax.asl.json")
        let result = try CLIRunner.run(["estimate", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):4:"))
        #expect(result.stderr.contains("not valid JSON"))
    }

    @Test func badProfileValueNamesItsLine() throws {
        let profile = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  daily-ingest:\n    executions: rate(often)\n",
                                                  name: "usage.yml")
        let result = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile", profile])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(profile):4:17: error:"))
    }

    @Test func unknownRegionListsTheKnownOnes() throws {
        let result = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--region", "mars-north-1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no prices for region 'mars-north-1'"))
        #expect(result.stderr.contains("us-east-1"))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try CLIRunner.run(["estimate", "examples/", "--format", "yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("format"))
    }

    @Test func helpDocumentsExitCodes() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("EXIT CODES"))
        let estimate = try CLIRunner.run(["estimate", "--help"])
        #expect(estimate.stdout.contains("--profile"))
        #expect(estimate.stdout.contains("--fail-on"))
    }

    @Test func explainShowsTheWorstPath() throws {
        let result = try CLIRunner.run(["explain", "examples/daily-ingest/daily-ingest.asl.json",
                                        "--profile", "examples/daily-ingest/usage.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        // Worst transitions 8: IngestFromAPI 4 attempts, then Glue, Validate, the Choice, a Notify.
        #expect(result.stdout.contains("Worst case, transitions: 8"))
        // Events 34: the states' 32 plus the execution's start and end (DailyIngestExampleTests).
        #expect(result.stdout.contains("Worst case, events: 34"))
        #expect(result.stdout.contains("$0.000025 (us-east-1/standard/state-transition)"))
        #expect(result.stdout.contains("IngestFromAPI"))
        #expect(result.stdout.contains("daily-ingest/standard/state-transition") || result.stdout.contains("us-east-1/standard/state-transition"))
    }

    /// Input files are only read: their bytes are the same after a run.
    @Test func inputsAreNeverWritten() throws {
        let paths = ["examples/daily-ingest/daily-ingest.asl.json", "examples/daily-ingest/usage.yml"]
            .map { (CLIRunner.repoRoot as NSString).appendingPathComponent($0) }
        let before = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        _ = try CLIRunner.run(["estimate", paths[0], "--profile", paths[1], "--format", "json"])
        let after = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(before == after)
    }
}

@Suite struct DiffCLITests {
    /// The README's PR flow: two saved reports, a diff, a gate on the increase.
    @Test func diffGatesOnTheIncrease() throws {
        let base = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                      "examples/daily-ingest/usage.yml", "--format", "json"])
        let basePath = try CLIRunner.temporaryFile(base.stdout, name: "base.json")
        // Twice a day instead of daily doubles the cost: +100%.
        let profile = try String(contentsOfFile: (CLIRunner.repoRoot as NSString).appendingPathComponent("examples/daily-ingest/usage.yml"), encoding: .utf8)
            .replacingOccurrences(of: "rate(1 day)", with: "rate(12 hours)")
        let profilePath = try CLIRunner.temporaryFile(profile, name: "usage.yml")
        let head = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile", profilePath, "--format", "json"])
        let headPath = try CLIRunner.temporaryFile(head.stdout, name: "head.json")
        let within = try CLIRunner.run(["diff", basePath, headPath, "--max-increase", "150%"])
        #expect(within.status == 0, "\(within.stderr)")
        #expect(within.stdout.contains("+100.0%"))
        let over = try CLIRunner.run(["diff", basePath, headPath, "--max-increase", "50%", "--format", "markdown"])
        #expect(over.status == 1)
        #expect(over.stderr.contains("--max-increase 50%"))
        let broken = try CLIRunner.run(["diff", basePath, "/no/such/report.json"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("/no/such/report.json:1:1"))
    }

    @Test func budgetGatesTheEstimate() throws {
        // daily-ingest costs $0.0038 a month as Standard (DailyIngestExampleTests).
        let under = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                       "examples/daily-ingest/usage.yml", "--budget", "1"])
        #expect(under.status == 0)
        let over = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                      "examples/daily-ingest/usage.yml", "--budget", "0.001"])
        #expect(over.status == 1)
        #expect(over.stderr.contains("--budget 0.001"))
    }
}

@Suite struct GateCLITests {
    /// A folder with no state machine is an error: a renamed folder must not turn CI green.
    @Test func emptyInputIsAnError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try CLIRunner.run(["estimate", empty.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("found no state machine"))
    }

    /// An empty scan still writes a valid document in every machine format, saying so; exit 2.
    @Test(arguments: ["json", "sarif", "markdown", "github"])
    func emptyInputWritesADocument(_ format: String) throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try CLIRunner.run(["estimate", empty.path, "--format", format])
        #expect(result.status == 2)
        #expect(result.stdout.contains("Input.NoMachine"))
        if format == "json" || format == "sarif" {
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(document != nil)
            if format == "json" { #expect((document?["stateMachines"] as? [Any])?.isEmpty == true) }
        }
    }

    /// One broken input: exit 2, yet the SARIF document is written with the error in its notifications.
    @Test func sarifIsWrittenEvenWhenAnInputFails() throws {
        let broken = try CLIRunner.temporaryFile(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Z"}}}"#, name: "broken.asl.json")
        let result = try CLIRunner.run(["estimate", broken, "examples/daily-ingest/daily-ingest.asl.json", "--format", "sarif"])
        #expect(result.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect((invocation["toolExecutionNotifications"] as? [Any])?.count == 1)
    }

    /// A misspelt state in the profile is a warning; --fail-on warning makes it fail the gate.
    @Test func profileWarningsFailAStrictGate() throws {
        let profile = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  daily-ingest:\n    states:\n      IngestFromAPl: {failure_rate: 0.1}\n", name: "usage.yml")
        let lenient = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile", profile])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("IngestFromAPl"))
        let strict = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile", profile, "--fail-on", "warning"])
        #expect(strict.status == 1)
    }
}

@Suite struct UnknownCostGateTests {
    /// A machine whose loop can never exit has no monthly cost; a cost gate must not read that as $0.
    @Test func unknownCostFailsTheCostGates() throws {
        let definition = try CLIRunner.temporaryFile("""
        {"StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Wait"},
          "Wait": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
          "Done": {"Type": "Succeed"}}}
        """, name: "poll.asl.json")
        let bounded = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  poll:\n    states:\n      Check: {max_visits: 5}\n", name: "a.yml")
        let trapped = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  poll:\n    states:\n      Check: {max_visits: 5, branches: {Wait: 1}}\n", name: "b.yml")
        let base = try CLIRunner.run(["estimate", definition, "--profile", bounded, "--format", "json"])
        let head = try CLIRunner.run(["estimate", definition, "--profile", trapped, "--format", "json", "--fail-on", "never"])
        let basePath = try CLIRunner.temporaryFile(base.stdout, name: "base.json")
        let headPath = try CLIRunner.temporaryFile(head.stdout, name: "head.json")
        let diff = try CLIRunner.run(["diff", basePath, headPath, "--max-increase", "10%"])
        #expect(diff.status == 1)
        #expect(diff.stderr.contains("cannot be computed"))
        let budget = try CLIRunner.run(["estimate", definition, "--profile", trapped, "--fail-on", "never", "--budget", "100"])
        #expect(budget.status == 1)
    }
}

@Suite struct StepSummaryCLITests {
    /// With --format github and GITHUB_STEP_SUMMARY set, the Markdown report is appended to that file
    /// (what was there stays), and stdout holds only the annotations.
    @Test func githubFormatAppendsTheMarkdownToTheJobSummary() throws {
        let summary = try CLIRunner.temporaryFile("earlier step\n", name: "summary.md")
        let result = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                        "examples/daily-ingest/usage.yml", "--format", "github"],
                                       environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n<!-- sfncost -->\n### Monthly Step Functions cost: "))
        #expect(text.contains("| daily-ingest |"))
        #expect(!result.stdout.contains("## sfncost"))
    }
}
