import Foundation

/// Prices analysed machines and assembles the `Report`.
public struct ReportBuilder: Sendable {
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
    /// A nil quantity of a computable machine is too large to represent (`Representable`).
    struct Usage {
        var executions: Decimal
        var standardTransitions: Decimal?
        /// Express children of a Standard machine.
        var childRequests: Decimal?
        var childGBSeconds: Decimal?
        /// The machine run as Express.
        var expressRequests: Decimal?
        var expressGBSeconds: Decimal?
        /// Nil when too large.
        var billedSeconds: Double?
        /// False when the expected execution cannot be computed (a loop that cannot be left).
        var computable: Bool
        /// The costs that do not depend on which type the other machines run as, priced once
        /// here rather than in each of the four scenarios: the Standard transitions, the Express
        /// child requests of the machine run as Standard, and the requests of the machine run as
        /// Express (nil when too large, or when not computable).
        var standardTransitionCost: Decimal? = nil
        var childRequestCost: Decimal? = nil
        var expressRequestCost: Decimal? = nil
    }

    public func build(_ analyses: [MachineAnalysis], diagnostics: [Diagnostic] = [],
                      adjust: @Sendable (MachineAnalysis, [Finding]) -> (kept: [Finding], suppressed: [Finding]) = { ($1, []) }) -> Report {
        priced(analyses, diagnostics: diagnostics, adjust: adjust).report
    }

    /// The report, and each machine's usage (which the what-if prices again, alone). What is one
    /// machine's alone (its usage, findings and machine report) is computed on every core, in
    /// machine order; what spans machines (the scenarios' Express tiers, the totals) on the
    /// calling thread. `parallel: false` does it all there (tests compare the two).
    func priced(_ analyses: [MachineAnalysis], diagnostics: [Diagnostic] = [], parallel: Bool = true,
                adjust: @Sendable (MachineAnalysis, [Finding]) -> (kept: [Finding], suppressed: [Finding]) = { ($1, []) })
        -> (report: Report, usages: [Usage]) {
        // One machine's report is too little work to pay for waking worker threads: its two or
        // three scenarios are priced on this thread too (0.2 M instructions less for a one-file run).
        let parallel = parallel && analyses.count > 1
        let usages = OrderedParallelMap.map(analyses, parallel: parallel) { usage($0) }
        let standardTypes = Array(repeating: WorkflowType.standard, count: usages.count)
        let expressTypes = Array(repeating: WorkflowType.express, count: usages.count)
        let declaredTypes = analyses.map(\.declaredType)
        // A scenario is a function of the types alone: one whose types equal an earlier one's is
        // that one (all machines declared Standard, the usual case, is the all-Standard scenario).
        // The distinct ones are independent of each other: each is priced on any core.
        var known: [(types: [WorkflowType], scenario: Scenario)] = []
        func remember(_ typeLists: [[WorkflowType]]) {
            var distinct: [[WorkflowType]] = []
            for types in typeLists where !known.contains(where: { $0.types == types }) && !distinct.contains(types) {
                distinct.append(types)
            }
            let priced = OrderedParallelMap.map(distinct, parallel: parallel) { scenario(usages, $0) }
            known += zip(distinct, priced).map { ($0, $1) }
        }
        func scenarioOf(_ types: [WorkflowType]) -> Scenario {
            if let same = known.first(where: { $0.types == types }) { return same.scenario }
            remember([types])
            return known[known.count - 1].scenario
        }
        remember([standardTypes, expressTypes, declaredTypes])
        let allStandard = scenarioOf(standardTypes)
        let allExpress = scenarioOf(expressTypes)
        let declared = scenarioOf(declaredTypes)
        let rates = PriceRates(prices)
        let machines = OrderedParallelMap.map(Array(analyses.indices), parallel: parallel) { index in
            let analysis = analyses[index]
            let found = RuleEngine.findings(for: analysis, region: prices.region)
                + tooLargeCostFindings(analysis, usages[index], standard: allStandard.costs[index], express: allExpress.costs[index])
            let (kept, suppressed) = adjust(analysis, found)
            return machineReport(analysis, usages[index], standard: allStandard, express: allExpress,
                                 declared: declared, index: index, findings: kept, suppressed: suppressed, rates: rates)
        }
        let recommended = scenarioOf(machines.map(\.recommendedType))
        let report = Report(schemaVersion: Report.currentSchemaVersion, tool: ToolInfo(name: "sfncost", version: toolVersion),
                            region: prices.region, currency: prices.currency, pricing: pricingInfo(),
                            stateMachines: machines,
                            total: total(machines, standard: allStandard, express: allExpress, recommended: recommended, declared: declared),
                            diagnostics: diagnostics)
        return (report, usages)
    }

