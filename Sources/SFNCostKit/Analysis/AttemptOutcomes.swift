import Foundation

/// What the attempts of one visit of a state come to, in expectation, under its `Retry` list.
///
/// Each attempt fails with error class `c` with probability `q_c` (independently of the other
/// attempts), or succeeds; the profile's `failed_attempts: N` makes the first N attempts fail with
/// one class for certain. A failed attempt is retried by the first retrier whose `ErrorEquals`
/// matches its error, while that retrier's own counter (ASL: one per retrier) is below its
/// `MaxAttempts`; otherwise the state fails with that error and its Catch is looked at.
///
/// With one retrier in play the figures are closed forms (a `MaxAttempts` of 99,999,999 costs
/// nothing). With several retriers that can each be hit, the counters form a grid that is walked
/// attempt by attempt; the walk stops after `gridBudget` cells (probability below 10⁻¹⁸ per cell is
/// dropped), and any mass left then is finished by an approximation (`isExact` false, an assumption).
struct AttemptOutcomes {
    /// One way an attempt can fail.
    struct FailureClass {
        var failure: ScopeFailure
        /// Per-attempt probability (after the fixed failures).
        var probability: Double { failure.probability }
    }

    var expectedAttempts = 0.0
    /// Expected attempts that failed with each class (retried or final).
    var failedAttempts: [Double]
    /// Probability that the visit ends in failure with each class (all its retries used, or unmatched).
    var endFailures: [Double]
    var expectedBackoffSeconds = 0.0
    var isExact = true

    static let gridBudget = 200_000

    var successProbability: Double { max(0, 1 - endFailures.reduce(0, +)) }

    /// - Parameters:
    ///   - classes: the ways one attempt can fail, with their per-attempt probabilities (sum ≤ 1).
    ///   - fixed: the first `count` attempts fail with class `index` (the profile's `failed_attempts`).
    init(classes: [FailureClass], fixed: (count: Int, index: Int)?, retriers: [Retrier]) {
        failedAttempts = [Double].filled(0, count: classes.count)
        endFailures = [Double].filled(0, count: classes.count)
        // The retrier each class is handled by (first match), or nil.
        let handler: [Int?] = classes.map { failureClass in
            retriers.firstIndex { $0.matches(failureClass.failure.error) }
        }
        var counters = [Int].filled(0, count: retriers.count)

        if let fixed, fixed.count > 0, fixed.index < classes.count {
            let index = fixed.index
            guard let retrier = handler[index] else {
                expectedAttempts = 1
                failedAttempts[index] = 1
                endFailures[index] = 1
                return
            }
            let allowed = retriers[retrier].maxAttempts
            let retried = min(fixed.count, allowed)
            expectedBackoffSeconds += Self.delaySum(retriers[retrier], from: 0, count: retried, weight: 1)
            if fixed.count > allowed {
                expectedAttempts = Double(allowed) + 1
                failedAttempts[index] = Double(allowed) + 1
                endFailures[index] = 1
                return
            }
            expectedAttempts = Double(fixed.count)
            failedAttempts[index] = Double(fixed.count)
            counters[retrier] = fixed.count
        }

        // The random part, from `counters`.
        let live = Set(classes.indices.compactMap { index -> Int? in
            classes[index].probability > 0 ? handler[index] : nil
        })
        if live.count <= 1 {
            closedForm(classes, handler: handler, retriers: retriers, counters: counters, retrier: live.first)
        } else {
            grid(classes, handler: handler, retriers: retriers, counters: counters)
        }
    }

    /// One retrier in play (`retrier`, or none): attempt k happens with probability Q^k, Q the
    /// probability of an error that retrier retries, for k = 0…R' (R' the retries it has left).
    private mutating func closedForm(_ classes: [FailureClass], handler: [Int?], retriers: [Retrier],
                                     counters: [Int], retrier: Int?) {
        let retried = retrier.map { r in classes.indices.filter { handler[$0] == r }.reduce(0.0) { $0 + classes[$1].probability } } ?? 0
        // In Int, then Double: MaxAttempts may be as large as Int.max, whose Double does not convert back.
        let leftCount = retrier.map { max(0, retriers[$0].maxAttempts - counters[$0]) } ?? 0
        let left = Double(leftCount)
        let attempts: Double
        if retried <= 0 || left == 0 {
            attempts = 1
        } else if retried >= 1 {
            attempts = left + 1
        } else {
            attempts = (1 - pow(retried, left + 1)) / (1 - retried)
        }
        let exhausted = retried <= 0 ? 0 : (retried >= 1 ? 1 : pow(retried, left + 1))
        expectedAttempts += attempts
        for index in classes.indices {
            let q = classes[index].probability
            guard q > 0 else { continue }
            failedAttempts[index] += q * attempts
            if let retrier, handler[index] == retrier {
                endFailures[index] += exhausted * q / retried
            } else {
                endFailures[index] += q * attempts
            }
        }
        if let retrier, retried > 0, left > 0 {
            expectedBackoffSeconds += Self.delaySum(retriers[retrier], from: counters[retrier], count: leftCount, weight: retried)
        }
    }

