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
        /// The machine's id (head's, else base's), null when the reports predate ids.
        @NullEncoded public var id: String?
        public var status: Status
        @NullEncoded public var file: String?
        @NullEncoded public var baseType: WorkflowType?
        @NullEncoded public var headType: WorkflowType?
        /// Monthly cost at the declared type (null when absent or not computable on that side).
        @NullEncoded public var baseCost: Money?
        @NullEncoded public var headCost: Money?
        /// True when that side's cost is null because it is too large to represent, not unknown.
        @NullEncoded public var baseCostTooLarge: Bool? = nil
        @NullEncoded public var headCostTooLarge: Bool? = nil
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
        // Regular files only, never more than FileReader's limit: a FIFO or /dev/zero is refused, not read.
        do { data = try FileReader.read(path: path) } catch {
            throw DiffError(description: "\(path):1:1: error: cannot read the report: \(error.diagnostics.first?.message ?? "unreadable")")
        }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let version = object["schemaVersion"] as? Int
            guard version == Report.currentSchemaVersion else {
                throw DiffError(description: "\(path):1:1: error: report schemaVersion \(version.map(String.init) ?? "missing") is not \(Report.currentSchemaVersion); re-run 'sfncost estimate --format json' with this sfncost")
            }
        }
        // Parsed for locations only: a value that cannot be used is reported at its line and column.
        let located = try? SourceDocument.parse(String(decoding: data, as: UTF8.self), file: path)
        let report: Report
        do { report = try JSONRenderer.decode(data) } catch {
            let at = location(of: codingPath(of: error), in: located, file: path)
            throw DiffError(description: "\(at): error: not an sfncost JSON report (\(describe(error)))")
        }
        if let (keys, amount) = negativeCost(in: report) {
            let at = location(of: keys, in: located, file: path)
            throw DiffError(description: "\(at): error: '\(keys.map(\.text).joined(separator: "."))' is \(Money.plainString(amount)), a negative cost; a report's costs are 0 or more")
        }
        return report
    }

    /// One step of a path into the report: a key or an array index.
    enum PathKey {
        case key(String), index(Int)
        var text: String {
            switch self {
            case .key(let key): return key
            case .index(let index): return "\(index)"
            }
        }
    }

    /// The first cost in `report` below zero, with its path. No cost sfncost writes is negative
    /// (the free tier is at most the Standard cost it is deducted from).
    static func negativeCost(in report: Report) -> ([PathKey], Decimal)? {
        var costs: [([PathKey], Money?)] = []
        for (index, machine) in report.stateMachines.enumerated() {
            let at: [PathKey] = [.key("stateMachines"), .index(index)]
            let monthly = machine.monthly
            costs += [(at + [.key("monthly"), .key("standard"), .key("cost")], monthly.standard.cost),
                      (at + [.key("monthly"), .key("standard"), .key("expressChildCost")], monthly.standard.expressChildCost),
                      (at + [.key("monthly"), .key("express"), .key("requestCost")], monthly.express.requestCost),
                      (at + [.key("monthly"), .key("express"), .key("durationCost")], monthly.express.durationCost),
                      (at + [.key("monthly"), .key("express"), .key("cost")], monthly.express.cost),
                      (at + [.key("monthly"), .key("declaredCost")], monthly.declaredCost),
                      (at + [.key("recommendation"), .key("monthlySaving")], machine.recommendation.monthlySaving)]
        }
        let total = report.total
        costs += [([.key("total"), .key("standardCost")], total.standardCost), ([.key("total"), .key("expressCost")], total.expressCost),
                  ([.key("total"), .key("recommendedCost")], total.recommendedCost), ([.key("total"), .key("declaredCost")], total.declaredCost),
                  ([.key("total"), .key("freeTierDeduction")], total.freeTierDeduction)]
        for (path, cost) in costs {
            if let amount = cost?.amount, amount < 0 { return (path, amount) }
        }
        return nil
    }

    /// The path a decoding error names.
    static func codingPath(of error: Error) -> [PathKey] {
        let path: [CodingKey]
        switch error as? DecodingError {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            path = context.codingPath
        default:
            path = []
        }
        return path.map { key in key.intValue.map(PathKey.index) ?? .key(key.stringValue) }
    }

    /// The location of the deepest node along `path` that the text has, else the file's start.
    static func location(of path: [PathKey], in root: SourceNode?, file: String) -> SourceLocation {
        guard var node = root else { return SourceLocation(file: file, line: 1, column: 1) }
        for step in path {
            let next: SourceNode?
            switch step {
            case .key(let key): next = node[key]
            case .index(let index): next = node.elements.flatMap { index < $0.count ? $0[index] : nil }
            }
            guard let next else { break }
            node = next
        }
        return node.location
    }

    public static func diff(base: Report, basePath: String, head: Report, headPath: String) throws -> ReportDiff {
        guard base.currency == head.currency else {
            throw DiffError(description: "\(headPath):1:1: error: the reports are in different currencies: \(basePath) is in \(base.currency), \(headPath) in \(head.currency); compare reports of one currency")
        }
        var changes = MachinePairing.pairs(base.stateMachines, head.stateMachines).map { change($0.base, $0.head) }
        changes.sort { ($0.name, $0.id ?? "") < ($1.name, $1.id ?? "") }
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

    private static func change(_ base: MachineReport?, _ head: MachineReport?) -> ReportDiff.MachineChange {
        let name = head?.name ?? base?.name ?? ""
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
            name: name, id: head?.id ?? base?.id, status: status, file: head?.file ?? base?.file, baseType: base?.type, headType: head?.type,
            baseCost: baseCost, headCost: headCost,
            baseCostTooLarge: base.flatMap(declaredCostTooLarge), headCostTooLarge: head.flatMap(declaredCostTooLarge),
            costChange: Money(delta),
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

    /// True when a machine's declared cost is null because it is too large (reports since 10^30 was the limit).
    static func declaredCostTooLarge(_ machine: MachineReport) -> Bool? {
        let monthly = machine.monthly
        let tooLarge = monthly.declaredCostTooLarge
            ?? (machine.type == .standard ? monthly.standard.costTooLarge : monthly.express.costTooLarge)
        return tooLarge == true ? true : nil
    }

    /// Findings of one machine (already paired by id) are the same across commits when rule and
    /// state agree: lines move, and the display name may be qualified once another app shares it.
    private static func key(_ finding: Finding) -> String {
        "\(finding.rule)\u{1}\(finding.state ?? "")"
    }

    private static func percent(_ base: Decimal, _ head: Decimal) -> Double? {
        guard base != 0 else { return nil }
        let value = ((head - base) / base * 100).rounded(scale: 2)
        // Decimal division can overflow into NaN; a percentage that large is not a number to print.
        return value.isNaN ? nil : value.double
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, let context) = error {
            return "missing '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        if case DecodingError.dataCorrupted(let context) = error, !context.codingPath.isEmpty {
            return "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }
}