    /// The prices as Doubles for the break-even figures, converted once per report rather than
    /// once per machine (a Decimal's Double goes through its text).
    struct PriceRates {
        var transition: Double
        var request: Double
        var firstTierGBSecond: Double

        init(_ prices: RegionPrices) {
            transition = prices.stateTransition.price.double
            request = prices.expressRequest.price.double
            firstTierGBSecond = (prices.expressDuration.first?.row.price ?? 0).double
        }
    }

    /// Every machine's monthly cost when each runs as the type given for it. Express duration tiers
    /// count the account's Express usage once: the machines run as Express plus the Express children
    /// of those run as Standard; each machine's duration cost is its share of that tiered cost.
    /// A cost is nil when it cannot be computed or is too large (`Usage`); totals add the known ones.
    struct Scenario {
        var costs: [Decimal?]
        /// Each machine's share of the tiered Express duration cost.
        var durationShares: [Decimal?]
        /// Express child requests' cost of machines run as Standard.
        var childRequestCosts: [Decimal?]
        /// Standard transitions of the machines whose transitions are known.
        var standardTransitions: Decimal
        /// The known costs added up (set once the costs are all in).
        var total: Decimal = 0
    }

    func scenario(_ usages: [Usage], _ types: [WorkflowType]) -> Scenario {
        // A machine whose expected execution cannot be computed adds nothing to the account's usage.
        let pools: [Decimal?] = zip(usages, types).map { usage, type in
            guard usage.computable else { return 0 }
            return type == .standard ? usage.childGBSeconds : usage.expressGBSeconds
        }
        let shares = ExpressTierPricer.shares(of: pools, tiers: prices.expressDuration)
        var result = Scenario(costs: [], durationShares: shares, childRequestCosts: [], standardTransitions: 0)
        for (index, (usage, type)) in zip(usages, types).enumerated() {
            guard usage.computable else {
                result.costs.append(nil)
                result.childRequestCosts.append(nil)
                continue
            }
            switch type {
            case .standard:
                result.childRequestCosts.append(usage.childRequestCost)
                result.costs.append(Representable.sum(usage.standardTransitionCost, usage.childRequestCost, shares[index]))
                result.standardTransitions = ExactDecimal.sum(result.standardTransitions, usage.standardTransitions ?? 0)
            case .express:
                result.childRequestCosts.append(0)
                result.costs.append(Representable.sum(usage.expressRequestCost, shares[index]))
            }
        }
        // Foundation's `+`, computed by `ExactDecimal` (the same bits; ~4,500 instructions less a term).
        result.total = result.costs.reduce(0) { total, cost in cost.map { ExactDecimal.sum(total, $0) } ?? total }
        return result
    }

    /// The Standard free tier of a scenario: 4,000 transitions a month per account, when asked for.
    func freeTierDeduction(_ scenario: Scenario) -> Decimal {
        guard freeTier else { return 0 }
        let free = Decimal(prices.freeTransitionsPerMonth)
        let deducted = ExactDecimal.isLess(scenario.standardTransitions, free) ? scenario.standardTransitions : free
        return ExactDecimal.product(deducted, prices.stateTransition.price)
    }

