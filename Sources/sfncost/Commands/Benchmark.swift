import ArgumentParser
import Foundation
import SFNCostKit

struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Time the analysis on large generated machines and on a corpus (see BENCHMARKS.md).",
        discussion: """
        Build in release mode first for meaningful figures:
          swift build -c release
          .build/release/sfncost benchmark --corpus Tests/Corpus/asl
        """)

    @Option(help: "Runs per case; the median is reported.")
    var iterations = 5

    @Option(help: ArgumentHelp("A directory of definitions to analyse as one more case.", valueName: "dir"))
    var corpus: String?

    func run() throws {
        let results: [BenchmarkSuite.Result]
        do { results = try BenchmarkSuite.run(iterations: iterations, corpus: corpus) } catch let error as InputError {
            Console.print(error.diagnostics, minimum: .note)
            throw ExitStatus.badInput
        }
        var lines = ["CASE | STATES | MEDIAN ms | MIN ms | MAX ms | NOTE"]
        for result in results {
            lines.append(String(format: "%@ | %d | %.2f | %.2f | %.2f | %@", Console.shown(result.name), result.states,
                                result.medianMilliseconds, result.minMilliseconds, result.maxMilliseconds, Console.shown(result.note)))
        }
        Console.out(lines.joined(separator: "\n") + "\n")
    }
}
