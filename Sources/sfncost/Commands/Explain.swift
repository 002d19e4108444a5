import ArgumentParser
import Foundation
import SFNCostKit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show where a machine's figures come from: worst paths, expected visits, price rows.",
        discussion: """
        Examples:
          sfncost explain examples/daily-ingest/daily-ingest.asl.json \\
            --profile examples/daily-ingest/usage.yml
          sfncost explain examples/ --machine s3-fanout \\
            --profile examples/usage.yml --format json
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "The machine to explain when the inputs hold several: its name or its id.")
    var machine: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, mermaid }

    @Option(name: .long, help: "Output format: table, json, or mermaid (a flowchart: expected visits and share of the cost per state, in a ```mermaid block).")
    var format: Format = .table

    func run() throws {
        let outcome = input.estimate()
        guard let report = outcome.report, outcome.failures.isEmpty else { throw ExitStatus.badInput }
        let names = outcome.analyses.map(\.name)
        let chosen: Int
        if let machine {
            // By name, or by id (`sam-app/template.yaml#Flow`), which tells apart machines that share a name.
            guard let index = names.firstIndex(of: machine) ?? report.stateMachines.firstIndex(where: { $0.id == machine }) else {
                Console.error("sfncost: error: no machine named '\(Console.shown(machine))'; found: \(names.map(Console.shown).joined(separator: ", "))")
                throw ExitStatus.badInput
            }
            chosen = index
        } else if names.isEmpty {
            Console.nothingFound(paths: input.paths, passedOver: outcome.passedOver)
            throw ExitStatus.badInput
        } else if names.count == 1 {
            chosen = 0
        } else {
            Console.error("sfncost: error: the inputs hold \(names.count) machines; choose one with --machine (\(names.map(Console.shown).joined(separator: ", ")))")
            throw ExitStatus.badInput
        }
        let explanation = Explanation.build(outcome.analyses[chosen], report: report.stateMachines[chosen], pricing: report.pricing)
        switch format {
        case .table: Console.out(explanation.text(currency: report.currency))
        case .json: Console.out(String(decoding: try JSONRenderer.encode(explanation), as: UTF8.self) + "\n")
        case .mermaid: Console.out(MermaidFlowchart.markdownBlock(outcome.analyses[chosen]))
        }
    }
}
