import ArgumentParser
import Foundation
import SFNCostKit
import Testing
@testable import sfncost

/// `EstimateFastPath` must read exactly what swift-argument-parser reads, and leave to it everything it
/// is not sure of: for each command line it accepts, the parser gives the same `EstimateOptions`;
/// each one it declines still parses (or fails) through the parser as before.
@Suite struct EstimateFastPathTests {
    /// What swift-argument-parser makes of `arguments`: the estimate options, or nil when it reads
    /// another command or fails (help, version, a usage error).
    static func parsed(_ arguments: [String]) -> EstimateOptions? {
        guard let command = try? SFNCostCommand.parseAsRoot(arguments) else { return nil }
        return (command as? Estimate)?.options
    }

    /// Taken by the fast path, with the values written out by hand (the options' defaults are table
    /// and error); the parser must read the same.
    @Test(arguments: [
        (["estimate", "two.asl.json"], EstimateOptions(input: Inputs(paths: ["two.asl.json"]))),
        (["estimate", "a.json", "--fail-on", "never"], EstimateOptions(input: Inputs(paths: ["a.json"]), failOn: .never)),
        (["estimate", "--format=json", "a.json", "--profile", "p.yml", "b/"],
         EstimateOptions(input: Inputs(paths: ["a.json", "b/"], profile: "p.yml"), format: .json)),
        (["estimate", "x", "--format", "infracost-usage", "--budget", "250", "--region", "eu-west-1", "--pricing", "prices",
          "--root", "r", "--free-tier", "--fail-on=warning"],
         EstimateOptions(input: Inputs(paths: ["x"], region: "eu-west-1", pricing: "prices", freeTier: true),
                         format: .infracostUsage, failOn: .warning, budget: "250", root: "r")),
        // Values the parser keeps as they are: an "=" inside, non-ASCII, control characters, workflow
        // commands, backslashes, "$" amounts, the name of another command.
        (["estimate", "--profile=a=b.yml", "é/日本.json", "a\tb\u{1}", "::error::x", "##[group]", "C:\\dir\\f.json", "explain", "help"],
         EstimateOptions(input: Inputs(paths: ["é/日本.json", "a\tb\u{1}", "::error::x", "##[group]", "C:\\dir\\f.json", "explain", "help"], profile: "a=b.yml"))),
        (["estimate", "f", "--budget", "$250.50"], EstimateOptions(input: Inputs(paths: ["f"]), budget: "$250.50")),
        (["estimate", "f", "--budget=0.000000000000000000000001"], EstimateOptions(input: Inputs(paths: ["f"]), budget: "0.000000000000000000000001")),
        (["estimate", "—format", "json"], EstimateOptions(input: Inputs(paths: ["—format", "json"]))),
    ])
    func readsWhatTheParserReads(arguments: [String], expected: EstimateOptions) {
        #expect(EstimateFastPath.options(arguments) == expected)
        #expect(Self.parsed(arguments) == expected)
    }

    /// Left to the parser: it answers each of these with its own help, version, message or values.
    @Test(arguments: [
        [], ["estimate"], ["--help"], ["-h"], ["--version"], ["help", "estimate"], ["explain", "a.json"],
        ["estimate", "--help"], ["estimate", "a.json", "-h"], ["estimate", "a.json", "-help"], ["estimate", "a", "--version"],
        ["estimate", "a", "--format", "xml"], ["estimate", "a", "--format"], ["estimate", "a", "--format="], ["estimate", "a", "--Format", "json"],
        ["estimate", "a", "--fail-on", "fatal"], ["estimate", "a", "--budget", "10%"], ["estimate", "a", "--budget", "lots"], ["estimate", "a", "--budget", "$1e3"],
        ["estimate", "a", "--profile", "p", "--profile", "q"], ["estimate", "a", "--free-tier", "--free-tier"], ["estimate", "a", "--free-tier=yes"],
        ["estimate", "a", "--profile", "--format"], ["estimate", "a", "--region", "-x"], ["estimate", "--", "-x.json"], ["estimate", "-"],
        ["estimate", ""], ["estimate", "a", "--profile", ""], ["estimate", "a", "-x"], ["estimate", "a", "---format", "json"],
        ["estimate", "-\u{301}a.json"], ["estimate", "a", "--=x"], ["estimate", "a", "--unknown"], ["estimate", "a", "--generate-completion-script", "bash"],
        ["estimate", "a", "--experimental-dump-help"], ["--format", "json", "estimate", "a"], ["estimate", "a", "--format", "json", "--"],
    ])
    func declines(arguments: [String]) {
        #expect(EstimateFastPath.options(arguments) == nil)
    }

    /// What the parser does with some declined lines (the fallback works, and its answers are the
    /// parser's): a path after `--`, a path the fast path will not take, help, and a usage error.
    @Test func declinedLinesStillWorkThroughTheParser() {
        #expect(Self.parsed(["estimate", "--", "-x.json"]) == EstimateOptions(input: Inputs(paths: ["-x.json"])))
        #expect(Self.parsed(["estimate", "-\u{301}a.json"]) == EstimateOptions(input: Inputs(paths: ["-\u{301}a.json"])))
        do {
            // The parser answers help with its help command, whose run throws the help text.
            var command = try SFNCostCommand.parseAsRoot(["estimate", "--help"])
            #expect(!(command is Estimate))
            try command.run()
            Issue.record("--help ran without a message")
        } catch {
            #expect(SFNCostCommand.exitCode(for: error) == .success)
            #expect(SFNCostCommand.fullMessage(for: error).contains("USAGE: sfncost estimate"))
        }
        do {
            _ = try SFNCostCommand.parseAsRoot(["estimate", "a.json", "--format", "xml"])
            Issue.record("--format xml parsed")
        } catch {
            #expect(SFNCostCommand.exitCode(for: error) != .success)
            #expect(SFNCostCommand.fullMessage(for: error).contains("--format"))
        }
    }

    /// Many command lines made of the tokens both parsers treat specially: whenever the fast path
    /// takes one, the parser must read the same values. (A fixed generator, so a failure repeats.)
    @Test func randomCommandLinesReadTheSame() {
        let tokens = ["a.json", "b dir/", "é.yml", "::x", "--profile", "p.yml", "--format", "json", "sarif", "table", "xml",
                      "--fail-on", "never", "note", "--budget", "250", "$5", "10%", "-5", "--free-tier", "--free-tier=1",
                      "--format=github", "--profile=", "--", "-h", "--help", "--version", "-", "", "-\u{301}x", "=", "--root",
                      "--region", "us-east-1", "--pricing", "--Format", "--format=sarif=x", "--fail-on=error", "estimate", "help"]
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var taken = 0, declined = 0
        for _ in 0..<800 {
            let arguments = ["estimate"] + (0..<next(7)).map { _ in tokens[next(tokens.count)] }
            guard let fast = EstimateFastPath.options(arguments) else {
                declined += 1
                continue
            }
            taken += 1
            #expect(Self.parsed(arguments) == fast, "\(arguments)")
        }
        // Both sides are exercised.
        #expect(taken > 50)
        #expect(declined > 50)
    }
}
