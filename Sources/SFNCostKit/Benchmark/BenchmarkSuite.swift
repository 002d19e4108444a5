import Foundation

/// Times parsing and analysis of the benchmark cases (`sfncost benchmark`). Not a test: timings
/// depend on the machine; BENCHMARKS.md records figures and the method.
public enum BenchmarkSuite {
    public struct Result: Sendable {
        public var name: String
        public var states: Int
        /// Median, minimum and maximum wall time of one run, in milliseconds.
        public var medianMilliseconds: Double
        public var minMilliseconds: Double
        public var maxMilliseconds: Double
        public var note: String
    }

    public static func run(iterations: Int, corpus: String?) throws -> [Result] {
        if let corpus {
            // A mistyped path must not time an empty corpus and pass; checked before any timing.
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError("Benchmark.Corpus", "--corpus '\(corpus)' is not a directory of definitions",
                                 at: SourceLocation(file: corpus, line: 1, column: 1))
            }
        }
        var results: [Result] = []
        let cases: [(String, String, String?)] = [
            ("200 Choice diamonds (2^200 paths)", SyntheticMachines.choiceDiamonds(200), nil),
            ("5,000 states with 100 bounded loops", SyntheticMachines.large(5000), SyntheticMachines.loopProfile(5000)),
            ("inline Maps nested 6 deep", SyntheticMachines.nestedMaps(6), nil),
        ]
        for (name, definition, profileText) in cases {
            let profile = try profileText.map { try ProfileLoader.decode(try SourceDocument.parse($0, file: "bench.yml"), file: "bench.yml").0 } ?? UsageProfile()
            var states = 0
            var worst = ""
            let times = try measure(iterations) {
                let root = try SourceDocument.parse(definition, file: "bench.asl.json")
                let machine = try DefinitionDecoder.decode(root).0
                let analysis = MachineAnalyzer.analyze(machine, name: "bench", definitionBytes: definition.utf8.count, profile: profile)
                states = machine.allStates().count
                worst = analysis.worst.transitions.value.map { "worst case \(Format.count($0)) transitions" } ?? "worst case unbounded"
            }
            results.append(result(name, states, times, worst))
        }
        if let corpus {
            let files = InputCollector.files(under: corpus)
            var machines = 0, states = 0
            let times = try measure(iterations) {
                let collected = InputCollector.collect([corpus])
                machines = collected.machines.count
                states = collected.machines.reduce(0) { $0 + $1.machine.allStates().count }
                for source in collected.machines {
                    _ = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes, profile: UsageProfile())
                }
            }
            results.append(result("corpus: \(files.count) files, \(machines) machines", states, times, "read, parse, analyse"))
        }
        return results
    }

    private static func measure(_ iterations: Int, _ body: () throws -> Void) throws -> [Double] {
        var times: [Double] = []
        for _ in 0..<max(1, iterations) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()
    }

    private static func result(_ name: String, _ states: Int, _ times: [Double], _ note: String) -> Result {
        Result(name: name, states: states, medianMilliseconds: times[times.count / 2], minMilliseconds: times.first ?? 0,
               maxMilliseconds: times.last ?? 0, note: note)
    }
}
