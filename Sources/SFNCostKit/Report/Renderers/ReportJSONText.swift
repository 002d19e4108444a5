import Foundation

/// The report's types written with `JSONTextWriter`: each writes the members its `Codable`
/// conformance encodes, in the order `.sortedKeys` puts them (by UTF-8 bytes: `recommendation`
/// before `recommendedType`, `standardCost` before `stateMachines`, `worstCase` before
/// `worstCaseIsUpperBound`). `ReportJSONTextTests` compares every one of them with Foundation's
/// encoder; a member added to a type must be added here too, or those tests fail.

extension Report: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("budgets", budgets)
        json.member("currency", currency)
        json.member("diagnostics", diagnostics)
        json.member("pricing", pricing)
        json.member("region", region)
        json.member("schemaVersion", schemaVersion)
        json.key("stateMachines")
        MachineReport.writeJSON(stateMachines, to: &json)
        json.member("tool", tool)
        json.member("total", total)
        json.closeObject()
    }
}

extension MachineReport: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("assumptions", assumptions)
        json.member("column", column)
        json.member("executionsOrigin", executionsOrigin)
        json.member("executionsPerMonth", executionsPerMonth)
        json.member("executionsSource", executionsSource)
        json.member("file", file)
        json.member("findings", findings)
        json.member("id", id)
        json.member("line", line)
        json.member("monthly", monthly)
        json.member("name", name)
        json.member("perExecution", perExecution)
        json.member("recommendation", recommendation)
        json.member("recommendedType", recommendedType)
        json.member("stateVisits", stateVisits)
        json.member("suppressedFindings", suppressedFindings)
        json.member("type", type)
        json.member("whatIf", whatIf)
        json.closeObject()
    }

    /// The machines as a JSON array, written on every core when there are many: each part of the
    /// array goes into its own buffer (at the array's level, after the previous part's elements),
    /// and the parts are appended in order, so the bytes do not depend on the scheduling.
    static func writeJSON(_ machines: [MachineReport], to json: inout JSONTextWriter) {
        let parts = partRanges(count: machines.count)
        guard parts.count > 1 else {
            machines.writeJSON(to: &json)
            return
        }
        json.openArray()
        let level = json.level
        let written = OrderedParallelMap.map(parts) { range in
            var part = JSONTextWriter(level: level, followsMember: range.lowerBound > 0)
            for machine in machines[range] {
                part.beginItem()
                machine.writeJSON(to: &part)
            }
            return part
        }
        for part in written { json.appendElements(of: part) }
        json.closeArray()
    }

    /// Ranges of machines written in parallel: none below `machinesPerPart` machines (a small report
    /// is written faster than a thread starts), else a few per core so that a part with large machines
    /// does not leave a core idle.
    static func partRanges(count: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Range<Int>] {
        let partCount = min(max(1, cores) * 4, count / machinesPerPart)
        guard partCount > 1 else { return [0..<count] }
        return (0..<partCount).map { part in (count * part / partCount)..<(count * (part + 1) / partCount) }
    }

    static let machinesPerPart = 16
}

extension ToolInfo: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("name", name)
        json.member("version", version)
        json.closeObject()
    }
}

extension PricingInfo: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("currency", currency)
        // A plain optional: synthesized Codable omits it when nil.
        if let dateKind { json.member("dateKind", dateKind) }
        json.member("effectiveDate", effectiveDate)
        json.member("freeTierApplied", freeTierApplied)
        json.member("hasUnconfirmedPrices", hasUnconfirmedPrices)
        json.member("location", location)
        json.member("note", note)
        json.member("origin", origin)
        json.member("region", region)
        json.member("rows", rows)
        json.member("source", source)
        json.closeObject()
    }
}

extension PriceRowInfo: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("confidence", confidence)
        json.member("fromGBSeconds", fromGBSeconds)
        json.member("id", id)
        json.member("unit", unit)
        json.member("unitPrice", unitPrice)
        json.closeObject()
    }
}

extension WhatIf: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("change", change)
        json.member("column", column)
        json.member("line", line)
        json.member("monthlyCostAfter", monthlyCostAfter)
        json.member("monthlyCostBefore", monthlyCostBefore)
        json.member("resolves", resolves)
        json.member("state", state)
        json.member("worstDurationSecondsAfter", worstDurationSecondsAfter)
        json.member("worstHistoryEventsAfter", worstHistoryEventsAfter)
        json.closeObject()
    }
}

