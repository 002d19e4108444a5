extension Reconciliation {
    /// Sets each Express machine's predicted billing beside CloudWatch's Express billing metrics: billed
    /// seconds (the expected duration rounded up to 100 ms, as `estimate` bills it), billed memory and
    /// GB-seconds per execution. The observed sample is the datapoints (each a period's mean per
    /// execution), so the interval says how much the periods differ. Durations are approximations
    /// (README), so billed seconds and GB-seconds are shown, never gated; billed memory is gated.
    public mutating func addExpressMetrics(analyses: [MachineAnalysis], express: [String: ExpressObservations]) {
        for analysis in analyses {
            guard let metrics = express[analysis.name]?.metrics else { continue }
            var rows: [Row] = []
            let billedSeconds = ExpressBilling.billedSeconds(analysis.expected.seconds)
            let saturated = ExpressBilling.isSaturated(memoryMB: analysis.expressMemoryMB)
            let memoryMB = Double(analysis.expressMemoryMB)
            if metrics.billedSeconds.count > 0 {
                rows.append(Self.row(nil, "billed_seconds", billedSeconds, metrics.billedSeconds, gated: false, tolerancePercent))
            }
            if metrics.memoryMB.count > 0, !saturated {
                rows.append(Self.row(nil, "billed_memory_mb", memoryMB, metrics.memoryMB, gated: true, tolerancePercent))
            }
            if metrics.gbSeconds.count > 0, !saturated {
                rows.append(Self.row(nil, "gb_seconds", billedSeconds * memoryMB / 1024, metrics.gbSeconds, gated: false, tolerancePercent))
            }
            for index in rows.indices { rows[index].source = "metrics" }
            guard !rows.isEmpty else { continue }
            if let index = machines.firstIndex(where: { $0.name == analysis.name }) {
                machines[index].rows += rows
            } else {
                machines.append(MachineReconciliation(name: analysis.name, executions: 0,
                                                      firstStart: metrics.first.map(HistoryTime.date),
                                                      lastStart: metrics.last.map(HistoryTime.date), rows: rows,
                                                      datapoints: max(metrics.billedSeconds.count, metrics.memoryMB.count, metrics.gbSeconds.count)))
            }
        }
        withinTolerance = !machines.contains { $0.rows.contains(where: \.failsTolerance) }
    }
}
