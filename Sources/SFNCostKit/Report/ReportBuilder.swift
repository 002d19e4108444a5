import Foundation

/// Prices analysed machines and assembles the `Report`.
public struct ReportBuilder {
    public var prices: RegionPrices
    public var origin: String
    public var freeTier: Bool
    public var toolVersion: String

    public init(prices: RegionPrices, origin: String, freeTier: Bool, toolVersion: String) {
        self.prices = prices
        self.origin = origin
        self.freeTier = freeTier
        self.toolVersion = toolVersion
    }

    /// Per-machine monthly usage before money, kept to apply account-level tiers across machines.
    struct Usage {
        var executions: Decimal
        var standardTransitions: Decimal
        /// Express children of a Standard machine.
        var childRequests: Decimal
        var childGBSeconds: Decimal
        /// The machine run as Express.
        var expressRequests: Decimal
        var expressGBSeconds: Decimal
        var billedSeconds: Double
        /// False when the expected execution is not finite (a loop that cannot be left).
        var computable: Bool
    }

    public func build(_ analyses: [MachineAnalysis], diagnostics: [Diagnostic] = [],
                      adjust: (MachineAnalysis, [Finding]) -> (kept: [Finding], suppressed: [Finding]) = { ($1, []) }) -> Report {
        let usages = analyses.map(usage)
        // Account-level tiers: one pool for the machines run as Express, one for Express children
        // of the machines run as Standard (the two scenarios are never billed together).
        let expressShares = ExpressTierPricer.shares(of: usages.map(\.expressGBSeconds), tiers: prices.expressDuration)
        let childShares = ExpressTierPricer.shares(of: usages.map(\.childGBSeconds), tiers: prices.expressDuration)
        var machines: [MachineReport] = []
        for (index, analysis) in analyses.enumerated() {
            let found = RuleEngine.findings(for: analysis, region: prices.region)
            let (kept, suppressed) = adjust(analysis, found)
            machines.append(machineReport(analysis, usages[index], expressDuration: expressShares[index],
                                          childDuration: childShares[index], findings: kept, suppressed: suppressed))
        }
        return Report(schemaVersion: Report.currentSchemaVersion, tool: ToolInfo(name: "sfncost", version: toolVersion),
                      region: prices.region, currency: prices.currency, pricing: pricingInfo(),
                      stateMachines: machines, total: total(machines, usages), diagnostics: diagnostics)
    }

    private func usage(_ analysis: MachineAnalysis) -> Usage {
        let executions = analysis.executions.perMonth
        let expected = analysis.expected
        let computable = [expected.transitions, expected.seconds, expected.expressRequests, expected.expressGBSeconds]
            .allSatisfy { $0.isFinite }
        guard computable else {
            return Usage(executions: executions, standardTransitions: 0, childRequests: 0, childGBSeconds: 0,
                         expressRequests: 0, expressGBSeconds: 0, billedSeconds: 0, computable: false)
        }
        let memoryGB = Decimal(analysis.expressMemoryMB) / 1024
        let billed = ExpressBilling.billedSeconds(expected.seconds)
        let childRequests = executions * decimal(expected.expressRequests)
        let childGBSeconds = executions * decimal(expected.expressGBSeconds)
        return Usage(executions: executions,
                     standardTransitions: executions * decimal(expected.transitions),
                     childRequests: childRequests, childGBSeconds: childGBSeconds,
                     expressRequests: executions + childRequests,
                     expressGBSeconds: executions * decimal(billed) * memoryGB + childGBSeconds,
                     billedSeconds: billed, computable: true)
    }

