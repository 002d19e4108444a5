/// GitHub Actions workflow commands, one line per finding, so that a workflow step annotates the
/// pull request's files: `::error file=…,line=…,col=…,title=SFN101 history-limit::message`.
///
/// Escaping follows GitHub's toolkit (`@actions/core` `command.ts`): in the message, `%`, `\r` and `\n`
/// become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A` and `%2C`.
/// Before that, the message and every property are escaped for display (`DisplayText.text`: the other
/// control characters, line separators and bidi controls as `\u001b`-style escapes), so that a name
/// from an input can neither end the annotation's line nor spoof the log.
/// Notes become `::notice`. Suppressed findings are not annotated; input diagnostics with a
/// location are (after the findings), so a profile typo shows where it is. `AnnotationSelection`
/// keeps to GitHub's per-step limits.
/// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
public enum GitHubAnnotationsRenderer {
    public static func render(_ report: Report, paths: SARIFOptions? = nil) -> String {
        // Rule findings first, at most GitHub's per-kind limit, then a notice for the rest.
        let (shown, omitted) = AnnotationSelection.select(report, paths: paths)
        // A diagnostic tied to no file (no state machine found) annotates the run itself.
        var lines = report.diagnostics.filter { $0.location == nil && $0.severity >= .warning }.map { diagnostic in
            "::\(diagnostic.severity == .error ? "error" : "warning") title=\(escapeProperty(DisplayText.text(diagnostic.code)))::\(escapeData(DisplayText.text(diagnostic.message)))"
        }
        lines += shown.map { command($0.severity, file: $0.file, line: $0.line, column: $0.column, title: $0.title, message: $0.message) }
        if let notice = AnnotationSelection.overflowNotice(omitted) {
            lines.append("::notice title=sfncost::\(escapeData(notice))")
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
            .map { "\($0.0)=\(escapeProperty(DisplayText.text($0.1, keepingLineBreaks: false, neutralisingCommands: false)))" }.joined(separator: ",")
        // A property or the message stands after `::name `, never at the start of a line: GitHub's own
        // encoding (`%3A` in properties) keeps a `::` in them inert, so the display escaping only
        // shows control characters (a newline from a name as `\u000a`, as everywhere else).
        return "::\(name) \(properties)::\(escapeData(DisplayText.text(message, keepingLineBreaks: false, neutralisingCommands: false)))"
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
