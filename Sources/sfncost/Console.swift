import Foundation
import SFNCostKit

/// Writes to stdout and stderr; diagnostics in the compiler form `file:line:col: severity: message [code]`.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func print(_ diagnostics: [Diagnostic], minimum: Severity = .warning) {
        for diagnostic in diagnostics where diagnostic.severity >= minimum {
            error("sfncost: " + diagnostic.description)
        }
    }
}
