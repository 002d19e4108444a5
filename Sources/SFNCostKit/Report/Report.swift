import Foundation

/// The one model every output renders, and the interchange format that `diff` and PR comments read.
///
/// Stability: fields are only ever added within a `schemaVersion`; renaming or removing one, or
/// changing its meaning, bumps the version. Money is a decimal string; counts are JSON numbers;
/// a figure that cannot be computed (an unbounded worst case) is `null`, with a finding saying why.
/// The schema is documented in docs/report-schema.md.
public struct Report: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var tool: ToolInfo
    public var region: String
    public var currency: String
    public var pricing: PricingInfo
    public var stateMachines: [MachineReport]
    public var total: TotalReport
    /// Problems with the inputs that did not stop the analysis (unknown fields, profile typos).
    public var diagnostics: [Diagnostic]
    /// The budgets in force (profile `budget` keys, or `--budget`): carried so `diff` can check
    /// them. Absent in reports written before budgets existed.
    @NullEncoded public var budgets: BudgetLimits? = nil
}

public struct ToolInfo: Codable, Sendable {
    public var name: String
    public var version: String
}

/// Which prices were used, so every cost can be traced to its rows.
public struct PricingInfo: Codable, Sendable {
    public var region: String
    public var location: String
    public var currency: String
    /// The prices' date: AWS's effective date when `dateKind` is `effective`, else (`read`) the day a
    /// copy of the pricing page was read, AWS's effective date being unknown.
    public var effectiveDate: String
    /// `effective` or `read`; see `effectiveDate`. Absent in reports written before it was added.
    public var dateKind: String?
    public var source: String
    /// `built-in (pricing/step-functions.json)` or the `--pricing` directory.
    public var origin: String
    /// True when a row used is not verified for this region; `note` says which.
    public var hasUnconfirmedPrices: Bool
    @NullEncoded public var note: String?
    /// Whether the 4,000-transition monthly Standard free tier was deducted (`--free-tier`).
    public var freeTierApplied: Bool
    public var rows: [PriceRowInfo]
}

public struct PriceRowInfo: Codable, Sendable {
    public var id: String
    public var unitPrice: String
    public var unit: String
    public var confidence: String
    /// For Express duration tiers: where the tier starts, in GB-seconds a month.
    @NullEncoded public var fromGBSeconds: String?
}

public struct MachineReport: Codable, Sendable {
    public var name: String
    public var file: String
    public var line: Int
    public var column: Int
    /// The type the machine is deployed as.
    public var type: WorkflowType
    public var executionsPerMonth: Double
    /// The profile's text for it (`rate(1 day)`), or the default.
    public var executionsSource: String
    public var perExecution: PerExecution
    public var monthly: Monthly
    public var recommendedType: WorkflowType
    public var recommendation: Recommendation
    public var assumptions: [Assumption]
    public var findings: [Finding]
    /// Findings switched off or re-rated by the profile, kept so nothing is dropped silently.
    public var suppressedFindings: [Finding]
    /// What a change to the definition would do (an inline Map turned into a Distributed Map).
    /// Always an array in reports written by this version; absent in older ones.
    @NullEncoded public var whatIf: [WhatIf]? = nil
    /// The machine's lasting identity (`sam-app/template.yaml#DailyIngest`, a bare file's relative
    /// path): what `diff` matches machines by. Absent in reports written before it was added.
    @NullEncoded public var id: String? = nil
    /// Where `executionsPerMonth` comes from: `profile`, `schedule` (declared by the template or
    /// Terraform; `executionsSource` names each expression and its file:line) or `default` (an
    /// assumption). Absent in older reports.
    @NullEncoded public var executionsOrigin: ExecutionsOrigin? = nil
    /// Expected visits per execution of every state (what `explain` lists), so that `diff` can name
    /// the states whose visits changed most. Absent in older reports.
    @NullEncoded public var stateVisits: [StateVisits]? = nil
}

