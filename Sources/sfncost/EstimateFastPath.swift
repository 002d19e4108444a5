import SFNCostKit

/// The common command lines of `sfncost estimate`, read without swift-argument-parser.
///
/// The parser costs about half of what a one-file run does in all (issue #13: it splits and reads the
/// arguments twice, reflects over the command types and looks up their conformances), more than the
/// analysis itself. CI runs `estimate PATH... [--profile FILE] [--format F] [--fail-on L] [--budget N]
/// [--region R] [--pricing DIR] [--root DIR] [--free-tier]`, and those are read here, the way the
/// parser reads them: `--name value` or `--name=value`, paths before, between or after the options.
/// Anything else returns nil and goes to the parser, so every help text, message and error is its
/// own: another command, help or version, an unknown, repeated or single-dash option, `--`, an
/// argument that starts with "-" or is empty, a missing or invalid value, no path.
/// `EstimateFastPathTests` checks that both read the same values.
enum EstimateFastPath {
    static func options(_ arguments: [String]) -> EstimateOptions? {
        guard arguments.first == "estimate" else { return nil }
        var options = EstimateOptions(input: Inputs(paths: []))
        var named: Set<String> = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard let first = argument.utf8.first else { return nil }
            guard first == UInt8(ascii: "-") else {
                options.input.paths.append(argument)
                continue
            }
            // Split at the first "=" as the parser does (a Character, so "=" with a combining mark
            // attached is not one here either).
            var name = argument, attached: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            guard named.insert(name).inserted else { return nil }
            if name == "--free-tier" {
                guard attached == nil else { return nil }
                options.input.freeTier = true
                continue
            }
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < arguments.count else { return nil }
                value = arguments[index]
                index += 1
            }
            guard let start = value.utf8.first, start != UInt8(ascii: "-") else { return nil }
            switch name {
            case "--profile": options.input.profile = value
            case "--region": options.input.region = value
            case "--pricing": options.input.pricing = value
            case "--root": options.root = value
            case "--format":
                guard let format = OutputFormat(rawValue: value) else { return nil }
                options.format = format
            case "--fail-on":
                guard let level = FailLevel(rawValue: value) else { return nil }
                options.failOn = level
            case "--budget":
                // What `Estimate.validate` accepts; anything else gets its message from the parser.
                guard case .amount? = CostThreshold(value) else { return nil }
                options.budget = value
            default:
                return nil
            }
        }
        return options.input.paths.isEmpty ? nil : options
    }
}
