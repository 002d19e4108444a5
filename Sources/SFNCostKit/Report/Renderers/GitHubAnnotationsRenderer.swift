/// GitHub Actions workflow commands, one line per finding, so that a workflow step annotates the
/// pull request's files: `::error file=…,line=…,col=…,title=SFN101 history-limit::message`.
///
/// Escaping follows GitHub's toolkit (`@actions/core` `command.ts`): in the message, `%`, `\r` and `\n`
/// become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A` and `%2C`.
/// Before that, the message and every property are escaped for display (`DisplayText.text`: the other
/// control characters, line separators and bidi controls as `\u001b`-style escapes), so that a name
/// from an input can neither end the annotation's line nor spoof the log. Notes become `::notice`. Suppressed findings are not annotated; input diagnostics with a
/// location are, so a profile typo shows where it is.
/// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
public enum GitHubAnnotationsRenderer {
    public static func render(_ report: Report) -> String {
        var lines: [String] = []
        for diagnostic in report.diagnostics where diagnostic.severity >= .warning {
            guard let location = diagnostic.location else {
                // Not tied to a file (no state machine found): an annotation on the run itself.
                lines.append("::\(diagnostic.severity == .error ? "error" : "warning") title=\(escapeProperty(diagnostic.code))::\(escapeData(diagnostic.message))")
                continue
            }
            lines.append(command(diagnostic.severity, file: location.file, line: location.line, column: location.column,
                                 title: diagnostic.code, message: diagnostic.message))
        }
        for machine in report.stateMachines {
            for finding in machine.findings {
                var message = finding.message
                if let suppression = finding.suppression { message += " (\(suppression))" }
                lines.append(command(finding.severity, file: finding.file, line: finding.line, column: finding.column,
                                     title: "\(finding.rule) \(finding.name)", message: message))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    static func command(_ severity: Severity, file: String, line: Int, column: Int, title: String, message: String) -> String {
        let name: String
        switch severity {
        case .error: name = "error"
        case .warning: name = "warning"
        case .note: name = "notice"
        }
        let properties = [("file", file), ("line", "\(line)"), ("col", "\(column)"), ("title", title)]
            .map { "\($0.0)=\(escapeProperty(DisplayText.text($0.1, keepingLineBreaks: true)))" }.joined(separator: ",")
        return "::\(name) \(properties)::\(escapeData(DisplayText.text(message, keepingLineBreaks: true)))"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

import Foundation
