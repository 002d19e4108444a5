/// Applies the profile's `rules` settings to a machine's findings.
///
/// The most specific setting wins: the machine's own entry for the finding's state, then the
/// machine's entry for all states, then the top-level entry for the state, then the top-level entry.
/// `severity: off` moves the finding to the suppressed list; another severity re-rates it where it
/// stands (so a rating raised to `error` still fails `--fail-on error`). Either way `suppression`
/// says what was done, why, and where the profile says so. Nothing is dropped.
public enum RuleSuppression {
    public static func apply(_ profile: UsageProfile, to analysis: MachineAnalysis,
                             findings: [Finding]) -> (kept: [Finding], suppressed: [Finding]) {
        var kept: [Finding] = [], suppressed: [Finding] = []
        for finding in findings {
            guard let setting = setting(for: finding, machine: analysis.usage.rules, global: profile.rules) else {
                kept.append(finding)
                continue
            }
            var changed = finding
            let place = "profile \(setting.location)"
            if let severity = setting.severity {
                guard severity != finding.severity else {
                    changed.suppression = "severity \(severity.rawValue) confirmed: \(setting.reason) (\(place))"
                    kept.append(changed)
                    continue
                }
                changed.severity = severity
                changed.suppression = "re-rated from \(finding.severity.rawValue) to \(severity.rawValue): \(setting.reason) (\(place))"
                kept.append(changed)
            } else {
                changed.suppression = "off: \(setting.reason) (\(place))"
                suppressed.append(changed)
            }
        }
        return (kept, suppressed)
    }

    static func setting(for finding: Finding, machine: [RuleSetting], global: [RuleSetting]) -> RuleSetting? {
        func match(_ settings: [RuleSetting], stateSpecific: Bool) -> RuleSetting? {
            settings.last { setting in
                guard setting.rule == finding.rule else { return false }
                guard let states = setting.states else { return !stateSpecific }
                return stateSpecific && finding.state.map(states.contains) == true
            }
        }
        return match(machine, stateSpecific: true) ?? match(machine, stateSpecific: false)
            ?? match(global, stateSpecific: true) ?? match(global, stateSpecific: false)
    }
}
