import ArgumentParser
import Foundation
import SFNCostKit

struct Pricing: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the price data sfncost uses.",
        discussion: """
        Examples:
          sfncost pricing list
          sfncost pricing show eu-central-1
          sfncost pricing list --pricing my-prices/
        """,
        subcommands: [List.self, Show.self])

    struct Source: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("Read price data from this directory instead of the built-in set.", valueName: "dir"))
        var pricing: String?

        func table() throws -> PriceTable {
            guard let directory = pricing else { return PriceTable.embedded() }
            do { return try PriceTable.load(directory: directory) } catch {
                Console.print(error.diagnostics, minimum: .note)
                throw ExitStatus.badInput
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the regions and their prices.")
        @OptionGroup var source: Source

        func run() throws {
            let table = try source.table()
            Console.out("Price data: \(table.origin)\n\n")
            Console.out(PricingText.list(table))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one region's prices, row by row, with their sources.")
        @Argument(help: ArgumentHelp("Region, e.g. us-east-1.", valueName: "region"))
        var region: String
        @OptionGroup var source: Source

        func run() throws {
            let table = try source.table()
            guard let prices = table.prices(for: region) else {
                Console.error("sfncost: error: no prices for region '\(region)'; known regions: \(table.regions.keys.sorted().joined(separator: ", "))")
                throw ExitStatus.badInput
            }
            Console.out(PricingText.show(prices))
        }
    }
}
