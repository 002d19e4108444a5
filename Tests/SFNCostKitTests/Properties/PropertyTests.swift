import Foundation
import Testing
@testable import SFNCostKit

/// sfncost's exact figures agree with two implementations that share none of its algorithms:
/// a Monte-Carlo simulation of the same profile (expected values), and brute-force enumeration of
/// every walk (worst cases). Seeds are fixed, so a failure replays.
@Suite struct PropertyTests {
    static let seeds: [UInt64] = Array(1...40)

    /// Expected transitions and seconds from 40,000 simulated executions lie within 4 standard
    /// errors (plus 0.5% for rounding) of the exact Markov-chain solution.
    @Test(arguments: seeds)
    func expectedValuesMatchSimulation(seed: UInt64) throws {
        let machine = RandomMachine.make(seed: seed, size: 7)
        let analysis = try Fixtures.analyze(machine.definitionJSON, profile: machine.profileYAML)
        var random = RandomMachine.Generator(state: seed &* 7919)
        let runs = 40_000
        var transitions = Tally(), seconds = Tally()
        for _ in 0..<runs {
            let (count, duration) = simulate(machine, &random)
            transitions.add(count)
            seconds.add(duration)
        }
        #expect(abs(analysis.expected.transitions - transitions.mean) <= transitions.tolerance,
                "seed \(seed): exact \(analysis.expected.transitions), simulated \(transitions.mean) ± \(transitions.tolerance)")
        #expect(abs(analysis.expected.seconds - seconds.mean) <= seconds.tolerance,
                "seed \(seed): exact \(analysis.expected.seconds) s, simulated \(seconds.mean) ± \(seconds.tolerance) s")
    }

    /// Mean and a tolerance of 4 standard errors plus 0.5% (the stated tolerance).
    struct Tally {
        var count = 0.0, sum = 0.0, sumSquares = 0.0
        mutating func add(_ value: Double) { count += 1; sum += value; sumSquares += value * value }
        var mean: Double { sum / count }
        var tolerance: Double {
            let variance = max(0, sumSquares / count - mean * mean)
            return 4 * (variance / count).squareRoot() + 0.005 * abs(mean) + 1e-9
        }
    }

    /// One execution by the profile's odds: Choice by its odds; a Task attempt fails with its rate,
    /// retries up to MaxAttempts (1 s back-off, doubling), then goes to its Catch or fails the run.
    private func simulate(_ machine: RandomMachine, _ random: inout RandomMachine.Generator) -> (Double, Double) {
        var state = 0, transitions = 0.0, seconds = 0.0
        for _ in 0..<100_000 {
            let node = machine.nodes[state]
            transitions += 1
            switch node.kind {
            case .pass: break
            case .wait(let wait): seconds += Double(wait)
            case .succeed, .fail: return (transitions, seconds)
            case .task(let retries, let failure):
                seconds += 2
                var attempt = 0, failed = random.unit() < failure
                while failed && attempt < retries {
                    attempt += 1
                    transitions += 1
                    seconds += pow(2, Double(attempt - 1)) + 2
                    failed = random.unit() < failure
                }
                if failed {
                    guard let target = node.catchTarget else { return (transitions, seconds) }
                    state = target
                    continue
                }
            case .choice:
                let draw = random.unit()
                var cumulative = 0.0
                var chosen = node.choiceTargets.last!
                for (target, odds) in zip(node.choiceTargets, node.choiceOdds) {
                    cumulative += odds
                    if draw < cumulative { chosen = target; break }
                }
                state = chosen
                continue
            }
            guard let next = node.next else { return (transitions, seconds) }
            state = next
        }
        return (transitions, seconds)
    }

    /// Worst-case transitions and seconds from the solver equal the maximum over every walk that
    /// respects the bounds, found by exhaustive depth-first search. Loops get `max_visits` on one
    /// state whose removal breaks every cycle of its loop, where the solver is exact.
    @Test(arguments: seeds)
    func worstCaseMatchesBruteForce(seed: UInt64) throws {
        var machine = RandomMachine.make(seed: seed, size: 7)
        guard boundLoops(&machine, bound: 2 + Int(seed % 2)) else { return }
        let analysis = try Fixtures.analyze(machine.definitionJSON, profile: machine.profileYAML)
        let transitions = bruteForce(machine) { node in
            if case .task(let retries, _) = node.kind { return Double(1 + retries) }
            return 1
        }
        let seconds = bruteForce(machine) { node in
            switch node.kind {
            case .wait(let wait): return Double(wait)
            case .task(let retries, _):
                // 2 s per attempt, back-off 1, 2, 4 … s before each retry.
                return Double(2 * (1 + retries)) + (0..<retries).reduce(0.0) { $0 + pow(2, Double($1)) }
            default: return 0
            }
        }
        #expect(analysis.worst.transitions.value.map { $0.double } == transitions, "seed \(seed)")
        #expect(analysis.worst.seconds.value == seconds, "seed \(seed)")
    }

    /// Guards the test above against passing vacuously: most seeds must have a loop that is compared.
    @Test func mostSeedsExerciseLoops() {
        let withLoops = Self.seeds.filter { seed in
            var machine = RandomMachine.make(seed: seed, size: 7)
            return boundLoops(&machine, bound: 2) && machine.nodes.contains { $0.maxVisits != nil }
        }
        #expect(withLoops.count >= 10, "only \(withLoops.count) of \(Self.seeds.count) seeds have bounded loops")
    }

    /// Puts `max_visits` on one state per loop such that the rest of the loop is acyclic.
    /// Returns false when some loop has no such state (the test then skips that seed).
    private func boundLoops(_ machine: inout RandomMachine, bound: Int) -> Bool {
        let count = machine.nodes.count
        let components = GraphSCC.components(nodeCount: count, successors: machine.successors, roots: [0])
        for component in components {
            let members = Set(component)
            let isLoop = component.count > 1 || machine.successors(component[0]).contains(component[0])
            guard isLoop else { continue }
            let header = component.sorted().first { candidate in
                let rest = members.subtracting([candidate])
                return !hasCycle(rest, machine)
            }
            guard let header else { return false }
            machine.nodes[header].maxVisits = bound
        }
        return true
    }

    private func hasCycle(_ nodes: Set<Int>, _ machine: RandomMachine) -> Bool {
        var state: [Int: Int] = [:]  // 1 visiting, 2 done
        func visit(_ node: Int) -> Bool {
            if state[node] == 1 { return true }
            if state[node] == 2 { return false }
            state[node] = 1
            for next in machine.successors(node) where nodes.contains(next) { if visit(next) { return true } }
            state[node] = 2
            return false
        }
        return nodes.contains { visit($0) }
    }

    /// The costliest walk from S0 to an end, every state entered at most `maxVisits` times.
    private func bruteForce(_ machine: RandomMachine, cost: (RandomMachine.Node) -> Double) -> Double? {
        var visits = [Int](repeating: 0, count: machine.nodes.count)
        var best: Double?
        func canEnd(_ node: RandomMachine.Node) -> Bool {
            switch node.kind {
            case .succeed, .fail: return true
            // An uncaught error ends the run; here the only catcher is States.ALL.
            case .task: return node.next == nil || node.catchTarget == nil
            default: return node.next == nil
            }
        }
        func walk(_ index: Int, _ total: Double) {
            let node = machine.nodes[index]
            if let bound = node.maxVisits, visits[index] >= bound { return }
            visits[index] += 1
            defer { visits[index] -= 1 }
            let here = total + cost(node)
            if canEnd(node) { best = max(best ?? here, here) }
            for next in machine.successors(index) { walk(next, here) }
        }
        walk(0, 0)
        return best
    }
}