    private func machineReport(_ analysis: MachineAnalysis, _ usage: Usage, expressDuration: Decimal,
                               childDuration: Decimal, findings: [Finding], suppressed: [Finding]) -> MachineReport {
        let transitionPrice = prices.stateTransition.price
        let childCost = usage.childRequests * prices.expressRequest.price + childDuration
        let standardCost = usage.standardTransitions * transitionPrice + childCost
        let requestCost = usage.expressRequests * prices.expressRequest.price
        let expressCost = requestCost + expressDuration

        var blockers = analysis.expressBlockers.map(\.reason)
        if let worst = analysis.worst.seconds.value, worst > ServiceLimits.maxExpressSeconds {
            blockers.append("the worst-case execution takes \(Format.seconds(worst)), over Express's 5-minute limit")
        } else if analysis.worst.seconds.value == nil {
            blockers.append("the worst-case duration is unbounded, so the 5-minute Express limit cannot be shown to hold")
        }
        let recommendation = usage.computable
            ? recommend(analysis, usage: usage, standard: standardCost, express: expressCost, blockers: blockers)
            : Recommendation(type: analysis.declaredType,
                             reason: "no recommendation: the expected execution cannot be computed (see the findings)",
                             monthlySaving: .zero, breakEvenDurationSeconds: nil, breakEvenTransitions: nil)
        func known<T>(_ value: T) -> T? { usage.computable ? value : nil }
        let location = analysis.location
        return MachineReport(
            name: analysis.name, file: location.file, line: location.line, column: location.column,
            type: analysis.declaredType,
            executionsPerMonth: analysis.executions.perMonth.double,
            executionsSource: analysis.executions.text,
            perExecution: perExecution(analysis),
            monthly: Monthly(
                standard: StandardMonthly(transitions: known(rounded(usage.standardTransitions)), cost: known(Money(standardCost)),
                                          priceRow: prices.stateTransition.id,
                                          expressChildCost: childCost > 0 ? Money(childCost) : nil),
                express: ExpressMonthly(requests: known(rounded(usage.expressRequests)), gbSeconds: known(rounded(usage.expressGBSeconds)),
                                        memoryMB: analysis.expressMemoryMB, billedDurationSeconds: known(usage.billedSeconds),
                                        requestCost: known(Money(requestCost)), durationCost: known(Money(expressDuration)),
                                        cost: known(Money(expressCost)),
                                        priceRows: [prices.expressRequest.id] + prices.expressDuration.map(\.row.id),
                                        usable: blockers.isEmpty, blockers: blockers)),
            recommendedType: recommendation.type, recommendation: recommendation,
            assumptions: analysis.assumptions, findings: findings, suppressedFindings: suppressed)
    }

    private func recommend(_ analysis: MachineAnalysis, usage: Usage, standard: Decimal, express: Decimal,
                           blockers: [String]) -> Recommendation {
        // Break-even at first-tier prices, per execution.
        let firstTier = prices.expressDuration.first?.row.price ?? 0
        let memoryGB = Double(analysis.expressMemoryMB) / 1024
        let transitionPrice = prices.stateTransition.price.double
        let requestPrice = prices.expressRequest.price.double
        let gbPrice = firstTier.double
        let standardPerRun = analysis.expected.transitions * transitionPrice
        let expressPerRun = requestPrice + usage.billedSeconds * memoryGB * gbPrice
        let breakEvenSeconds = gbPrice > 0 && memoryGB > 0 ? (standardPerRun - requestPrice) / (memoryGB * gbPrice) : nil
        let breakEvenTransitions = transitionPrice > 0 ? expressPerRun / transitionPrice : nil

        let saving = Money(abs(standard - express))
        if !blockers.isEmpty {
            // No saving is claimed over a type that cannot run the machine.
            return Recommendation(type: .standard, reason: "Express cannot run it: " + blockers.joined(separator: "; "),
                                  monthlySaving: .zero,
                                  breakEvenDurationSeconds: breakEvenSeconds.map { round6(max(0, $0)) },
                                  breakEvenTransitions: breakEvenTransitions.map(round6))
        }
        let type: WorkflowType = express < standard ? .express : .standard
        let reason: String
        if express < standard {
            reason = String(format: "Express is cheaper: %.4g transitions per execution cost more than a request plus %@ at %d MB",
                            analysis.expected.transitions, Format.seconds(usage.billedSeconds), analysis.expressMemoryMB)
        } else if express == standard {
            reason = "both cost the same; Standard keeps exactly-once execution and the execution history"
        } else {
            reason = String(format: "Standard is cheaper: %.4g transitions per execution cost less than a request plus %@ at %d MB",
                            analysis.expected.transitions, Format.seconds(usage.billedSeconds), analysis.expressMemoryMB)
        }
        return Recommendation(type: type, reason: reason, monthlySaving: saving,
                              breakEvenDurationSeconds: breakEvenSeconds.map { round6(max(0, $0)) },
                              breakEvenTransitions: breakEvenTransitions.map(round6))
    }

    private func perExecution(_ analysis: MachineAnalysis) -> PerExecution {
        let expected = analysis.expected, worst = analysis.worst
        let hasChildren = expected.expressRequests > 0 || worst.expressRequests.value.map { $0 > .zero } ?? true
        return PerExecution(
            transitions: figure(expected.transitions, worst.transitions),
            historyEvents: figure(expected.events, worst.events),
            durationSeconds: figure(expected.seconds, worst.seconds),
            expressChildRequests: hasChildren ? figure(expected.expressRequests, worst.expressRequests) : nil,
            expressChildGBSeconds: hasChildren ? figure(expected.expressGBSeconds, worst.expressGBSeconds) : nil)
    }

