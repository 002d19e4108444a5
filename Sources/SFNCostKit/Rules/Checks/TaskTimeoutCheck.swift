/// SFN145 task-timeout-missing: a Task that can wait a long time but has no timeout.
///
/// Only Tasks that *wait* are reported: `.sync` jobs, `.waitForTaskToken` callbacks and Activities,
/// whose default timeout is effectively the execution's (99,999,999 s, capped at one year for Standard).
/// Request-response calls and Lambda invocations return within the service's own limit (Lambda at
/// most 15 minutes), so a missing TimeoutSeconds there is not a stuck-execution risk and is not reported.
/// A `TimeoutSecondsPath` counts as a timeout. `.sync` jobs of services that stop a job themselves
/// (`selfLimitedSyncServices`) are not reported either: the job fails, and the Task with it.
enum TaskTimeoutCheck {
    /// `.sync` integrations whose service ends a run on its own by default: Glue jobs (2,880-minute
    /// default timeout), Athena queries (30-minute DML timeout), CodeBuild builds (60-minute default,
    /// 36 h max) and SageMaker jobs (`StoppingCondition` is required). Child executions
    /// (`states:startExecution.sync`), ECS/EKS/Batch jobs and EMR steps can run indefinitely.
    /// Matched after the partition, so `arn:${AWS::Partition}:states:::glue:…` (SAM, CDK, Terraform) counts too.
    static let selfLimitedSyncServices = [":states:::glue:", ":states:::athena:", ":states:::codebuild:", ":states:::sagemaker:"]

    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        analysis.machine.everyState.compactMap { finding($0, analysis) }
    }

    /// One state's finding (`RuleEngine` walks the states once for every check).
    static func finding(_ state: State, _ analysis: MachineAnalysis) -> Finding? {
        guard case .task(let task) = state.kind, state.timeoutSeconds == nil, !state.hasDynamicTimeout else { return nil }
        let what: String
        switch task.pattern {
        case .sync:
            if selfLimitedSyncServices.contains(where: { task.resource.containsText($0) }) { return nil }
            what = "runs a job and waits for it (.sync)"
        case .waitForTaskToken: what = "waits for a callback (.waitForTaskToken)"
        case .activity: what = "waits for an Activity worker"
        case .requestResponse, .lambdaFunction: return nil
        }
        let limit = analysis.declaredType == .express ? ServiceLimits.maxExpressSeconds : ServiceLimits.maxStandardSeconds
        return Finding(rule: RuleCatalog.taskTimeout, message: .noTimeout(state.name, what: what, limit: limit),
                       at: state.location, state: state.name, machine: analysis.name)
    }
}

extension String {
    fileprivate static func noTimeout(_ state: String, what: String, limit: Double) -> String {
        "Task '\(state)' \(what) but has no TimeoutSeconds: a lost callback or stuck job blocks the execution for up to \(Format.seconds(limit)). Set TimeoutSeconds (and HeartbeatSeconds for long waits)"
    }
}
