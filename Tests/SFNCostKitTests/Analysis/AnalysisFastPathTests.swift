import Foundation
import Testing
@testable import SFNCostKit

/// The analysis's fast paths (issue 13) against the general code they stand in for: each must give
/// the same answer, bit for bit, on inputs chosen to split them if they differed.
@Suite struct AnalysisFastPathTests {
    // MARK: - Integration pattern of a resource

    static let resources = [
        "", ".sync", ".sync:", ".sync:2", "x.sync:12", "x.sync:1a", "x.sync:a1", "x.sync:.sync:", "x.sync:.sync:3",
        ".SYNC", "x.Sync", "x.sync ", "x.sync\n", "x.sync\r\n", "x.sync:2\n", "x.sync:２", "x.sync:²",
        "arn:aws:states:::glue:startJobRun.sync", "arn:aws:states:::ecs:runTask.sync:2",
        "arn:aws:states:::lambda:invoke.waitForTaskToken", "arn:aws:states:::sqs:sendMessage.WAITFORTASKTOKEN",
        ".waitForTaskToken", "waitForTaskToken", "x.waitForTaskToken\u{301}", "x.sync\u{301}", "x.sync:2\u{301}",
        "arn:aws:states:us-east-1:123456789012:activity:Name", ":activity:", ":ACTIVITY:", "activity:",
        "arn:aws:lambda:us-east-1:123456789012:function:Name", "ARN:aws:lambda:x:function:y", "arn:aws:lambda:x",
        "arn:aws:x:function:y", "xarn:aws:lambda:x:function:y", "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::aws-sdk:s3:getObject", "arn:${AWS::Partition}:states:::states:startExecution.sync:2",
        "é.sync", "e\u{301}.sync:2", "🙂:activity:🙂", "arn:aws:lambda:é:function:x", ":activité:", ".sync:\u{0}",
        "\r\n.sync", "x\r\n:activity:\r\n", "arn:\u{0}:lambda:\u{0}:function:\u{0}",
    ]

    /// Before: `generalPattern` (Foundation's `contains`, the standard library's `hasSuffix`).
    @Test func asciiPatternIsTheGeneralPattern() {
        var ascii = 0
        for resource in Self.resources {
            let general = IntegrationPattern.generalPattern(resource)
            #expect(IntegrationPattern(resource: resource) == general, "\(resource.debugDescription)")
            if let fast = IntegrationPattern.asciiPattern(resource) {
                ascii += 1
                #expect(fast == general, "\(resource.debugDescription)")
            } else {
                #expect(resource.utf8.contains { $0 >= 0x80 }, "only non-ASCII takes the general path: \(resource.debugDescription)")
            }
        }
        #expect(ascii > 30)
    }

    /// The documented classes, by hand from the connect-to-resource page.
    @Test func patternsByHand() {
        #expect(IntegrationPattern(resource: "arn:aws:states:::glue:startJobRun.sync") == .sync)
        #expect(IntegrationPattern(resource: "arn:aws:states:::states:startExecution.sync:2") == .sync)
        #expect(IntegrationPattern(resource: "arn:aws:states:::lambda:invoke.waitForTaskToken") == .waitForTaskToken)
        #expect(IntegrationPattern(resource: "arn:aws:states:us-east-1:1:activity:A") == .activity)
        #expect(IntegrationPattern(resource: "arn:aws:lambda:us-east-1:1:function:F") == .lambdaFunction)
        #expect(IntegrationPattern(resource: "arn:aws:states:::lambda:invoke") == .requestResponse)
        #expect(IntegrationPattern(resource: "x.sync:") == .requestResponse)
        #expect(IntegrationPattern(resource: "x.SYNC") == .requestResponse)
    }

    // MARK: - State index by name

    @Test func indexByNameComparesBytes() {
        let at = SourceLocation(file: "f", line: 1, column: 1)
        let names = ["é", "e\u{301}", "A", "a", "", "A", "🙂", "\u{0}", "x\u{1}y"]
        let machine = StateMachine(startAt: "A", states: names.map { State(name: $0, location: at, kind: .pass) }, location: at)
        #expect(machine.index(of: "é") == 0)
        #expect(machine.index(of: "e\u{301}") == 1, "canonically equal names are two states")
        #expect(machine.index(of: "A") == 2, "the first of a duplicated name")
        #expect(machine.index(of: "a") == 3)
        #expect(machine.index(of: "") == 4)
        #expect(machine.index(of: "🙂") == 6)
        #expect(machine.index(of: "\u{0}") == 7)
        #expect(machine.index(of: "x\u{1}y") == 8)
        #expect(machine.index(of: "x") == nil)
        #expect(machine.index(of: "E\u{301}") == nil)
        // A name built another way (a Substring's copy, a bridged NSString) finds the same state.
        #expect(machine.index(of: String("zé".dropFirst())) == 0)
        #expect(machine.index(of: NSString(string: "🙂") as String) == 6)
    }

