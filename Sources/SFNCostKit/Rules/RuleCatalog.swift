/// Every rule sfncost has. Limits come from `ServiceLimits` and quotas from `ServiceQuotas`, so the
/// numbers in these texts and in the checks are the same numbers.
public enum RuleCatalog {
    static let quotasPage = "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html"

    public static let historyLimit = Rule(
        id: "SFN101", name: "history-limit", defaultSeverity: .error,
        summary: "A Standard execution can write more than 25,000 history events.",
        explanation: "A Standard execution fails when its history reaches \(ServiceLimits.maxHistoryEvents) events (a hard quota). Every state writes events (a Task five or more, each Map iteration two plus its states), so an inline Map over many items or a long polling loop reaches the limit. The finding names the state that drives the count.",
        fix: "Use a Distributed Map (each child execution has its own history) or start a child execution for the loop body; bound polling loops with a counter.",
        source: quotasPage)
    public static let historyLimitExpected = Rule(
        id: "SFN102", name: "history-limit-expected", defaultSeverity: .error,
        summary: "Even an expected Standard execution writes more than 25,000 history events.",
        explanation: "The expected (average) execution, not only the worst case, exceeds the \(ServiceLimits.maxHistoryEvents)-event history quota, so most executions will fail.",
        fix: "Move the fan-out into a Distributed Map or a child execution.",
        source: quotasPage)
    public static let expressDuration = Rule(
        id: "SFN111", name: "express-duration", defaultSeverity: .error,
        summary: "An Express execution can run longer than 5 minutes.",
        explanation: "Express workflows stop after \(Int(ServiceLimits.maxExpressSeconds)) seconds. The worst-case duration adds task durations, waits, retry back-off and Map waves; above five minutes the execution times out.",
        fix: "Shorten the work, split it into several Express executions, or use a Standard workflow.",
        source: quotasPage)
    public static let expressUnsupported = Rule(
        id: "SFN112", name: "express-unsupported-integration", defaultSeverity: .error,
        summary: "An Express machine uses .sync, .waitForTaskToken or an Activity.",
        explanation: "Express workflows support neither the run-a-job (.sync) nor the callback (.waitForTaskToken) integration patterns, nor Activities; AWS rejects such a definition for an Express machine. Distributed Map also needs a Standard parent.",
        fix: "Use a Standard workflow, or call the service request-response and poll.",
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html")
    public static let standardDuration = Rule(
        id: "SFN113", name: "standard-duration", defaultSeverity: .error,
        summary: "A Standard execution can run longer than one year.",
        explanation: "Standard executions fail with States.Timeout after one year.",
        fix: "Bound the loops and waits, or split the work across executions.",
        source: quotasPage)
    public static let waitOverYear = Rule(
        id: "SFN114", name: "wait-over-year", defaultSeverity: .error,
        summary: "A Wait state waits longer than an execution may run.",
        explanation: "A Wait longer than the execution's maximum duration (one year for Standard, five minutes for Express) never completes.",
        fix: "Shorten the wait or schedule the later work separately (EventBridge Scheduler).",
        source: quotasPage)
    public static let payloadLimit = Rule(
        id: "SFN121", name: "payload-limit", defaultSeverity: .error,
        summary: "A state's input or output can exceed 256 KiB.",
        explanation: "State input and output are limited to \(ServiceLimits.maxPayloadBytes) bytes (256 KiB) of UTF-8; larger data fails the execution with States.DataLimitExceeded. Checked from the profile: the machine's `payload_kb`, each state's `result_kb`, an inline Map's input (max `items` × `item_kb`, unless it has an ItemReader) and what an inline Map or Parallel collects (max items × the iteration's result, or the sum of the branches' results, from the `result_kb` of their end states).",
        fix: "Pass S3 references instead of data, trim results with ResultSelector/OutputPath, or write Map results with ResultWriter.",
        source: quotasPage)
    public static let inlineMapFanout = Rule(
        id: "SFN131", name: "inline-map-fanout", defaultSeverity: .warning,
        summary: "An inline Map iterates over more items than inline mode handles well.",
        explanation: "Inline Map runs at most \(ServiceLimits.inlineMapConcurrency) iterations at once and writes every iteration into the parent's history. The rule fires when one visit of an inline Map in a Standard machine can write more than \(ServiceQuotas.inlineMapHistoryWarningEvents) history events (half of the \(ServiceLimits.maxHistoryEvents)-event quota, using the profile's max `items`), or when MaxConcurrency above \(ServiceLimits.inlineMapConcurrency) is set over more than \(ServiceLimits.inlineMapConcurrency) items, which inline mode never reaches.",
        fix: "Use a Distributed Map for large item counts.",
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html")
    public static let distributedConcurrency = Rule(
        id: "SFN132", name: "distributed-map-concurrency", defaultSeverity: .warning,
        summary: "A Distributed Map's MaxConcurrency is above the child-execution limit.",
        explanation: "A Distributed Map runs at most \(ServiceLimits.distributedMapConcurrency) child executions at once; a higher MaxConcurrency is not honoured.",
        fix: "Set MaxConcurrency to \(ServiceLimits.distributedMapConcurrency) or less.",
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html")
    public static let definitionSize = Rule(
        id: "SFN141", name: "definition-size", defaultSeverity: .error,
        summary: "The definition is larger than 1 MB.",
        explanation: "AWS rejects definitions larger than \(ServiceLimits.maxDefinitionBytes) bytes (measured as the JSON text sent to the API).",
        fix: "Move large static data out of Pass states and Parameters; split the machine.",
        source: quotasPage)
    public static let nameLength = Rule(
        id: "SFN142", name: "state-name-length", defaultSeverity: .error,
        summary: "A state name is longer than 80 characters.",
        explanation: "State names are limited to \(ServiceLimits.maxNameLength) Unicode characters (counted as code points). Machine names are not checked: for a bare definition sfncost only knows the file name.",
        fix: "Shorten the name.",
        source: "https://states-language.net/spec.html")
    public static let unreachableState = Rule(
        id: "SFN143", name: "unreachable-state", defaultSeverity: .error,
        summary: "A state can never be entered.",
        explanation: "No Next, Default, Choice rule or Catch leads to the state from StartAt; AWS rejects such definitions (MISSING_TRANSITION_TARGET: state is not reachable). Each Parallel branch and Map iteration is checked from its own StartAt.",
        fix: "Connect the state or remove it.",
        source: "https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html")
    public static let statesAllPosition = Rule(
        id: "SFN144", name: "states-all-position", defaultSeverity: .error,
        summary: "States.ALL is not alone or not last in a Retry or Catch list.",
        explanation: "The ASL specification requires States.ALL to appear alone in its ErrorEquals and in the last retrier or catcher; AWS rejects other placements.",
        fix: "Move the States.ALL entry to the end and give it its own ErrorEquals.",
        source: "https://states-language.net/spec.html#errors")
    public static let taskTimeout = Rule(
        id: "SFN145", name: "task-timeout-missing", defaultSeverity: .warning,
        summary: "A Task has no TimeoutSeconds.",
        explanation: "Without TimeoutSeconds a Task waits as long as the execution may run (one year for Standard): a lost callback or a stuck job blocks the execution and is billed when it finally times out. Only Tasks that wait are reported: .waitForTaskToken callbacks, Activities and .sync jobs, except .sync jobs of services that end a run themselves (Glue, Athena, CodeBuild, SageMaker). Request-response calls and Lambda invocations return within the service's own limit and are not reported. TimeoutSecondsPath counts as a timeout.",
        fix: "Set TimeoutSeconds (and HeartbeatSeconds for long callbacks).",
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html")
    public static let heartbeatTimeout = Rule(
        id: "SFN146", name: "heartbeat-not-below-timeout", defaultSeverity: .error,
        summary: "HeartbeatSeconds is not smaller than TimeoutSeconds.",
        explanation: "The ASL specification requires HeartbeatSeconds to be smaller than TimeoutSeconds.",
        fix: "Lower HeartbeatSeconds or raise TimeoutSeconds.",
        source: "https://states-language.net/spec.html#task-state")
    public static let unboundedLoop = Rule(
        id: "SFN151", name: "unbounded-loop", defaultSeverity: .warning,
        summary: "A loop has no bound in the profile, so the worst case is unbounded.",
        explanation: "A cycle of states (a polling loop, a Catch that goes back) can run any number of times as far as the definition says. sfncost does not guess: the worst-case figures are null until the profile gives `max_visits` for a state of the loop.",
        fix: "Add `max_visits` for one state of the loop to the profile, and bound the loop in the definition (a counter and a Choice).",
        source: "facts.md; https://docs.aws.amazon.com/step-functions/latest/dg/bp-history-limit.html")
    public static let loopNeverExits = Rule(
        id: "SFN152", name: "loop-never-exits", defaultSeverity: .error,
        summary: "A loop cannot be left with the profile's odds.",
        explanation: "Every way out of the loop has probability zero (Choice odds, failure rates), so an execution would run forever; expected figures cannot be computed.",
        fix: "Give the exit branch a non-zero probability in the profile, or fix the definition.",
        source: "sfncost analysis")
    public static let retryStorm = Rule(
        id: "SFN153", name: "retry-storm", defaultSeverity: .warning,
        summary: "A retrier allows many attempts with no MaxDelaySeconds.",
        explanation: "A retrier with MaxAttempts of \(ServiceQuotas.retryStormMinAttempts) or more, BackoffRate above 1 and no MaxDelaySeconds retries a persistent error for a very long time: the delays double (or grow by BackoffRate) each time, and every retry is a billed transition and more history events. The finding gives the extra transitions per visit and the total back-off before the last retry.",
        fix: "Lower MaxAttempts or set MaxDelaySeconds.",
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html")
    public static let oddsExceedBound = Rule(
        id: "SFN154", name: "odds-exceed-bound", defaultSeverity: .warning,
        summary: "The profile's odds send a state round its loop more often than its max_visits allows.",
        explanation: "Expected figures follow the profile's odds (Choice branches, failure rates) while worst cases follow `max_visits`. When the odds make a state's expected visits exceed its bound, the two disagree and the expected figures can exceed the worst case.",
        fix: "Make the odds match the bound: raise the exit branch's odds, or raise `max_visits` if the loop really runs that often.",
        source: "sfncost analysis")
    public static let startRateQuota = Rule(
        id: "SFN161", name: "start-rate-quota", defaultSeverity: .warning,
        summary: "The profile's peak start rate exceeds the StartExecution quota.",
        explanation: "StartExecution is throttled by a token bucket per account and region (a soft quota): Standard refills 300 per second in us-east-1, us-west-2 and eu-west-1 and 150 elsewhere; Express 6,000. Above the refill rate starts fail with ThrottlingException. The profile's peak rate (from rate() or cron()) is used, or the monthly average when only a count is given.",
        fix: "Request a quota increase (Service Quotas), spread the starts, or batch work into fewer executions.",
        source: quotasPage)
    public static let transitionRateQuota = Rule(
        id: "SFN162", name: "transition-rate-quota", defaultSeverity: .warning,
        summary: "The profile's peak state-transition rate exceeds the StateTransition quota.",
        explanation: "Standard state transitions are throttled per account and region (a soft quota): the bucket refills 1,500 per second in us-east-1, us-west-2 and eu-west-1 and 500 elsewhere; Express is not limited. The rate is the peak starts per second times the expected transitions per execution (worst case when the expected cannot be computed); above the refill rate executions are slowed (ExecutionThrottled).",
        fix: "Request a quota increase, use Express for the high-rate part, or reduce transitions per execution.",
        source: quotasPage)
    public static let analysisIncomplete = Rule(
        id: "SFN171", name: "figure-not-computable", defaultSeverity: .warning,
        summary: "A figure exceeds what sfncost can represent.",
        explanation: "Nested fan-out can reach counts beyond 1.8 × 10^19, and extreme profile values (item counts, durations, memory) can give expected figures beyond a Double, or monthly usage and costs beyond \(Representable.limitText). Such figures are reported as too large (null in JSON, with a `…TooLarge: true` flag), never wrapped, rounded, or printed as a cost of 0. A type whose monthly cost is too large is never recommended, and `--budget` and `diff --max-increase` fail on it. The rule also reports a loop whose states are linked so densely that solving its expected visits exactly would take more than \(Format.count(Double(SparseLoopSolver.workLimit))) steps: its expected figures are not computed rather than left running for minutes.",
        fix: "Check the profile's executions, item counts, durations and memory; such numbers are rarely intended.",
        source: "sfncost analysis")

    public static let all: [Rule] = [
        historyLimit, historyLimitExpected, expressDuration, expressUnsupported, standardDuration, waitOverYear,
        payloadLimit, inlineMapFanout, distributedConcurrency, definitionSize, nameLength, unreachableState,
        statesAllPosition, taskTimeout, heartbeatTimeout, unboundedLoop, loopNeverExits, retryStorm, oddsExceedBound,
        startRateQuota, transitionRateQuota, analysisIncomplete,
    ]

    /// Rules whose ID or name is within a small edit distance of `key` (or contain it), for
    /// "did you mean" messages.
    public static func closeMatches(_ key: String) -> [Rule] {
        let lowered = key.lowercased()
        guard !lowered.isEmpty else { return [] }
        return all.filter { rule in
            [rule.id.lowercased(), rule.name].contains { candidate in
                candidate.contains(lowered) || EditDistance.between(candidate, lowered) <= max(1, candidate.count / 4)
            }
        }
    }

    /// Finds a rule by ID (`SFN101`) or name (`history-limit`), case-insensitively.
    public static func rule(_ key: String) -> Rule? {
        all.first { $0.id.caseInsensitiveCompare(key) == .orderedSame || $0.name.caseInsensitiveCompare(key) == .orderedSame }
    }
}

import Foundation
