import Foundation
import Testing

/// Profile values that made sfncost trap, print NaN, ∞ or $0, or fail the JSON encoder, while
/// `--budget 1` passed (issue 10, items 1 and 2). Through the binary: the exit code, the reason on
/// stderr, and no output in any format with a number that is not a number.
@Suite struct HostileValueCLITests {
    /// A Task, then an inline Map over a Task (12 transitions a run with the defaults).
    static let machine = """
    {"StartAt": "Work", "States": {
      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "Fan"},
      "Fan": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {
        "Item": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:g", "End": true}}}, "End": true}}}
    """

    struct Case: CustomTestStringConvertible, Sendable {
        var entry: String
        /// The declared type whose cost the budget reads (the one that is too large).
        var type: String
        /// 1: the budget fails on a too-large cost; 2: the value is rejected where it stands.
        var budgetExit: Int32
        var testDescription: String { entry }
    }

    static let cases: [Case] = [
        Case(entry: "memory_mb: 9223372036854775807", type: "EXPRESS", budgetExit: 1),
        Case(entry: "payload_kb: 1e22", type: "EXPRESS", budgetExit: 1),
        Case(entry: "states: {Fan: {items: 1e100}}", type: "STANDARD", budgetExit: 1),
        Case(entry: "executions: 1e127", type: "STANDARD", budgetExit: 2),
        Case(entry: "states: {Work: {duration: 1e150}}", type: "EXPRESS", budgetExit: 1),
        Case(entry: "states: {Fan: {items: 1e200}}", type: "STANDARD", budgetExit: 1),
        Case(entry: "states: {Work: {duration: 1e300}}", type: "EXPRESS", budgetExit: 1),
        Case(entry: "states: {Work: {duration: 1e308}}", type: "EXPRESS", budgetExit: 1),
        Case(entry: "executions: rate(1e-120 minutes)", type: "STANDARD", budgetExit: 2),
        Case(entry: "states: {Fan: {items: 1.79e308}}", type: "STANDARD", budgetExit: 1),
        Case(entry: "states: {Work: {duration: 1e400}}", type: "EXPRESS", budgetExit: 2),
    ]

