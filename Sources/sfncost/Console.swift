import Foundation
import SFNCostKit

/// Writes to stdout and stderr; diagnostics in the compiler form `file:line:col: severity: message [code]`.
///
/// Every renderer escapes what came from an input (`DisplayText`); as a last line of defence, nothing
/// written here can start a line with a GitHub workflow command (`::…`, `##[…`) except the annotations
/// of `--format github`, which are sfncost's own (`annotations: true`).
enum Console {
    static func out(_ text: String, annotations: Bool = false) {
        FileHandle.standardOutput.write(Data((annotations ? text : DisplayText.neutralisingCommands(text)).utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(DisplayText.neutralisingCommands(text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A name or other text from an input, for a message of the CLI's own.
    static func shown(_ text: String) -> String { DisplayText.text(text) }

    static func print(_ diagnostics: [Diagnostic], minimum: Severity = .warning) {
        for diagnostic in diagnostics where diagnostic.severity >= minimum {
            error("sfncost: " + diagnostic.description)
        }
    }
}
