import Foundation
import SFNCostKit

/// Writes to stdout and stderr; diagnostics in the compiler form `file:line:col: severity: message [code]`.
///
/// Every renderer escapes what came from an input (`DisplayText`); as a last line of defence, nothing
/// written here can start a line with a GitHub workflow command (`::…`, `##[…`) except the annotations
/// of `--format github`, which are sfncost's own (`annotations: true`).
enum Console {
    static func out(_ text: String, annotations: Bool = false) {
        write(annotations ? text : DisplayText.neutralisingCommands(text), to: .standardOutput)
    }

    /// Writes the text's own UTF-8 bytes (a report can be megabytes; no copy into a Data first).
    private static func write(_ text: String, to handle: FileHandle) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(DisplayText.neutralisingCommands(text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A name or other text from an input, for a message of the CLI's own.
    static func shown(_ text: String) -> String { DisplayText.text(text) }

    /// "found no state machine in …", with what was looked at and why each did not count (capped).
    static func nothingFound(paths: [String], passedOver: [InputCollector.PassedOver]) {
        let escaped = passedOver.map { InputCollector.PassedOver(path: shown($0.path), reason: shown($0.reason)) }
        let lines = InputCollector.nothingFoundLines(paths: paths.map(shown), passedOver: escaped)
        error("sfncost: error: " + lines.joined(separator: "\n"))
    }

    static func print(_ diagnostics: [Diagnostic], minimum: Severity = .warning) {
        for diagnostic in diagnostics where diagnostic.severity >= minimum {
            error("sfncost: " + diagnostic.description)
        }
    }
}
