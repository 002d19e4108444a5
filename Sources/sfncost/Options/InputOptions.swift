import ArgumentParser
import Foundation
import SFNCostKit

/// Where definitions, the profile and the prices come from.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("ASL definitions (JSON or YAML), CloudFormation/SAM templates, serverless.yml, Terraform .tf/.tf.json or plan JSON files, or directories to search.",
                                 discussion: "A directory is searched below it, except build output and hidden folders: .aws-sam, .serverless, .terraform, node_modules, .build, .git (any folder whose name starts with '.'), and the asset.* copies inside cdk.out (its *.template.json files are read). A definition file that a template refers to (DefinitionUri, ${file(...)}, templatefile/file) is reported with that template's machine, not again; a file named twice is read once.",
                                 valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Usage profile (YAML): executions, Choice odds, Map items, loop bounds, durations. See the README. Default: sfncost.yml or .sfncost.yml in the first path (a directory), else in the current directory; without one, every usage figure is a default.",
                                           valueName: "file"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("AWS region whose prices to use (default: the profile's 'region', else us-east-1).",
                                           valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("Read price data from this directory instead of the built-in set.",
                                           valueName: "dir"))
    var pricing: String?

    @Flag(name: .long, help: "Deduct the Standard free tier (4,000 transitions a month, once per account).")
    var freeTier = false

    /// The values read, as plain data (`Inputs` does the work).
    var values: Inputs { Inputs(paths: paths, profile: profile, region: region, pricing: pricing, freeTier: freeTier) }

    /// Runs the analysis and prints its diagnostics (warnings, and every input failure) to stderr.
    func estimate() -> Estimator.Outcome { values.estimate() }

    /// `--profile`, else the default profile file (`Inputs.profilePath()`).
    func profilePath() -> String? { values.profilePath() }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one definition file or directory") }
    }
}
