import Foundation

/// SFN161 start-rate-quota: the profile's peak starts per second against the `StartExecution`
/// throttling quota's refill rate for the region (`ServiceQuotas.startExecution`). A soft quota, so a
/// warning. When the profile gives only a monthly count, the average rate is used: the peak is at
/// least that.
enum StartRateQuotaCheck {
    static let secondsPerMonth = NSDecimalNumber(decimal: ExecutionRate.hoursPerMonth * 3600).doubleValue

    static func check(_ analysis: MachineAnalysis, _ context: RuleContext) -> [Finding] {
        let quota = ServiceQuotas.startExecution(region: context.region, type: analysis.declaredType)
        guard let refill = quota.refillPerSecond else { return [] }
        let (rate, how) = startsPerSecond(analysis.executions)
        guard rate > refill else { return [] }
        return [Finding(rule: RuleCatalog.startRateQuota,
                        message: .overQuota(rate: rate, how: how, quota: quota, refill: refill, region: context.region),
                        at: analysis.location, state: nil, machine: analysis.name)]
    }

    /// Peak starts per second and how it was found.
    static func startsPerSecond(_ executions: ExecutionRate) -> (Double, String) {
        if let peak = executions.peakPerSecond { return (peak, "peak from '\(executions.text)'") }
        return (executions.perMonth.double / secondsPerMonth, "average of \(executions.text) a month; the peak is at least this")
    }
}

extension String {
    fileprivate static func overQuota(rate: Double, how: String, quota: ServiceQuotas.RateQuota, refill: Double, region: String) -> String {
        "\(Format.count(rate)) executions start per second (\(how)), \(Format.count(rate - refill))/s over the \(quota.name) quota of \(Format.count(refill))/s in \(region) (soft; token bucket \(Format.count(quota.bucketSize ?? 0))): starts beyond it are throttled. Request an increase in Service Quotas, spread the starts, or batch work into fewer executions"
    }
}
