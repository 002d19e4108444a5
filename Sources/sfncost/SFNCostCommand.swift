import ArgumentParser
import SFNCostKit

/// The root command. Exit codes are documented here and in the README; `ExitStatus` maps them.
struct SFNCostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfncost",
        abstract: "Estimate what AWS Step Functions state machines cost a month, and which limits they break.",
        discussion: """
        sfncost reads Amazon States Language definitions (JSON or YAML) and a usage profile \
        (how often each machine runs, Choice odds, Map item counts, loop bounds, durations), computes \
        expected and worst-case state transitions, history events and duration per execution, and \
        prices a month as a Standard and as an Express workflow.

        Start with:
          sfncost estimate examples/daily-ingest/daily-ingest.asl.json \\
            --profile examples/daily-ingest/usage.yml

        EXIT CODES
          0  analysed; no finding at or above --fail-on
          1  a gate failed: a finding at or above --fail-on (default:
             error), a budget exceeded (profile 'budget', --budget),
             for diff a rise above max_increase / --max-increase or a
             new finding at or above --fail-on-new, or for reconcile
             a figure beyond --tolerance;
             the reason is on stderr
          2  bad input or usage: an unreadable file, an invalid
             definition, profile or price data, an unknown option
             or region (messages name file:line:column)
        """,
        version: VersionText.line,
        subcommands: [Estimate.self, Explain.self, Diff.self, Profile.self, Calibrate.self, Reconcile.self, Rules.self, Pricing.self, Benchmark.self],
        defaultSubcommand: nil)
}

@main
enum Main {
    static func main() {
        do {
            // The command lines CI runs most, `estimate PATH... --format F ...`, skip the parser, which
            // costs about half of a small run (`EstimateFastPath` says what it reads and leaves to it).
            if let options = EstimateFastPath.options(Array(CommandLine.arguments.dropFirst())) {
                try options.run()
            } else {
                var command = try SFNCostCommand.parseAsRoot()
                try command.run()
            }
        } catch let status as ExitStatus {
            status.exit()
        } catch {
            // ArgumentParser's own errors: help and version exit 0; usage errors exit 2 (not 64),
            // so "bad input or usage" is one documented code.
            let code = SFNCostCommand.exitCode(for: error)
            var message = SFNCostCommand.fullMessage(for: error)
            if code != .success, let hint = SwallowedPathsHint.hint(for: message, arguments: Array(CommandLine.arguments.dropFirst())) {
                message += "\n" + hint
            }
            if code == .success {
                print(message)
                ExitStatus.success.exit()
            }
            // The message can echo an argument (a file name from a glob): its control characters are
            // shown escaped, its line breaks kept.
            if !message.isEmpty { Console.error(DisplayText.text(message, keepingLineBreaks: true)) }
            ExitStatus.badInput.exit()
        }
    }
}
