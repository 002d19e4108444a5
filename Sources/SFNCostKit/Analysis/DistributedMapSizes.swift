/// Distributed Map sizes that the definition leaves to run time (`MaxItemsPerBatchPath`,
/// `MaxInputBytesPerBatchPath`, `ItemReader.ReaderConfig.MaxItemsPath`, `ToleratedFailurePercentagePath`,
/// `ToleratedFailureCountPath`, or the same fields as JSONata `{% %}` strings): taken from the profile
/// key of the same name under the Map state's entry, else assumed, with the assumption listed by state.
/// The child-execution count (billed one transition each) depends on the batch size, so none of these
/// may be ignored silently.
enum DistributedMapSizes {
    static func resolve(_ spec: MapSpec, state: State, usage: MachineUsage, log: AssumptionLog) -> MapSpec {
        var resolved = spec
        let given = usage.states[state.name]?.mapSizes ?? [:]
        for (size, field) in spec.runtimeSizes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let value = given[size]?.value
            switch size {
            case .maxItemsPerBatch:
                // Clamped: the profile allows up to 10^15, Int holds that.
                resolved.maxItemsPerBatch = value.map { Int(min($0, 1e15)) }
            case .maxInputBytesPerBatch:
                resolved.maxInputBytesPerBatch = value.map { Int(min($0, 1e15)) }
            case .maxItems:
                resolved.maxItems = value.map { Int(min($0, 1e15)) }
            case .toleratedFailurePercentage:
                resolved.toleratedFailurePercentage = value ?? 0
            case .toleratedFailureCount:
                resolved.toleratedFailureCount = value.map { Int(min($0, 1e15)) } ?? 0
            }
            guard value == nil else { continue }
            let assumed: (value: String, meaning: String)
            switch size {
            case .maxItemsPerBatch: assumed = ("1", "one item per child execution, the most children")
            case .maxInputBytesPerBatch: assumed = ("no limit", "the batch is limited by its item count only")
            case .maxItems: assumed = ("no limit", "every item is read")
            case .toleratedFailurePercentage, .toleratedFailureCount: assumed = ("0", "no failed child is tolerated")
            }
            log.add(Assumption(state: state.name, field: size.rawValue, value: assumed.value,
                               reason: "set at run time by \(field); \(assumed.meaning): set '\(size.rawValue)' for this state in the profile"))
        }
        return resolved
    }
}
