import Foundation

/// The worst case of a state with a `Retry` list: each retrier has its own counter (ASL spec), so
/// alternating errors can use them all: 1 + Σ MaxAttempts attempts, and every back-off wait in full.
/// The expected case, which depends on the errors attempts fail with, is `AttemptOutcomes`.
struct RetryModel {
    let all: [Retrier]

    /// Worst-case attempts: 1 + Σ MaxAttempts over all retriers.
    var worstAttempts: Count {
        all.reduce(Count.one) { $0 + Count($1.maxAttempts) }
    }

    /// Worst-case waiting: every retrier's every delay, in full (jitter can draw the full delay).
    var worstBackoffSeconds: Double {
        all.reduce(0) { $0 + Self.weightedDelaySum($1, weight: 1) }
    }

    /// Σ_{k=1..R} w^k · I·b^(k−1), with each delay capped at MaxDelaySeconds; closed form, so a
    /// MaxAttempts of 99,999,999 costs no more than 3.
    static func weightedDelaySum(_ retrier: Retrier, weight: Double) -> Double {
        let retries = Double(retrier.maxAttempts)
        let interval = retrier.intervalSeconds, rate = retrier.backoffRate
        // Number of delays below the cap.
        var uncapped = retries
        if let cap = retrier.maxDelaySeconds, rate > 1 {
            let below = interval >= cap ? 0 : (log(cap / interval) / log(rate)).rounded(.up)
            uncapped = min(retries, max(0, below))
        } else if let cap = retrier.maxDelaySeconds, interval >= cap {
            uncapped = 0
        }
        let ratio = weight * rate
        let geometric = ratio == 1 ? uncapped : (1 - pow(ratio, uncapped)) / (1 - ratio)
        var sum = interval * weight * geometric
        if let cap = retrier.maxDelaySeconds, uncapped < retries {
            let rest = retries - uncapped
            let tail = weight == 1 ? rest : pow(weight, uncapped + 1) * (1 - pow(weight, rest)) / (1 - weight)
            sum += cap * tail
        }
        return sum.isNaN ? .infinity : sum
    }
}
