/// SFN101/SFN102 history-limit: a Standard execution's history events against the 25,000 quota.
enum HistoryChecks {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        childFindings(analysis) + parentFindings(analysis)
    }

    /// A Distributed Map's STANDARD child executions are Standard executions too, each with its own
    /// history and its own 25,000-event limit (the parent keeps only the Map's 6 events).
    static func childFindings(_ analysis: MachineAnalysis) -> [Finding] {
        StateWalk.figures(analysis.root).compactMap { childFinding($0.figures, analysis) }
    }

    /// One Distributed Map's finding (`RuleEngine` walks the states once for every check).
    static func childFinding(_ figures: StateFigures, _ analysis: MachineAnalysis) -> Finding? {
        let limit = Double(ServiceLimits.maxHistoryEvents)
        guard let fanout = figures.fanout, fanout.distributed, fanout.childType == .standard,
              let iteration = figures.children.first else { return nil }
        let execution = Double(HistoryEventModel.execution)
        let name = figures.state.name
        // Found only for a finding: it formats figures for its text.
        var driver: String { HistoryDriver.find(in: iteration).map { " — driven by \($0.description)" } ?? "" }
        if iteration.expected.events.isFinite, iteration.expected.events + execution > limit {
            return Finding(rule: RuleCatalog.historyLimitExpected,
                message: "each child execution of Distributed Map '\(name)' is expected to write \(Format.count(iteration.expected.events + execution)) history events, over the \(Format.count(limit)) limit\(driver); batch fewer items per child or split the iteration",
                at: figures.state.location, state: name, machine: analysis.name)
        } else if let worst = iteration.worst.events.value, worst.double + execution > limit {
            return Finding(rule: RuleCatalog.historyLimit,
                message: "a child execution of Distributed Map '\(name)' can write \(Format.count(worst.double + execution)) history events, over the \(Format.count(limit)) limit\(driver); batch fewer items per child or split the iteration",
                at: figures.state.location, state: name, machine: analysis.name)
        }
        return nil
    }

    static func parentFindings(_ analysis: MachineAnalysis) -> [Finding] {
        guard analysis.declaredType == .standard else { return [] }
        let limit = Double(ServiceLimits.maxHistoryEvents)
        let expectedOver = analysis.expected.events > limit && analysis.expected.events.isFinite
        let worstOver = analysis.worst.events.value.map { $0.double > limit } ?? false
        // The driver formats figures for the finding's text: found only when there is a finding.
        guard expectedOver || worstOver else { return [] }
        let driver = HistoryDriver.find(in: analysis.root)
        let location = driver?.location ?? analysis.location
        let because = driver.map { " — driven by \($0.description)" } ?? ""
        if analysis.expected.events > limit, analysis.expected.events.isFinite {
            return [Finding(rule: RuleCatalog.historyLimitExpected,
                            message: "an expected execution writes \(Format.count(analysis.expected.events)) history events, over the \(Format.count(limit)) limit\(because)",
                            at: location, state: driver?.state, machine: analysis.name)]
        }
        if let worst = analysis.worst.events.value, worst.double > limit {
            return [Finding(rule: RuleCatalog.historyLimit,
                            message: "the worst-case execution writes \(Format.count(worst)) history events, over the \(Format.count(limit)) limit\(because)",
                            at: location, state: driver?.state, machine: analysis.name)]
        }
        return []
    }
}

/// The state whose visits contribute most history events on the worst path: the one to fix.
struct HistoryDriver {
    var state: String
    var location: SourceLocation
    var description: String

    static func find(in scope: ScopeAnalysis) -> HistoryDriver? {
        var best: (Double, StateFigures)?
        for figures in scope.states where figures.worstVisits > 0 {
            let events = Double(figures.worstVisits) * (figures.perVisitWorstEvents?.double ?? 0)
            if best == nil || events > best!.0 { best = (events, figures) }
        }
        guard let (events, figures) = best else { return nil }
        let what: String
        if let fanout = figures.fanout, !fanout.distributed {
            what = "inline Map '\(figures.state.name)' over up to \(Format.count(fanout.maxItems)) items (\(Format.count(events)) events)"
        } else if figures.worstVisits > 1 {
            what = "'\(figures.state.name)' entered \(figures.worstVisits) times (\(Format.count(events)) events)"
        } else {
            what = "'\(figures.state.name)' (\(Format.count(events)) events)"
        }
        return HistoryDriver(state: figures.state.name, location: figures.state.location, description: what)
    }
}
