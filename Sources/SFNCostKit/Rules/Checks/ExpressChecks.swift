/// SFN112 express-unsupported-integration: an Express machine with what Express cannot run.
enum ExpressChecks {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        guard analysis.declaredType == .express else { return [] }
        return analysis.expressBlockers.map { blocker in
            Finding(rule: RuleCatalog.expressUnsupported, message: blocker.reason, at: blocker.location,
                    state: blocker.state, machine: analysis.name)
        }
    }
}
