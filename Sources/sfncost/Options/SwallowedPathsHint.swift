import Foundation

/// `--histories`, `--executions`, `--metrics`, `--express-logs` and `--cur` take every value up to the
/// next option (swift-argument-parser's `.upToNextOption`), so in
/// `sfncost reconcile --histories h/ statemachines/ --profile p.yml` the definitions' path is read as a
/// second history and the parser then reports a missing `<path>`. That message alone does not say why;
/// this adds what happened and the two ways out.
enum SwallowedPathsHint {
    static let multiValueOptions: Set<String> = ["--histories", "--executions", "--metrics", "--express-logs", "--cur"]

    /// The hint for `message` (a parse error) given the command line, or nil when the error is not a
    /// missing `<path>` after a multi-value option.
    static func hint(for message: String, arguments: [String]) -> String? {
        guard message.contains("Missing expected argument '<path>") else { return nil }
        // Each multi-value option before the first `--` (after it nothing is an option) and the values it
        // took: everything up to the next token starting with "-".
        var taken: [(option: String, values: [String])] = []
        var current: Int?
        for argument in arguments {
            if argument == "--" { break }
            if multiValueOptions.contains(argument) {
                taken.append((argument, []))
                current = taken.count - 1
            } else if argument.hasPrefix("-") {
                current = nil
            } else if let index = current {
                taken[index].values.append(argument)
            }
        }
        // One value is what the option wants; a second is most likely the definitions' path.
        guard let swallowing = taken.last(where: { $0.values.count > 1 }), let path = swallowing.values.last else { return nil }
        let command = arguments.first ?? "reconcile"
        return "\(swallowing.option) takes every value up to the next option, so it also took '\(path)' as one of its files. "
            + "Give the definitions' paths first (sfncost \(command) PATH... \(swallowing.option) FILE...), "
            + "or end the command with them after `--` (sfncost \(command) \(swallowing.option) FILE... -- PATH...; everything after `--` is a path)."
    }
}
