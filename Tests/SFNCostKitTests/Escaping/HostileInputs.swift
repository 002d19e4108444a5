import Foundation
@testable import SFNCostKit

/// Names a hostile pull request can put into a definition, and a directory of files that use them.
enum HostileInputs {
    /// A state name that, printed raw, becomes a GitHub workflow command on its own line.
    static let injectedState = "B\n::error file=README.md,line=1::INJECTED"
    /// A state name that would silence every later annotation.
    static let stopCommandsState = "::stop-commands::tok"
    /// A file (and so machine) name with a terminal colour escape and a right-to-left override.
    static let spoofedFileStem = "m\u{1B}[31mred\u{202E}"

    /// One definition: A (Task) → the injected state (a .waitForTaskToken Task without TimeoutSeconds,
    /// so that SFN145 quotes its name) → the stop-commands state (Pass).
    static func definition() throws -> String {
        let states: [String: Any] = [
            "A": ["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": injectedState],
            injectedState: ["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Next": stopCommandsState],
            stopCommandsState: ["Type": "Pass", "End": true],
        ]
        let data = try JSONSerialization.data(withJSONObject: ["StartAt": "A", "States": states], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A new directory holding the definition as `<spoofedFileStem>.asl.json`.
    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try definition().write(to: directory.appendingPathComponent(spoofedFileStem + ".asl.json"), atomically: true, encoding: .utf8)
        return directory
    }

    /// The lines of `text` that a GitHub Actions runner would take as a workflow command: after leading
    /// blanks, `::`; or the legacy `##[` anywhere. A carriage return ends a line for the runner too.
    static func commandLines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init).filter { line in
            line.drop(while: { $0.isWhitespace }).hasPrefix("::") || line.contains("##[")
        }
    }

    /// Characters that must never be printed raw (a newline between lines excepted).
    static func rawControls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && DisplayText.needsEscape($0) }
    }
}
