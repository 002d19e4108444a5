import Foundation

/// The bill section of `sfncost reconcile` as a table or Markdown (JSON: `Reconciliation.bill`).
public enum BillReconciliationRenderer {
    static func figureName(_ kind: CostUsageReport.UsageKind) -> String {
        switch kind {
        case .transitions: return "transitions"
        case .requests: return "requests"
        case .gbSeconds: return "GB-seconds"
        }
    }

    /// A usage amount or prediction: whole numbers with thousands separators, 2 places below 1,000.
    static func amount(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if abs(value) >= 1000 {
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.numberStyle = .decimal
            formatter.usesGroupingSeparator = true
            formatter.groupingSeparator = ","
            formatter.groupingSize = 3
            formatter.maximumFractionDigits = 0
            return formatter.string(from: NSNumber(value: value)) ?? String(format: "%.0f", value)
        }
        return String(format: "%.2f", value)
    }

    static func billedText(_ row: BillReconciliation.Row) -> String {
        amount(Double(row.billed) ?? .nan)
    }

    static func verdict(_ row: BillReconciliation.Row, tolerance: Double?) -> String {
        if row.failsTolerance { return "OFF (outside the tolerance)" }
        return tolerance == nil ? "" : "ok"
    }

    static func heading(_ bill: BillReconciliation) -> String {
        let scope = bill.account.isEmpty ? bill.region : "account \(bill.account), \(bill.region)"
        let span = bill.months.count == 1 ? bill.months[0] : "\(bill.months.first ?? "") to \(bill.months.last ?? "") (\(bill.months.count) months)"
        return "Bill: \(scope), \(span): \(bill.hours) hours = \(String(format: "%.4f", Double(bill.hours) / 730)) months of 730 hours"
    }

    static func difference(_ row: BillReconciliation.Row) -> String {
        row.differencePercent.map { String(format: "%+.2f%%", $0) } ?? "n/a"
    }

    public static func table(_ bill: BillReconciliation, tolerance: Double?) -> String {
        var out = ["== \(DisplayText.text(heading(bill)))  (\(DisplayText.text(bill.files.joined(separator: ", "))))"]
        var cells = [["FIGURE", "USAGE TYPES", "BILLED", "PREDICTED", "BILLED/PREDICTED", "DIFF", ""]]
        for row in bill.rows {
            cells.append([figureName(row.figure), row.usageTypes.isEmpty ? "(none billed)" : DisplayText.text(row.usageTypes.joined(separator: " ")),
                          billedText(row), row.predicted.map(amount) ?? "too large",
                          row.ratio.map { String(format: "%.3f", $0) } ?? "n/a", difference(row), verdict(row, tolerance: tolerance)])
        }
        if let billed = bill.billedCost {
            cells.append(["cost", "(unblended; not gated)", Format.money(billed, bill.currency), Format.money(bill.predictedCost, bill.currency), "", "", ""])
        }
        let widths = (0..<7).map { column in cells.map { $0[column].count }.max() ?? 0 }
        for line in cells {
            out.append("   " + line.enumerated().map { index, cell in
                index >= 2 && index <= 5 ? String(repeating: " ", count: widths[index] - cell.count) + cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        out.append("   \(predictedHeading(bill))")
        for machine in bill.machines {
            out.append("     \(DisplayText.text(machine.name)) (\(machine.type.rawValue)): \(monthlyFigures(machine))")
        }
        for note in bill.notes { out.append("   Note: \(DisplayText.text(note))") }
        if let tolerance { out.append(toleranceVerdict(bill, tolerance: tolerance, off: "OFF")) }
        return out.joined(separator: "\n") + "\n"
    }

    /// What the PREDICTED column is made of: the line above each machine's monthly figures.
    static func predictedHeading(_ bill: BillReconciliation, column: String = "PREDICTED") -> String {
        "\(column) is each machine's monthly figure × \(bill.hours) / 730 hours:"
    }

    /// "1,200 transitions, 30.00 requests a month": the machine's share of the PREDICTED column.
    static func monthlyFigures(_ machine: BillReconciliation.MachineUsage) -> String {
        let parts = [machine.transitionsPerMonth.map { "\(amount($0)) transitions" },
                     machine.requestsPerMonth.map { "\(amount($0)) requests" },
                     machine.gbSecondsPerMonth.map { "\(amount($0)) GB-s" }].compactMap { $0 }
        return "\(parts.isEmpty ? "nothing billed as Step Functions usage" : parts.joined(separator: ", ")) a month"
    }

    static func toleranceVerdict(_ bill: BillReconciliation, tolerance: Double, off: String) -> String {
        bill.withinTolerance
            ? "Every billed figure is within \(CalibratedProfileWriter.number(tolerance))% of the prediction."
            : "Some billed figures are further than \(CalibratedProfileWriter.number(tolerance))% from the prediction (marked \(off))."
    }

    /// For a pull-request comment; every name from an input is escaped for Markdown.
    public static func markdown(_ bill: BillReconciliation, tolerance: Double?) -> String {
        var out = ["### \(DisplayText.markdown(heading(bill)))", "",
                   "| figure | usage types | billed | predicted | billed/predicted | diff | |", "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
        for row in bill.rows {
            let verdict = row.failsTolerance ? "**off**" : (tolerance == nil ? "" : "ok")
            out.append("| \(figureName(row.figure)) | \(row.usageTypes.isEmpty ? "(none billed)" : DisplayText.markdown(row.usageTypes.joined(separator: " "))) | \(billedText(row)) | \(row.predicted.map(amount) ?? "too large") | \(row.ratio.map { String(format: "%.3f", $0) } ?? "n/a") | \(difference(row)) | \(verdict) |")
        }
        if let billed = bill.billedCost {
            // The comment's rule for every `$`: `\$` in Markdown text (two bare `$` on a line are math).
            out.append("| cost | unblended, not gated | \(DisplayText.markdownMoney(billed, bill.currency)) | \(DisplayText.markdownMoney(bill.predictedCost, bill.currency)) | | | |")
        }
        // The same account of the PREDICTED column as the table gives, so a reviewer can check it.
        out.append("")
        out.append(predictedHeading(bill, column: "The predicted column"))
        out.append("")
        for machine in bill.machines {
            out.append("- \(DisplayText.codeSpan(machine.name)) (\(machine.type.rawValue)): \(monthlyFigures(machine))")
        }
        out.append("")
        for note in bill.notes { out.append("- \(DisplayText.markdown(note))") }
        if let tolerance {
            if !bill.notes.isEmpty { out.append("") }
            out.append(toleranceVerdict(bill, tolerance: tolerance, off: "**off**"))
        }
        out.append("")
        return out.joined(separator: "\n") + "\n"
    }
}