extension Figure: JSONTextWritable {
    /// As `encode(to:)`: every key, `null` when absent; a count as its exact digits (what Foundation
    /// writes for the `Decimal` that `encode(to:)` makes of it).
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("expected", expected)
        json.member("expectedTooLarge", expectedTooLarge)
        json.key("worstCase")
        if let worstCaseCount {
            json.integer(worstCaseCount)
        } else {
            worstCase.writeJSON(to: &json)
        }
        json.member("worstCaseIsUpperBound", worstCaseIsUpperBound)
        json.member("worstCaseTooLarge", worstCaseTooLarge)
        json.closeObject()
    }
}

extension PerExecution: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("durationSeconds", durationSeconds)
        json.member("expressChildGBSeconds", expressChildGBSeconds)
        json.member("expressChildRequests", expressChildRequests)
        json.member("historyEvents", historyEvents)
        json.member("transitions", transitions)
        json.closeObject()
    }
}

extension Monthly: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("declaredCost", declaredCost)
        json.member("declaredCostTooLarge", declaredCostTooLarge)
        json.member("express", express)
        json.member("standard", standard)
        json.closeObject()
    }
}

extension StandardMonthly: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("cost", cost)
        json.member("costTooLarge", costTooLarge)
        json.member("expressChildCost", expressChildCost)
        json.member("priceRow", priceRow)
        json.member("transitions", transitions)
        json.closeObject()
    }
}

extension ExpressMonthly: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("billedDurationSeconds", billedDurationSeconds)
        json.member("blockers", blockers)
        json.member("cost", cost)
        json.member("costTooLarge", costTooLarge)
        json.member("durationCost", durationCost)
        json.member("gbSeconds", gbSeconds)
        json.member("memoryMB", memoryMB)
        json.member("priceRows", priceRows)
        json.member("requestCost", requestCost)
        json.member("requests", requests)
        json.member("usable", usable)
        json.closeObject()
    }
}

extension Recommendation: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("breakEvenDurationSeconds", breakEvenDurationSeconds)
        json.member("breakEvenTransitions", breakEvenTransitions)
        json.member("monthlySaving", monthlySaving)
        json.member("reason", reason)
        json.member("type", type)
        json.closeObject()
    }
}

extension TotalReport: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("declaredCost", declaredCost)
        json.member("expressCost", expressCost)
        json.member("findings", findings)
        json.member("freeTierDeduction", freeTierDeduction)
        json.member("notes", notes)
        json.member("recommendedCost", recommendedCost)
        json.member("standardCost", standardCost)
        json.member("stateMachines", stateMachines)
        json.closeObject()
    }
}

extension FindingCounts: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("error", error)
        json.member("note", note)
        json.member("suppressed", suppressed)
        json.member("warning", warning)
        json.closeObject()
    }
}

extension StateVisits: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("expectedVisits", expectedVisits)
        json.member("scope", scope)
        json.member("state", state)
        json.closeObject()
    }
}

extension Money: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) { json.string(jsonText) }
}

extension Assumption: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("field", field)
        json.member("reason", reason)
        json.member("state", state)
        json.member("value", value)
        json.closeObject()
    }
}

extension Finding: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("column", column)
        json.member("file", file)
        json.member("line", line)
        json.member("machine", machine)
        json.member("message", message)
        json.member("name", name)
        json.member("rule", rule)
        json.member("severity", severity)
        json.member("state", state)
        json.member("suppression", suppression)
        json.closeObject()
    }
}

extension Diagnostic: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("code", code)
        json.member("location", location)
        json.member("message", message)
        json.member("severity", severity)
        json.closeObject()
    }
}

extension SourceLocation: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("column", column)
        json.member("file", file)
        json.member("line", line)
        json.closeObject()
    }
}

extension BudgetLimits: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("machines", machines)
        json.member("maxIncrease", maxIncrease)
        json.member("maxIncreaseSource", maxIncreaseSource)
        json.member("monthly", monthly)
        json.member("monthlySource", monthlySource)
        json.closeObject()
    }
}

extension BudgetLimits.MachineBudget: JSONTextWritable {
    func writeJSON(to json: inout JSONTextWriter) {
        json.openObject()
        json.member("entry", entry)
        json.member("machine", machine)
        json.member("monthly", monthly)
        json.member("source", source)
        json.closeObject()
    }
}

extension WorkflowType: JSONTextRawString {}
extension ExecutionsOrigin: JSONTextRawString {}
extension Severity: JSONTextRawString {}
