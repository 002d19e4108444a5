/// Which machine a recorded execution belongs to: a history fits a machine whose state names
/// (in every scope: branches and Map bodies too) include every state the execution entered. One fit
/// is a match; none or several is reported, never guessed (`--machine` names it instead).
struct HistoryMatcher {
    struct Candidate {
        var name: String
        var stateNames: Set<String>
    }
    var candidates: [Candidate]
    /// `--machine`: every history belongs to this machine (it must still contain the states entered).
    var forced: String?

    enum Match {
        case machine(String)
        case problem(Diagnostic)
    }

    func match(_ summary: ExecutionSummary) -> Match {
        let entered = Set(summary.entries.keys)
        let where_ = summary.location
        if let forced {
            guard let machine = candidates.first(where: { $0.name == forced }) else {
                return .problem(Diagnostic(.error, "Calibrate.UnknownMachine", "--machine names '\(forced)', which is not among the machines read", at: nil))
            }
            let missing = entered.subtracting(machine.stateNames).sorted()
            if !missing.isEmpty {
                return .problem(Diagnostic(.warning, "Calibrate.Unmatched",
                    "this execution entered \(Self.list(missing)), which machine '\(forced)' does not have; left out", at: where_))
            }
            return .machine(forced)
        }
        let fits = candidates.filter { entered.isSubset(of: $0.stateNames) }
        if fits.count == 1 { return .machine(fits[0].name) }
        if fits.isEmpty {
            return .problem(Diagnostic(.warning, "Calibrate.Unmatched",
                "no machine read has every state this execution entered (\(Self.list(entered.sorted()))); left out (name its machine with --machine, or add its definition)", at: where_))
        }
        return .problem(Diagnostic(.warning, "Calibrate.Ambiguous",
            "this execution fits \(fits.count) machines (\(Self.list(fits.map(\.name))); left out: name its machine with --machine", at: where_))
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 5 ? shown + " and \(names.count - 5) more" : shown
    }
}