    func usage(_ analysis: MachineAnalysis) -> Usage {
        let executions = analysis.executions.perMonth
        let expected = analysis.expected
        // Not finite because a loop cannot be left: unknown. Not finite otherwise (an overflow of
        // hostile figures): too large, quantity by quantity below.
        guard Self.isComputable(analysis) else {
            return Usage(executions: executions, standardTransitions: nil, childRequests: nil, childGBSeconds: nil,
                         expressRequests: nil, expressGBSeconds: nil, billedSeconds: nil, computable: false)
        }
        // Saturated memory is a hostile memory_mb or payload_kb: the GB-seconds are too large.
        let memoryGB = ExpressBilling.isSaturated(memoryMB: analysis.expressMemoryMB) ? nil : MemoryGigabytes.of(analysis.expressMemoryMB)
        let billed = ExpressBilling.billedSeconds(expected.seconds)
        // Remembered by exact inputs (`MonthlyQuantity`): the same arithmetic, done once per distinct figure.
        let billedDecimal = MonthlyQuantity.decimal(billed)
        let childRequests = MonthlyQuantity.of(executions, times: expected.expressRequests)
        let childGBSeconds = MonthlyQuantity.of(executions, times: expected.expressGBSeconds)
        let ownGBSeconds = Representable.product(Representable.product(executions, billedDecimal), memoryGB)
        let standardTransitions = MonthlyQuantity.of(executions, times: expected.transitions)
        let expressRequests = Representable.sum(executions, childRequests)
        return Usage(executions: executions,
                     standardTransitions: standardTransitions,
                     childRequests: childRequests, childGBSeconds: childGBSeconds,
                     expressRequests: expressRequests,
                     expressGBSeconds: Representable.sum(ownGBSeconds, childGBSeconds),
                     billedSeconds: billedDecimal == nil ? nil : billed, computable: true,
                     standardTransitionCost: Representable.product(standardTransitions, prices.stateTransition.price),
                     childRequestCost: Representable.product(childRequests, prices.expressRequest.price),
                     expressRequestCost: Representable.product(expressRequests, prices.expressRequest.price))
    }

    /// False when the expected execution cannot be computed: a loop that cannot be left makes it
    /// infinite. Figures that are not finite for any other reason are too large, not unknown.
    static func isComputable(_ analysis: MachineAnalysis) -> Bool {
        let expected = analysis.expected
        let finite = [expected.transitions, expected.events, expected.seconds, expected.expressRequests, expected.expressGBSeconds]
            .allSatisfy { $0.isFinite }
        return finite || !analysis.root.problems.contains { $0.kind == .trappedLoop || $0.kind == .loopTooComplex }
    }

    /// SFN171 for a monthly cost beyond what sfncost represents, as Standard, as Express or both.
    func tooLargeCostFindings(_ analysis: MachineAnalysis, _ usage: Usage, standard: Decimal?, express: Decimal?) -> [Finding] {
        guard usage.computable else { return [] }
        let types = [standard == nil ? "as Standard" : nil, express == nil ? "as Express" : nil].compactMap { $0 }
        guard !types.isEmpty else { return [] }
        return [Finding(rule: RuleCatalog.analysisIncomplete,
                        message: "the monthly cost \(types.joined(separator: " and ")) exceeds what sfncost represents (\(Representable.limitText)): reported as too large (null), never recommended, and a --budget or diff gate fails on it. Check the profile's executions, item counts, durations and memory",
                        at: analysis.location, state: nil, machine: analysis.name)]
    }