/// One alternative to the definition as written, analysed and priced like the machine itself.
public struct WhatIf: Codable, Sendable {
    /// The change, e.g. "Map 'ProcessKeys' as a Distributed Map with EXPRESS child executions".
    public var change: String
    public var state: String
    public var line: Int
    public var column: Int
    /// The monthly cost at the machine's declared type, before and after (this machine alone).
    @NullEncoded public var monthlyCostBefore: Money?
    @NullEncoded public var monthlyCostAfter: Money?
    /// Worst-case history events of the parent execution after the change.
    @NullEncoded public var worstHistoryEventsAfter: Double?
    @NullEncoded public var worstDurationSecondsAfter: Double?
    /// Findings at error level that the change removes (rule IDs).
    public var resolves: [String]
}

/// Expected and worst-case figure. `worstCase` is null when unbounded or beyond what can be represented.
public struct Figure: Codable, Sendable, Equatable {
    public var expected: Double?
    public var worstCase: Double?
    /// True when the worst case is a sound upper bound rather than exact (loops with several bounds).
    public var worstCaseIsUpperBound: Bool?
    /// True when the worst case is null because it exceeds what sfncost represents (beyond
    /// 1.8 × 10^19 counts, or an infinite wait), not because a loop is unbounded.
    public var worstCaseTooLarge: Bool?
    /// The worst case as an exact whole number when it is a count: a Double holds only 2^53 exactly,
    /// and JSON must carry 1,000,001,000,001,000,001 to the last digit.
    public var worstCaseCount: UInt64?
    /// True when `expected` is null because it exceeds what a Double holds (hostile item counts or
    /// durations), not because a loop cannot be left.
    public var expectedTooLarge: Bool?

    public init(expected: Double?, worstCase: Double?, worstCaseIsUpperBound: Bool? = nil,
                worstCaseTooLarge: Bool? = nil, worstCaseCount: UInt64? = nil, expectedTooLarge: Bool? = nil) {
        self.expected = expected
        self.worstCase = worstCase
        self.worstCaseIsUpperBound = worstCaseIsUpperBound
        self.worstCaseTooLarge = worstCaseTooLarge
        self.worstCaseCount = worstCaseCount
        self.expectedTooLarge = expectedTooLarge
    }

    enum CodingKeys: String, CodingKey { case expected, worstCase, worstCaseIsUpperBound, worstCaseTooLarge, expectedTooLarge }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        expected = try container.decodeIfPresent(Double.self, forKey: .expected)
        // As a Double first: Decimal cannot hold 2.5e198 (a huge worst-case duration), which must
        // still read. The exact count is taken from the digits when it is a whole number in UInt64.
        if let real = try container.decodeIfPresent(Double.self, forKey: .worstCase) {
            worstCase = real
            if real >= 0, real <= 1.9e19, let exact = try? container.decodeIfPresent(Decimal.self, forKey: .worstCase),
               exact >= 0, exact == exact.rounded(scale: 0), exact <= Decimal(UInt64.max) {
                worstCase = exact.double
                worstCaseCount = UInt64(Money.plainString(exact))
            }
        }
        worstCaseIsUpperBound = try container.decodeIfPresent(Bool.self, forKey: .worstCaseIsUpperBound)
        worstCaseTooLarge = try container.decodeIfPresent(Bool.self, forKey: .worstCaseTooLarge)
        expectedTooLarge = try container.decodeIfPresent(Bool.self, forKey: .expectedTooLarge)
    }

    /// Every key is written, `null` when absent; a count is written as an exact integer.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let expected { try container.encode(expected, forKey: .expected) } else { try container.encodeNil(forKey: .expected) }
        if let worstCaseCount {
            try container.encode(Decimal(string: String(worstCaseCount)) ?? 0, forKey: .worstCase)
        } else if let worstCase {
            try container.encode(worstCase, forKey: .worstCase)
        } else {
            try container.encodeNil(forKey: .worstCase)
        }
        if let worstCaseIsUpperBound { try container.encode(worstCaseIsUpperBound, forKey: .worstCaseIsUpperBound) } else { try container.encodeNil(forKey: .worstCaseIsUpperBound) }
        if let worstCaseTooLarge { try container.encode(worstCaseTooLarge, forKey: .worstCaseTooLarge) } else { try container.encodeNil(forKey: .worstCaseTooLarge) }
        if let expectedTooLarge { try container.encode(expectedTooLarge, forKey: .expectedTooLarge) } else { try container.encodeNil(forKey: .expectedTooLarge) }
    }

    /// Equal figures, whatever their exact-count bookkeeping.
    public static func == (lhs: Figure, rhs: Figure) -> Bool {
        lhs.expected == rhs.expected && lhs.worstCase == rhs.worstCase && lhs.worstCaseIsUpperBound == rhs.worstCaseIsUpperBound
            && lhs.worstCaseTooLarge == rhs.worstCaseTooLarge && lhs.expectedTooLarge == rhs.expectedTooLarge
    }
}

