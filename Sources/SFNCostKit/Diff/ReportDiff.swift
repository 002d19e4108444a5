import Foundation

/// What changed between two saved reports (`sfncost estimate --format json`): per machine, the
/// monthly cost at its declared type, the transitions per execution, and the findings that
/// appeared or went away. The JSON report is the interchange format; this reads two of them.
public struct ReportDiff: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var currency: String
    public var base: Side
    public var head: Side
    public var machines: [MachineChange]
    public var total: TotalChange
    /// The budgets checked: the head report's, with `--budget`/`--max-increase` over them.
    @NullEncoded public var budgets: BudgetLimits? = nil
    /// How the figures stand against them (filled by `BudgetCheck`).
    @NullEncoded public var budgetStatus: [BudgetStatus]? = nil

    /// Which report a side is.
    public struct Side: Codable, Sendable {
        public var path: String
        public var region: String
        public var priceDate: String
    }

    public enum Status: String, Codable, Sendable { case added, removed, changed, unchanged }

    public struct MachineChange: Codable, Sendable {
        public var name: String
        public var status: Status
        @NullEncoded public var file: String?
        @NullEncoded public var baseType: WorkflowType?
        @NullEncoded public var headType: WorkflowType?
        /// Monthly cost at the declared type (null when absent or not computable on that side).
        @NullEncoded public var baseCost: Money?
        @NullEncoded public var headCost: Money?
        public var costChange: Money
        /// Relative change in percent (null from zero or for added/removed machines).
        @NullEncoded public var costChangePercent: Double?
        @NullEncoded public var baseTransitions: Double?
        @NullEncoded public var headTransitions: Double?
        @NullEncoded public var baseWorstTransitions: Double?
        @NullEncoded public var headWorstTransitions: Double?
        public var newFindings: [Finding]
        public var resolvedFindings: [Finding]
    }

    public struct TotalChange: Codable, Sendable {
        public var baseCost: Money
        public var headCost: Money
        public var costChange: Money
        @NullEncoded public var costChangePercent: Double?
        public var newFindings: Int
        public var resolvedFindings: Int
    }
}

/// Builds a `ReportDiff` from two reports.
public enum ReportDiffer {
    public struct DiffError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads a report saved by `sfncost estimate --format json`, checking its schema version.
    public static func load(path: String) throws -> Report {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DiffError(description: "\(path):1:1: error: cannot read the report")
        }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let version = object["schemaVersion"] as? Int
            guard version == Report.currentSchemaVersion else {
                throw DiffError(description: "\(path):1:1: error: report schemaVersion \(version.map(String.init) ?? "missing") is not \(Report.currentSchemaVersion); re-run 'sfncost estimate --format json' with this sfncost")
            }
        }
        do { return try JSONRenderer.decode(data) } catch {
            throw DiffError(description: "\(path):1:1: error: not an sfncost JSON report (\(describe(error)))")
        }
    }

    public static func diff(base: Report, basePath: String, head: Report, headPath: String) throws -> ReportDiff {
        guard base.currency == head.currency else {
            throw DiffError(description: "the reports are in different currencies (\(base.currency), \(head.currency)); compare reports of one currency")
        }
        let baseByName = Dictionary(base.stateMachines.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let headByName = Dictionary(head.stateMachines.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(baseByName.keys).union(headByName.keys).sorted()
        var changes: [ReportDiff.MachineChange] = []
        for name in names {
            changes.append(change(name, baseByName[name], headByName[name]))
        }
        let baseTotal = base.total.declaredCost, headTotal = head.total.declaredCost
        return ReportDiff(
            schemaVersion: ReportDiff.currentSchemaVersion, currency: head.currency,
            base: .init(path: basePath, region: base.region, priceDate: base.pricing.effectiveDate),
            head: .init(path: headPath, region: head.region, priceDate: head.pricing.effectiveDate),
            machines: changes,
            total: .init(baseCost: baseTotal, headCost: headTotal, costChange: Money(headTotal.amount - baseTotal.amount),
                         costChangePercent: percent(baseTotal.amount, headTotal.amount),
                         newFindings: changes.reduce(0) { $0 + $1.newFindings.count },
                         resolvedFindings: changes.reduce(0) { $0 + $1.resolvedFindings.count }),
            budgets: head.budgets)
    }

    private static func change(_ name: String, _ base: MachineReport?, _ head: MachineReport?) -> ReportDiff.MachineChange {
        let baseCost = base.flatMap(declaredCost), headCost = head.flatMap(declaredCost)
        let delta = (headCost?.amount ?? 0) - (baseCost?.amount ?? 0)
        let baseKeys = Set((base?.findings ?? []).map(key)), headKeys = Set((head?.findings ?? []).map(key))
        let status: ReportDiff.Status
        switch (base, head) {
        case (nil, _): status = .added
        case (_, nil): status = .removed
        default:
            let same = baseCost == headCost && baseKeys == headKeys
                && base?.perExecution.transitions == head?.perExecution.transitions && base?.type == head?.type
            status = same ? .unchanged : .changed
        }
        return ReportDiff.MachineChange(
            name: name, status: status, file: head?.file ?? base?.file, baseType: base?.type, headType: head?.type,
            baseCost: baseCost, headCost: headCost, costChange: Money(delta),
            costChangePercent: base != nil ? (head == nil ? (baseCost.map { $0.amount == 0 ? nil : -100 } ?? nil) : percent(baseCost?.amount ?? 0, headCost?.amount ?? 0)) : nil,
            baseTransitions: base?.perExecution.transitions.expected, headTransitions: head?.perExecution.transitions.expected,
            baseWorstTransitions: base?.perExecution.transitions.worstCase, headWorstTransitions: head?.perExecution.transitions.worstCase,
            newFindings: (head?.findings ?? []).filter { !baseKeys.contains(key($0)) },
            resolvedFindings: (base?.findings ?? []).filter { !headKeys.contains(key($0)) })
    }

    /// A machine's monthly cost at its declared type.
    static func declaredCost(_ machine: MachineReport) -> Money? {
        machine.monthly.declaredCost ?? (machine.type == .standard ? machine.monthly.standard.cost : machine.monthly.express.cost)
    }

    /// Findings are the same across commits when rule, machine and state agree: lines move.
    private static func key(_ finding: Finding) -> String {
        "\(finding.rule)\u{1}\(finding.machine)\u{1}\(finding.state ?? "")"
    }

    private static func percent(_ base: Decimal, _ head: Decimal) -> Double? {
        guard base != 0 else { return nil }
        let value = ((head - base) / base * 100).rounded(scale: 2)
        return value.double
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, let context) = error {
            return "missing '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }
}
