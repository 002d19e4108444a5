/// Runs every check on an analysed machine.
public enum RuleEngine {
    /// A check: reads the analysis, returns findings. Each lives in Rules/Checks/ beside its messages.
    typealias Check = @Sendable (MachineAnalysis) -> [Finding]

    static let checks: [Check] = [
        LoopChecks.check,
        HistoryChecks.check,
        DurationChecks.check,
        ExpressChecks.check,
    ]

    public static func findings(for analysis: MachineAnalysis) -> [Finding] {
        var seen = Set<Finding>()
        return checks.flatMap { $0(analysis) }
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
    }
}
