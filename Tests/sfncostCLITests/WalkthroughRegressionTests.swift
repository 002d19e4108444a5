import Foundation
import Testing

/// What a new-user walkthrough of a fresh clone found, each kept fixed on the binary.
@Suite struct WalkthroughRegressionTests {
    /// A folder of its own holding `files` (relative path → text).
    static func folder(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-walk-\(UUID().uuidString)").path
        for (relative, text) in files {
            let path = (directory as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// An empty scan in `--format github` is sfncost's own annotation on the run, not text made inert.
    @Test func emptyScanAnnotatesTheRun() throws {
        let directory = try Self.folder(["x.json": "{\"a\": 1}\n"])
        let run = try CLIRunner.run(["estimate", directory, "--format", "github"])
        #expect(run.status == 2)
        #expect(run.stdout.hasPrefix("::error title=Input.NoMachine::found no state machine in "), "\(run.stdout)")
    }

    /// A file named `::warning::m.asl.json`: its annotation names that file, GitHub-encoded (`%3A`),
    /// and is not escaped twice (`\u003a%3A…` would name a file that does not exist).
    @Test func annotationFilePropertyIsEncodedOnce() throws {
        let directory = try Self.folder(["::warning::m.asl.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Colour": 1}}}"#])
        let run = try CLIRunner.run(["estimate", directory + "/::warning::m.asl.json", "--format", "github", "--fail-on", "never", "--root", directory])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("file=%3A%3Awarning%3A%3Am.asl.json,"), "\(run.stdout)")
        #expect(!run.stdout.contains("\\u003a"))
    }

    /// A newline inside a name shows as `\u000a` in an annotation's text, as in every other output,
    /// not as a line break that GitHub would render.
    @Test func newlineInANameIsShownEscapedInAnnotations() throws {
        let directory = try Self.folder(["m.asl.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "X\n::error::pwned": 1}}}"#])
        let run = try CLIRunner.run(["estimate", directory, "--format", "github", "--fail-on", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("X\\u000a::error::pwned"), "\(run.stdout)")
        #expect(!run.stdout.contains("%0A"))
        for line in run.stdout.split(separator: "\n") { #expect(!line.hasPrefix("::error::pwned")) }
    }

    /// `--fail-on never` only reports: a profile budget that is exceeded is shown, not enforced; a
    /// `--budget` on the same command still gates. daily-ingest costs $0.0038 a month (README), over
    /// a budget of $0.003.
    @Test func failOnNeverOnlyReportsProfileBudgets() throws {
        let profile = try String(contentsOfFile: CLIRunner.repoRoot + "/examples/daily-ingest/usage.yml", encoding: .utf8)
        let directory = try Self.folder(["usage.yml": profile + "budget: {monthly: 0.003}\n"])
        let definition = CLIRunner.repoRoot + "/examples/daily-ingest/daily-ingest.asl.json"
        let gated = try CLIRunner.run(["estimate", definition, "--profile", directory + "/usage.yml"])
        #expect(gated.status == 1, "\(gated.stderr)")
        let reported = try CLIRunner.run(["estimate", definition, "--profile", directory + "/usage.yml", "--fail-on", "never"])
        #expect(reported.status == 0, "\(reported.stderr)")
        let flagged = try CLIRunner.run(["estimate", definition, "--profile", directory + "/usage.yml", "--fail-on", "never", "--budget", "0.003"])
        #expect(flagged.status == 1)
    }

    /// Two Terraform roots that each declare `aws_sfn_state_machine.etl` give no duplicate key in the
    /// Infracost usage file (which keys one project by address): both are listed in a comment.
    @Test func infracostUsageHasNoDuplicateKeys() throws {
        let machine = """
        resource "aws_sfn_state_machine" "etl" {
          name       = "NAME"
          role_arn   = "arn:aws:iam::123456789012:role/r"
          definition = jsonencode({ StartAt = "A", States = { A = { Type = "Pass", End = true } } })
        }
        """
        let directory = try Self.folder(["a/main.tf": machine.replacingOccurrences(of: "NAME", with: "etl-a"),
                                         "b/main.tf": machine.replacingOccurrences(of: "NAME", with: "etl-b")])
        let run = try CLIRunner.run(["estimate", directory, "--format", "infracost-usage", "--fail-on", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\n  aws_sfn_state_machine.etl:"), "\(run.stdout)")
        #expect(run.stdout.contains("2 Terraform roots in this scan declare aws_sfn_state_machine.etl"))
        #expect(run.stdout.contains("resource_usage: {}"))
    }

    /// The estimate comment folds each machine's flowchart into its section: daily-ingest's section
    /// holds a Mermaid block whose first state is IngestFromAPI (its StartAt), 1 visit a run.
    @Test func estimateCommentHasEachMachinesFlowchart() throws {
        let run = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                     "examples/daily-ingest/usage.yml", "--format", "markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        let section = try #require(run.stdout.range(of: "<summary><strong>daily-ingest</strong>").map { String(run.stdout[$0.lowerBound...]) })
        #expect(section.contains("```mermaid\nflowchart TD"))
        #expect(section.contains(#"n1["IngestFromAPI<br/>Task, 1 visit"#))
    }

    /// `diff --base-ref` folds the head machine's flowchart into its section with what changed marked:
    /// a Pass state `Audit` added after NotifySuccess is drawn as new (class `added`). Its visits:
    /// NotifySuccess is reached 0.95 of runs (the profile's odds), so Audit 0.95.
    @Test func baseRefCommentMarksNewStatesInTheFlowchart() throws {
        let definition = try String(contentsOfFile: CLIRunner.repoRoot + "/examples/daily-ingest/daily-ingest.asl.json", encoding: .utf8)
        let profile = try String(contentsOfFile: CLIRunner.repoRoot + "/examples/daily-ingest/usage.yml", encoding: .utf8)
        let directory = try Self.folder(["flow/daily-ingest.asl.json": definition, "flow/usage.yml": profile])
        try ReviewEndToEndTests.git(["init", "-q"], in: directory)
        try ReviewEndToEndTests.git(["add", "."], in: directory)
        try ReviewEndToEndTests.git(["commit", "-q", "-m", "base"], in: directory)
        var machine = try #require(try JSONSerialization.jsonObject(with: Data(definition.utf8)) as? [String: Any])
        var states = try #require(machine["States"] as? [String: Any])
        var notify = try #require(states["NotifySuccess"] as? [String: Any])
        notify.removeValue(forKey: "End")
        notify["Next"] = "Audit"
        states["NotifySuccess"] = notify
        states["Audit"] = ["Type": "Pass", "End": true]
        machine["States"] = states
        try JSONSerialization.data(withJSONObject: machine).write(to: URL(fileURLWithPath: directory + "/flow/daily-ingest.asl.json"))
        let run = try CLIRunner.run(["diff", "--base-ref", "HEAD", "flow", "--profile", "flow/usage.yml", "--format", "markdown"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.components(separatedBy: "\n")
        let audit = try #require(lines.first { $0.contains(#"["Audit<br/>NEW, Pass, 0.95 visits"#) })
        let node = try #require(audit.split(separator: "[").first?.trimmingCharacters(in: .whitespaces))
        #expect(lines.contains("  class \(node) added"), "\(run.stdout)")
    }
}
