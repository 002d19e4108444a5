import Foundation

/// A small random state machine for property tests, kept as plain data so the independent
/// simulator and brute-force enumerator below read it without going through sfncost's model.
struct RandomMachine {
    enum Kind { case pass, wait(Int), task(retries: Int, failure: Double), choice, succeed, fail }

    struct Node {
        var name: String
        var kind: Kind
        var next: Int?
        var choiceTargets: [Int] = []
        var choiceOdds: [Double] = []
        var catchTarget: Int?
        var maxVisits: Int?
    }

    var nodes: [Node]

    /// Deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    /// States 0..<n; the last one or two are terminal; edges go anywhere (so loops happen), but every
    /// state keeps a forward edge so the machine can always finish.
    static func make(seed: UInt64, size: Int) -> RandomMachine {
        var random = Generator(state: seed)
        var nodes: [Node] = []
        for index in 0..<size {
            let name = "S\(index)"
            if index == size - 1 { nodes.append(Node(name: name, kind: .succeed)); continue }
            if index == size - 2 && random.int(0...2) == 0 { nodes.append(Node(name: name, kind: .fail)); continue }
            let forward = random.int((index + 1)...(size - 1))
            let anywhere = random.int(0...(size - 1))
            switch random.int(0...3) {
            case 0: nodes.append(Node(name: name, kind: .pass, next: forward))
            case 1: nodes.append(Node(name: name, kind: .wait(random.int(1...20)), next: forward))
            case 2:
                var node = Node(name: name, kind: .task(retries: random.int(0...2), failure: Double(random.int(0...3)) / 10),
                                next: forward)
                if random.int(0...1) == 0 { node.catchTarget = anywhere }
                nodes.append(node)
            default:
                // A Choice with a forward rule and a rule anywhere (a loop, sometimes); exit odds ≥ 0.3.
                let exitOdds = 0.3 + 0.6 * random.unit()
                var targets = [forward, anywhere]
                var odds = [exitOdds, 1 - exitOdds]
                if targets[0] == targets[1] { targets = [forward]; odds = [1] }
                nodes.append(Node(name: name, kind: .choice, choiceTargets: targets, choiceOdds: odds))
            }
        }
        return RandomMachine(nodes: nodes)
    }

    func successors(_ index: Int) -> [Int] {
        let node = nodes[index]
        var result: [Int] = []
        if let next = node.next { result.append(next) }
        result += node.choiceTargets
        if let target = node.catchTarget { result.append(target) }
        var seen = Set<Int>()
        return result.filter { seen.insert($0).inserted }
    }

    // MARK: - Rendering

    var definitionJSON: String {
        let states = nodes.map { node -> String in
            var fields: [String] = []
            switch node.kind {
            case .pass: fields.append(#""Type": "Pass""#)
            case .wait(let seconds): fields.append(#""Type": "Wait", "Seconds": \#(seconds)"#)
            case .task(let retries, _):
                fields.append(#""Type": "Task", "Resource": "arn:aws:states:::lambda:invoke""#)
                fields.append(#""Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": \#(retries)}]"#)
                if let target = node.catchTarget {
                    fields.append(#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "\#(nodes[target].name)"}]"#)
                }
            case .choice:
                let rules = node.choiceTargets.dropLast().map { #"{"Variable": "$.x", "BooleanEquals": true, "Next": "\#(nodes[$0].name)"}"# }
                fields.append(#""Type": "Choice", "Choices": [\#(rules.isEmpty ? #"{"Variable": "$.x", "BooleanEquals": true, "Next": "\#(nodes[node.choiceTargets[0]].name)"}"# : rules.joined(separator: ", "))]"#)
                fields.append(#""Default": "\#(nodes[node.choiceTargets.last!].name)""#)
            case .succeed: fields.append(#""Type": "Succeed""#)
            case .fail: fields.append(#""Type": "Fail""#)
            }
            if let next = node.next { fields.append(#""Next": "\#(nodes[next].name)""#) }
            else if case .pass = node.kind {} else if case .wait = node.kind {} else if case .task = node.kind {}
            return #""\#(node.name)": {\#(fields.joined(separator: ", "))}"#
        }
        return #"{"StartAt": "S0", "States": {\#(states.joined(separator: ", "))}}"#
    }

    var profileYAML: String {
        var lines = ["version: 1", "state_machines:", "  test:", "    states:"]
        for node in nodes {
            var entries: [String] = []
            if case .task(_, let failure) = node.kind { entries.append("failure_rate: \(failure)"); entries.append("duration: 2s") }
            if case .choice = node.kind {
                let odds = zip(node.choiceTargets, node.choiceOdds).map { "\(nodes[$0].name): \($1)" }.joined(separator: ", ")
                entries.append("branches: {\(odds)}")
            }
            if let bound = node.maxVisits { entries.append("max_visits: \(bound)") }
            if !entries.isEmpty { lines.append("      \(node.name): {\(entries.joined(separator: ", "))}") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
