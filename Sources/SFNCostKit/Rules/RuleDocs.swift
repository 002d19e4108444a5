/// Text of the rule catalogue, for `sfncost rules` and docs/rules.md (a test keeps the file current).
public enum RuleDocs {
    public static func list() -> String {
        let width = RuleCatalog.all.map(\.name.count).max() ?? 0
        return RuleCatalog.all.map { rule in
            let name = rule.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            return "\(rule.id)  \(name)  \(severity)  \(rule.summary)"
        }.joined(separator: "\n") + "\n"
    }

    public static func text(for rule: Rule) -> String {
        """
        \(rule.id) \(rule.name) (default severity: \(rule.defaultSeverity.rawValue))

        \(rule.summary)

        \(rule.explanation)

        Fix: \(rule.fix)
        Source: \(rule.source)

        """
    }

    /// docs/rules.md.
    public static func markdown() -> String {
        var out = """
        # sfncost rules

        Generated from `RuleCatalog` (Sources/SFNCostKit/Rules/RuleCatalog.swift); a test fails when this
        file is out of date. Regenerate with `swift run sfncost rules --markdown > docs/rules.md`.

        | ID | Name | Default severity | Finds |
        | --- | --- | --- | --- |

        """
        for rule in RuleCatalog.all {
            out += "| \(rule.id) | `\(rule.name)` | \(rule.defaultSeverity.rawValue) | \(rule.summary) |\n"
        }
        for rule in RuleCatalog.all {
            out += "\n## \(rule.id) \(rule.name)\n\n\(rule.explanation)\n\n**Fix:** \(rule.fix)\n\n**Source:** \(rule.source)\n"
        }
        return out
    }
}
