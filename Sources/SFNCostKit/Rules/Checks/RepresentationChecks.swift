/// SFN171 figure-not-computable: a worst case beyond what sfncost represents (a count over
/// 1.8 × 10^19, an infinite wait), or an expected figure beyond a Double, reported as null rather
/// than wrapped or rounded. Monthly costs beyond 10^30 are reported by `ReportBuilder`.
enum RepresentationChecks {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        var measures: [String] = []
        if analysis.worst.transitions.value?.isSaturated == true { measures.append("state transitions") }
        if analysis.worst.events.value?.isSaturated == true { measures.append("history events") }
        if let seconds = analysis.worst.seconds.value, !seconds.isFinite { measures.append("duration") }
        if analysis.worst.expressRequests.value?.isSaturated == true { measures.append("Express child requests") }
        if let gbSeconds = analysis.worst.expressGBSeconds.value, !gbSeconds.isFinite { measures.append("Express child GB-seconds") }
        var findings: [Finding] = []
        if !measures.isEmpty {
            findings.append(Finding(rule: RuleCatalog.analysisIncomplete,
                                    message: "the worst-case \(measures.joined(separator: ", ")) of one execution exceed what sfncost can represent (1.8 × 10^19, or an unlimited wait): reported as null. Check the profile's item counts and retry settings",
                                    at: analysis.location, state: nil, machine: analysis.name))
        }
        // Expected figures beyond a Double (hostile item counts or durations); a loop that cannot
        // be left also makes them infinite, but SFN152 reports that.
        let expected = analysis.expected
        let overflowed = [("state transitions", expected.transitions), ("history events", expected.events),
                          ("duration", expected.seconds), ("Express child requests", expected.expressRequests),
                          ("Express child GB-seconds", expected.expressGBSeconds)].filter { !$0.1.isFinite }.map(\.0)
        if !overflowed.isEmpty, ReportBuilder.isComputable(analysis) {
            findings.append(Finding(rule: RuleCatalog.analysisIncomplete,
                                    message: "the expected \(overflowed.joined(separator: ", ")) of one execution exceed what sfncost can represent (1.8 × 10^308): reported as null. Check the profile's item counts and durations",
                                    at: analysis.location, state: nil, machine: analysis.name))
        }
        return findings
    }
}
