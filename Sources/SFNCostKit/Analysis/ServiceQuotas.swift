/// AWS Step Functions throttling quotas and the thresholds the rules use, with their sources.
///
/// Throttling quotas are token buckets per account and region, and they are *soft*: AWS raises them
/// on request (Service Quotas). The rules compare the profile's peak rate with the bucket's refill
/// rate, since the bucket size only absorbs a short burst.
/// Source (facts.md §3): Q23 = awsdocs/aws-step-functions-developer-guide `doc_source/limits-overview.md`
/// (commit 3d6752c, 2023-06-15); https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
public enum ServiceQuotas {
    /// One token-bucket quota: its name in Service Quotas and its refill rate per second.
    public struct RateQuota: Sendable, Equatable {
        public var name: String
        /// Tokens added per second; `nil` means unlimited.
        public var refillPerSecond: Double?
        public var bucketSize: Double?
    }

    /// The regions with the larger Standard throttling quotas (Q23): us-east-1, us-west-2, eu-west-1.
    public static let largeQuotaRegions: Set<String> = ["us-east-1", "us-west-2", "eu-west-1"]

    /// `StartExecution`: Standard 1,300 / 300 per s in the three large regions, 800 / 150 elsewhere;
    /// Express 6,000 / 6,000 everywhere (Q23).
    public static func startExecution(region: String, type: WorkflowType) -> RateQuota {
        switch type {
        case .express:
            return RateQuota(name: "StartExecution (Express)", refillPerSecond: 6_000, bucketSize: 6_000)
        case .standard:
            return largeQuotaRegions.contains(region)
                ? RateQuota(name: "StartExecution", refillPerSecond: 300, bucketSize: 1_300)
                : RateQuota(name: "StartExecution", refillPerSecond: 150, bucketSize: 800)
        }
    }

    /// `StateTransition`: Standard 5,000 / 1,500 per s in the three large regions, 800 / 500 elsewhere;
    /// unlimited for Express (Q23). New accounts may start lower (QNOW).
    public static func stateTransition(region: String, type: WorkflowType) -> RateQuota {
        switch type {
        case .express:
            return RateQuota(name: "StateTransition (Express)", refillPerSecond: nil, bucketSize: nil)
        case .standard:
            return largeQuotaRegions.contains(region)
                ? RateQuota(name: "StateTransition", refillPerSecond: 1_500, bucketSize: 5_000)
                : RateQuota(name: "StateTransition", refillPerSecond: 500, bucketSize: 800)
        }
    }

    // MARK: - Rule thresholds (sfncost's choices, documented in docs/rules.md)

    /// SFN131: an inline Map whose one visit can write more than this many history events uses more
    /// than half of a Standard execution's 25,000-event history, leaving too little room for retries,
    /// the rest of the machine and item-count growth. AWS recommends Distributed mode once the history
    /// could exceed 25,000 events (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html).
    public static let inlineMapHistoryWarningEvents = ServiceLimits.maxHistoryEvents / 2

    /// SFN153: a retrier is a retry storm when it allows at least this many retries with exponential
    /// back-off (BackoffRate > 1) and no MaxDelaySeconds. Ten doublings of a 1 s interval already wait
    /// 17 minutes before the last retry; AWS's own default is 3.
    public static let retryStormMinAttempts = 10
}
