import Foundation
import Testing
@testable import SFNCostKit

/// Files are read on every core (`InputCollector.collect`); what comes back must not depend on
/// which file finished first: the same machines, ids, warnings and failures, in the same order, as
/// reading them one after another.
@Suite struct ParallelCollectionTests {
    /// Everything of a collection that a report shows, in order, as text.
    static func summary(_ result: InputCollector.Result) -> [String] {
        result.machines.map { "machine \($0.id) \($0.name) \($0.machine.location) \($0.definitionBytes) \($0.diagnostics.count)" }
            + result.diagnostics.map { "diagnostic \($0)" }
            + result.failures.map { "failure \($0.diagnostics)" }
            + result.passedOver.map { "passed over \($0.path): \($0.reason)" }
    }

    @Test func corpusGivesTheSameMachinesInTheSameOrderAsASequentialRead() {
        let paths = [Fixtures.corpus("asl"), Fixtures.corpus("templates"), Fixtures.corpus("terraform")]
        let sequential = InputCollector.collect(paths, parallel: false)
        // MANIFEST.tsv: 271 ASL definitions alone; the templates and Terraform add more. A
        // collection that found nothing would compare equal and prove nothing.
        #expect(sequential.machines.count > 271)
        // Several parallel runs: a scheduling-dependent order would show in one of them.
        for _ in 0..<3 {
            let parallel = InputCollector.collect(paths, parallel: true)
            #expect(Self.summary(parallel) == Self.summary(sequential))
        }
    }

    @Test func orderedParallelMapKeepsTheInputOrder() {
        let numbers = Array(0..<2_000)
        // Each result is its input squared, so position i must hold i * i whatever thread made it.
        let squares = OrderedParallelMap.map(numbers) { $0 * $0 }
        #expect(squares == numbers.map { $0 * $0 })
        #expect(OrderedParallelMap.map([Int]()) { $0 }.isEmpty)
    }

    /// Results that own heap memory (strings too long to be stored inline, arrays), started in a
    /// shuffled order: each must arrive whole, at its own index, once (the results are written in
    /// place by the worker threads).
    @Test func orderedParallelMapPlacesResultsThatOwnMemory() {
        let numbers = Array(0..<3_000)
        var generator = RandomMachine.Generator(state: 7)
        var order = numbers
        for index in order.indices.reversed() where index > 0 {
            order.swapAt(index, generator.int(0...index))
        }
        let expected = numbers.map { (text: "result number \($0) of the ordered map", items: Array(0...($0 % 17))) }
        let results = OrderedParallelMap.map(numbers, startOrder: order) {
            (text: "result number \($0) of the ordered map", items: Array(0...($0 % 17)))
        }
        #expect(results.map(\.text) == expected.map(\.text))
        #expect(results.map(\.items) == expected.map(\.items))
    }
}
