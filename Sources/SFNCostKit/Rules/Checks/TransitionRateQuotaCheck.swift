/// SFN162 transition-rate-quota: peak starts per second × transitions per execution against the
/// `StateTransition` throttling quota's refill rate (`ServiceQuotas.stateTransition`). Express has no
/// such quota. The expected transitions per execution give the sustained rate; when they cannot be
/// computed the worst case is used. A soft quota, so a warning.
enum TransitionRateQuotaCheck {
    static func check(_ analysis: MachineAnalysis, _ context: RuleContext) -> [Finding] {
        let quota = ServiceQuotas.stateTransition(region: context.region, type: analysis.declaredType)
        guard let refill = quota.refillPerSecond else { return [] }
        let (starts, how) = StartRateQuotaCheck.startsPerSecond(analysis.executions)
        let perExecution: Double
        let which: String
        if analysis.expected.transitions.isFinite {
            perExecution = analysis.expected.transitions
            which = "expected"
        } else if let worst = analysis.worst.transitions.value, !worst.isSaturated {
            perExecution = worst.double
            which = "worst-case"
        } else {
            return []
        }
        let rate = starts * perExecution
        guard rate > refill else { return [] }
        return [Finding(rule: RuleCatalog.transitionRateQuota,
                        message: .overQuota(rate: rate, starts: starts, how: how, perExecution: perExecution, which: which,
                                            quota: quota, refill: refill, region: context.region),
                        at: analysis.location, state: nil, machine: analysis.name)]
    }
}

extension String {
    fileprivate static func overQuota(rate: Double, starts: Double, how: String, perExecution: Double, which: String,
                                      quota: ServiceQuotas.RateQuota, refill: Double, region: String) -> String {
        "\(Format.rate(starts)) starts/s (\(how)) × \(Format.count(perExecution)) \(which) transitions per execution = \(Format.count(rate)) transitions/s, \(Format.count(rate - refill))/s over the \(quota.name) quota of \(Format.count(refill))/s in \(region) (soft): executions are slowed (ExecutionThrottled). Request an increase, move the high-rate part to Express, or cut transitions per execution"
    }
}