    private func machineReport(_ analysis: MachineAnalysis, _ usage: Usage, standard: Scenario, express: Scenario,
                               declared: Scenario, index: Int, findings: [Finding], suppressed: [Finding],
                               rates: PriceRates) -> MachineReport {
        let childCost = usage.computable ? Representable.sum(standard.childRequestCosts[index], standard.durationShares[index]) : nil
        let standardCost = standard.costs[index]
        let requestCost = usage.computable ? usage.expressRequestCost : nil
        let expressDuration = usage.computable ? express.durationShares[index] : nil
        let expressCost = express.costs[index]

        var blockers = analysis.expressBlockers.map(\.reason)
        if let worst = analysis.worst.seconds.value, worst > ServiceLimits.maxExpressSeconds {
            blockers.append("the worst-case execution takes \(Format.seconds(worst)), over Express's 5-minute limit")
        } else if analysis.worst.seconds.value == nil {
            blockers.append("the worst-case duration is unbounded, so the 5-minute Express limit cannot be shown to hold")
        }
        let recommendation = usage.computable
            ? recommend(analysis, usage: usage, standard: standardCost, express: expressCost, blockers: blockers, rates: rates)
            : Recommendation(type: analysis.declaredType,
                             reason: "no recommendation: the expected execution cannot be computed (see the findings)",
                             monthlySaving: .zero, breakEvenDurationSeconds: nil, breakEvenTransitions: nil)
        /// True (else nil, as JSON writes it) when a computable machine's figure is too large.
        func tooLarge(_ value: Decimal?) -> Bool? { usage.computable && value == nil ? true : nil }
        let declaredCost = declared.costs[index]
        let location = analysis.location
        return MachineReport(
            name: analysis.name, file: location.file, line: location.line, column: location.column,
            type: analysis.declaredType,
            executionsPerMonth: analysis.executions.perMonth.double,
            executionsSource: analysis.executions.text,
            perExecution: perExecution(analysis, computable: usage.computable),
            monthly: Monthly(
                standard: StandardMonthly(transitions: usage.standardTransitions.map(rounded), cost: standardCost.map(Money.init),
                                          priceRow: prices.stateTransition.id,
                                          expressChildCost: childCost.flatMap { ExactDecimal.isPositive($0) ? Money($0) : nil },
                                          costTooLarge: tooLarge(standardCost)),
                express: ExpressMonthly(requests: usage.expressRequests.map(rounded), gbSeconds: usage.expressGBSeconds.map(rounded),
                                        memoryMB: analysis.expressMemoryMB, billedDurationSeconds: usage.billedSeconds,
                                        requestCost: requestCost.map(Money.init), durationCost: expressDuration.map(Money.init),
                                        cost: expressCost.map(Money.init),
                                        priceRows: [prices.expressRequest.id] + prices.expressDuration.map(\.row.id),
                                        usable: blockers.isEmpty, blockers: blockers, costTooLarge: tooLarge(expressCost)),
                declaredCost: declaredCost.map(Money.init), declaredCostTooLarge: tooLarge(declaredCost)),
            recommendedType: recommendation.type, recommendation: recommendation,
            assumptions: analysis.assumptions, findings: findings, suppressedFindings: suppressed,
            executionsOrigin: analysis.executionsOrigin, stateVisits: StateVisits.of(analysis))
    }

