import ArgumentParser
import Foundation
import SFNCostKit

/// Where recorded executions come from, shared by `calibrate` and `reconcile`.
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("`aws stepfunctions get-execution-history --output json` files, or directories of them (one file per execution; pages of one execution in one folder, in name order).", valueName: "file-or-dir"))
    var histories: [String] = []

    @Option(name: .long, help: ArgumentHelp("Every history belongs to this machine (by name), instead of matching by the states entered.", valueName: "name"))
    var machine: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("`aws stepfunctions list-executions --output json` files: executions a month over the time they cover.", valueName: "file"))
    var executions: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("`aws cloudwatch get-metric-data --output json` files with AWS/States ExecutionsStarted (executions a month) and ExpressExecutionBilledDuration/Memory (Average).", valueName: "file"))
    var metrics: [String] = []

    @Option(name: .customLong("express-logs"), parsing: .upToNextOption, help: ArgumentHelp("`aws logs filter-log-events --output json` exports of execution logs (Express; level ALL for everything, ERROR for failures only), or directories of them; pages in order (a directory's .json files in name order).", valueName: "file-or-dir"))
    var expressLogs: [String] = []

    func observe(paths: [String], baseProfile: String?) -> Calibrator.Outcome {
        let outcome = Calibrator.observe(Calibrator.Request(paths: paths, histories: histories, machine: machine, baseProfile: baseProfile,
                                                            executionLists: executions, metrics: metrics, expressLogs: expressLogs))
        Console.print(outcome.diagnostics)
        for failure in outcome.failures { Console.print(failure.diagnostics, minimum: .note) }
        return outcome
    }
}

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Write a usage profile fitted to recorded executions (histories, execution lists, metrics).",
        discussion: """
        Each history is matched to the machine whose states include every state it entered (or to \
        --machine). Fitted: Choice odds from the observed exits, failure rates (failed attempts ÷ \
        attempts) and the most frequent error, task durations (mean and max, scheduled to finished), \
        Map items, max_visits of loop states (the most entries observed, not a guarantee), payload_kb, \
        and executions a month from --executions or --metrics. Express executions: --express-logs (their \
        CloudWatch Logs records, read as histories) and the Express billing metrics in --metrics \
        (memory_mb, type). Keys the data does not inform come from \
        --profile, or are left to the defaults. Every figure carries a comment saying what it came from.

        Give the definitions' paths first: --histories, --express-logs, --executions and --metrics take \
        every value up to the next option (or end the command with -- and the paths: everything after -- is a path).

        Example:
          sfncost calibrate examples/daily-ingest --histories histories/ \\
            --executions executions.json --output usage.yml
        """)

    @Argument(help: ArgumentHelp("Definition files, templates or directories (as for estimate).", valueName: "path"))
    var paths: [String]

    @OptionGroup var history: HistoryOptions

    @Option(name: .long, help: ArgumentHelp("A base profile: keys the recorded executions do not inform are copied from it.", valueName: "file"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Write the profile to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        if history.histories.isEmpty && history.executions.isEmpty && history.metrics.isEmpty && history.expressLogs.isEmpty {
            throw ValidationError("name what ran: --histories, --express-logs, --executions or --metrics")
        }
    }

    func run() throws {
        let outcome = history.observe(paths: paths, baseProfile: profile)
        if outcome.machines.isEmpty {
            if outcome.failures.isEmpty { Console.error("sfncost: error: found no state machine in \(paths.map(Console.shown).joined(separator: ", "))") }
            throw ExitStatus.badInput
        }
        if !outcome.failures.isEmpty { throw ExitStatus.badInput }
        let text = Calibrator.profileText(outcome, historyPaths: history.histories + history.expressLogs + history.executions + history.metrics)
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                Console.error("sfncost: error: cannot write '\(Console.shown(output))': \(error.localizedDescription)")
                throw ExitStatus.badInput
            }
        } else {
            Console.out(text)
        }
        if outcome.rates.isEmpty && history.executions.isEmpty && history.metrics.isEmpty {
            Console.error("sfncost: note: executions a month were not measured (give --executions or --metrics): the profile leaves them to the base profile, a schedule, or the default \(Format.count(Double(Defaults.executionsPerMonth)))")
        }
        let matched = outcome.observations.values.reduce(0) { $0 + $1.executions }
        Console.error("sfncost: calibrated from \(matched) of \(outcome.executionsRead) executions read")
    }
}
