import Foundation

/// The few figures a what-if compares, for one machine priced alone, computed straight from its
/// analysis: the same arithmetic as `ReportBuilder.build([analysis])`, without building a report
/// (findings' messages, per-state visits, recommendation) only to read four of its fields.
extension ReportBuilder {
    struct WhatIfFigures {
        /// The monthly cost at the machine's declared type, this machine alone (`monthly.declaredCost`).
        var declaredCost: Decimal?
        /// The rule IDs of the findings at error level a report of this machine alone would carry.
        var errorRules: Set<String>
        /// `perExecution.historyEvents.worstCase` and `perExecution.durationSeconds.worstCase`.
        var worstHistoryEvents: Double?
        var worstDurationSeconds: Double?
    }

    /// The monthly cost at the declared type of `analysis` priced alone.
    func declaredCostAlone(_ analysis: MachineAnalysis) -> Decimal? {
        declaredCostAlone(usage(analysis), type: analysis.declaredType)
    }

    /// The same from the machine's usage as the report priced it (a usage costs a dozen Decimal
    /// products; the report has it already).
    func declaredCostAlone(_ usage: Usage, type: WorkflowType) -> Decimal? {
        scenario([usage], [type]).costs[0]
    }

    func whatIfFigures(_ analysis: MachineAnalysis) -> WhatIfFigures {
        let usage = usage(analysis)
        let standard = scenario([usage], [.standard]).costs[0]
        let express = scenario([usage], [.express]).costs[0]
        let findings = RuleEngine.findings(for: analysis, region: prices.region)
            + tooLargeCostFindings(analysis, usage, standard: standard, express: express)
        let noteless: (Double) -> Bool? = { _ in nil }
        // The declared type's cost is one of the two just priced.
        return WhatIfFigures(declaredCost: analysis.declaredType == .standard ? standard : express,
                             errorRules: Set(findings.filter { $0.severity == .error }.map(\.rule)),
                             worstHistoryEvents: figure(analysis.expected.events, analysis.worst.events, tooLarge: noteless).worstCase,
                             worstDurationSeconds: figure(analysis.expected.seconds, analysis.worst.seconds, tooLarge: noteless).worstCase)
    }
}
