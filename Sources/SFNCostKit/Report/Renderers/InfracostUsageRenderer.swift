import Foundation

/// An Infracost usage file (`--format infracost-usage`), so that teams that already run Infracost get
/// sfncost's derived monthly figures in their existing comment.
///
/// Keys, from Infracost's `aws_sfn_state_machine` resource (its Go struct tags; docs/facts.md §5):
/// `monthly_transitions` (Standard), `monthly_requests`, `workflow_duration_ms` and `memory_mb`
/// (Express), all int64. Resources are keyed by Terraform address, so only machines declared in
/// Terraform (`MachineSource.declaration` holding an `aws_sfn_state_machine` address) are written;
/// the others are listed in a comment. Pure: the CLI writes the text.
public enum InfracostUsageRenderer {
    /// - Parameter addresses: each machine's Terraform resource address, by machine name.
    public static func render(_ report: Report, addresses: [String: String]) -> String {
        var out = [
            "# Infracost usage file written by sfncost \(report.tool.version) (\(report.region) prices; figures per month).",
            "# Infracost reads whole numbers: every figure is rounded up (ceil) to the next integer, so a",
            "# fraction of an execution or a transition is never dropped; workflow_duration_ms is one",
            "# execution's expected duration in ms (Infracost itself bills it in 100 ms steps).",
            "version: 0.1",
        ]
        var entries: [String] = [], skipped: [String] = []
        // Infracost keys a usage file by address within one Terraform project: an address that two
        // roots of the scan share (two folders each declaring `aws_sfn_state_machine.etl`) cannot be
        // told apart in one file, so it is written for neither (run sfncost once per root).
        let addressCounts = Dictionary(grouping: report.stateMachines.compactMap { addresses[$0.name] }, by: { $0 }).mapValues(\.count)
        for machine in report.stateMachines {
            if let address = addresses[machine.name], addressCounts[address, default: 0] > 1 {
                skipped.append("#   - \(comment(machine.name)) (\(comment(machine.file))): \(addressCounts[address]!) Terraform roots in this scan declare \(comment(address)); run sfncost on each root for its own usage file")
                continue
            }
            guard let address = addresses[machine.name], isTerraformAddress(address) else {
                let why = machine.file.hasSuffix(".tf") || machine.file.hasSuffix(".json") && addresses[machine.name] == nil && machine.name.contains("aws_sfn_state_machine")
                    ? "its Terraform resource address is not known to sfncost for this input"
                    : "not declared in Terraform, so it has no resource address"
                skipped.append("#   - \(comment(machine.name)) (\(comment(machine.file))): \(why)")
                continue
            }
            switch usage(machine) {
            case .success(let lines):
                entries.append("  \(YAMLText.scalar(address)):  # \(comment(machine.name)), \(machine.type.rawValue)")
                entries += lines.map { "    " + $0 }
            case .failure(let reason):
                skipped.append("#   - \(comment(machine.name)) (\(comment(address))): \(reason.text)")
            }
        }
        out.append(entries.isEmpty ? "resource_usage: {}" : "resource_usage:")
        out += entries
        if !skipped.isEmpty {
            out.append("# Not listed:")
            out += skipped
        }
        return out.joined(separator: "\n") + "\n"
    }

    struct Reason: Error { var text: String }

    /// The keys for the machine's declared type (Infracost takes the type from the resource's `type`).
    static func usage(_ machine: MachineReport) -> Result<[String], Reason> {
        switch machine.type {
        case .standard:
            guard let transitions = wholeUp(machine.monthly.standard.transitions) else {
                return .failure(Reason(text: "its monthly transitions cannot be computed or are too large (see its findings)"))
            }
            var lines = ["monthly_transitions: \(transitions)  # \(Format.count(machine.executionsPerMonth)) executions × \(machine.perExecution.transitions.expected.map(Format.count) ?? "?") expected transitions"]
            if machine.monthly.standard.expressChildCost != nil {
                lines.append("# Express child executions of its Distributed Maps have no Infracost key: see sfncost's report")
            }
            return .success(lines)
        case .express:
            guard let requests = wholeUp(machine.monthly.express.requests),
                  let milliseconds = wholeUp(machine.perExecution.durationSeconds.expected.map { $0 * 1000 }) else {
                return .failure(Reason(text: "its requests or expected duration cannot be computed or are too large (see its findings)"))
            }
            return .success([
                "monthly_requests: \(requests)",
                "workflow_duration_ms: \(milliseconds)",
                "memory_mb: \(machine.monthly.express.memoryMB)",
            ])
        }
    }

    /// Rounded up to a whole number that fits in int64; nil when absent, negative or too large.
    static func wholeUp(_ value: Double?) -> Int64? {
        guard let value, value.isFinite, value >= 0 else { return nil }
        let up = value.rounded(.up)
        // 2^63 is exactly representable; anything at or above it does not fit.
        guard up < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64(up)
    }

    /// `aws_sfn_state_machine.NAME`, possibly indexed and inside modules.
    static func isTerraformAddress(_ address: String) -> Bool {
        address.hasPrefix("aws_sfn_state_machine.") || address.contains(".aws_sfn_state_machine.")
    }


    /// A name inside a `#` comment: one line, whatever it holds.
    static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85 ? " " : scalar
        }))
    }
}
