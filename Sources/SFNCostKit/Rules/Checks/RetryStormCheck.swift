import Foundation

/// SFN153 retry-storm: a retrier with many attempts, exponential back-off and no `MaxDelaySeconds`
/// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
/// The threshold is `ServiceQuotas.retryStormMinAttempts`.
enum RetryStormCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        var result: [Finding] = []
        for state in analysis.machine.everyState { findings(state, analysis, into: &result) }
        return result
    }

    /// One state's findings (`RuleEngine` walks the states once for every check).
    static func findings(_ state: State, _ analysis: MachineAnalysis, into result: inout [Finding]) {
        for retrier in state.retriers
        where retrier.maxAttempts >= ServiceQuotas.retryStormMinAttempts && retrier.backoffRate > 1 && retrier.maxDelaySeconds == nil {
            result.append(Finding(rule: RuleCatalog.retryStorm,
                                  message: .storm(state.name, retrier, wait: totalBackoff(retrier)),
                                  at: retrier.location, state: state.name, machine: analysis.name))
        }
    }

    /// Seconds spent in back-off before the last retry: interval × (rate^n − 1) / (rate − 1), before
    /// jitter; infinite when beyond what a Double holds.
    static func totalBackoff(_ retrier: Retrier) -> Double {
        let rate = retrier.backoffRate, n = Double(retrier.maxAttempts)
        let total = retrier.intervalSeconds * (pow(rate, n) - 1) / (rate - 1)
        return total.isFinite ? total : .infinity
    }
}

extension String {
    fileprivate static func storm(_ state: String, _ retrier: Retrier, wait: Double) -> String {
        let attempts = retrier.maxAttempts
        let waitText = wait > ServiceLimits.maxStandardSeconds ? "more than a year" : Format.seconds(wait)
        let errors = retrier.errorEquals.joined(separator: ", ")
        return "retrier for \(errors) on '\(state)' allows \(Format.count(Double(attempts))) retries with BackoffRate \(Format.count(retrier.backoffRate)) and no MaxDelaySeconds: a persistent error costs up to \(Format.count(Double(attempts))) extra transitions per visit and waits \(waitText) in back-off (the last delay alone \(Format.seconds(retrier.delay(beforeRetry: attempts)))). Lower MaxAttempts below \(ServiceQuotas.retryStormMinAttempts) or set MaxDelaySeconds"
    }
}
