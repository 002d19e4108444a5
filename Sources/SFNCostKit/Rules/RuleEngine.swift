/// Runs every check on an analysed machine.
public enum RuleEngine {
    /// A check: reads the analysis (and the context it cannot know, such as the region), returns
    /// findings. Each lives in Rules/Checks/ beside its messages.
    typealias Check = @Sendable (MachineAnalysis, RuleContext) -> [Finding]

    static let checks: [Check] = [
        { analysis, _ in LoopChecks.check(analysis) },
        { analysis, _ in HistoryChecks.check(analysis) },
        { analysis, _ in DurationChecks.check(analysis) },
        { analysis, _ in ExpressChecks.check(analysis) },
        { analysis, _ in WaitOverYearCheck.check(analysis) },
        { analysis, _ in PayloadLimitCheck.check(analysis) },
        { analysis, _ in InlineMapFanoutCheck.check(analysis) },
        { analysis, _ in DistributedMapConcurrencyCheck.check(analysis) },
        { analysis, _ in DefinitionSizeCheck.check(analysis) },
        { analysis, _ in StateNameLengthCheck.check(analysis) },
        { analysis, _ in UnreachableStateCheck.check(analysis) },
        { analysis, _ in StatesAllPositionCheck.check(analysis) },
        { analysis, _ in TaskTimeoutCheck.check(analysis) },
        { analysis, _ in HeartbeatTimeoutCheck.check(analysis) },
        { analysis, _ in RetryStormCheck.check(analysis) },
        { analysis, _ in RepresentationChecks.check(analysis) },
        StartRateQuotaCheck.check,
        TransitionRateQuotaCheck.check,
    ]

    /// All findings for one machine, deduplicated and sorted by location then rule.
    /// - Parameters:
    ///   - region: the pricing region; the throttling quotas (SFN161/SFN162) depend on it.
    public static func findings(for analysis: MachineAnalysis, region: String = Estimator.defaultRegion) -> [Finding] {
        let context = RuleContext(region: region)
        var seen = Set<Finding>()
        return checks.flatMap { $0(analysis, context) }
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
    }
}

/// What a check needs beyond the machine's analysis.
public struct RuleContext: Sendable {
    /// The AWS region the report is priced for.
    public var region: String

    public init(region: String) {
        self.region = region
    }
}
