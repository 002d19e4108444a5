import Foundation
import Testing
@testable import SFNCostKit

/// AttemptOutcomes (closed forms, fixed failures, the counter grid) against a plain simulation of the
/// ASL retry rules: each attempt fails with class c with probability q_c; the first retrier whose
/// ErrorEquals matches the error retries while its own counter is below MaxAttempts; otherwise the
/// state ends failing with that error. The first `fixed` attempts fail with class 0 for certain.
/// Seeds are fixed, so a failure replays; tolerance 4 standard errors + 0.5% (as PropertyTests).
@Suite struct AttemptOutcomesSimulationTests {
    typealias Generator = RandomMachine.Generator

    struct Case {
        var classes: [AttemptOutcomes.FailureClass]
        var retriers: [Retrier]
        var fixed: Int
    }

    static func randomCase(_ random: inout Generator) -> Case {
        let errors = ["A", "B", "C"]
        let count = random.int(1...3)
        var left = 0.95
        var classes: [AttemptOutcomes.FailureClass] = []
        for index in 0..<count {
            let q = Double(random.int(0...6)) / 10 * left
            left -= q
            classes.append(.init(failure: ScopeFailure(error: errors[index], probability: q, raisedByTask: true)))
        }
        var retriers: [Retrier] = []
        for _ in 0..<random.int(1...3) {
            let names = random.int(0...3) == 0 ? ["States.ALL"] : [errors[random.int(0...2)]]
            retriers.append(Retrier(errorEquals: names, intervalSeconds: Double(random.int(1...3)), maxAttempts: random.int(0...4),
                                    backoffRate: Double(random.int(1...3)), maxDelaySeconds: random.int(0...1) == 0 ? nil : 5,
                                    fullJitter: false, location: SourceLocation(file: "t", line: 1, column: 1)))
        }
        return Case(classes: classes, retriers: retriers, fixed: random.int(0...2) == 0 ? random.int(1...3) : 0)
    }

    /// One visit: (attempts, back-off seconds, final failure class or nil for success).
    static func simulate(_ item: Case, _ random: inout Generator) -> (Double, Double, Int?) {
        var counters = Array(repeating: 0, count: item.retriers.count)
        var attempts = 0.0, backoff = 0.0
        while true {
            attempts += 1
            var failed: Int?
            if Int(attempts) <= item.fixed {
                failed = 0
            } else {
                var draw = random.unit()
                for (index, failureClass) in item.classes.enumerated() {
                    if draw < failureClass.probability { failed = index; break }
                    draw -= failureClass.probability
                }
            }
            guard let failed else { return (attempts, backoff, nil) }
            let error = item.classes[failed].failure.error
            guard let r = item.retriers.firstIndex(where: { $0.matches(error) }), counters[r] < item.retriers[r].maxAttempts else {
                return (attempts, backoff, failed)
            }
            counters[r] += 1
            backoff += item.retriers[r].delay(beforeRetry: counters[r])
        }
    }

    @Test(arguments: 1...25)
    func expectationsMatchSimulation(seed: Int) {
        var random = Generator(state: UInt64(seed) &* 7919)
        let item = Self.randomCase(&random)
        let exact = AttemptOutcomes(classes: item.classes, fixed: item.fixed > 0 ? (item.fixed, 0) : nil, retriers: item.retriers)
        #expect(exact.isExact)
        let runs = 40_000
        var attempts: [Double] = [], backoffs: [Double] = [], ends = Array(repeating: 0.0, count: item.classes.count)
        for _ in 0..<runs {
            let (a, b, end) = Self.simulate(item, &random)
            attempts.append(a); backoffs.append(b)
            if let end { ends[end] += 1 }
        }
        func check(_ samples: [Double], _ value: Double, _ what: String) {
            let mean = samples.reduce(0, +) / Double(samples.count)
            let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1)
            let tolerance = 4 * (variance / Double(samples.count)).squareRoot() + 0.005 * abs(value) + 1e-9
            #expect(abs(mean - value) <= tolerance, "seed \(seed) \(what): exact \(value), simulated \(mean) ± \(tolerance)")
        }
        check(attempts, exact.expectedAttempts, "attempts")
        check(backoffs, exact.expectedBackoffSeconds, "back-off")
        for index in item.classes.indices {
            let p = exact.endFailures[index]
            let tolerance = 4 * (p * (1 - p) / Double(runs)).squareRoot() + 0.005 * p + 1e-9
            #expect(abs(ends[index] / Double(runs) - p) <= tolerance, "seed \(seed) class \(index): exact \(p), simulated \(ends[index] / Double(runs))")
        }
    }
}
