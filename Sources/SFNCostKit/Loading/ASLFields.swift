/// The fields the Amazon States Language defines, by where they may appear. A field outside these
/// lists is kept out of the model and reported as a warning (`ASL.UnknownField`), since AWS may have
/// added it after this list was written.
/// https://states-language.net/spec.html and https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
enum ASLFields {
    static let machine: Set<String> = ["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"]
    static let branch: Set<String> = ["StartAt", "States", "Comment", "QueryLanguage"]
    static let itemProcessor: Set<String> = ["StartAt", "States", "Comment", "ProcessorConfig", "QueryLanguage"]

    private static let common: Set<String> = ["Type", "Comment", "QueryLanguage"]
    private static let jsonPathIO: Set<String> = ["InputPath", "OutputPath"]
    private static let variables: Set<String> = ["Assign", "Output"]
    private static let transition: Set<String> = ["Next", "End"]
    private static let resultFields: Set<String> = ["Parameters", "ResultPath", "ResultSelector", "Arguments"]
    private static let errorHandling: Set<String> = ["Retry", "Catch"]

    /// The fields of a state of `type`, or nil for a type ASL does not define. Built once per type:
    /// a definition asks once per state.
    static func state(_ type: String) -> Set<String>? {
        switch type {
        case "Pass": return pass
        case "Task": return task
        case "Choice": return choice
        case "Wait": return wait
        case "Succeed": return succeed
        case "Fail": return fail
        case "Parallel": return parallel
        case "Map": return map
        default: return nil
        }
    }

    private static let pass = fields(of: "Pass")!
    private static let task = fields(of: "Task")!
    private static let choice = fields(of: "Choice")!
    private static let wait = fields(of: "Wait")!
    private static let succeed = fields(of: "Succeed")!
    private static let fail = fields(of: "Fail")!
    private static let parallel = fields(of: "Parallel")!
    private static let map = fields(of: "Map")!

    private static func fields(of type: String) -> Set<String>? {
        switch type {
        case "Pass":
            return common.union(jsonPathIO).union(variables).union(transition).union(["Parameters", "ResultPath", "Result"])
        case "Task":
            return common.union(jsonPathIO).union(variables).union(transition).union(resultFields).union(errorHandling)
                .union(["Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                        "HeartbeatSecondsPath", "Credentials"])
        case "Choice":
            return common.union(jsonPathIO).union(variables).union(["Choices", "Default"])
        case "Wait":
            return common.union(jsonPathIO).union(variables).union(transition)
                .union(["Seconds", "SecondsPath", "Timestamp", "TimestampPath"])
        case "Succeed":
            return common.union(jsonPathIO).union(["Output"])
        case "Fail":
            return common.union(["Error", "ErrorPath", "Cause", "CausePath"])
        case "Parallel":
            return common.union(jsonPathIO).union(variables).union(transition).union(resultFields).union(errorHandling)
                .union(["Branches"])
        case "Map":
            return common.union(jsonPathIO).union(variables).union(transition).union(resultFields).union(errorHandling)
                .union(["ItemsPath", "Items", "ItemProcessor", "Iterator", "ItemSelector", "ItemReader", "ItemBatcher",
                        "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
                        "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label"])
        default:
            return nil
        }
    }

    static let retrier: Set<String> = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                                       "MaxDelaySeconds", "JitterStrategy", "Comment"]
    static let catcher: Set<String> = ["ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"]
    static let stateTypes = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]
}
