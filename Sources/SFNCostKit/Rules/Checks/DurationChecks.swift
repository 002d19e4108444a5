/// SFN111 express-duration and SFN113 standard-duration: worst-case execution time against the limits.
enum DurationChecks {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        guard let worst = analysis.worst.seconds.value else { return [] }
        switch analysis.declaredType {
        case .express where worst > ServiceLimits.maxExpressSeconds:
            return [Finding(rule: RuleCatalog.expressDuration,
                            message: "the worst-case execution takes \(Format.seconds(worst)), over Express's 5-minute limit",
                            at: analysis.location, state: nil, machine: analysis.name)]
        case .standard where worst > ServiceLimits.maxStandardSeconds:
            return [Finding(rule: RuleCatalog.standardDuration,
                            message: "the worst-case execution takes \(Format.seconds(worst)), over Standard's one-year limit",
                            at: analysis.location, state: nil, machine: analysis.name)]
        default:
            return []
        }
    }
}
