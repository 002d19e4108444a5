/// SFN141 definition-size: the definition text against the 1 MB hard quota (facts.md §3).
enum DefinitionSizeCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        let limit = ServiceLimits.maxDefinitionBytes
        guard analysis.definitionBytes > limit else { return [] }
        return [Finding(rule: RuleCatalog.definitionSize,
                        message: .definitionTooLarge(bytes: analysis.definitionBytes, limit: limit),
                        at: analysis.location, state: nil, machine: analysis.name)]
    }
}

extension String {
    fileprivate static func definitionTooLarge(bytes: Int, limit: Int) -> String {
        "the definition is \(Format.count(Double(bytes))) bytes, \(Format.count(Double(bytes - limit))) bytes over the \(Format.count(Double(limit)))-byte (1 MB) limit: AWS rejects it. Move static data out of Pass states and Parameters, or split the machine"
    }
}
