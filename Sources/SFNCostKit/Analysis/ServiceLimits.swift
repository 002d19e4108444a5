/// AWS Step Functions limits and defaults that the analysis and the rules use, with their sources.
/// (facts.md §3; Q23 = awsdocs/aws-step-functions-developer-guide limits-overview.md, 2023-06-15.)
public enum ServiceLimits {
    /// Standard execution history: 25,000 events, hard (Q23).
    public static let maxHistoryEvents = 25_000
    /// Express executions run at most 5 minutes (Q23).
    public static let maxExpressSeconds = 300.0
    /// Standard executions run at most one year (Q23).
    public static let maxStandardSeconds = 365.0 * 86_400
    /// State input/output: 262,144 bytes (256 KiB) UTF-8, hard (Q23).
    public static let maxPayloadBytes = 262_144
    /// Definition size: 1 MB, hard (QNOW; ko_kr translation).
    public static let maxDefinitionBytes = 1_048_576
    /// State and machine names: at most 80 characters (QNOW).
    public static let maxNameLength = 80
    /// Inline Map runs at most 40 iterations at once
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl-use-map-state-inline.html).
    public static let inlineMapConcurrency = 40
    /// Distributed Map runs up to 10,000 child executions at once, the default when MaxConcurrency is unset.
    public static let distributedMapConcurrency = 10_000
}
