import Foundation
import SFNCostKit

/// Writes to stdout and stderr; diagnostics in the compiler form `file:line:col: severity: message [code]`.
///
/// Every renderer escapes what came from an input (`DisplayText`); as a last line of defence, nothing
/// written here can start a line with a GitHub workflow command (`::…`, `##[…`) except the annotations
/// of `--format github`, which are sfncost's own (`annotations: true`).
enum Console {
    static func out(_ text: String, annotations: Bool = false) {
        var text = text
        text.withUTF8 { out(utf8: $0, annotations: annotations) }
    }

    /// A renderer's UTF-8 bytes (a JSON or SARIF report, megabytes), written as they are when nothing
    /// in them can start a command (the usual case, found by a byte search), in one write.
    static func out(utf8 bytes: UnsafeBufferPointer<UInt8>, annotations: Bool = false) {
        if !annotations, let rewritten = DisplayText.neutralisingCommands(utf8: bytes) {
            rewritten.withUnsafeBufferPointer { write($0, to: .standardOutput) }
        } else {
            write(bytes, to: .standardOutput)
        }
    }

    /// The bytes themselves (no copy into a Data first).
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to handle: FileHandle) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
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
        print([(diagnostics, minimum)])
    }

    /// Several lists of diagnostics, each from its own minimum severity, in one write: a corpus has
    /// hundreds of them, and a write each was most of the run's system calls. Each line is what
    /// `error` writes for it (the commands are neutralised line by line either way: every line ends
    /// with its newline, which ends whatever a rewrite looks at).
    static func print(_ lists: [([Diagnostic], Severity)]) {
        var text = ""
        for (diagnostics, minimum) in lists {
            for diagnostic in diagnostics where diagnostic.severity >= minimum {
                let line = "sfncost: " + diagnostic.description
                text += line
                if !line.hasSuffix("\n") { text += "\n" }
            }
        }
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(DisplayText.neutralisingCommands(text).utf8))
    }
}
