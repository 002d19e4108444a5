import Foundation

/// The few figures a what-if compares, for one machine priced alone, computed straight from its
/// analysis: the same arithmetic as `ReportBuilder.build([analysis])`, without building a report
/// (findings' messages, per-state visits, recommendation) only to read four of its fields.
extension ReportBuilder {
    struct WhatIfFigures {
        /// The monthly cost at the machine's declared type, this machine alone (`monthly.declaredCost`).
        var declaredCost: Decimal?
        /// The rule IDs of the findings at error level a report of this machine alone would carry,
        /// among those asked for.
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

    /// - Parameter asked: the rules whose error findings count (a what-if's errors before the
    ///   change: only those can be resolved); nil for all. With none asked no rule is run.
    func whatIfFigures(_ analysis: MachineAnalysis, errorRulesAmong asked: Set<String>? = nil) -> WhatIfFigures {
        let usage = usage(analysis)
        let declared = scenario([usage], [analysis.declaredType]).costs[0]
        var errorRules: Set<String> = []
        if asked?.isEmpty != true {
            // The rules' SFN171 needs the cost at the other type too.
            let other = scenario([usage], [analysis.declaredType == .standard ? .express : .standard]).costs[0]
            let (standard, express) = analysis.declaredType == .standard ? (declared, other) : (other, declared)
            let findings = RuleEngine.findings(for: analysis, region: prices.region)
                + tooLargeCostFindings(analysis, usage, standard: standard, express: express)
            errorRules = Set(findings.filter { $0.severity == .error }.map(\.rule))
            if let asked { errorRules.formIntersection(asked) }
        }
        let noteless: (Double) -> Bool? = { _ in nil }
        return WhatIfFigures(declaredCost: declared, errorRules: errorRules,
                             worstHistoryEvents: figure(analysis.expected.events, analysis.worst.events, tooLarge: noteless).worstCase,
                             worstDurationSeconds: figure(analysis.expected.seconds, analysis.worst.seconds, tooLarge: noteless).worstCase)
    }
}
