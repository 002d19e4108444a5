/// SFN121 payload-limit: data sizes from the profile against the 256 KiB state input/output quota
/// (262,144 bytes, hard; facts.md §3).
///
/// What is checked, all from the profile (sizes are KB of 1,024 bytes):
/// - the machine's `payload_kb` (the execution input and the data passed between states);
/// - each state's `result_kb` (the size of what the state outputs);
/// - an inline Map without ItemReader: its input array, max items × the Map's `item_kb`;
/// - an inline Map without its own `result_kb`: the array it collects, max items × the iteration's
///   result (the largest `result_kb` of the iteration's end states);
/// - a Parallel without its own `result_kb`: the array it collects, the sum of each branch's result.
/// Distributed Maps are not checked for collected results: ResultWriter or child executions change
/// what reaches the parent, and the definition model does not keep ResultPath/OutputPath.
enum PayloadLimitCheck {
    static var limitKB: Double { Double(ServiceLimits.maxPayloadBytes) / 1024 }

    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        var result = machineFindings(analysis)
        guard walksStates(analysis) else { return result }
        for (figures, _) in StateWalk.figures(analysis.root) { findings(figures, analysis, into: &result) }
        return result
    }

    /// The machine's own finding (the profile's `payload_kb`), before the states'.
    static func machineFindings(_ analysis: MachineAnalysis) -> [Finding] {
        guard let payload = analysis.usage.payloadKB?.value, payload > limitKB else { return [] }
        return [Finding(rule: RuleCatalog.payloadLimit, message: .over("the profile's payload_kb (execution input and state data)", kb: payload),
                        at: analysis.location, state: nil, machine: analysis.name)]
    }

    /// Every check of a state reads its entry in the profile (result_kb, item_kb, or the result_kb
    /// of a scope's end states): without any, there is nothing to walk.
    static func walksStates(_ analysis: MachineAnalysis) -> Bool { !analysis.usage.states.isEmpty }

    /// One state's findings (`RuleEngine` walks the states once for every check).
    static func findings(_ figures: StateFigures, _ analysis: MachineAnalysis, into result: inout [Finding]) {
        let usage = analysis.usage
        func add(_ message: String, _ state: State?) {
            result.append(Finding(rule: RuleCatalog.payloadLimit, message: message,
                                  at: state?.location ?? analysis.location, state: state?.name, machine: analysis.name))
        }
        let state = figures.state
        let given = usage.states[state.name]
        if let resultKB = given?.resultKB?.value {
            if resultKB > limitKB { add(.over("the output of '\(state.name)' (result_kb)", kb: resultKB), state) }
            return
        }
        switch state.kind {
        case .map(let spec) where spec.mode != .inline:
            // A Distributed Map without an ItemReader still receives its items in its input.
            let items = figures.fanout?.maxItems.double ?? 0
            if !spec.hasItemReader, let itemKB = given?.itemKB?.value, items * itemKB > limitKB {
                add(.over("the input array of Distributed Map '\(state.name)' (\(Format.count(items)) items × \(Format.count(itemKB)) KB; an ItemReader would read them from S3)", kb: items * itemKB), state)
            }
        case .map(let spec) where spec.mode == .inline:
            let items = figures.fanout?.maxItems.double ?? 0
            if !spec.hasItemReader, let itemKB = given?.itemKB?.value, items * itemKB > limitKB {
                add(.over("the input array of inline Map '\(state.name)' (\(Format.count(items)) items × \(Format.count(itemKB)) KB)", kb: items * itemKB), state)
            }
            if let perItem = endResultKB(spec.processor, usage), items * perItem > limitKB {
                add(.over("the results inline Map '\(state.name)' collects (\(Format.count(items)) items × \(Format.count(perItem)) KB)", kb: items * perItem), state)
            }
        case .parallel(let branches):
            let sizes = branches.compactMap { endResultKB($0, usage) }
            let total = sizes.reduce(0, +)
            if total > limitKB {
                let known = sizes.count == branches.count ? "" : " (\(sizes.count) of \(branches.count) branches known)"
                add(.over("the results Parallel '\(state.name)' collects from its branches\(known)", kb: total), state)
            }
        default:
            break
        }
    }

    /// The largest `result_kb` the profile gives for a state that ends the scope, if any.
    static func endResultKB(_ scope: StateMachine, _ usage: MachineUsage) -> Double? {
        scope.states.filter { state in
            if case .succeed = state.kind { return true }
            return state.isEnd
        }.compactMap { usage.states[$0.name]?.resultKB?.value }.max()
    }
}

extension String {
    fileprivate static func over(_ what: String, kb: Double) -> String {
        let limit = Double(ServiceLimits.maxPayloadBytes)
        let bytes = kb * 1024
        return "\(what) is \(Format.count(kb)) KB (\(Format.count(bytes)) bytes), \(Format.count(bytes - limit)) bytes over the 256 KiB limit (\(Format.count(limit)) bytes): the execution fails with States.DataLimitExceeded. Pass S3 references, trim with ResultSelector/OutputPath, or use a Distributed Map with ResultWriter"
    }
}
