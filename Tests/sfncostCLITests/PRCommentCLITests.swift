import Foundation
import Testing

/// Issue #12, item 1, as a user runs it: the comment of `estimate` and `diff` with `--format markdown`.
@Suite struct PRCommentCLITests {
    /// The whole test corpus (over 300 machines) fits in one GitHub comment (65,536 characters; counted
    /// here in UTF-8 bytes, never fewer) and says what it left out. The corpus holds broken inputs, so
    /// the exit status is 2; the comment is still written, and its gate fails (the corpus has errors).
    @Test func corpusCommentFitsInOneComment() throws {
        // Not through CLIRunner.run: the corpus's warnings on stderr exceed a pipe's buffer while
        // that reads stdout to its end first. stderr goes to /dev/null here.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["estimate", "Tests/Corpus", "--format", "markdown"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLIRunner.repoRoot)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let result = CLIRunner.Result(status: process.terminationStatus, stdout: stdout, stderr: "")
        #expect(result.status == 2)
        #expect(result.stdout.utf8.count < 65_536)
        #expect(result.stdout.hasPrefix("<!-- sfncost -->\n### Monthly Step Functions cost: \\$"))
        // Some files of the corpus are not valid definitions: exit 2, which the verdict says first.
        #expect(result.stdout.contains("\n❌ **Gate failed** (the job exits 2): "))
        #expect(result.stdout.contains(" inputs could not be analysed \\(see the input problems\\); \\(--fail-on error\\): "))
        #expect(result.stdout.contains("not shown, to stay under GitHub's comment size limit: "))
        #expect(result.stdout.contains("see the job summary or the JSON report"))
    }

    /// Daily to twice a day doubles every monthly figure of daily-ingest: the headline says +100%,
    /// and the gate's verdict matches the exit status on both sides of the limit.
    @Test func diffCommentShowsTheGateVerdict() throws {
        let base = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile",
                                      "examples/daily-ingest/usage.yml", "--format", "json"])
        let basePath = try CLIRunner.temporaryFile(base.stdout, name: "base.json")
        let profile = try String(contentsOfFile: (CLIRunner.repoRoot as NSString).appendingPathComponent("examples/daily-ingest/usage.yml"), encoding: .utf8)
            .replacingOccurrences(of: "rate(1 day)", with: "rate(12 hours)")
        let profilePath = try CLIRunner.temporaryFile(profile, name: "usage.yml")
        let head = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile", profilePath, "--format", "json"])
        let headPath = try CLIRunner.temporaryFile(head.stdout, name: "head.json")

        let within = try CLIRunner.run(["diff", basePath, headPath, "--max-increase", "150%", "--format", "markdown"])
        #expect(within.status == 0, "\(within.stderr)")
        let lines = within.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "<!-- sfncost -->")
        #expect(lines[1].hasPrefix("### Monthly Step Functions cost rises from \\$") && lines[1].hasSuffix(" (+100%)"), "\(lines[1])")
        #expect(within.stdout.contains("✅ **Gate passed**: checked a rise of the total monthly cost of at most 150% \\(--max-increase 150%\\)."))
        #expect(within.stdout.contains("<details><summary><strong>daily-ingest</strong>: "))
        // Runs per month: a month is 730 hours (AWS), so rate(1 day) is 730 / 24 = 30.42 and rate(12 hours) 60.83.
        #expect(within.stdout.contains("| Runs per month | 30.42 | 60.83 |"))

        let over = try CLIRunner.run(["diff", basePath, headPath, "--max-increase", "50%", "--format", "markdown"])
        #expect(over.status == 1)
        // 30.42 → 60.83 runs a month: the cost doubles, +100%, over the 50% allowed.
        #expect(over.stdout.contains("❌ **Gate failed** (the job exits 1): the total monthly cost changes by "))
        #expect(over.stdout.contains("\\(+100.00%\\)") && over.stdout.contains("more than the allowed increase of 50% \\(--max-increase 50%\\)"))
        #expect(over.stderr.contains("sfncost: failing (budget): the total monthly cost changes by "))
    }
}
