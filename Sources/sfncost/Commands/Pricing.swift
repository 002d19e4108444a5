import ArgumentParser
import Foundation
import SFNCostKit

struct Pricing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Show the price data sfncost uses, or import it from the AWS Price List.",
        discussion: """
        Examples:
          sfncost pricing list
          sfncost pricing show eu-central-1
          sfncost pricing list --pricing my-prices/
          sfncost pricing import AmazonStates-index.json --output my-prices/

        See docs/pricing.md for how the data is organised and refreshed.
        """,
        subcommands: [List.self, Show.self, Import.self])

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
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the regions and their prices.")
        @OptionGroup var source: Source

        func run() throws {
            let table = try source.table()
            Console.out("Price data: \(Console.shown(table.origin))\n\n")
            Console.out(PricingText.list(table))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one region's prices, row by row, with their sources.")
        @Argument(help: ArgumentHelp("Region, e.g. us-east-1.", valueName: "region"))
        var region: String
        @OptionGroup var source: Source

        func run() throws {
            let table = try source.table()
            guard let prices = table.prices(for: region) else {
                Console.error("sfncost: error: \(Console.shown(table.unknownRegionMessage(region)))")
                throw ExitStatus.badInput
            }
            Console.out(PricingText.show(prices))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import prices from AWS's Price List offer file for Step Functions (AmazonStates).",
            discussion: """
            FILE is either the bulk offer file
              https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonStates/current/index.json
            or the output of
              aws pricing get-products --service-code AmazonStates --region us-east-1
            (give every page when the output is paged). Imported regions replace those in DIR's \
            step-functions.json, or in the built-in data when DIR has none; other regions are kept. \
            Input files are never written. Bad files exit 2 with file:line:column.
            """)

        @Argument(help: ArgumentHelp("Price List files to read.", valueName: "file"))
        var files: [String]

        @Option(name: .long, help: ArgumentHelp("Directory to write step-functions.json in.", valueName: "dir"))
        var output: String = "pricing"

        func run() throws {
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current,
                                                    formatOptions: [.withFullDate])
            do {
                let summary = try PriceDataUpdate.run(paths: files, directory: output, today: today)
                Console.print(summary.warnings, minimum: .note)
                Console.out(PricingText.imported(summary, directory: output))
            } catch {
                Console.print(error.diagnostics, minimum: .note)
                throw ExitStatus.badInput
            }
        }
    }
}
