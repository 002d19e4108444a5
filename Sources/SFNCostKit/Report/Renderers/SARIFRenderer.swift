import Foundation

/// The report's findings as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for
/// GitHub code scanning and other viewers.
///
/// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
/// Schema: https://json.schemastore.org/sarif-2.1.0.json
/// Every rule of the catalogue is listed in `tool.driver.rules`, so `ruleIndex` is the rule's position
/// in `RuleCatalog.all`. Regions are 1-based, as `SourceLocation` already is; a region ends on its
/// start line (`endLine`), at the end of the state's key when it is found there (`endColumn`,
/// `SARIFKeySpans`), else, having no end column, at the end of that line (SARIF §3.30.7).
/// Paths are relative to `SARIFOptions.root` with `uriBaseId`; `partialFingerprints` identify a
/// result by rule, machine id and state, so an edit that moves lines does not open a new alert.
///
/// Suppressions, as what they are: a finding switched off by the profile's `rules` (`severity: off`)
/// is kept with `suppressions: [{kind: "external", status: "accepted", justification: <the profile's
/// reason>}]`: `external` because the decision lives outside the analysed file (in the profile), and
/// viewers hide it by default. A finding re-rated by the profile keeps its place at the new level,
/// with the reason in `properties.sfncostSuppression`; it is not a suppression.
///
/// Messages are shown by code-scanning viewers: their text is escaped for display
/// (`DisplayText.text`), so no control character, line separator or bidi control from a name reaches
/// them raw. Locations and logical names stay exact (JSON-encoded), for matching.
public enum SARIFRenderer {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let informationUri = "https://github.com/sfncost/sfncost"

    public static func render(_ report: Report, options: SARIFOptions = SARIFOptions()) throws -> String {
        // Written member by member (`SARIFText`); `foundationText` is the reference it matches.
        UTF8Strings.string(SARIFText.bytes(report, options: options))
    }

    /// The SARIF log through `document` and `JSONSerialization`: the reference for `SARIFText`.
    static func foundationText(_ report: Report, options: SARIFOptions = SARIFOptions()) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document(report, options: options),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return DisplayText.jsonSafe(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// The SARIF log as JSON-compatible values.
    static func document(_ report: Report, options: SARIFOptions = SARIFOptions()) -> [String: Any] {
        let rules = RuleCatalog.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var results: [[String: Any]] = []
        let paths = SARIFPathCache(options)
        let spans = SARIFKeySpans(paths: paths)
        for machine in report.stateMachines {
            for finding in machine.findings { results.append(result(finding, machineID: machine.id, index: index, suppressed: false, paths: paths, spans: spans)) }
            for finding in machine.suppressedFindings { results.append(result(finding, machineID: machine.id, index: index, suppressed: true, paths: paths, spans: spans)) }
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
                    "artifactLocation": artifactLocation(paths.artifactURI(location.file)),
                    "region": region(line: location.line, column: location.column),
                ]]]
            }
            return notification
        }
        var run: [String: Any] = [
            "tool": ["driver": driver],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [[
                "executionSuccessful": !report.diagnostics.contains { $0.severity == .error },
                "toolExecutionNotifications": notifications,
            ]],
        ]
        if let bases = options.originalUriBaseIds { run["originalUriBaseIds"] = bases }
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
            "properties": SARIFRuleProperties.of(rule),
        ]
    }

    private static func result(_ finding: Finding, machineID: String?, index: [String: Int], suppressed: Bool,
                               paths: SARIFPathCache, spans: SARIFKeySpans) -> [String: Any] {
        var region = region(line: finding.line, column: finding.column)
        if let end = spans.endColumn(file: finding.file, line: finding.line, column: finding.column, name: finding.state ?? finding.machine) {
            region["endColumn"] = end
        }
        var result: [String: Any] = [
            "ruleId": finding.rule,
            "level": level(finding.severity),
            "message": ["text": DisplayText.text(finding.message)],
            "locations": [[
                "physicalLocation": [
                    "artifactLocation": artifactLocation(paths.artifactURI(finding.file)),
                    "region": region,
                ],
                "logicalLocations": [["name": finding.state ?? finding.machine,
                                      "fullyQualifiedName": finding.state.map { "\(finding.machine)/\($0)" } ?? finding.machine]],
            ]],
        ]
        if let position = index[finding.rule] { result["ruleIndex"] = position }
        result["partialFingerprints"] = [SARIFFingerprint.key: SARIFFingerprint.of(finding, machineID: machineID)]
        if suppressed {
            result["suppressions"] = [["kind": "external", "status": "accepted",
                                       "justification": DisplayText.text(finding.suppression ?? "switched off by the profile's rules")]]
        } else if let note = finding.suppression {
            result["properties"] = ["sfncostSuppression": DisplayText.text(note)]
        }
        return result
    }

    private static func artifactLocation(_ uri: (uri: String, baseId: String?)) -> [String: Any] {
        if let baseId = uri.baseId { return ["uri": uri.uri, "uriBaseId": baseId] }
        return ["uri": uri.uri]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// One line, from the column to the end of the line (no end column is known).
    static func region(line: Int, column: Int) -> [String: Any] {
        let start = max(1, line)
        return ["startLine": start, "startColumn": max(1, column), "endLine": start]
    }

    /// Characters outside a URI path are percent-encoded.
    static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