    private func recommend(_ analysis: MachineAnalysis, usage: Usage, standard: Decimal?, express: Decimal?,
                           blockers: [String], rates: PriceRates) -> Recommendation {
        // Break-even at first-tier prices, per execution; none where the figures are too large.
        let memoryGB = ExpressBilling.isSaturated(memoryMB: analysis.expressMemoryMB) ? .infinity : Double(analysis.expressMemoryMB) / 1024
        let transitionPrice = rates.transition
        let requestPrice = rates.request
        let gbPrice = rates.firstTierGBSecond
        let standardPerRun = analysis.expected.transitions * transitionPrice
        let expressPerRun = requestPrice + (usage.billedSeconds ?? .infinity) * memoryGB * gbPrice
        let breakEvenSeconds = gbPrice > 0 && memoryGB > 0 ? finite((standardPerRun - requestPrice) / (memoryGB * gbPrice)) : nil
        let breakEvenTransitions = transitionPrice > 0 ? finite(expressPerRun / transitionPrice) : nil

        // A type whose cost is too large is never recommended, and no saving is claimed over it.
        guard let standard, let express else {
            let tooLarge = [standard == nil ? "as Standard" : nil, express == nil ? "as Express" : nil].compactMap { $0 }
            let what = "the monthly cost \(tooLarge.joined(separator: " and ")) is too large to represent"
            if standard == nil, express != nil, blockers.isEmpty {
                return Recommendation(type: .express, reason: "Standard's cost is too large to represent; Express can run it", monthlySaving: .zero,
                                      breakEvenDurationSeconds: nil, breakEvenTransitions: nil)
            }
            if standard != nil {
                let why = blockers.isEmpty ? "Express's cost is too large to represent"
                    : "Express cannot run it: " + blockers.joined(separator: "; ") + "; and its cost is too large to represent"
                return Recommendation(type: .standard, reason: why, monthlySaving: .zero,
                                      breakEvenDurationSeconds: nil, breakEvenTransitions: nil)
            }
            return Recommendation(type: analysis.declaredType, reason: "no recommendation: \(what) (see the findings)",
                                  monthlySaving: .zero, breakEvenDurationSeconds: nil, breakEvenTransitions: nil)
        }
        let saving = Money(abs(ExactDecimal.difference(standard, express)))
        if !blockers.isEmpty {
            // No saving is claimed over a type that cannot run the machine.
            return Recommendation(type: .standard, reason: "Express cannot run it: " + blockers.joined(separator: "; "),
                                  monthlySaving: .zero,
                                  breakEvenDurationSeconds: breakEvenSeconds.map { round6(max(0, $0)) },
                                  breakEvenTransitions: breakEvenTransitions.map(round6))
        }
        let expressIsCheaper = ExactDecimal.isLess(express, standard)
        let type: WorkflowType = expressIsCheaper ? .express : .standard
        let reason: String
        // "%d" of the memory as Foundation prints it: the decimal digits of a value that fits 32 bits.
        let memory = Int32(exactly: analysis.expressMemoryMB).map { "\($0)" } ?? String(format: "%d", analysis.expressMemoryMB)
        let transitions = CFormat.double("%.4g", analysis.expected.transitions)
        let billedText = Format.billedSeconds(usage.billedSeconds ?? .infinity)
        if expressIsCheaper {
            reason = "Express is cheaper: \(transitions) transitions per execution cost more than a request plus \(billedText) at \(memory) MB"
        } else if express == standard {
            reason = "both cost the same; Standard keeps exactly-once execution and the execution history"
        } else {
            reason = "Standard is cheaper: \(transitions) transitions per execution cost less than a request plus \(billedText) at \(memory) MB"
        }
        return Recommendation(type: type, reason: reason, monthlySaving: saving,
                              breakEvenDurationSeconds: breakEvenSeconds.map { round6(max(0, $0)) },
                              breakEvenTransitions: breakEvenTransitions.map(round6))
    }

    private func perExecution(_ analysis: MachineAnalysis, computable: Bool) -> PerExecution {
        let expected = analysis.expected, worst = analysis.worst
        // Shown only for machines that have Express children at all (a Distributed Map of EXPRESS type).
        let hasChildren = analysis.machine.everyState.contains { state in
            if case .map(let spec) = state.kind, spec.mode == .distributed(childType: .express) { return true }
            return false
        }
        // An expected figure that is not finite is unknown when a loop cannot be left, else too large.
        func tooLarge(_ value: Double) -> Bool? { computable && !value.isFinite ? true : nil }
        return PerExecution(
            transitions: figure(expected.transitions, worst.transitions, tooLarge: tooLarge),
            historyEvents: figure(expected.events, worst.events, tooLarge: tooLarge),
            durationSeconds: figure(expected.seconds, worst.seconds, tooLarge: tooLarge),
            expressChildRequests: hasChildren ? figure(expected.expressRequests, worst.expressRequests, tooLarge: tooLarge) : nil,
            expressChildGBSeconds: hasChildren ? figure(expected.expressGBSeconds, worst.expressGBSeconds, tooLarge: tooLarge) : nil)
    }

