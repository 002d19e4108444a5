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

    /// Runs the analysis and prints its diagnostics (warnings, and every input failure) to stderr.
    func estimate() -> Estimator.Outcome {
        let (path, note) = resolvedProfile()
        let outcome = Estimator.run(Estimator.Request(paths: paths, profilePath: path, region: region,
                                                      pricingDirectory: pricing, freeTier: freeTier))
        // Which profile applies matters only when there is something to apply it to.
        if let note, !(outcome.report?.stateMachines.isEmpty ?? true) { Console.error(note) }
        Console.print(outcome.diagnostics)
        for failure in outcome.failures { Console.print(failure.diagnostics, minimum: .note) }
        return outcome
    }

    /// `--profile`, else the default profile file, with a one-line note on stderr either way it was
    /// not named: which file was used, or that there is none and every usage figure is a default.
    func profilePath() -> String? {
        let (path, note) = resolvedProfile()
        if let note { Console.error(note) }
        return path
    }

    /// The profile to read, and the note that says where it came from (nil when `--profile` named it).
    func resolvedProfile() -> (path: String?, note: String?) {
        if let profile { return (profile, nil) }
        if let found = DefaultProfile.find(paths: paths) {
            return (found.path, "sfncost: note: usage profile: \(Console.shown(found.path)) (found in \(Console.shown(found.place)); --profile names another)")
        }
        let places = DefaultProfile.searchedDirectories(paths: paths, currentDirectory: FileManager.default.currentDirectoryPath)
            .map { $0.directory == "." ? "the current directory" : $0.directory }.joined(separator: " or ")
        return (nil, "sfncost: note: no usage profile (no --profile, no sfncost.yml or .sfncost.yml in \(Console.shown(places))): every usage figure is a default; `sfncost profile PATH > sfncost.yml` writes one")
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one definition file or directory") }
    }
}
