import Foundation
import Testing

/// Issue #10, points 4 and 5, on the binary: a hostile pull request names a state
/// "B\n::error file=README.md,line=1::INJECTED" and another "::stop-commands::tok", in a file whose
/// name holds a terminal escape and a right-to-left override. No line of stdout or stderr may then
/// start with `::` (a GitHub workflow command), in any format or command, except sfncost's own
/// annotations in `--format github`; and no control character reaches either stream raw.
@Suite struct HostileNameCLITests {
    static let injected = "B\n::error file=README.md,line=1::INJECTED"
    static let stopCommands = "::stop-commands::tok"
    static let stem = "m\u{1B}[31mred\u{202E}"

    /// A → injected (.waitForTaskToken without TimeoutSeconds: SFN145, a warning quoting its name)
    /// → stop-commands (Pass).
    static func directory() throws -> URL {
        let states: [String: Any] = [
            "A": ["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": injected],
            injected: ["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Next": stopCommands],
            stopCommands: ["Type": "Pass", "End": true],
        ]
        let data = try JSONSerialization.data(withJSONObject: ["StartAt": "A", "States": states], options: [.sortedKeys])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-cli-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try data.write(to: directory.appendingPathComponent(stem + ".asl.json"))
        return directory
    }

    /// Lines a GitHub Actions runner would execute: `::` after leading blanks, or the legacy `##[`
    /// anywhere; CR ends a line for the runner as LF does.
    static func commandLines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init).filter {
            $0.drop(while: { $0.isWhitespace }).hasPrefix("::") || $0.contains("##[")
        }
    }

    static func rawControls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            value != 0x0A && (value < 0x20 || (0x7F...0x9F).contains(value) || [0x2028, 0x2029, 0x202E].contains(value))
        }
    }

    static func expectClean(_ result: CLIRunner.Result, _ what: String, ownAnnotations: Bool = false) {
        let stdoutCommands = commandLines(result.stdout)
        if ownAnnotations {
            #expect(stdoutCommands.allSatisfy { $0.range(of: #"^::(error|warning|notice) file=[^\n]*,line=\d+,col=\d+,title=SFN\d+ [a-z-]+::"#, options: .regularExpression) != nil },
                    "\(what): \(stdoutCommands)")
        } else {
            #expect(stdoutCommands.isEmpty, "\(what) stdout: \(stdoutCommands)")
        }
        #expect(commandLines(result.stderr).isEmpty, "\(what) stderr: \(commandLines(result.stderr))")
        #expect(rawControls(result.stdout).isEmpty, "\(what) stdout: \(rawControls(result.stdout))")
        #expect(rawControls(result.stderr).isEmpty, "\(what) stderr: \(rawControls(result.stderr))")
    }

    /// `--fail-on warning` makes the gate print SFN145's message (which quotes the state) on stderr.
    @Test(arguments: ["table", "json", "markdown", "sarif", "github"])
    func estimateInEveryFormat(format: String) throws {
        let directory = try Self.directory()
        let result = try CLIRunner.run(["estimate", directory.path, "--format", format, "--fail-on", "warning"])
        #expect(result.status == 1, "\(result.stderr)")
        Self.expectClean(result, "estimate --format \(format)", ownAnnotations: format == "github")
        #expect(result.stderr.contains(#"m\u001b[31mred\u202e.asl.json:1:"#), "\(result.stderr)")
        #expect(result.stderr.contains(#"warning: Task 'B\u000a::error file=README.md,line=1::INJECTED' waits for a callback"#), "\(result.stderr)")
        if format == "github" {
            // SFN145 quotes the state and SFN145 only: one annotation line.
            #expect(result.stdout.split(separator: "\n").count == 1, "\(result.stdout)")
        }
    }

    @Test func explainAndProfile() throws {
        let directory = try Self.directory()
        let explain = try CLIRunner.run(["explain", directory.path])
        #expect(explain.status == 0, "\(explain.stderr)")
        Self.expectClean(explain, "explain")
        #expect(explain.stdout.contains("\n  \\u003a:stop-commands::tok "))
        let missing = try CLIRunner.run(["explain", directory.path, "--machine", "x\n::error::y"])
        #expect(missing.status == 2)
        Self.expectClean(missing, "explain --machine")
        #expect(missing.stderr.contains(#"no machine named 'x\u000a::error::y'; found: m\u001b[31mred\u202e"#), "\(missing.stderr)")
        let profile = try CLIRunner.run(["profile", directory.path])
        #expect(profile.status == 0, "\(profile.stderr)")
        Self.expectClean(profile, "profile")
    }

    @Test func diffInEveryFormatAndItsGate() throws {
        let directory = try Self.directory()
        let headRun = try CLIRunner.run(["estimate", directory.path, "--format", "json", "--fail-on", "never"])
        #expect(headRun.status == 0, "\(headRun.stderr)")
        let head = directory.appendingPathComponent("head.json").path
        try headRun.stdout.write(toFile: head, atomically: true, encoding: .utf8)
        let baseRun = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--format", "json", "--fail-on", "never"])
        let base = directory.appendingPathComponent("base.json").path
        try baseRun.stdout.write(toFile: base, atomically: true, encoding: .utf8)
        for format in ["table", "markdown", "json"] {
            let result = try CLIRunner.run(["diff", base, head, "--format", format, "--fail-on-new", "warning"])
            #expect(result.status == 1, "\(result.stderr)")
            Self.expectClean(result, "diff --format \(format)")
            #expect(result.stderr.contains(#"Task 'B\u000a::error file=README.md,line=1::INJECTED' waits"#), "\(result.stderr)")
        }
    }

    /// Argument-parser errors echo the argument (a file name from a shell glob can be one): shown
    /// escaped, and no line of them can start a workflow command.
    @Test func usageErrorsEchoArgumentsEscaped() throws {
        let result = try CLIRunner.run(["estimate", "examples", "--format", "x\n::error::y\u{1B}[2J"])
        #expect(result.status == 2)
        Self.expectClean(result, "usage error")
        // The message keeps its own line breaks; the one from the argument starts a line whose
        // colon is then escaped, and ESC is shown as \u001b.
        #expect(result.stderr.hasPrefix("Error: The value 'x\n\\u003a:error::y\\u001b[2J' is invalid for '--format <format>'"),
                "\(result.stderr)")
    }
}