    private func figure(_ expected: Double, _ worst: WorstValue<Count>) -> Figure {
        let value: Double? = worst.value.flatMap { $0.isSaturated ? nil : Double($0.value) }
        return Figure(expected: expected.isFinite ? round6(expected) : nil, worstCase: value,
                      worstCaseIsUpperBound: worst.isUpperBound ? true : nil)
    }

    private func figure(_ expected: Double, _ worst: WorstValue<Double>) -> Figure {
        let value = worst.value.flatMap { $0.isFinite ? round6($0) : nil }
        return Figure(expected: expected.isFinite ? round6(expected) : nil, worstCase: value,
                      worstCaseIsUpperBound: worst.isUpperBound ? true : nil)
    }

    private func total(_ machines: [MachineReport], _ usages: [Usage]) -> TotalReport {
        let standard = machines.reduce(Money.zero) { $0 + ($1.monthly.standard.cost ?? .zero) }
        let express = machines.reduce(Money.zero) { $0 + ($1.monthly.express.cost ?? .zero) }
        let recommended = machines.reduce(Money.zero) { $0 + (($1.recommendedType == .standard ? $1.monthly.standard.cost : $1.monthly.express.cost) ?? .zero) }
        var declared = machines.reduce(Money.zero) { $0 + (($1.type == .standard ? $1.monthly.standard.cost : $1.monthly.express.cost) ?? .zero) }
        var notes: [String] = []
        let unknown = machines.filter { $0.monthly.standard.cost == nil }.map(\.name)
        if !unknown.isEmpty {
            notes.append("Not in the totals, because their expected figures cannot be computed: \(unknown.joined(separator: ", ")).")
        }
        var deduction = Money.zero
        let standardTransitions = zip(machines, usages).filter { $0.0.type == .standard }.reduce(Decimal(0)) { $0 + $1.1.standardTransitions }
        if freeTier {
            let free = min(Decimal(prices.freeTransitionsPerMonth), standardTransitions)
            deduction = Money(free * prices.stateTransition.price)
            declared = Money(declared.amount - deduction.amount)
            notes.append("The Standard free tier (\(Format.count(Double(prices.freeTransitionsPerMonth))) transitions a month, per account) is deducted once, from the declared total only.")
        } else {
            notes.append("The Standard free tier (\(Format.count(Double(prices.freeTransitionsPerMonth))) transitions a month, per account) is not deducted; pass --free-tier to deduct it.")
        }
        notes.append("Express duration tiers apply to the account's monthly usage: each machine's Express cost is its share of the tiered cost of all machines run as Express.")
        let all = machines.flatMap(\.findings)
        return TotalReport(stateMachines: machines.count, standardCost: standard, expressCost: express,
                           recommendedCost: recommended, declaredCost: declared, freeTierDeduction: deduction,
                           findings: FindingCounts(error: all.filter { $0.severity == .error }.count,
                                                   warning: all.filter { $0.severity == .warning }.count,
                                                   note: all.filter { $0.severity == .note }.count,
                                                   suppressed: machines.reduce(0) { $0 + $1.suppressedFindings.count }),
                           notes: notes)
    }

    private func pricingInfo() -> PricingInfo {
        var rows = [PriceRowInfo(id: prices.stateTransition.id, unitPrice: Money.plainString(prices.stateTransition.price),
                                 unit: prices.stateTransition.unit, confidence: prices.stateTransition.confidence, fromGBSeconds: nil),
                    PriceRowInfo(id: prices.expressRequest.id, unitPrice: Money.plainString(prices.expressRequest.price),
                                 unit: prices.expressRequest.unit, confidence: prices.expressRequest.confidence, fromGBSeconds: nil)]
        rows += prices.expressDuration.map {
            PriceRowInfo(id: $0.row.id, unitPrice: Money.plainString($0.row.price), unit: $0.row.unit,
                         confidence: $0.row.confidence, fromGBSeconds: Money.plainString($0.fromGBSeconds))
        }
        return PricingInfo(region: prices.region, location: prices.location, currency: prices.currency,
                           effectiveDate: prices.date, dateKind: prices.dateKind.rawValue, source: prices.source, origin: origin,
                           hasUnconfirmedPrices: prices.hasUnconfirmedPrices, note: prices.note,
                           freeTierApplied: freeTier, rows: rows)
    }

    private func decimal(_ value: Double) -> Decimal {
        guard value.isFinite else { return 0 }
        // Through a rounded string: Decimal(Double) carries binary noise (0.1 → 0.1000000000000000055…).
        return Decimal(string: String(format: "%.9f", value), locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    private func rounded(_ value: Decimal) -> Double {
        value.rounded(scale: 6).double
    }

    private func round6(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
}
