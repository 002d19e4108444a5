import ArgumentParser
import Foundation
import SFNCostKit

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two saved JSON reports, or the working tree with a git revision: cost change per machine, new and resolved findings.",
        discussion: """
        Save a report on the base branch and on the pull request, then compare:
          sfncost estimate statemachines/ --profile usage.yml --format json \\
            --fail-on never > base.json
          sfncost estimate statemachines/ --profile usage.yml --format json \\
            --fail-on never > head.json
          sfncost diff base.json head.json --format markdown --max-increase 10%

        Or let sfncost check the base out itself (in a temporary git worktree, removed afterwards):
          sfncost diff --base-ref origin/main statemachines/ --profile usage.yml

        With --base-ref the same paths are analysed at that revision and in the working tree of the repository that holds them (sfncost may run anywhere); the base uses the profile as it was at the revision (the current one when it did not exist there; stderr says which). A machine or path that did not exist at the base is "added".

        Machines are matched by id (the declaring file and the logical ID, Terraform address or serverless key; by name in reports written before ids). Costs are at each machine's declared type.

        Exit 1 when a budget is exceeded: the total monthly cost rises by more than --max-increase (an amount such as 25 or a percentage such as 10%; default: the head profile's budget.max_increase), or a monthly budget of the head profile is exceeded; or when a new finding is at or above --fail-on-new (default: never).
        """)

    @Argument(help: ArgumentHelp("base.json head.json; with --base-ref, the definitions and directories to analyse.", valueName: "report-or-path"))
    var arguments: [String] = []

    @Option(name: .long, help: ArgumentHelp("Analyse the paths at this git revision and in the working tree, and compare.", valueName: "rev"))
    var baseRef: String?

    @Option(name: .long, help: ArgumentHelp("With --base-ref: the usage profile (the base reads it as it was at the revision).", valueName: "file"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("With --base-ref: AWS region whose prices to use.", valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("With --base-ref: read price data from this directory.", valueName: "dir"))
    var pricing: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, markdown, json }

    @Option(help: "Output format: table, markdown or json.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Largest allowed rise of the total monthly cost: an amount (25) or a percentage (10%); overrides the head profile's budget.max_increase.", valueName: "limit"))
    var maxIncrease: String?

    @Option(name: .long, help: "Exit 1 when a new finding is at or above this level: error, warning, note or never.")
    var failOnNew: FailLevel = .never

    func validate() throws {
        if let maxIncrease, CostThreshold(maxIncrease) == nil {
            throw ValidationError("--max-increase must be an amount such as 25 or a percentage such as 10%, not '\(maxIncrease)'")
        }
        if baseRef == nil {
            if arguments.count != 2 { throw ValidationError("name two saved reports (base.json head.json), or use --base-ref REV with the paths to analyse") }
            if profile != nil || region != nil || pricing != nil {
                throw ValidationError("--profile, --region and --pricing go with --base-ref; saved reports already hold their figures")
            }
        } else if arguments.isEmpty {
            throw ValidationError("--base-ref needs the definitions or directories to analyse")
        }
    }

    func run() throws {
        var diff: ReportDiff
        var before: Report?, after: Report?
        // Flowcharts need the analyses, which a saved report does not carry: with --base-ref only.
        var flowchart: (@Sendable (String) -> String?)?
        if let baseRef {
            let outcome = try RevisionDiff(revision: baseRef, paths: arguments, profile: profile, region: region, pricing: pricing).run()
            (diff, before, after, flowchart) = (outcome.diff, outcome.base, outcome.head, outcome.flowchart)
        } else {
            do {
                let base = try ReportDiffer.load(path: arguments[0])
                let head = try ReportDiffer.load(path: arguments[1])
                (before, after) = (base, head)
                diff = try ReportDiffer.diff(base: base, basePath: arguments[0], head: head, headPath: arguments[1])
            } catch let error as InputError {
                Console.print(error.diagnostics, minimum: .note)
                throw ExitStatus.badInput
            } catch {
                Console.error("sfncost: \(Console.shown(String(describing: error)))")
                throw ExitStatus.badInput
            }
        }
        diff.budgets = BudgetGate.applying(maxIncrease: maxIncrease, to: diff.budgets)
        diff.budgetStatus = BudgetCheck.evaluate(diff)
        // The gate decides before anything is written, so that the comment can show its verdict.
        let failures = gateFailures(diff)
        switch format {
        case .table: Console.out(DiffRenderer.table(diff))
        case .markdown:
            let gate = CommentGate(checks: gateChecks(diff), failures: failures)
            Console.out(DiffRenderer.markdown(diff, base: before, head: after, options: CommentOptions(gate: gate, machineBlock: flowchart)))
        case .json: Console.out(String(decoding: try JSONRenderer.encode(diff), as: UTF8.self) + "\n")
        }
        try Gate.exit(failing: failures)
    }

    /// What the gate checks, for the comment.
    private func gateChecks(_ diff: ReportDiff) -> [String] {
        var checks: [String] = []
        if let limits = diff.budgets {
            if let rise = limits.maxIncrease { checks.append("a rise of the total monthly cost of at most \(rise) (\(limits.maxIncreaseSource ?? "the profile's max_increase"))") }
            if let monthly = limits.monthly { checks.append("the total monthly cost at most \(SFNCostKit.Format.money(monthly, diff.currency)) (\(limits.monthlySource ?? "the profile's budget"))") }
            if !limits.machines.isEmpty { checks.append("\(limits.machines.count) machine budget\(limits.machines.count == 1 ? "" : "s") of the head profile") }
        }
        if failOnNew != .never { checks.append("no new finding at or above \(failOnNew.rawValue) (--fail-on-new \(failOnNew.rawValue))") }
        return checks
    }

    /// Why the gate fails (plain text, escaped where shown), in the order they are checked; empty
    /// when it passes. Each is a line on stderr.
    private func gateFailures(_ diff: ReportDiff) -> [String] {
        // Every budget's verdict, an unknown cost's included, is BudgetCheck's.
        var failures = BudgetGate.failures(diff.budgetStatus ?? [])
        let failing = diff.machines.flatMap(\.newFindings).filter { failOnNew.fails($0.severity) }
        if let first = failing.first {
            failures.append("failing (--fail-on-new \(failOnNew.rawValue)): \(first.file):\(first.line):\(first.column): \(first.severity.rawValue): \(first.message) [\(first.rule)]" +
                            (failing.count > 1 ? " (and \(failing.count - 1) more)" : ""))
        }
        return failures
    }
}