    func figure(_ expected: Double, _ worst: WorstValue<Count>, tooLarge: (Double) -> Bool?) -> Figure {
        let value: Double? = worst.value.flatMap { $0.isSaturated ? nil : Double($0.value) }
        return Figure(expected: expected.isFinite ? round6(expected) : nil, worstCase: value,
                      worstCaseIsUpperBound: worst.isUpperBound ? true : nil,
                      worstCaseTooLarge: worst.value?.isSaturated == true ? true : nil,
                      worstCaseCount: worst.value.flatMap { $0.isSaturated ? nil : $0.value },
                      expectedTooLarge: tooLarge(expected))
    }

    func figure(_ expected: Double, _ worst: WorstValue<Double>, tooLarge: (Double) -> Bool?) -> Figure {
        let value = worst.value.flatMap { $0.isFinite ? round6($0) : nil }
        return Figure(expected: expected.isFinite ? round6(expected) : nil, worstCase: value,
                      worstCaseIsUpperBound: worst.isUpperBound ? true : nil,
                      worstCaseTooLarge: worst.value.map { !$0.isFinite } == true ? true : nil,
                      expectedTooLarge: tooLarge(expected))
    }

    private func total(_ machines: [MachineReport], standard: Scenario, express: Scenario, recommended: Scenario,
                       declared: Scenario) -> TotalReport {
        var notes: [String] = []
        let unknown = machines.filter { $0.monthly.standard.cost == nil && $0.monthly.standard.costTooLarge != true }.map(\.name)
        if !unknown.isEmpty {
            notes.append("Not in the totals, because their expected figures cannot be computed: \(unknown.joined(separator: ", ")).")
        }
        let tooLarge = machines.filter { $0.monthly.standard.costTooLarge == true || $0.monthly.express.costTooLarge == true }.map(\.name)
        if !tooLarge.isEmpty {
            notes.append("Not in the totals where their cost is too large to represent (over \(Representable.limitText)): \(tooLarge.joined(separator: ", ")).")
        }
        let freeTransitions = Format.count(Double(prices.freeTransitionsPerMonth))
        if freeTier {
            notes.append("The Standard free tier (\(freeTransitions) transitions a month, per account) is deducted once from each total that has Standard transitions.")
        } else {
            notes.append("The Standard free tier (\(freeTransitions) transitions a month, per account) is not deducted; pass --free-tier to deduct it.")
        }
        notes.append("Express duration tiers count the account's monthly Express usage: each total prices its own Express usage once (machines run as Express and Express children), and each machine shows its share.")
        let all = machines.flatMap(\.findings)
        func net(_ scenario: Scenario) -> Money { Money(ExactDecimal.difference(scenario.total, freeTierDeduction(scenario))) }
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

    private func rounded(_ value: Decimal) -> Double {
        ExactDecimal.rounded(value, scale: 6).double
    }

    /// To 6 places; beyond 10^15 a Double holds no such places (and × 10^6 could overflow).
    private func round6(_ value: Double) -> Double { abs(value) >= 1e15 ? value : (value * 1e6).rounded() / 1e6 }

    private func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
}

/// `Decimal(megabytes) / 1024`, each value divided once: a Decimal division costs ~30,000
/// instructions and every machine's usage needs one, while a report holds a handful of memory sizes.
enum MemoryGigabytes {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [Int: Decimal] = [:]

    static func of(_ megabytes: Int) -> Decimal {
        lock.lock()
        defer { lock.unlock() }
        if let value = known[megabytes] { return value }
        let value = ExactDecimal.quotient(Decimal(megabytes), 1024)
        if known.count < 1024 { known[megabytes] = value }
        return value
    }
}