    static func hasNonNumber(_ text: String) -> Bool {
        text.contains("∞") || text.range(of: #"(?i)\b(nan|inf|infinity)\b"#, options: .regularExpression) != nil
    }

    @Test(arguments: cases) func budgetFailsAndNoOutputLies(_ hostile: Case) throws {
        let definition = try CLIRunner.temporaryFile(Self.machine, name: "m.asl.json")
        let profile = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  m:\n    type: \(hostile.type)\n    \(hostile.entry)\n",
                                                  name: "usage.yml")
        let budget = try CLIRunner.run(["estimate", definition, "--profile", profile, "--fail-on", "never", "--budget", "1"])
        #expect(budget.status == hostile.budgetExit, "\(budget.stderr)")
        if hostile.budgetExit == 1 {
            #expect(budget.stderr.contains("failing (--budget): the monthly cost of 'm' is too large to represent"))
            #expect(budget.stdout.contains("too large"))
        } else {
            // Rejected at the profile's line 5, where the value stands.
            #expect(budget.stderr.contains("usage.yml:5:"), "\(budget.stderr)")
        }
        var outputs = [budget.stdout, budget.stderr]
        for arguments in [["estimate", "--format", "json"], ["estimate", "--format", "markdown"], ["estimate", "--format", "sarif"],
                          ["estimate", "--format", "github"], ["explain"], ["explain", "--format", "json"]] {
            let run = try CLIRunner.run(arguments + [definition, "--profile", profile, "--fail-on", "never"].filter { arguments[0] == "estimate" || $0 != "--fail-on" && $0 != "never" })
            #expect(run.status == (hostile.budgetExit == 2 ? 2 : 0), "\(arguments): \(run.stderr)")
            outputs += [run.stdout, run.stderr]
        }
        for output in outputs { #expect(!Self.hasNonNumber(output), "\(output)") }
    }

    /// `diff --max-increase` fails when the head's cost is too large, saying so; it is not a rise from $0.30 to $0.
    @Test func diffGateFailsOnATooLargeCost() throws {
        let definition = try CLIRunner.temporaryFile(Self.machine, name: "m.asl.json")
        let normal = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  m:\n    type: STANDARD\n", name: "a.yml")
        let hostile = try CLIRunner.temporaryFile("version: 1\nstate_machines:\n  m:\n    type: STANDARD\n    states: {Fan: {items: 1e200}}\n", name: "b.yml")
        let base = try CLIRunner.run(["estimate", definition, "--profile", normal, "--format", "json", "--fail-on", "never"])
        let head = try CLIRunner.run(["estimate", definition, "--profile", hostile, "--format", "json", "--fail-on", "never"])
        #expect(base.status == 0 && head.status == 0)
        let basePath = try CLIRunner.temporaryFile(base.stdout, name: "base.json")
        let headPath = try CLIRunner.temporaryFile(head.stdout, name: "head.json")
        let forward = try CLIRunner.run(["diff", basePath, headPath, "--max-increase", "1000%"])
        #expect(forward.status == 1)
        #expect(forward.stderr.contains("the monthly cost of 'm' in the head report is too large to represent"))
        // And the other way round: a base that is too large leaves the rise unknown too.
        let backward = try CLIRunner.run(["diff", headPath, basePath, "--max-increase", "1000%"])
        #expect(backward.status == 1)
        #expect(backward.stderr.contains("in the base report is too large to represent"))
        for output in [forward.stdout, backward.stdout] { #expect(!Self.hasNonNumber(output)) }
    }
}

/// Price data and saved reports that were misread (issue 10, item 9): exit 2 with the location.
@Suite struct HostileDataCLITests {
    @Test func badPriceDataIsALocatedError() throws {
        let shipped = try String(contentsOfFile: (CLIRunner.repoRoot as NSString).appendingPathComponent("pricing/step-functions.json"), encoding: .utf8)
        for (original, hostile, phrase) in [
            ("\"freeTransitionsPerMonth\": 4000", "\"freeTransitionsPerMonth\": -4000", "'freeTransitionsPerMonth' must be a whole number"),
            ("\"price\": \"0.000025\"", "\"price\": \".\"", "'price' must be a decimal string"),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 7", "price data schemaVersion 7 is not supported"),
        ] {
            let range = try #require(shipped.range(of: original))
            let line = shipped[..<range.lowerBound].filter { $0 == "\n" }.count + 1
            let file = try CLIRunner.temporaryFile(shipped.replacingCharacters(in: range, with: hostile), name: "prices.json")
            let directory = (file as NSString).deletingLastPathComponent
            let run = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--pricing", directory])
            #expect(run.status == 2)
            #expect(run.stderr.contains("prices.json:\(line):"), "\(run.stderr)")
            #expect(run.stderr.contains(phrase), "\(run.stderr)")
        }
    }

    @Test func diffOfAReportWithABadCostIsALocatedError() throws {
        let base = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                      "examples/daily-ingest/usage.yml", "--format", "json"])
        #expect(base.status == 0)
        let basePath = try CLIRunner.temporaryFile(base.stdout, name: "base.json")
        let range = try #require(base.stdout.range(of: #""declaredCost" : "[0-9.]+""#, options: .regularExpression))
        let line = base.stdout[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        for (hostile, phrase) in [("\"declaredCost\" : \"0.0038abc\"", "'0.0038abc' is not a decimal amount"),
                                  ("\"declaredCost\" : \"-5\"", "is -5, a negative cost")] {
            let headPath = try CLIRunner.temporaryFile(base.stdout.replacingCharacters(in: range, with: hostile), name: "head.json")
            let run = try CLIRunner.run(["diff", basePath, headPath])
            #expect(run.status == 2)
            #expect(run.stderr.contains("head.json:\(line):"), "\(run.stderr)")
            #expect(run.stderr.contains(phrase), "\(run.stderr)")
        }
    }
}

@Suite struct BenchmarkCorpusCLITests {
    /// `benchmark --corpus /missing` timed an empty corpus and exited 0.
    @Test func missingCorpusIsAnError() throws {
        let run = try CLIRunner.run(["benchmark", "--iterations", "1", "--corpus", "/no/such/corpus"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: --corpus '/no/such/corpus': no such directory"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
