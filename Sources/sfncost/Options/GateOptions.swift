import ArgumentParser
import SFNCostKit

/// `--fail-on`: which findings make the exit code 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, note, never

    func fails(_ severity: Severity) -> Bool {
        switch self {
        case .error: return severity >= .error
        case .warning: return severity >= .warning
        case .note: return severity >= .note
        case .never: return false
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
