/// SFN151 unbounded-loop, SFN152 loop-never-exits: loops whose figures cannot be computed.
enum LoopChecks {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        analysis.root.problems.map { problem in
            let states = problem.states.map { "'\($0)'" }.joined(separator: ", ")
            switch problem.kind {
            case .unboundedLoop:
                return Finding(rule: RuleCatalog.unboundedLoop,
                               message: "loop through \(states) in \(problem.scope) has no bound: worst-case figures are unbounded. Add max_visits for one of these states to the profile",
                               at: problem.location, state: problem.states.first, machine: analysis.name)
            case .trappedLoop:
                return Finding(rule: RuleCatalog.loopNeverExits,
                               message: "loop through \(states) in \(problem.scope) has no way out with non-zero odds: expected figures cannot be computed",
                               at: problem.location, state: problem.states.first, machine: analysis.name)
            case .oddsExceedBound:
                let visits = Format.count(problem.expectedVisits ?? 0)
                return Finding(rule: RuleCatalog.oddsExceedBound,
                               message: "the profile's odds enter \(states) \(visits) times on average in \(problem.scope), more than its max_visits of \(problem.bound ?? 0): expected figures follow the odds, worst cases the bound",
                               at: problem.location, state: problem.states.first, machine: analysis.name)
            case .loopTooComplex:
                // Named by its first states: a loop of thousands must not make a message of megabytes.
                let shown = problem.states.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                    + (problem.states.count > 5 ? " and \(problem.states.count - 5) more" : "")
                return Finding(rule: RuleCatalog.analysisIncomplete,
                               message: "loop through \(shown) in \(problem.scope) (\(problem.states.count) states) links its states so densely that solving its expected visits exactly would take more than \(Format.count(Double(SparseLoopSolver.workLimit))) steps: expected figures and costs are not computed. Simplify the loop or split the machine",
                               at: problem.location, state: problem.states.first, machine: analysis.name)
            case .noEnd:
                return Finding(rule: RuleCatalog.loopNeverExits,
                               message: "no path from \(states) reaches an end within the profile's bounds",
                               at: problem.location, state: problem.states.first, machine: analysis.name)
            }
        }
    }
}
