import Foundation

/// The report's findings as a GitLab Code Quality report: the JSON array of Code Climate issues
/// GitLab reads from `artifacts: reports: codequality:` and shows in the merge request.
///
/// Format: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format (a subset of
/// https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md). Each issue has
/// `description`, `check_name`, `fingerprint`, `severity` and `location.path` with
/// `location.lines.begin`.
///
/// - `check_name` is the rule ID (`SFN101`), or the diagnostic code for a problem with an input.
/// - `severity`: an error (the execution fails or cannot be costed) is `critical`, a warning `major`,
///   a note `info` (GitLab's scale: info, minor, major, critical, blocker).
/// - `fingerprint` identifies the finding across commits, so GitLab can tell new from resolved: it
///   hashes rule, the machine's lasting id (`FindingIdentity`, not its display name) and state only,
///   never the line, so a finding that only moved is the same finding (as in `sfncost diff`). Findings
///   with the same rule, machine and state are numbered in report order.
/// - Findings switched off by the profile are left out (GitLab has no suppressed state); re-rated ones
///   carry their new severity and the profile's reason in the description.
/// - `location.path` is the path as the report has it, without a leading `./` (GitLab resolves it
///   against the repository root, so run sfncost from there with relative paths).
public enum CodeClimateRenderer {
    public static func render(_ report: Report) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: issues(report),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func issues(_ report: Report) -> [[String: Any]] {
        var result: [[String: Any]] = []
        var seen: [String: Int] = [:]
        func fingerprint(_ key: String) -> String {
            seen[key, default: 0] += 1
            let count = seen[key] ?? 1
            return StableHash.hex128(count == 1 ? key : "\(key)\u{1F}\(count)")
        }
        // Problems with the inputs that have a place (a profile typo, an invalid definition).
        for diagnostic in report.diagnostics where diagnostic.severity >= .warning {
            guard let location = diagnostic.location else { continue }
            result.append(issue(check: diagnostic.code, description: diagnostic.message, severity: diagnostic.severity,
                                file: location.file, line: location.line,
                                fingerprint: fingerprint(["input", diagnostic.code, location.file, diagnostic.message].joined(separator: "\u{1F}"))))
        }
        for machine in report.stateMachines {
            for finding in machine.findings {
                var description = finding.message
                if let note = finding.suppression { description += " (\(note))" }
                result.append(issue(check: finding.rule, description: description, severity: finding.severity,
                                    file: finding.file, line: finding.line,
                                    fingerprint: fingerprint((["finding"] + FindingIdentity.parts(finding, machineID: machine.id)).joined(separator: "\u{1F}"))))
            }
        }
        return result
    }

    private static func issue(check: String, description: String, severity: Severity, file: String, line: Int,
                              fingerprint: String) -> [String: Any] {
        [
            "type": "issue",
            "check_name": check,
            "description": description,
            "severity": level(severity),
            "fingerprint": fingerprint,
            "location": ["path": path(file), "lines": ["begin": max(1, line)]],
        ]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "critical"
        case .warning: return "major"
        case .note: return "info"
        }
    }

    static func path(_ file: String) -> String {
        var path = file
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}
