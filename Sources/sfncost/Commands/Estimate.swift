import ArgumentParser
import Foundation
import SFNCostKit

struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Estimate monthly cost as Standard and as Express, per machine and in total.",
        discussion: """
        Every state machine found in the named files and directories is reported, then a total. \
        Figures the profile does not give are assumed from stated defaults (failure rates 0, Choice \
        branches equally likely, task durations 1 s, Map items 10, 1,000 executions a month unless the \
        template or Terraform declares a schedule for the machine), and each report lists the \
        assumptions it made. Machines are matched across reports (diff) and in the profile by \
        their id: the declaring file relative to the git work tree's top (else the named \
        directory), '#', and the logical ID, CDK path, Terraform address or serverless key.

        Examples:
          sfncost estimate examples/daily-ingest/daily-ingest.asl.json \\
            --profile examples/daily-ingest/usage.yml
          sfncost estimate examples/ --profile examples/usage.yml --format json
          sfncost estimate examples/ --profile examples/usage.yml --budget 250
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Exit 1 when a finding at or above this level remains: error, warning, note or never (never: only report; the profile's budgets are then shown, not enforced).")
    var failOn: FailLevel = .error

    @Option(name: .long, help: ArgumentHelp("Exit 1 when the total monthly cost at the declared types exceeds this amount (overrides the profile's budget.monthly).", valueName: "amount"))
    var budget: String?

    @Option(name: .long, help: ArgumentHelp("SARIF and github: write file paths relative to this directory (SARIF with uriBaseId %SRCROOT%); default: the git top level, else the current directory.", valueName: "dir"))
    var root: String?

    // `EstimateFastPath` declines what this and `InputOptions.validate` reject: keep them in step.
    func validate() throws {
        if let budget, case .amount = CostThreshold(budget) {} else if let budget {
            throw ValidationError("--budget must be an amount such as 250, not '\(budget)'")
        }
    }

    /// What was asked, as plain data: what `EstimateFastPath` builds for the common command lines.
    var options: EstimateOptions { EstimateOptions(input: input.values, format: format, failOn: failOn, budget: budget, root: root) }

    func run() throws { try options.run() }
}

/// The values of `sfncost estimate`'s options, whichever parser read them: swift-argument-parser
/// (`Estimate.options`) or, for the common command lines, `EstimateFastPath`; and the command's work.
struct EstimateOptions: Equatable {
    var input: Inputs
    var format: OutputFormat = .table
    var failOn: FailLevel = .error
    var budget: String?
    var root: String?

    func run() throws {
        let outcome = input.estimate()
        guard var report = outcome.report else { throw ExitStatus.badInput }
        if report.stateMachines.isEmpty && outcome.failures.isEmpty {
            // A renamed folder must not turn a CI job green (exit 2); yet a CI step that reads the
            // JSON, uploads the SARIF or posts the comment gets a valid document that says so.
            let message = "found no state machine in \(input.paths.joined(separator: ", ")): no ASL definition, template or Terraform file with one"
            report.diagnostics.append(Diagnostic(.error, "Input.NoMachine", message, at: nil))
            if format == .markdown {
                // The verdict, as every comment has it: this job fails, with exit 2.
                let gate = CommentGate(checks: gateChecks(report), failures: [message], exitStatus: ExitStatus.badInput.rawValue)
                Console.out(MarkdownRenderer.render(report, options: CommentOptions(gate: gate)))
            } else if format != .table {
                Console.out(try format.render(report), annotations: format == .github)
            }
            Console.nothingFound(paths: input.paths, passedOver: outcome.passedOver)
            throw ExitStatus.badInput
        }
        report.budgets = BudgetGate.applying(budget: budget, to: report.budgets)
        // The gate decides before anything is written, so that the comment can show its verdict.
        let failures = gateFailures(report)
        // Always written, even when some input failed, so a SARIF upload or a JSON reader gets a
        // document; a table of nothing would only repeat the errors on stderr.
        if !(report.stateMachines.isEmpty && format == .table) {
            if format == .markdown {
                // Each machine's flowchart (Mermaid, which GitHub renders) goes into its folded section,
                // drawn only for the sections the size cap lets in.
                let analyses = Dictionary(zip(report.stateMachines, outcome.analyses).map { (CommentOptions.key(id: $0.id, name: $0.name), $1) },
                                          uniquingKeysWith: { _, last in last })
                Console.out(MarkdownRenderer.render(report, options: CommentOptions(gate: commentGate(report, failures: failures, inputFailures: outcome.failures.count),
                                                                                    machineBlock: { key in analyses[key].map { MermaidFlowchart.markdownBlock($0) } })))
            } else {
                // Only SARIF and GitHub annotations use the root, and finding it runs git: not on every start.
                let paths = format == .sarif || format == .github ? SARIFRoot.options(root) : SARIFOptions()
                if let bytes = format.renderedBytes(report, sarif: paths) {
                    // JSON and SARIF: the writer's bytes, not a string made of them only to be written.
                    bytes.withUnsafeBufferPointer { Console.out(utf8: $0) }
                } else {
                    Console.out(try format.render(report, sarif: paths, addresses: outcome.terraformAddresses), annotations: format == .github)
                }
            }
        }
        if format == .github { StepSummary.append(report) }
        if !outcome.failures.isEmpty { throw ExitStatus.badInput }
        try Gate.exit(failing: failures)
    }

    /// The verdict the comment shows: the gate's, and first, when an input could not be analysed, that
    /// (the job then exits 2 whatever the gate says; its problems are listed at the comment's end).
    private func commentGate(_ report: Report, failures: [String], inputFailures: Int) -> CommentGate {
        guard inputFailures > 0 else { return CommentGate(checks: gateChecks(report), failures: failures) }
        let inputs = "\(inputFailures) input\(inputFailures == 1 ? "" : "s") could not be analysed (see the input problems)"
        return CommentGate(checks: gateChecks(report), failures: [inputs] + failures, exitStatus: ExitStatus.badInput.rawValue)
    }

    /// What the gate checks, for the comment.
    private func gateChecks(_ report: Report) -> [String] {
        var checks: [String] = []
        if failOn != .never { checks.append("no finding at or above \(failOn.rawValue) (--fail-on \(failOn.rawValue))") }
        if enforcesBudgets, let limits = report.budgets {
            if let monthly = limits.monthly {
                checks.append("the total monthly cost at most \(Format.money(monthly, report.currency)) (\(limits.monthlySource ?? "the profile's budget"))")
            }
            if !limits.machines.isEmpty { checks.append("\(limits.machines.count) machine budget\(limits.machines.count == 1 ? "" : "s") of the profile") }
        }
        return checks
    }

    /// `--fail-on never` only reports: the profile's budgets are shown, not enforced (the base report
    /// of a pull-request recipe must be written whatever its cost). A `--budget` named on the same
    /// command line is still a gate: it was asked for.
    private var enforcesBudgets: Bool { !(failOn == .never && budget == nil) }

    /// Why the gate fails (plain text, escaped where shown), in the order they are checked; empty
    /// when it passes. Each is a line on stderr.
    private func gateFailures(_ report: Report) -> [String] {
        var failures: [String] = []
        if let reason = Gate.failure(report, level: failOn) { failures.append(reason) }
        // Every budget's verdict, an unknown cost's included, is BudgetCheck's.
        if enforcesBudgets { failures += BudgetGate.failures(BudgetCheck.evaluate(report)) }
        return failures
    }
}

extension Estimator.Outcome {
    /// Each machine's declaration (a Terraform address for machines declared in Terraform), by name.
    var terraformAddresses: [String: String] {
        Dictionary(sources.compactMap { source in source.declaration.map { (source.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}

/// Turns findings and budgets into the exit code, with a line on stderr for each reason.
enum Gate {
    /// Exit 1 when there is any reason, each on its own line of stderr (escaped).
    static func exit(failing reasons: [String]) throws {
        guard !reasons.isEmpty else { return }
        for reason in reasons { Console.error("sfncost: " + Console.shown(reason)) }
        throw ExitStatus.gateFailed
    }

    /// The reason the findings fail the gate at `level` (plain text), or nil.
    static func failure(_ report: Report, level: FailLevel) -> String? {
        let failing = report.stateMachines.flatMap(\.findings).filter { level.fails($0.severity) }
        // Input warnings (a profile typo, an unknown field) fail a strict gate too.
        if failing.isEmpty, let diagnostic = report.diagnostics.first(where: { $0.severity >= .warning && level.fails($0.severity) }) {
            // Raw, as `description` would be before its escaping: the caller escapes the whole line.
            let place = diagnostic.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
            return "failing (--fail-on \(level.rawValue)): \(place)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]"
        }
        guard let first = failing.first else { return nil }
        let more = failing.count > 1 ? " (and \(failing.count - 1) more)" : ""
        return "failing (--fail-on \(level.rawValue)): \(first.file):\(first.line):\(first.column): \(first.severity.rawValue): \(first.message) [\(first.rule)]\(more)"
    }
}