    // MARK: - Choice odds, counted once per target

    /// Rules to A, A, B and Default D: four branches, targets A, B, D.
    static let repeatedTargets = """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.x", "NumericEquals": 1, "Next": "A"}, {"Variable": "$.x", "NumericEquals": 2, "Next": "A"},
            {"Variable": "$.x", "NumericEquals": 3, "Next": "B"}], "Default": "D"},
          "A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}, "D": {"Type": "Succeed"}}}
        """

    /// No odds given: each branch 1/4, so A 2/4 (two rules), B 1/4, D 1/4.
    @Test func defaultOddsCountRepeatedTargets() throws {
        let analysis = try Fixtures.analyze(Self.repeatedTargets)
        let visits = Dictionary(uniqueKeysWithValues: analysis.root.states.map { ($0.state.name, $0.expectedVisits) })
        #expect(visits == ["C": 1, "A": 0.5, "B": 0.25, "D": 0.25])
        let assumption = try #require(analysis.assumptions.first { $0.state == "C" && $0.field == "branches" })
        #expect(assumption.value == "A: 0.5, B: 0.25, D: 0.25")
    }

    /// B given 0.4: the other 0.6 is shared by the 3 branches left (A twice, D once): A 0.4, D 0.2.
    @Test func partialOddsShareTheRestByBranch() throws {
        let analysis = try Fixtures.analyze(Self.repeatedTargets, profile: """
        version: 1
        state_machines:
          test:
            states:
              C: {branches: {B: 0.4}}
        """)
        let visits = Dictionary(uniqueKeysWithValues: analysis.root.states.map { ($0.state.name, $0.expectedVisits) })
        #expect(abs(visits["A"]! - 0.4) < 1e-12)
        #expect(abs(visits["B"]! - 0.4) < 1e-12)
        #expect(abs(visits["D"]! - 0.2) < 1e-12)
    }

    // MARK: - Edge table of the loop solver