    /// Several retriers in play: the expected attempts over the grid of their counters.
    private mutating func grid(_ classes: [FailureClass], handler: [Int?], retriers: [Retrier], counters start: [Int]) {
        var layer: [[Int]: Double] = [start: 1]
        var budget = Self.gridBudget
        while !layer.isEmpty {
            var next: [[Int]: Double] = [:]
            for (counters, mass) in layer {
                budget -= 1
                expectedAttempts += mass
                for index in classes.indices {
                    let q = classes[index].probability
                    guard q > 0 else { continue }
                    let share = mass * q
                    failedAttempts[index] += share
                    guard let retrier = handler[index], counters[retrier] < retriers[retrier].maxAttempts else {
                        endFailures[index] += share
                        continue
                    }
                    let rule = retriers[retrier]
                    let delay = rule.delay(beforeRetry: counters[retrier] + 1)
                    expectedBackoffSeconds += share * (rule.fullJitter ? delay / 2 : delay)
                    var moved = counters
                    moved[retrier] += 1
                    if share > 1e-18 { next[moved, default: 0] += share }
                }
            }
            if budget <= 0, !next.isEmpty {
                isExact = false
                finishApproximately(next, classes, handler: handler, retriers: retriers)
                break
            }
            layer = next
        }
    }

    /// Out of grid budget: the mass left goes on as if all retried errors shared one counter that
    /// runs out when the first retrier would, at its expected share of the failures (back-off of
    /// these attempts left out). An approximation, flagged by `isExact`.
    private mutating func finishApproximately(_ layer: [[Int]: Double], _ classes: [FailureClass], handler: [Int?], retriers: [Retrier]) {
        let mass = layer.values.reduce(0, +)
        guard mass > 0 else { return }
        let retried = classes.indices.filter { handler[$0] != nil }.reduce(0.0) { $0 + classes[$1].probability }
        var left = Double.infinity
        for (index, retrier) in retriers.enumerated() {
            let share = classes.indices.filter { handler[$0] == index }.reduce(0.0) { $0 + classes[$1].probability }
            guard share > 0, retried > 0 else { continue }
            let used = layer.reduce(0.0) { $0 + Double($1.key[index]) * $1.value } / mass
            left = min(left, max(0, Double(retrier.maxAttempts) - used) / (share / retried))
        }
        if !left.isFinite { left = 0 }
        left = left.rounded(.down)
        let attempts = retried >= 1 ? left + 1 : (retried <= 0 ? 1 : (1 - pow(retried, left + 1)) / (1 - retried))
        let exhausted = retried >= 1 ? 1 : (retried <= 0 ? 0 : pow(retried, left + 1))
        expectedAttempts += mass * attempts
        for index in classes.indices where classes[index].probability > 0 {
            let q = classes[index].probability
            failedAttempts[index] += mass * attempts * q
            endFailures[index] += handler[index] == nil ? mass * attempts * q : mass * exhausted * q / retried
        }
    }

    /// Σ_{k=1..count} w^k · delay(from + k), halved under full jitter: the delays of retries number
    /// from+1 … from+count of `retrier`, each reached with probability w^k.
    static func delaySum(_ retrier: Retrier, from: Int, count: Int, weight: Double) -> Double {
        guard count > 0 else { return 0 }
        var shifted = retrier
        shifted.maxAttempts = count
        if from > 0 {
            // delay(from + k) = min(cap, I·b^from · b^(k−1)).
            let interval = retrier.intervalSeconds * pow(retrier.backoffRate, Double(from))
            let cap = retrier.maxDelaySeconds ?? .greatestFiniteMagnitude
            shifted.intervalSeconds = interval.isFinite ? min(interval, cap) : cap
        }
        let sum = RetryModel.weightedDelaySum(shifted, weight: weight)
        return retrier.fullJitter ? sum / 2 : sum
    }
}
