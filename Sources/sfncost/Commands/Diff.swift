import ArgumentParser
import Foundation
import SFNCostKit

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two saved JSON reports: cost change per machine, new and resolved findings.",
        discussion: """
        Save a report on the base branch and on the pull request, then compare:
          sfncost estimate statemachines/ --profile usage.yml --format json > base.json
          sfncost estimate statemachines/ --profile usage.yml --format json > head.json
          sfncost diff base.json head.json --format markdown --max-increase 10%

        Machines are matched by name. Costs are at each machine's declared type.
        Exit 1 when the total monthly cost rises by more than --max-increase
        (an amount such as 25 or a percentage such as 10%), or when a new finding
        is at or above --fail-on-new (default: never).
        """)

    @Argument(help: ArgumentHelp("The report before the change.", valueName: "base.json"))
    var base: String

    @Argument(help: ArgumentHelp("The report after the change.", valueName: "head.json"))
    var head: String

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, markdown, json }

    @Option(help: "Output format: table, markdown or json.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Largest allowed rise of the total monthly cost: an amount (25) or a percentage (10%).", valueName: "limit"))
    var maxIncrease: String?

    @Option(name: .long, help: "Exit 1 when a new finding is at or above this level: error, warning, note or never.")
    var failOnNew: FailLevel = .never

    func validate() throws {
        if let maxIncrease, CostThreshold(maxIncrease) == nil {
            throw ValidationError("--max-increase must be an amount such as 25 or a percentage such as 10%, not '\(maxIncrease)'")
        }
    }

    func run() throws {
        let diff: ReportDiff
        let before: Report, after: Report
        do {
            before = try ReportDiffer.load(path: base)
            after = try ReportDiffer.load(path: head)
            diff = try ReportDiffer.diff(base: before, basePath: base, head: after, headPath: head)
        } catch let error as InputError {
            Console.print(error.diagnostics, minimum: .note)
            throw ExitStatus.badInput
        } catch {
            Console.error("sfncost: \(Console.shown(String(describing: error)))")
            throw ExitStatus.badInput
        }
        // The gate decides before anything is written, so that the comment can show its verdict.
        let failures = gateFailures(diff)
        switch format {
        case .table: Console.out(DiffRenderer.table(diff))
        case .markdown:
            let gate = CommentGate(checks: gateChecks(diff), failures: failures)
            Console.out(DiffRenderer.markdown(diff, base: before, head: after, options: CommentOptions(gate: gate)))
        case .json: Console.out(String(decoding: try JSONRenderer.encode(diff), as: UTF8.self) + "\n")
        }
        if let first = failures.first {
            Console.error("sfncost: " + Console.shown(first))
            throw ExitStatus.gateFailed
        }
    }

    /// What the gate checks, for the comment.
    private func gateChecks(_ diff: ReportDiff) -> [String] {
        var checks: [String] = []
        if let maxIncrease { checks.append("a rise of the total monthly cost of at most \(maxIncrease) (--max-increase)") }
        if failOnNew != .never { checks.append("no new finding at or above \(failOnNew.rawValue) (--fail-on-new \(failOnNew.rawValue))") }
        return checks
    }

    /// Why the gate fails (plain text, escaped where shown), in the order they are checked; empty
    /// when it passes. The first is the one the exit status reports on stderr.
    private func gateFailures(_ diff: ReportDiff) -> [String] {
        var failures: [String] = []
        // A cost that cannot be computed is not a cost of zero: it cannot pass a cost gate.
        if maxIncrease != nil, let reason = ReportDiffer.uncheckableReason(diff) {
            failures.append("failing (--max-increase): \(reason)")
        } else if let limit = maxIncrease.flatMap(CostThreshold.init),
                  limit.exceeded(base: diff.total.baseCost.amount, head: diff.total.headCost.amount) {
            // Four places, so that a rise just over the limit does not print as equal to it.
            let rise = Money.plainString((diff.total.costChange.amount).rounded(scale: 4))
            failures.append("failing (--max-increase \(limit)): the total monthly cost rises by \(rise) \(diff.currency), from \(SFNCostKit.Format.money(diff.total.baseCost, diff.currency)) to \(SFNCostKit.Format.money(diff.total.headCost, diff.currency))")
        }
        let failing = diff.machines.flatMap(\.newFindings).filter { failOnNew.fails($0.severity) }
        if let first = failing.first {
            failures.append("failing (--fail-on-new \(failOnNew.rawValue)): \(first.file):\(first.line):\(first.column): \(first.severity.rawValue): \(first.message) [\(first.rule)]" +
                            (failing.count > 1 ? " (and \(failing.count - 1) more)" : ""))
        }
        return failures
    }
}
