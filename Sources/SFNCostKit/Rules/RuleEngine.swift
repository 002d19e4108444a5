/// Runs every check on an analysed machine.
public enum RuleEngine {
    /// A check: reads the analysis (and the context it cannot know, such as the region), returns
    /// findings. Each lives in Rules/Checks/ beside its messages.
    typealias Check = @Sendable (MachineAnalysis, RuleContext) -> [Finding]

    /// Every check on its own, in the order their findings are joined. `findings` gives what these
    /// give, with one walk over the states for all of them (`RuleWalk`); this list is the general
    /// path it falls back on, and what tests compare it with.
    static let checks: [Check] = [
        { analysis, _ in LoopChecks.check(analysis) },
        { analysis, _ in HistoryChecks.check(analysis) },
        { analysis, _ in DurationChecks.check(analysis) },
        { analysis, _ in ExpressChecks.check(analysis) },
        { analysis, _ in WaitOverYearCheck.check(analysis) },
        { analysis, _ in PayloadLimitCheck.check(analysis) },
        { analysis, _ in InlineMapFanoutCheck.check(analysis) },
        { analysis, _ in DistributedMapConcurrencyCheck.check(analysis) },
        { analysis, _ in DefinitionSizeCheck.check(analysis) },
        { analysis, _ in StateNameLengthCheck.check(analysis) },
        { analysis, _ in UnreachableStateCheck.check(analysis) },
        { analysis, _ in StatesAllPositionCheck.check(analysis) },
        { analysis, _ in TaskTimeoutCheck.check(analysis) },
        { analysis, _ in HeartbeatTimeoutCheck.check(analysis) },
        { analysis, _ in RetryStormCheck.check(analysis) },
        { analysis, _ in RepresentationChecks.check(analysis) },
        StartRateQuotaCheck.check,
        TransitionRateQuotaCheck.check,
    ]

    /// All findings for one machine, deduplicated and sorted by location then rule.
    /// - Parameters:
    ///   - region: the pricing region; the throttling quotas (SFN161/SFN162) depend on it.
    public static func findings(for analysis: MachineAnalysis, region: String = Estimator.defaultRegion) -> [Finding] {
        let context = RuleContext(region: region)
        guard let walked = RuleWalk.findings(analysis, context) else { return generalFindings(for: analysis, context) }
        return ordered(walked)
    }

    /// The same from each check on its own (`checks`), each walking the states itself.
    static func generalFindings(for analysis: MachineAnalysis, _ context: RuleContext) -> [Finding] {
        ordered(checks.flatMap { $0(analysis, context) })
    }

    /// The first of equal findings, sorted by location then rule (ties in the order given).
    ///
    /// Equal findings share location and rule, so only those neighbours are compared: a set of every
    /// finding would hash each one's message and path.
    static func ordered(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1 else { return findings }
        // The index breaks ties: the order given, whatever the sort's own stability.
        let order = findings.indices.sorted { a, b in
            let (left, right) = (findings[a], findings[b])
            if left.line != right.line || left.column != right.column || left.file != right.file || left.rule != right.rule {
                return (left.location, left.rule) < (right.location, right.rule)
            }
            return a < b
        }
        var result: [Finding] = []
        result.reserveCapacity(findings.count)
        var runStart = 0
        for index in order {
            let finding = findings[index]
            if let last = result.last, last.line != finding.line || last.column != finding.column
                || last.file != finding.file || last.rule != finding.rule {
                runStart = result.count
            }
            // A duplicate stands in the same run of location and rule.
            if result[runStart...].contains(finding) { continue }
            result.append(finding)
        }
        return result
    }
}

/// What a check needs beyond the machine's analysis.
public struct RuleContext: Sendable {
    /// The AWS region the report is priced for.
    public var region: String

    public init(region: String) {
        self.region = region
    }
}
