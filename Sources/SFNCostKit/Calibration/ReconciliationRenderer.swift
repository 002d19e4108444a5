import Foundation

/// `sfncost reconcile` as a table or as JSON.
public enum ReconciliationRenderer {
    public static func json(_ reconciliation: Reconciliation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(reconciliation), as: UTF8.self) + "\n"
    }

    /// For a pull-request comment: one table per machine; names escaped for Markdown.
    public static func markdown(_ reconciliation: Reconciliation) -> String {
        var out = ["## sfncost reconcile", ""]
        for machine in reconciliation.machines {
            var span = [machine.firstStart, machine.lastStart].compactMap { $0 }
            if span.count == 2, span[0] == span[1] { span.removeLast() }
            out.append("### \(DisplayText.markdown(machine.name)) (\(machine.sampleText)\(span.isEmpty ? "" : ", " + span.joined(separator: " to ")))")
            out.append("")
            out.append("| state | figure | predicted | observed | 95% interval | diff | |")
            out.append("| --- | --- | ---: | ---: | ---: | ---: | --- |")
            for row in machine.rows {
                let verdict = row.failsTolerance ? "**off**" : row.outsideInterval ? (row.gated ? "outside the interval" : "outside (approximate)") : "ok"
                out.append("| \(row.state.map { DisplayText.markdown($0) } ?? (row.source == "metrics" ? "(CloudWatch)" : "(execution)")) | \(row.figure) | \(figure(row.predicted)) | \(figure(row.observedMean)) | \(figure(row.intervalLow)) – \(figure(row.intervalHigh)) | \(row.differencePercent.map { String(format: "%+.1f%%", $0) } ?? "n/a") | \(verdict) |")
            }
            out.append("")
        }
        if let tolerance = reconciliation.tolerancePercent, let verdict = toleranceVerdict(reconciliation, tolerance: tolerance, off: "**off**") {
            out.append(verdict)
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The gate's verdict under the tables, as the exit code decides it.
    /// Said of the executions' rows only (the top-level `withinTolerance` also counts the bill's rows,
    /// which have their own verdict); nothing when no machine had executions to compare.
    static func toleranceVerdict(_ reconciliation: Reconciliation, tolerance: Double, off: String) -> String? {
        guard !reconciliation.machines.isEmpty else { return nil }
        let within = !reconciliation.machines.contains { $0.rows.contains(where: \.failsTolerance) }
        return within
            ? "Every figure is within its 95% interval or within \(CalibratedProfileWriter.number(tolerance))% of its prediction."
            : "Some figures are outside both their 95% interval and the \(CalibratedProfileWriter.number(tolerance))% tolerance (marked \(off))."
    }

    public static func table(_ reconciliation: Reconciliation) -> String {
        var out: [String] = []
        for machine in reconciliation.machines {
            var span = [machine.firstStart, machine.lastStart].compactMap { $0 }
            if span.count == 2, span[0] == span[1] { span.removeLast() }
            out.append("== \(DisplayText.text(machine.name))  (\(machine.sampleText)\(span.isEmpty ? "" : ", " + span.joined(separator: " to ")))")
            var cells = [["STATE", "FIGURE", "PREDICTED", "OBSERVED", "95% INTERVAL", "DIFF", ""]]
            for row in machine.rows {
                let verdict = row.failsTolerance ? "OFF (outside the tolerance)" : row.outsideInterval ? (row.gated ? "outside the interval" : "outside (durations are approximate)") : "ok"
                cells.append([row.state.map { DisplayText.text($0) } ?? (row.source == "metrics" ? "(CloudWatch)" : "(execution)"), row.figure, figure(row.predicted), figure(row.observedMean),
                              "\(figure(row.intervalLow)) – \(figure(row.intervalHigh))",
                              row.differencePercent.map { String(format: "%+.1f%%", $0) } ?? "n/a", verdict])
            }
            let widths = (0..<7).map { column in cells.map { $0[column].count }.max() ?? 0 }
            for line in cells {
                out.append("   " + line.enumerated().map { index, cell in
                    index >= 2 && index <= 5 ? String(repeating: " ", count: widths[index] - cell.count) + cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
            out.append("")
        }
        if let tolerance = reconciliation.tolerancePercent, let verdict = toleranceVerdict(reconciliation, tolerance: tolerance, off: "OFF") {
            out.append(verdict)
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func figureText(_ value: Double) -> String { figure(value) }

    /// A percentage or other plain number as the user wrote it: up to 6 decimals, no trailing zeros.
    public static func plainNumber(_ value: Double) -> String { CalibratedProfileWriter.number(value) }

    static func figure(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return abs(value) >= 1000 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }
}
