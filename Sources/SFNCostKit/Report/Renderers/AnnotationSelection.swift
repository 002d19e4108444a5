/// Which annotations a GitHub Actions step prints. GitHub shows at most 10 error, 10 warning and 10
/// notice annotations per step and drops the rest silently (actions/toolkit, docs/problem-matchers.md,
/// "Limitations"); so rule findings come first (what the reviewer must see), input diagnostics after,
/// at most `perKind` of each kind, and one notice says how many more there are and where to read them.
public enum AnnotationSelection {
    public static let perKind = 10

    public struct Annotation: Sendable, Equatable {
        public var severity: Severity
        public var file: String
        public var line: Int
        public var column: Int
        public var title: String
        public var message: String
    }

    /// The annotations to print, in order, and how many of each kind were left out. With `paths`, files
    /// are written relative to its root (GitHub resolves `file=` against the repository, not against
    /// the directory sfncost ran in).
    public static func select(_ report: Report, paths: SARIFOptions? = nil) -> (shown: [Annotation], omitted: [Severity: Int]) {
        var candidates: [Annotation] = []
        for machine in report.stateMachines {
            for finding in machine.findings {
                var message = finding.message
                if let suppression = finding.suppression { message += " (\(suppression))" }
                candidates.append(Annotation(severity: finding.severity, file: finding.file, line: finding.line, column: finding.column,
                                             title: "\(finding.rule) \(finding.name)", message: message))
            }
        }
        for diagnostic in report.diagnostics where diagnostic.severity >= .warning {
            guard let location = diagnostic.location else { continue }
            candidates.append(Annotation(severity: diagnostic.severity, file: location.file, line: location.line,
                                         column: location.column, title: diagnostic.code, message: diagnostic.message))
        }
        if let paths {
            // Most findings share a few files: each path is resolved once (`SARIFPathCache`).
            let cache = SARIFPathCache(paths)
            for index in candidates.indices {
                candidates[index].file = cache.resolve(candidates[index].file).relative ?? candidates[index].file
            }
        }
        let totals = Dictionary(grouping: candidates, by: \.severity).mapValues(\.count)
        let overflows = totals.values.contains { $0 > perKind }
        var shown: [Annotation] = [], used: [Severity: Int] = [:], omitted: [Severity: Int] = [:]
        for candidate in candidates {
            // The closing notice is itself a notice: it takes the tenth notice's place.
            let limit = candidate.severity == .note && overflows ? perKind - 1 : perKind
            if used[candidate.severity, default: 0] < limit {
                used[candidate.severity, default: 0] += 1
                shown.append(candidate)
            } else {
                omitted[candidate.severity, default: 0] += 1
            }
        }
        return (shown, omitted)
    }

    /// "12 more annotations are not shown (9 warnings, 3 notices): …", or nil when none were left out.
    public static func overflowNotice(_ omitted: [Severity: Int]) -> String? {
        let total = omitted.values.reduce(0, +)
        guard total > 0 else { return nil }
        let parts = [(Severity.error, "error"), (.warning, "warning"), (.note, "notice")].compactMap { severity, word -> String? in
            guard let count = omitted[severity], count > 0 else { return nil }
            return "\(count) \(word)\(count == 1 ? "" : "s")"
        }
        return "\(total) more annotation\(total == 1 ? " is" : "s are") not shown (\(parts.joined(separator: ", "))): GitHub shows at most \(perKind) of each kind per step. Read them all in the job summary (sfncost appends its Markdown report when GITHUB_STEP_SUMMARY is set), or upload --format sarif to code scanning."
    }
}
