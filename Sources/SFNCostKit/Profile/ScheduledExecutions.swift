import Foundation

/// Where a machine's executions per month come from.
public enum ExecutionsOrigin: String, Codable, Sendable {
    /// The profile's `executions`.
    case profile
    /// The schedules that the infrastructure code declares for the machine.
    case schedule
    /// Neither: the default (1,000 a month), an assumption.
    case `default`
}

/// Executions per month from the schedules a template or Terraform file declares for a machine
/// (`MachineSource.schedules`). Several schedules add up; each is read with the profile's own parser,
/// so `rate(5 minutes)` in a template means what it means in a profile. A schedule that cannot be
/// read is a warning at its place and counts nothing.
public enum ScheduledExecutions {
    public static func rate(_ schedules: [DeclaredSchedule], root: String? = nil) -> (ExecutionRate?, [Diagnostic]) {
        var total: Decimal = 0
        var peak: Double? = nil
        var parts: [String] = []
        var diagnostics: [Diagnostic] = []
        for schedule in schedules {
            switch ExecutionRate.parse(schedule.expression) {
            case .success(let rate):
                total += rate.perMonth
                if let perSecond = rate.peakPerSecond { peak = (peak ?? 0) + perSecond }
                let file = root.map { MachineIdentity.relative(schedule.location.file, to: $0) } ?? schedule.location.file
                parts.append("\(rate.text) at \(file):\(schedule.location.line)")
            case .failure(let error):
                diagnostics.append(Diagnostic(.warning, "Schedule.Unreadable",
                    "schedule not counted: \(error.message)", at: schedule.location))
            }
        }
        guard !parts.isEmpty else { return (nil, diagnostics) }
        return (ExecutionRate(text: parts.joined(separator: " + "), perMonth: total, peakPerSecond: peak), diagnostics)
    }
}
