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
        do {
            let before = try ReportDiffer.load(path: base)
            let after = try ReportDiffer.load(path: head)
            diff = try ReportDiffer.diff(base: before, basePath: base, head: after, headPath: head)
        } catch let error as InputError {
            Console.print(error.diagnostics, minimum: .note)
            throw ExitStatus.badInput
        } catch {
            Console.error("sfncost: \(Console.shown(String(describing: error)))")
            throw ExitStatus.badInput
        }
        switch format {
        case .table: Console.out(DiffRenderer.table(diff))
        case .markdown: Console.out(DiffRenderer.markdown(diff))
        case .json: Console.out(String(decoding: try JSONRenderer.encode(diff), as: UTF8.self) + "\n")
        }
        // A cost that cannot be computed is not a cost of zero: it cannot pass a cost gate.
        if maxIncrease != nil, let reason = ReportDiffer.uncheckableReason(diff) {
            Console.error("sfncost: failing (--max-increase): \(Console.shown(reason))")
            throw ExitStatus.gateFailed
        }
        if let limit = maxIncrease.flatMap(CostThreshold.init),
           limit.exceeded(base: diff.total.baseCost.amount, head: diff.total.headCost.amount) {
            // Four places, so that a rise just over the limit does not print as equal to it.
            let rise = Money.plainString((diff.total.costChange.amount).rounded(scale: 4))
            // The currency comes from the reports: the whole line is escaped for display.
            Console.error("sfncost: " + Console.shown("failing (--max-increase \(limit)): the total monthly cost rises by \(rise) \(diff.currency), from \(SFNCostKit.Format.money(diff.total.baseCost, diff.currency)) to \(SFNCostKit.Format.money(diff.total.headCost, diff.currency))"))
            throw ExitStatus.gateFailed
        }
        let failing = diff.machines.flatMap(\.newFindings).filter { failOnNew.fails($0.severity) }
        if let first = failing.first {
            Console.error("sfncost: failing (--fail-on-new \(failOnNew.rawValue)): \(Console.shown(first.file)):\(first.line):\(first.column): \(first.severity.rawValue): \(Console.shown(first.message)) [\(Console.shown(first.rule))]" +
                          (failing.count > 1 ? " (and \(failing.count - 1) more)" : ""))
            throw ExitStatus.gateFailed
        }
    }
}