    @Test func edgeMapIsADictionary() {
        var random = RandomMachine.Generator(state: 13)
        for round in 0..<40 {
            var map = EdgeMap()
            var reference: [Int: Double] = [:]
            let keys = 1 + Int(random.next() % 200)
            for _ in 0..<(Int(random.next() % 3_000)) {
                let key = Int(random.next() % UInt64(keys)) * (round % 3 == 0 ? 1_000_003 : 1)
                switch random.next() % 4 {
                case 0:
                    map.remove(key)
                    reference[key] = nil
                case 3 where round % 5 == 0:
                    map.removeAll()
                    reference = [:]
                default:
                    let amount = [0.5, -0.0, 1e-300, 0.1, 3][Int(random.next() % 5)]
                    map.add(amount, to: key)
                    reference[key, default: 0] += amount
                }
                #expect(map.count == reference.count)
            }
            for key in 0..<keys { #expect(map[key]?.bitPattern == reference[key]?.bitPattern) }
            #expect(map.entries.sorted { $0.key < $1.key }.map(\.key) == reference.keys.sorted())
            let excluded = Int(random.next() % UInt64(keys))
            let sorted = map.sortedEntries(excluding: excluded)
            let expected = reference.filter { $0.key != excluded }.sorted { $0.key < $1.key }
            #expect(sorted.map(\.key) == expected.map(\.key))
            #expect(sorted.map(\.value.bitPattern) == expected.map(\.value.bitPattern))
        }
    }

    /// The solver on its table against the solver as it was on `[Int: Double]` (kept below as the
    /// reference): the same visits to the bit, the same refusals, on random loops sparse and dense.
    @Test func loopSolverMatchesTheDictionarySolver() {
        var random = RandomMachine.Generator(state: 7)
        for round in 0..<60 {
            let size = 2 + Int(random.next() % 60)
            let fanout = 1 + Int(random.next() % (round % 4 == 0 ? 20 : 3))
            var nodes: [ExpectedVisitsSolver.Node] = []
            for index in 0..<size {
                var edges = [ExpectedVisitsSolver.Edge(target: (index + 1) % size, probability: 0.5)]
                for _ in 0..<fanout {
                    edges.append(.init(target: Int(random.next() % UInt64(size)), probability: Double(random.next() % 1000) / 4000 / Double(fanout)))
                }
                if random.next() % 7 == 0 { edges.append(.init(target: index, probability: 0.125)) }
                let inside = edges.reduce(0) { $0 + $1.probability }
                nodes.append(.init(edges: edges, endProbability: max(0, 1 - inside)))
            }
            let members = Array((0..<size).reversed())
            var inflow = [Double](repeating: 0, count: size)
            inflow[0] = 1
            inflow[size / 2] += 0.25
            for limits in [SparseLoopSolver.Limits(), .init(sparseWork: 40, dense: 1000), .init(sparseWork: 40, dense: 5)] {
                let fast = SparseLoopSolver.solve(members, nodes: nodes, inflow: inflow, limits: limits)
                let reference = DictionaryLoopSolver.solve(members, nodes: nodes, inflow: inflow, limits: limits)
                switch (fast, reference) {
                case (.solved(let a), .solved(let b)):
                    #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "round \(round)")
                case (.tooComplex, .tooComplex):
                    break
                default:
                    Issue.record("round \(round): \(fast) against \(reference)")
                }
            }
        }
    }
}

/// `SparseLoopSolver.solve` as it was before its edge table (370c6a1), for the comparison above.
enum DictionaryLoopSolver {
    static func solve(_ members: [Int], nodes: [ExpectedVisitsSolver.Node], inflow: [Double],
                      limits: SparseLoopSolver.Limits) -> SparseLoopSolver.Outcome {
        let size = members.count
        var local: [Int: Int] = [:]
        for (offset, member) in members.enumerated() { local[member] = offset }
        var out = [[Int: Double]](repeating: [:], count: size)
        var into = [[Int: Double]](repeating: [:], count: size)
        var leave = [Double](repeating: 0, count: size)
        var rhs = [Double](repeating: 0, count: size)
        for (offset, member) in members.enumerated() {
            rhs[offset] = inflow[member]
            var inside = 0.0
            for edge in nodes[member].edges where edge.probability > 0 {
                guard let target = local[edge.target] else { continue }
                out[offset][target, default: 0] += edge.probability
                into[target][offset, default: 0] += edge.probability
                inside += edge.probability
            }
            leave[offset] = max(0, 1 - inside)
        }
        var steps: [SparseLoopSolver.Step] = []
        var eliminated = [Bool](repeating: false, count: size)
        var work = 0
        var heap = MinHeap()
        func cost(_ state: Int) -> Int {
            let selfLoop = out[state][state] != nil ? 1 : 0
            return (into[state].count - selfLoop) * (out[state].count - selfLoop)
        }
        for state in 0..<size { heap.push(cost(state), state) }
        while let (popped, state) = heap.pop() {
            if eliminated[state] || popped != cost(state) { continue }
            let successors = out[state].filter { $0.key != state }.sorted { $0.key < $1.key }
            let predecessors = into[state].filter { $0.key != state }.sorted { $0.key < $1.key }
            let denominator = successors.reduce(leave[state]) { $0 + $1.value }
            work += predecessors.count * successors.count + predecessors.count + successors.count
            if work > limits.sparseWork {
                let left = (0..<size).filter { !eliminated[$0] }
                guard left.count <= limits.dense else { return .tooComplex }
                var table = [EdgeMap](repeating: EdgeMap(), count: size)
                for (row, edges) in out.enumerated() { for (target, probability) in edges { table[row].add(probability, to: target) } }
                steps += SparseLoopSolver.denseElimination(left, out: table, leave: leave, rhs: rhs)
                break
            }
            steps.append(.init(state: state, predecessors: predecessors.map { ($0.key, $0.value) }, rhs: rhs[state],
                               denominator: denominator))
            eliminated[state] = true
            for (successor, _) in successors { into[successor][state] = nil }
            for (predecessor, _) in predecessors { out[predecessor][state] = nil }
            out[state] = [:]
            into[state] = [:]
            if denominator > 1e-300 {
                for (successor, forward) in successors { rhs[successor] += rhs[state] * (forward / denominator) }
                for (predecessor, backward) in predecessors {
                    leave[predecessor] += backward * leave[state] / denominator
                    for (successor, forward) in successors {
                        let through = backward * forward / denominator
                        out[predecessor][successor, default: 0] += through
                        into[successor][predecessor, default: 0] += through
                    }
                }
            }
            for neighbour in Set(predecessors.map(\.key) + successors.map(\.key)) { heap.push(cost(neighbour), neighbour) }
        }
        var visits = [Double](repeating: 0, count: size)
        for step in steps.reversed() {
            guard step.denominator > 1e-300 else { visits[step.state] = .infinity; continue }
            var sum = step.rhs
            for (predecessor, probability) in step.predecessors { sum += visits[predecessor] * probability }
            visits[step.state] = max(0, sum / step.denominator)
        }
        return .solved(visits)
    }
}
