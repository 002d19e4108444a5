import Foundation

/// When does a Distributed Map run fail? When more child executions fail than
/// `ToleratedFailureCount` or `ToleratedFailurePercentage` allow (either threshold; none set means
/// no failure is tolerated).
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html#maprun-fail-threshold
enum DistributedMapMath {
    /// P(failures > tolerated) with failures ~ Binomial(children, childFailure).
    static func runFailureProbability(children: Double, childFailure: Double,
                                      toleratedCount: Int?, toleratedPercentage: Double?) -> Double {
        guard childFailure > 0, children > 0 else { return 0 }
        let n = children.rounded(.up)
        var tolerated = Double.infinity
        if let count = toleratedCount { tolerated = min(tolerated, Double(count)) }
        if let percentage = toleratedPercentage { tolerated = min(tolerated, (percentage / 100 * n).rounded(.down)) }
        if tolerated == .infinity { tolerated = 0 }
        if tolerated >= n { return 0 }
        if tolerated == 0 { return 1 - pow(1 - childFailure, n) }
        // P(X ≤ t) summed in log space; above 10^5 children a normal approximation is accurate enough.
        if n > 100_000 {
            let mean = n * childFailure, sd = (n * childFailure * (1 - childFailure)).squareRoot()
            guard sd > 0 else { return mean > tolerated ? 1 : 0 }
            let z = (tolerated + 0.5 - mean) / sd
            return 1 - 0.5 * erfc(-z / 2.0.squareRoot())
        }
        var cumulative = 0.0
        let logP = log(childFailure), logQ = log1p(-childFailure)
        var logChoose = 0.0
        var k = 0.0
        while k <= tolerated {
            if k > 0 { logChoose += log((n - k + 1) / k) }
            cumulative += exp(logChoose + k * logP + (n - k) * logQ)
            k += 1
        }
        return max(0, min(1, 1 - cumulative))
    }
}
