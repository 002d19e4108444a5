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
        let allStandard = scenario(usages, Array(repeating: .standard, count: usages.count))
        let allExpress = scenario(usages, Array(repeating: .express, count: usages.count))
        let declared = scenario(usages, analyses.map(\.declaredType))
        var machines: [MachineReport] = []
        for (index, analysis) in analyses.enumerated() {
            let found = RuleEngine.findings(for: analysis, region: prices.region)
            let (kept, suppressed) = adjust(analysis, found)
            machines.append(machineReport(analysis, usages[index], standard: allStandard, express: allExpress,
                                          declared: declared, index: index, findings: kept, suppressed: suppressed))
        }
        let recommended = scenario(usages, machines.map(\.recommendedType))
        return Report(schemaVersion: Report.currentSchemaVersion, tool: ToolInfo(name: "sfncost", version: toolVersion),
                      region: prices.region, currency: prices.currency, pricing: pricingInfo(),
                      stateMachines: machines,
                      total: total(machines, standard: allStandard, express: allExpress, recommended: recommended, declared: declared),
                      diagnostics: diagnostics)
    }

    /// Every machine's monthly cost when each runs as the type given for it. Express duration tiers
    /// count the account's Express usage once: the machines run as Express plus the Express children
    /// of those run as Standard; each machine's duration cost is its share of that tiered cost.
    struct Scenario {
        var costs: [Decimal]
        /// Each machine's share of the tiered Express duration cost.
        var durationShares: [Decimal]
        /// Express child requests' cost of machines run as Standard.
        var childRequestCosts: [Decimal]
        var standardTransitions: Decimal
        var total: Decimal { costs.reduce(0, +) }
    }

    func scenario(_ usages: [Usage], _ types: [WorkflowType]) -> Scenario {
        let pools = zip(usages, types).map { usage, type in type == .standard ? usage.childGBSeconds : usage.expressGBSeconds }
        let shares = ExpressTierPricer.shares(of: pools, tiers: prices.expressDuration)
        var result = Scenario(costs: [], durationShares: shares, childRequestCosts: [], standardTransitions: 0)
        for (index, (usage, type)) in zip(usages, types).enumerated() {
            switch type {
            case .standard:
                let childRequests = usage.childRequests * prices.expressRequest.price
                result.childRequestCosts.append(childRequests)
                result.costs.append(usage.standardTransitions * prices.stateTransition.price + childRequests + shares[index])
                result.standardTransitions += usage.standardTransitions
            case .express:
                result.childRequestCosts.append(0)
                result.costs.append(usage.expressRequests * prices.expressRequest.price + shares[index])
            }
        }
        return result
    }

    /// The Standard free tier of a scenario: 4,000 transitions a month per account, when asked for.
    func freeTierDeduction(_ scenario: Scenario) -> Decimal {
        guard freeTier else { return 0 }
        return min(Decimal(prices.freeTransitionsPerMonth), scenario.standardTransitions) * prices.stateTransition.price
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

    private func machineReport(_ analysis: MachineAnalysis, _ usage: Usage, standard: Scenario, express: Scenario,
                               declared: Scenario, index: Int, findings: [Finding], suppressed: [Finding]) -> MachineReport {
        let childCost = standard.childRequestCosts[index] + standard.durationShares[index]
        let standardCost = standard.costs[index]
        let requestCost = usage.expressRequests * prices.expressRequest.price
        let expressDuration = express.durationShares[index]
        let expressCost = express.costs[index]

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
                                        usable: blockers.isEmpty, blockers: blockers),
                declaredCost: known(Money(declared.costs[index]))),
            recommendedType: recommendation.type, recommendation: recommendation,
            assumptions: analysis.assumptions, findings: findings, suppressedFindings: suppressed,
            executionsOrigin: analysis.executionsOrigin)
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
                            analysis.expected.transitions, Format.billedSeconds(usage.billedSeconds), analysis.expressMemoryMB)
        } else if express == standard {
            reason = "both cost the same; Standard keeps exactly-once execution and the execution history"
        } else {
            reason = String(format: "Standard is cheaper: %.4g transitions per execution cost less than a request plus %@ at %d MB",
                            analysis.expected.transitions, Format.billedSeconds(usage.billedSeconds), analysis.expressMemoryMB)
        }
        return Recommendation(type: type, reason: reason, monthlySaving: saving,
                              breakEvenDurationSeconds: breakEvenSeconds.map { round6(max(0, $0)) },
                              breakEvenTransitions: breakEvenTransitions.map(round6))
    }

    private func perExecution(_ analysis: MachineAnalysis) -> PerExecution {
        let expected = analysis.expected, worst = analysis.worst
        // Shown only for machines that have Express children at all (a Distributed Map of EXPRESS type).
        let hasChildren = analysis.machine.allStates().contains { state in
            if case .map(let spec) = state.kind, spec.mode == .distributed(childType: .express) { return true }
            return false
        }
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
                      worstCaseIsUpperBound: worst.isUpperBound ? true : nil,
                      worstCaseTooLarge: worst.value?.isSaturated == true ? true : nil,
                      worstCaseCount: worst.value.flatMap { $0.isSaturated ? nil : $0.value })
    }

    private func figure(_ expected: Double, _ worst: WorstValue<Double>) -> Figure {
        let value = worst.value.flatMap { $0.isFinite ? round6($0) : nil }
        return Figure(expected: expected.isFinite ? round6(expected) : nil, worstCase: value,
                      worstCaseIsUpperBound: worst.isUpperBound ? true : nil,
                      worstCaseTooLarge: worst.value.map { !$0.isFinite } == true ? true : nil)
    }

    private func total(_ machines: [MachineReport], standard: Scenario, express: Scenario, recommended: Scenario,
                       declared: Scenario) -> TotalReport {
        var notes: [String] = []
        let unknown = machines.filter { $0.monthly.standard.cost == nil }.map(\.name)
        if !unknown.isEmpty {
            notes.append("Not in the totals, because their expected figures cannot be computed: \(unknown.joined(separator: ", ")).")
        }
        let freeTransitions = Format.count(Double(prices.freeTransitionsPerMonth))
        if freeTier {
            notes.append("The Standard free tier (\(freeTransitions) transitions a month, per account) is deducted once from each total that has Standard transitions.")
        } else {
            notes.append("The Standard free tier (\(freeTransitions) transitions a month, per account) is not deducted; pass --free-tier to deduct it.")
        }
        notes.append("Express duration tiers count the account's monthly Express usage: each total prices its own Express usage once (machines run as Express and Express children), and each machine shows its share.")
        let all = machines.flatMap(\.findings)
        func net(_ scenario: Scenario) -> Money { Money(scenario.total - freeTierDeduction(scenario)) }
        return TotalReport(stateMachines: machines.count, standardCost: net(standard), expressCost: net(express),
                           recommendedCost: net(recommended), declaredCost: net(declared),
                           freeTierDeduction: Money(freeTierDeduction(declared)),
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
