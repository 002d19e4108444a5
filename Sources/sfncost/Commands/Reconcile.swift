import ArgumentParser
import Foundation
import SFNCostKit

struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare the estimate with recorded executions, per machine and per state.",
        discussion: """
        For each machine the histories cover: the predicted expected transitions, history events and \
        duration per execution, and each state's visits (and a Task's transitions, retries included), \
        beside the observed mean, its spread and a 95% confidence interval (mean ± 1.96 standard \
        errors). A prediction outside its interval is flagged. With --tolerance, a figure outside its \
        interval and more than PCT percent from the observed mean fails the run (exit 1); durations \
        are shown but not gated (the model's expected durations are approximations).

        Example:
          sfncost reconcile examples/daily-ingest --profile usage.yml \\
            --histories histories/ --tolerance 5
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var history: HistoryOptions

    @Option(name: .long, help: "Output format: table, json or markdown.")
    var format: ReconcileFormat = .table

    @Option(name: .long, help: ArgumentHelp("Exit 1 when a figure is outside its 95% interval and more than PCT percent from the observed mean.", valueName: "pct"))
    var tolerance: Double?

    enum ReconcileFormat: String, ExpressibleByArgument { case table, json, markdown }

    func validate() throws {
        if history.histories.isEmpty { throw ValidationError("name the recorded executions with --histories") }
        if let tolerance, !(tolerance >= 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a percentage, 0 or more") }
    }

    func run() throws {
        let observed = history.observe(paths: input.paths, baseProfile: nil)
        if !observed.failures.isEmpty { throw ExitStatus.badInput }
        let outcome = input.estimate()
        guard outcome.report != nil, outcome.failures.isEmpty else { throw ExitStatus.badInput }
        if outcome.analyses.isEmpty {
            Console.nothingFound(paths: input.paths, passedOver: outcome.passedOver)
            throw ExitStatus.badInput
        }
        let reconciliation = Reconciliation.build(analyses: outcome.analyses, observations: observed.observations, tolerancePercent: tolerance)
        if reconciliation.machines.isEmpty {
            Console.error("sfncost: error: no recorded execution matched a machine read, so there is nothing to compare")
            throw ExitStatus.badInput
        }
        switch format {
        case .table: Console.out(ReconciliationRenderer.table(reconciliation))
        case .json: Console.out(try ReconciliationRenderer.json(reconciliation))
        case .markdown: Console.out(ReconciliationRenderer.markdown(reconciliation))
        }
        if !reconciliation.withinTolerance {
            let off = reconciliation.machines.flatMap { machine in machine.rows.filter(\.failsTolerance).map { (machine.name, $0) } }
            if let (name, row) = off.first {
                Console.error("sfncost: failing (--tolerance \(ReconciliationRenderer.plainNumber(tolerance ?? 0))%): '\(Console.shown(name))'\(row.state.map { " state '\(Console.shown($0))'" } ?? ""): \(row.figure) predicted \(ReconciliationRenderer.figureText(row.predicted)), observed \(ReconciliationRenderer.figureText(row.observedMean))\(off.count > 1 ? " (and \(off.count - 1) more)" : "")")
            }
            throw ExitStatus.gateFailed
        }
    }
}
