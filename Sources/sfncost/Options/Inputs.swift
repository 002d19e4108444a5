import Foundation
import SFNCostKit

/// The values `InputOptions` holds (paths, profile, region, price data, free tier) as plain data,
/// and what is done with them. Plain so that `EstimateFastPath` can build them without
/// swift-argument-parser, and so that a test can compare what both parsers read.
struct Inputs: Equatable {
    var paths: [String]
    var profile: String?
    var region: String?
    var pricing: String?
    var freeTier = false

    /// Runs the analysis and prints its diagnostics (warnings, and every input failure) to stderr.
    func estimate() -> Estimator.Outcome {
        let (path, note) = resolvedProfile()
        let outcome = Estimator.run(Estimator.Request(paths: paths, profilePath: path, region: region,
                                                      pricingDirectory: pricing, freeTier: freeTier))
        // Which profile applies matters only when there is something to apply it to.
        if let note, !(outcome.report?.stateMachines.isEmpty ?? true) { Console.error(note) }
        Console.print([(outcome.diagnostics, .warning)] + outcome.failures.map { ($0.diagnostics, .note) })
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
}
