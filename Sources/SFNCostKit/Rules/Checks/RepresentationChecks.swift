/// SFN171 figure-not-computable: a worst case beyond what sfncost represents (a count over
/// 1.8 × 10^19, an infinite wait), reported as null rather than wrapped or rounded.
enum RepresentationChecks {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        var measures: [String] = []
        if analysis.worst.transitions.value?.isSaturated == true { measures.append("state transitions") }
        if analysis.worst.events.value?.isSaturated == true { measures.append("history events") }
        if let seconds = analysis.worst.seconds.value, !seconds.isFinite { measures.append("duration") }
        if analysis.worst.expressRequests.value?.isSaturated == true { measures.append("Express child requests") }
        if let gbSeconds = analysis.worst.expressGBSeconds.value, !gbSeconds.isFinite { measures.append("Express child GB-seconds") }
        guard !measures.isEmpty else { return [] }
        return [Finding(rule: RuleCatalog.analysisIncomplete,
                        message: "the worst-case \(measures.joined(separator: ", ")) of one execution exceed what sfncost can represent (1.8 × 10^19, or an unlimited wait): reported as null. Check the profile's item counts and retry settings",
                        at: analysis.location, state: nil, machine: analysis.name)]
    }
}
