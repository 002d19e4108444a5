import Foundation

extension Reconciliation.MachineReconciliation {
    /// What a machine's rows came from, for the heading: recorded executions, or (a machine that only
    /// CloudWatch metrics informed) the metrics' datapoints, not "0 executions".
    var sampleText: String {
        if executions == 0, let datapoints {
            return CalibratedProfileWriter.plural(datapoints, "CloudWatch datapoint")
        }
        return CalibratedProfileWriter.plural(executions, "execution")
    }
}
