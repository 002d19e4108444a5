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
        interval whose observed mean is more than PCT percent from the prediction fails the run (exit 1); durations \
        are shown but not gated (the model's expected durations are approximations). Express \
        machines: --express-logs are read as histories, and the ExpressExecutionBilledDuration/Memory \
        metrics in --metrics are set beside the predicted billed duration, memory and GB-seconds.

        With --cur, a Cost and Usage Report extract (CSV, legacy or CUR 2.0 headers): the billed \
        transitions, Express requests and GB-seconds of product AmazonStates for one account and \
        region (--account, --region when the file holds several), over the billing months it covers, \
        beside the predicted totals of every machine read (monthly figure × the months' hours ÷ 730). \
        With --tolerance, a billed figure more than PCT percent from its prediction fails the run.

        Give the definitions' paths first: --histories, --express-logs, --metrics and --cur take every \
        value up to the next option (or end the command with -- and the paths: everything after -- is a path).

        Example:
          sfncost reconcile examples/daily-ingest --profile usage.yml \\
            --histories histories/ --tolerance 5
          sfncost reconcile statemachines/ --profile usage.yml \\
            --cur stepfunctions-2026-10.csv --account 111122223333 --region us-east-1
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var history: HistoryOptions

    @OptionGroup var bill: BillOptions

    @Option(name: .long, help: "Output format: table, json or markdown.")
    var format: ReconcileFormat = .table

    // `.unconditional`: `--tolerance -5` is this option's value (refused by validate), not an unknown option.
    @Option(name: .customLong("tolerance"), parsing: .unconditional,
            help: ArgumentHelp("Exit 1 when a figure is outside its 95% interval and its observed mean more than PCT percent from the prediction (5 or 5%).", valueName: "pct"))
    var tolerancePercent: TolerancePercent?

    var tolerance: Double? { tolerancePercent?.value }

    enum ReconcileFormat: String, ExpressibleByArgument { case table, json, markdown }

    func validate() throws {
        let recorded = !history.histories.isEmpty || !history.expressLogs.isEmpty || !history.metrics.isEmpty
        if !recorded && bill.cur.isEmpty {
            throw ValidationError("name what ran: recorded executions with --histories or --express-logs, Express billing metrics with --metrics, or the bill with --cur")
        }
        if let tolerance, !(tolerance >= 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a percentage, 0 or more, such as 5 or 5%") }
        // Executions a month scale the monthly bill, which reconcile takes from --profile; the per-execution
        // comparison has no use for them. Refused rather than silently ignored.
        if !history.executions.isEmpty {
            throw ValidationError("--executions is not used by reconcile: it compares per execution, and executions a month come from --profile (fit them with calibrate --executions)")
        }
    }

    func run() throws {
        let recorded = !history.histories.isEmpty || !history.expressLogs.isEmpty || !history.metrics.isEmpty
        var observed: Calibrator.Outcome?
        if recorded {
            let outcome = history.observe(paths: input.paths, baseProfile: nil)
            if !outcome.failures.isEmpty { throw ExitStatus.badInput }
            observed = outcome
        }
        let extract = try bill.read()
        let outcome = input.estimate()
        guard let report = outcome.report, outcome.failures.isEmpty else { throw ExitStatus.badInput }
        if outcome.analyses.isEmpty {
            Console.nothingFound(paths: input.paths, passedOver: outcome.passedOver)
            throw ExitStatus.badInput
        }
        var reconciliation = Reconciliation.build(analyses: outcome.analyses, observations: observed?.observations ?? [:], tolerancePercent: tolerance)
        if let observed { reconciliation.addExpressMetrics(analyses: outcome.analyses, express: observed.express) }
        if recorded && reconciliation.machines.isEmpty {
            Console.error("sfncost: error: no recorded execution matched a machine read, so there is nothing to compare")
            throw ExitStatus.badInput
        }
        if let extract { try bill.compare(extract, report: report, region: input.region, tolerance: tolerance, into: &reconciliation) }
        switch format {
        case .table: Console.out((reconciliation.machines.isEmpty ? "" : ReconciliationRenderer.table(reconciliation)) + BillOptions.table(reconciliation, tolerance: tolerance))
        case .json: Console.out(try ReconciliationRenderer.json(reconciliation))
        case .markdown: Console.out(ReconciliationRenderer.markdown(reconciliation) + BillOptions.markdown(reconciliation, tolerance: tolerance))
        }
        if !reconciliation.withinTolerance {
            let off = reconciliation.machines.flatMap { machine in machine.rows.filter(\.failsTolerance).map { (machine.name, $0) } }
            if let (name, row) = off.first {
                Console.error("sfncost: failing (--tolerance \(ReconciliationRenderer.plainNumber(tolerance ?? 0))%): '\(Console.shown(name))'\(row.state.map { " state '\(Console.shown($0))'" } ?? ""): \(row.figure) predicted \(ReconciliationRenderer.figureText(row.predicted)), observed \(ReconciliationRenderer.figureText(row.observedMean))\(off.count > 1 ? " (and \(off.count - 1) more)" : "")")
            } else if let line = BillOptions.failure(reconciliation) {
                Console.error("sfncost: failing (--tolerance \(ReconciliationRenderer.plainNumber(tolerance ?? 0))%): \(line)")
            }
            throw ExitStatus.gateFailed
        }
    }
}
