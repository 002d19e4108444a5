import Foundation

/// The report's findings as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for
/// GitHub code scanning and other viewers.
///
/// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
/// Schema: https://json.schemastore.org/sarif-2.1.0.json
/// Every rule of the catalogue is listed in `tool.driver.rules`, so `ruleIndex` is the rule's position
/// in `RuleCatalog.all`. Regions are 1-based, as `SourceLocation` already is. Findings switched off by
/// the profile are included with a `suppressions` entry (kind `external`, the profile's reason), which
/// viewers hide by default; re-rated ones carry their new level.
///
/// Messages are shown by code-scanning viewers: their text is escaped for display
/// (`DisplayText.text`), so no control character, line separator or bidi control from a name reaches
/// them raw. Locations and logical names stay exact (JSON-encoded), for matching.
public enum SARIFRenderer {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationUri = "https://github.com/sfncost/sfncost"

    public static func render(_ report: Report) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document(report),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return DisplayText.jsonSafe(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// The SARIF log as JSON-compatible values.
    static func document(_ report: Report) -> [String: Any] {
        let rules = RuleCatalog.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var results: [[String: Any]] = []
        for machine in report.stateMachines {
            for finding in machine.findings { results.append(result(finding, index: index, suppressed: false)) }
            for finding in machine.suppressedFindings { results.append(result(finding, index: index, suppressed: true)) }
        }
        let driver: [String: Any] = [
            "name": report.tool.name,
            "version": report.tool.version,
            "semanticVersion": report.tool.version,
            "informationUri": informationUri,
            "rules": rules.map(descriptor),
        ]
        // Problems with the inputs (an unreadable file, an invalid definition, a profile typo) are not
        // results of a rule: SARIF puts them in the invocation's notifications.
        let notifications: [[String: Any]] = report.diagnostics.filter { $0.severity >= .warning }.map { diagnostic in
            var notification: [String: Any] = [
                "level": level(diagnostic.severity),
                "message": ["text": DisplayText.text(diagnostic.message)],
                "descriptor": ["id": diagnostic.code],
            ]
            if let location = diagnostic.location {
                notification["locations"] = [["physicalLocation": [
                    "artifactLocation": ["uri": uri(location.file)],
                    "region": ["startLine": max(1, location.line), "startColumn": max(1, location.column)],
                ]]]
            }
            return notification
        }
        let run: [String: Any] = [
            "tool": ["driver": driver],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [[
                "executionSuccessful": !report.diagnostics.contains { $0.severity == .error },
                "toolExecutionNotifications": notifications,
            ]],
        ]
        return ["$schema": schema, "version": "2.1.0", "runs": [run]]
    }

    private static func descriptor(_ rule: Rule) -> [String: Any] {
        [
            "id": rule.id,
            "name": rule.name,
            "shortDescription": ["text": rule.summary],
            "fullDescription": ["text": rule.explanation],
            "help": ["text": "\(rule.explanation)\n\nFix: \(rule.fix)\nSource: \(rule.source)",
                     "markdown": "\(rule.explanation)\n\n**Fix:** \(rule.fix)\n\n**Source:** \(rule.source)"],
            "helpUri": rule.source.hasPrefix("http") ? rule.source : informationUri,
            "defaultConfiguration": ["level": level(rule.defaultSeverity)],
        ]
    }

    private static func result(_ finding: Finding, index: [String: Int], suppressed: Bool) -> [String: Any] {
        var result: [String: Any] = [
            "ruleId": finding.rule,
            "level": level(finding.severity),
            "message": ["text": DisplayText.text(finding.message)],
            "locations": [[
                "physicalLocation": [
                    "artifactLocation": ["uri": uri(finding.file)],
                    "region": ["startLine": max(1, finding.line), "startColumn": max(1, finding.column)],
                ],
                "logicalLocations": [["name": finding.state ?? finding.machine,
                                      "fullyQualifiedName": finding.state.map { "\(finding.machine)/\($0)" } ?? finding.machine]],
            ]],
        ]
        if let position = index[finding.rule] { result["ruleIndex"] = position }
        if suppressed {
            result["suppressions"] = [["kind": "external", "justification": DisplayText.text(finding.suppression ?? "suppressed by the profile")]]
        } else if let note = finding.suppression {
            result["properties"] = ["sfncostSuppression": DisplayText.text(note)]
        }
        return result
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// A relative path stays a relative URI reference (resolved against the checkout by viewers);
    /// an absolute one becomes a `file://` URI. Characters outside a URI path are percent-encoded.
    static func uri(_ path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
