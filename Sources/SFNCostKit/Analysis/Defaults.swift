/// What the analysis assumes where the profile is silent (issue #2: "failure rates 0; Choice branches
/// equally likely; task durations 1 s; Map items 10; executions 1,000 a month"). One place, so the
/// README, `--help` and the report say the same.
public enum Defaults {
    public static let executionsPerMonth = 1_000
    public static let failureRate = 0.0
    public static let taskSeconds = 1.0
    /// A Wait whose time comes from the input (SecondsPath, Timestamp…) is assumed as long as a task.
    public static let dynamicWaitSeconds = 1.0
    public static let mapItems = 10.0
    /// Express memory when neither the profile nor an estimate gives one: AWS's smallest billed step.
    public static let expressMemoryMB = 64
    public static let payloadKB = 1.0
}
