/// Random machines with nested scopes (Parallel branches, inline and Distributed Maps, Maps in
/// Maps), Retry and Catch, loops (bounded or not), unreachable states, and a profile with failure
/// rates, odds, item counts and bounds: inputs on which a shortcut through the analysis or the
/// rules would show if it gave a different answer from the general path.
struct NestedRandomMachine {
    var definitionJSON: String
    var profileYAML: String
    /// Names of the inline Maps (the what-if's candidates).
    var inlineMaps: [String]

    static func make(seed: UInt64) -> NestedRandomMachine {
        var builder = Builder(random: RandomMachine.Generator(state: seed))
        let root = builder.scope(prefix: "R", depth: 0)
        let type = builder.random.int(0...4) == 0 ? "EXPRESS" : "STANDARD"
        var profile = ["version: 1", "state_machines:", "  test:", "    type: \(type)",
                       "    executions: \(builder.pick(["1000", "5000000", "rate(1 minute)"]))"]
        if builder.random.int(0...3) == 0 { profile.append("    payload_kb: \(builder.pick(["2", "300"]))") }
        profile.append("    states:")
        profile += builder.profileLines.isEmpty ? ["      Nothing: {duration: 1s}"] : builder.profileLines
        return NestedRandomMachine(definitionJSON: root, profileYAML: profile.joined(separator: "\n") + "\n",
                                   inlineMaps: builder.inlineMaps)
    }

    struct Builder {
        var random: RandomMachine.Generator
        var profileLines: [String] = []
        var inlineMaps: [String] = []

        mutating func pick<T>(_ values: [T]) -> T { values[random.int(0...(values.count - 1))] }

        /// A scope of 2 to 5 states named `prefix` + index; the last ends it.
        mutating func scope(prefix: String, depth: Int) -> String {
            let size = random.int(2...5)
            let names = (0..<size).map { "\(prefix)\($0)" }
            var states: [String] = []
            for index in 0..<size {
                let name = names[index]
                let forward = index + 1 < size ? names[random.int((index + 1)...(size - 1))] : nil
                let anywhere = names[random.int(0...(size - 1))]
                var fields: [String] = []
                var profile: [String] = []
                var kind = random.int(0...(depth < 2 ? 9 : 5))
                if forward == nil && kind == 3 { kind = 0 }
                switch kind {
                case 0: fields.append(#""Type": "Pass""#)
                case 1: fields.append(#""Type": "Wait", "Seconds": \#(pick([1, 30, 40_000_000]))"#)
                case 2, 6:
                    let resource = pick(["arn:aws:states:::lambda:invoke", "arn:aws:states:::ecs:runTask.sync",
                                         "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "arn:aws:states:::glue:startJobRun.sync"])
                    fields.append(#""Type": "Task", "Resource": "\#(resource)""#)
                    if random.int(0...1) == 0 { fields.append(#""TimeoutSeconds": \#(pick([5, 60, 3600]))"#) }
                    if random.int(0...4) == 0 { fields.append(#""HeartbeatSeconds": \#(pick([5, 100]))"#) }
                    if random.int(0...1) == 0 {
                        let errors = pick([#"["States.ALL"]"#, #"["States.TaskFailed"]"#, #"["States.ALL", "X"]"#])
                        fields.append(#""Retry": [{"ErrorEquals": \#(errors), "MaxAttempts": \#(pick([0, 2, 30])), "BackoffRate": \#(pick([1, 2]))}]"#)
                    }
                    if random.int(0...2) == 0 {
                        fields.append(#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "\#(anywhere)"}]"#)
                    }
                    profile.append("failure_rate: \(pick(["0", "0.1", "0.5"]))")
                    profile.append("duration: \(pick(["1s", "20s", "2h"]))")
                case 3:
                    // A Choice back or forward (a loop, sometimes), with odds and maybe a bound.
                    fields.append(#""Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "\#(anywhere)"}], "Default": "\#(forward!)""#)
                    if anywhere != forward! && random.int(0...1) == 0 {
                        profile.append("branches: {\(anywhere): \(pick(["0.2", "0.5"]))}")
                    }
                    if random.int(0...1) == 0 { profile.append("max_visits: \(pick([2, 5]))") }
                case 4: fields.append(#""Type": "Succeed""#)
                case 5: fields.append(#""Type": "Fail", "Error": "E""#)
                case 7:
                    let branches = (0..<random.int(1...2)).map { scope(prefix: "\(name)b\($0)x", depth: depth + 1) }
                    fields.append(#""Type": "Parallel", "Branches": [\#(branches.joined(separator: ", "))]"#)
                    if random.int(0...2) == 0 { profile.append("failure_rate: 0.05") }
                default:
                    let processor = scope(prefix: "\(name)i", depth: depth + 1)
                    let distributed = kind == 9 && random.int(0...1) == 0
                    let config = distributed
                        ? #""ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "\#(pick(["STANDARD", "EXPRESS"]))"}, "#
                        : ""
                    let inner = String(processor.dropFirst())
                    fields.append(#""Type": "Map", "MaxConcurrency": \#(pick([0, 5, 100, 20000])), "ItemProcessor": {\#(config)\#(inner)"#)
                    if !distributed { inlineMaps.append(name) }
                    profile.append("items: \(pick(["3", "40", "3000"]))")
                }
                if random.int(0...5) == 0 { profile.append("max_visits: 3") }
                if random.int(0...6) == 0 { profile.append("result_kb: \(pick(["1", "400"]))") }
                let terminal = kind == 3 || kind == 4 || kind == 5
                if !terminal {
                    if let forward { fields.append(#""Next": "\#(forward)""#) } else { fields.append(#""End": true"#) }
                }
                states.append(#""\#(name)": {\#(fields.joined(separator: ", "))}"#)
                // Profile entries without duplicates of a key.
                var seen = Set<String>()
                let unique = profile.filter { seen.insert(String($0.prefix { $0 != ":" })).inserted }
                if !unique.isEmpty { profileLines.append("      \(name): {\(unique.joined(separator: ", "))}") }
            }
            // Sometimes starts past the first state, leaving it unreachable.
            let start = random.int(0...5) == 0 && size > 2 ? names[1] : names[0]
            return #"{"StartAt": "\#(start)", "States": {\#(states.joined(separator: ", "))}}"#
        }
    }
}
