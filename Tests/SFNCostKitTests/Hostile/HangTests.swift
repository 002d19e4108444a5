import Foundation
import Testing
@testable import SFNCostKit

/// Inputs that ran for minutes (issue 10, item 3). Timing lives in scripts/hostile-bench.sh; these
/// check that the hostile shapes are handled, and handled right, fast enough for a debug build.
@Suite struct HangTests {
    /// A loop of `count` states: each goes on with probability 1 − q or back to the first with q;
    /// the last leaves with 1 − q. As nodes of the expected-visits solve.
    static func restartingPipeline(_ count: Int, back q: Double) -> [ExpectedVisitsSolver.Node] {
        (0..<count).map { index in
            let on = index + 1 < count ? [ExpectedVisitsSolver.Edge(target: index + 1, probability: 1 - q)] : []
            return ExpectedVisitsSolver.Node(edges: on + [.init(target: 0, probability: q)],
                                             endProbability: index + 1 < count ? 0 : 1 - q)
        }
    }

    /// By hand: each attempt from the first state reaches state i with probability a^i (a = 1 − q)
    /// and gets through all n with a^n, so there are a^−n attempts on average and state i is
    /// visited a^(i − n) times. n = 2,000, q = 10^−4: the first state e^0.2 ≈ 1.2214 times.
    @Test func twoThousandStateLoopSolvesExactly() {
        let count = 2000, q = 1e-4, a = 1 - q
        let solution = ExpectedVisitsSolver.solve(nodes: Self.restartingPipeline(count, back: q), start: 0)
        #expect(solution.trappedLoops.isEmpty && solution.tooComplexLoops.isEmpty)
        for index in [0, 1, 999, 1999] {
            let exact = pow(a, Double(index - count))
            #expect(abs(solution.visits[index] - exact) < 1e-9 * exact, "state \(index): \(solution.visits[index]) vs \(exact)")
        }
    }

    /// The dense fallback (forced from the first step) gives the same visits.
    @Test func denseFallbackAgreesWithTheClosedForm() {
        let count = 300, q = 0.01, a = 1 - q
        let solution = ExpectedVisitsSolver.solve(nodes: Self.restartingPipeline(count, back: q), start: 0,
                                                  limits: .init(sparseWork: 0, dense: 1000))
        #expect(solution.tooComplexLoops.isEmpty)
        for index in [0, 150, 299] {
            let exact = pow(a, Double(index - count))
            #expect(abs(solution.visits[index] - exact) < 1e-9 * exact)
        }
    }

    /// Past both limits the loop is refused, not solved for minutes: visits infinite, the loop named.
    @Test func tooComplexLoopIsRefused() {
        let solution = ExpectedVisitsSolver.solve(nodes: Self.restartingPipeline(50, back: 0.5), start: 0,
                                                  limits: .init(sparseWork: 0, dense: 10))
        #expect(solution.tooComplexLoops == [Array(0..<50)])
        #expect(solution.visits.allSatisfy { $0 == .infinity })
    }

    /// Random loops with fill-in, solved sparsely, densely, and by an independent dense Gaussian
    /// elimination with partial pivoting of (I − Pᵀ) v = e_start written here: all three agree.
    @Test func sparseDenseAndReferenceAgreeOnRandomLoops() {
        var generator = RandomMachine.Generator(state: 20261130)
        for _ in 0..<20 {
            let count = generator.int(2...40)
            var nodes: [ExpectedVisitsSolver.Node] = []
            for index in 0..<count {
                // A ring keeps it one loop; a few random chords make it fill in.
                var targets = [(index + 1) % count]
                for _ in 0..<generator.int(0...3) { targets.append(generator.int(0...(count - 1))) }
                let leave = 0.01 + 0.29 * generator.unit()
                let weights = targets.map { _ in 0.1 + 0.9 * generator.unit() }
                let total = weights.reduce(0, +)
                nodes.append(.init(edges: zip(targets, weights).map { .init(target: $0, probability: (1 - leave) * $1 / total) },
                                   endProbability: leave))
            }
            let reference = Self.referenceVisits(nodes, start: 0)
            let sparse = ExpectedVisitsSolver.solve(nodes: nodes, start: 0).visits
            let dense = ExpectedVisitsSolver.solve(nodes: nodes, start: 0, limits: .init(sparseWork: 0, dense: 100)).visits
            for index in 0..<count {
                #expect(abs(sparse[index] - reference[index]) <= 1e-9 * max(1, reference[index]))
                #expect(abs(dense[index] - reference[index]) <= 1e-9 * max(1, reference[index]))
            }
        }
    }

    /// Dense Gaussian elimination with partial pivoting, for checking only.
    static func referenceVisits(_ nodes: [ExpectedVisitsSolver.Node], start: Int) -> [Double] {
        let n = nodes.count
        var m = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for i in 0..<n { m[i][i] = 1 }
        m[start][n] = 1
        for (j, node) in nodes.enumerated() { for edge in node.edges { m[edge.target][j] -= edge.probability } }
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            m.swapAt(pivot, column)
            for row in 0..<n where row != column {
                let factor = m[row][column] / m[column][column]
                for k in column...n { m[row][k] -= factor * m[column][k] }
            }
        }
        return (0..<n).map { m[$0][n] / m[$0][$0] }
    }

    /// A state name of 100,000 characters: the table used to pad and trim it with a regular
    /// expression that restarted at every blank (minutes); now it renders, aligned, at once.
    @Test func tableWithAHundredThousandCharacterName() {
        let long = String(repeating: "S", count: 100_000)
        var table = TextTable(headers: ["STATE", "VISITS"], alignments: [.left, .right])
        table.rows = [[long, "1"], ["B", "2"]]
        let lines = table.render(indent: "  ").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        // Every line is as wide as the widest: indent 2 + 100,000 + gap 2 + "VISITS" 6.
        #expect(lines.allSatisfy { $0.count == 100_010 })
        #expect(lines[2].hasPrefix("  B ") && lines[2].hasSuffix(" 2"))
        // Trailing blanks are trimmed: a right-aligned last column leaves none, a left one would.
        var left = TextTable(headers: ["A", "B"], alignments: [.left, .left])
        left.rows = [[long, "x"], ["y", ""]]
        #expect(left.render().split(separator: "\n").last == "y")
    }

    /// `profile` of one loop of 2,000 Choice states bounds its first state only, found from the
    /// structure (no Markov solve of the whole machine per round).
    @Test func profileOfALongLoopBoundsItsHead() throws {
        var states: [String] = []
        for index in 0..<2000 {
            let on = index + 1 < 2000 ? "\"L\(index + 1)\"" : "\"Done\""
            states.append("\"L\(index)\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.again\", \"BooleanEquals\": true, \"Next\": \"L0\"}], \"Default\": \(on)}")
        }
        let text = "{\"StartAt\": \"L0\", \"States\": {" + states.joined(separator: ", ") + ", \"Done\": {\"Type\": \"Succeed\"}}}"
        let machine = try Fixtures.machine(text)
        let heads = LoopHeads.find(in: machine)
        #expect(heads.keys.sorted() == ["L0"])
        #expect(heads["L0"]?.count == 2000)
    }
}
