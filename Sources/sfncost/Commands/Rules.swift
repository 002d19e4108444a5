import ArgumentParser
import SFNCostKit

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the limit and quota rules, or explain one.",
        discussion: """
        Examples:
          sfncost rules
          sfncost rules SFN101
          sfncost rules history-limit
        """)

    @Argument(help: ArgumentHelp("A rule ID (SFN101) or name (history-limit) to explain.", valueName: "rule"))
    var rule: String?

    @Flag(help: "Print the catalogue as Markdown (the text of docs/rules.md).")
    var markdown = false

    func run() throws {
        if markdown {
            Console.out(RuleDocs.markdown())
            return
        }
        if let key = rule {
            guard let found = RuleCatalog.rule(key) else {
                Console.error("sfncost: error: no rule '\(Console.shown(key))'; run 'sfncost rules' for the list")
                throw ExitStatus.badInput
            }
            Console.out(RuleDocs.text(for: found))
            return
        }
        Console.out(RuleDocs.list())
    }
}
