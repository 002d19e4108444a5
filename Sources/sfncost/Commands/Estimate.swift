import ArgumentParser
import Foundation
import SFNCostKit

struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate monthly cost as Standard and as Express, per machine and in total.",
        discussion: """
        Every state machine found in the named files and directories is reported, then a total. \
        Figures the profile does not give are assumed from stated defaults (failure rates 0, Choice \
        branches equally likely, task durations 1 s, Map items 10, 1,000 executions a month), and \
        each report lists the assumptions it made.

        Examples:
          sfncost estimate examples/daily-ingest/daily-ingest.asl.json \\
            --profile examples/daily-ingest/usage.yml
          sfncost estimate examples/ --profile examples/usage.yml --format json
          sfncost estimate examples/ --profile examples/usage.yml --budget 250
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Exit 1 when a finding at or above this level remains: error, warning, note or never.")
    var failOn: FailLevel = .error

    @Option(name: .long, help: ArgumentHelp("Exit 1 when the total monthly cost at the declared types exceeds this amount (a budget).", valueName: "amount"))
    var budget: String?

    func validate() throws {
        if let budget, case .amount = CostThreshold(budget) {} else if let budget {
            throw ValidationError("--budget must be an amount such as 250, not '\(budget)'")
        }
    }

    func run() throws {
        let outcome = input.estimate()
        guard let report = outcome.report else { throw ExitStatus.badInput }
        if report.stateMachines.isEmpty && outcome.failures.isEmpty {
            // A renamed folder must not turn a CI job green.
            Console.nothingFound(paths: input.paths, passedOver: outcome.passedOver)
            throw ExitStatus.badInput
        }
        // The gate decides before anything is written, so that the comment can show its verdict.
        let failures = gateFailures(report)
        // Always written, even when some input failed, so a SARIF upload or a JSON reader gets a
        // document; a table of nothing would only repeat the errors on stderr.
        if !(report.stateMachines.isEmpty && format == .table) {
            let text = format == .markdown
                ? MarkdownRenderer.render(report, options: CommentOptions(gate: CommentGate(checks: gateChecks(report), failures: failures)))
                : try format.render(report)
            Console.out(text, annotations: format == .github)
        }
        if !outcome.failures.isEmpty { throw ExitStatus.badInput }
        if let first = failures.first {
            Console.error("sfncost: " + Console.shown(first))
            throw ExitStatus.gateFailed
        }
    }

    /// What the gate checks, for the comment.
    private func gateChecks(_ report: Report) -> [String] {
        var checks: [String] = []
        if failOn != .never { checks.append("no finding at or above \(failOn.rawValue) (--fail-on \(failOn.rawValue))") }
        if let budget { checks.append("the total monthly cost at most \(budget) \(report.currency) (--budget)") }
        return checks
    }

    /// Why the gate fails (plain text, escaped where shown), in the order they are checked; empty
    /// when it passes. The first is the one the exit status reports on stderr.
    private func gateFailures(_ report: Report) -> [String] {
        var failures: [String] = []
        if let reason = Gate.failure(report, level: failOn) { failures.append(reason) }
        if budget != nil, let unknown = report.stateMachines.first(where: { $0.monthly.declaredCost == nil }) {
            let why = unknown.monthly.declaredCostTooLarge == true
                ? "is too large to represent (over \(Representable.limitText))" : "cannot be computed (see its findings)"
            failures.append("failing (--budget): the monthly cost of '\(unknown.name)' \(why), so the budget cannot be checked")
        } else if let budget, case .amount(let limit) = CostThreshold(budget), report.total.declaredCost.amount > limit {
            failures.append("failing (--budget \(budget)): the total monthly cost at the declared types is \(Format.money(report.total.declaredCost, report.currency)), over the budget")
        }
        return failures
    }
}

/// Turns findings into the exit code, with a one-line reason on stderr.
enum Gate {
    static func check(_ report: Report, level: FailLevel) throws {
        guard let reason = failure(report, level: level) else { return }
        Console.error("sfncost: " + Console.shown(reason))
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