public struct PerExecution: Codable, Sendable {
    public var transitions: Figure
    public var historyEvents: Figure
    public var durationSeconds: Figure
    /// Express child executions started by Distributed Maps, and their GB-seconds.
    @NullEncoded public var expressChildRequests: Figure?
    @NullEncoded public var expressChildGBSeconds: Figure?
}

public struct Monthly: Codable, Sendable {
    public var standard: StandardMonthly
    public var express: ExpressMonthly
    /// The cost at the machine's declared type, with the Express tiers counted over what is actually
    /// declared Express in this report (what `diff` compares).
    @NullEncoded public var declaredCost: Money?
    /// True when `declaredCost` is null because it exceeds what sfncost represents (10^30), not
    /// because the expected execution cannot be computed. Absent in older reports.
    @NullEncoded public var declaredCostTooLarge: Bool? = nil
}

/// Monthly figures are null when the expected execution cannot be computed (a loop that never
/// exits); a finding then says why.
public struct StandardMonthly: Codable, Sendable {
    @NullEncoded public var transitions: Double?
    @NullEncoded public var cost: Money?
    public var priceRow: String
    /// Express child executions of Distributed Maps, billed as Express inside a Standard machine.
    @NullEncoded public var expressChildCost: Money?
    /// True when the cost (and the usage that is null) exceeds what sfncost represents (10^30).
    @NullEncoded public var costTooLarge: Bool? = nil
}

public struct ExpressMonthly: Codable, Sendable {
    @NullEncoded public var requests: Double?
    @NullEncoded public var gbSeconds: Double?
    public var memoryMB: Int
    /// The expected duration of one execution, rounded up to the next 100 ms.
    @NullEncoded public var billedDurationSeconds: Double?
    @NullEncoded public var requestCost: Money?
    @NullEncoded public var durationCost: Money?
    @NullEncoded public var cost: Money?
    public var priceRows: [String]
    /// False when Express cannot run this machine; `blockers` says why.
    public var usable: Bool
    public var blockers: [String]
    /// True when the cost (and the usage that is null) exceeds what sfncost represents (10^30);
    /// `memoryMB` then may be saturated at 9,223,372,036,854,775,744.
    @NullEncoded public var costTooLarge: Bool? = nil
}

public struct Recommendation: Codable, Sendable {
    public var type: WorkflowType
    public var reason: String
    /// Monthly saving of the recommended type over the other (zero or more).
    public var monthlySaving: Money
    /// The expected execution duration at which Express would cost what Standard does (first tier).
    @NullEncoded public var breakEvenDurationSeconds: Double?
    /// The transitions per execution at which Standard would cost what Express does.
    @NullEncoded public var breakEvenTransitions: Double?
}

public struct TotalReport: Codable, Sendable {
    public var stateMachines: Int
    public var standardCost: Money
    public var expressCost: Money
    /// Each machine at its recommended type.
    public var recommendedCost: Money
    /// Each machine at its declared type, with the free tier if applied.
    public var declaredCost: Money
    public var freeTierDeduction: Money
    public var findings: FindingCounts
    /// How the totals relate to the parts, where that is not a plain sum.
    public var notes: [String]
}

public struct FindingCounts: Codable, Sendable {
    public var error: Int
    public var warning: Int
    public var note: Int
    public var suppressed: Int
}
