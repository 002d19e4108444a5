import Foundation

/// The façade of `sfncost calibrate` and `sfncost reconcile`: machines and recorded executions in,
/// per-machine observations (and a fitted profile) out. Never prints.
public enum Calibrator {
    public struct Request: Sendable {
        public var paths: [String]
        public var histories: [String]
        public var machine: String?
        public var baseProfile: String?
        public var executionLists: [String]
        public var metrics: [String]
        /// `aws logs filter-log-events --output json` exports of execution logs (Express).
        public var expressLogs: [String]

        public init(paths: [String], histories: [String], machine: String? = nil, baseProfile: String? = nil,
                    executionLists: [String] = [], metrics: [String] = [], expressLogs: [String] = []) {
            self.paths = paths
            self.histories = histories
            self.machine = machine
            self.baseProfile = baseProfile
            self.executionLists = executionLists
            self.metrics = metrics
            self.expressLogs = expressLogs
        }
    }

    public struct Outcome: Sendable {
        public var machines: [MachineSource] = []
        /// By machine name; only machines some execution matched.
        public var observations: [String: MachineObservations] = [:]
        public var rates: [String: MeasuredRate] = [:]
        /// By machine name: what Express logs at level ERROR and the Express billing metrics said.
        public var express: [String: ExpressObservations] = [:]
        public var baseProfile: UsageProfile?
        /// Executions left out (unmatched, ambiguous) and other warnings.
        public var diagnostics: [Diagnostic] = []
        /// Inputs that could not be read: exit 2.
        public var failures: [InputError] = []
        /// Executions read, matched or not.
        public var executionsRead = 0
    }

    public static func observe(_ request: Request) -> Outcome {
        var outcome = Outcome()
        if let path = request.baseProfile {
            do {
                let (profile, warnings) = try ProfileLoader.load(path: path)
                outcome.baseProfile = profile
                outcome.diagnostics += warnings
            } catch {
                outcome.failures.append(error)
                return outcome
            }
        }
        var collected = InputCollector.collect(request.paths)
        let (unique, renames) = MachineNames.disambiguate(collected.machines)
        collected.machines = unique
        outcome.machines = unique
        outcome.diagnostics += renames + collected.diagnostics
        outcome.failures += collected.failures
        // A PATH that cannot be read (or holds a definition that does not parse) fails the run anyway:
        // matching histories against the machines that were read would only add "unmatched" noise
        // before the real error.
        if !collected.failures.isEmpty { return outcome }
        if let forced = request.machine, !unique.contains(where: { $0.name == forced }) {
            outcome.failures.append(InputError("Calibrate.UnknownMachine",
                "--machine names '\(forced)', which is not among the machines read (\(HistoryMatcher.list(unique.map(\.name))))", at: nil))
            return outcome
        }
        var shapes: [String: (names: [String], tasks: Set<String>)] = [:]
        for source in unique {
            let states = source.machine.allStates()
            var names: [String] = []
            var seen: Set<String> = []
            for state in states where seen.insert(state.name).inserted { names.append(state.name) }
            let tasks = Set(states.filter { if case .task = $0.kind { return true }; return false }.map(\.name))
            shapes[source.name] = (names, tasks)
        }
        let matcher = HistoryMatcher(candidates: unique.map { .init(name: $0.name, stateNames: Set(shapes[$0.name]!.names)) },
                                     forced: request.machine)
        var observations: [String: MachineObservations] = [:]
        var left = 0
        func fold(_ summary: ExecutionSummary, named: String?) {
            outcome.executionsRead += 1
            switch matcher.match(summary, named: named) {
            case .machine(let name):
                let shape = shapes[name]!
                observations[name, default: MachineObservations(machine: name)].add(summary, stateNames: shape.names, taskStates: shape.tasks)
            case .problem(let diagnostic):
                left += 1
                // The first few are named; the rest counted, so that 10,000 strays do not flood stderr.
                if left <= 20 { outcome.diagnostics.append(diagnostic) }
            }
        }
        outcome.failures += HistoryStream.read(request.histories) { fold($0, named: nil) }
        let express = ExpressCalibration.observe(request, machines: unique.map(\.name), fold: fold)
        outcome.express = express.observations
        outcome.failures += express.failures
        outcome.diagnostics += express.diagnostics
        if left > 20 {
            outcome.diagnostics.append(Diagnostic(.warning, "Calibrate.Unmatched", "\(left - 20) more executions left out (unmatched or ambiguous)", at: nil))
        }
        outcome.observations = observations
        let names = unique.map(\.name)
        for path in request.executionLists {
            do {
                for (name, rate) in try ExecutionCounts.fromList(path: path) {
                    if let target = request.machine ?? (names.contains(name) ? name : nil) { outcome.rates[target] = rate }
                }
            } catch { outcome.failures.append(error) }
        }
        for path in request.metrics {
            do {
                for (name, rate) in try ExecutionCounts.fromMetrics(path: path, machines: request.machine.map { [$0] } ?? names) {
                    outcome.rates[name] = rate
                }
            } catch {
                // The Express reading of the same file (ExpressCalibration) has usually reported this already.
                let text = String(describing: error)
                if !outcome.failures.contains(where: { String(describing: $0) == text }) { outcome.failures.append(error) }
            }
        }
        return outcome
    }

    /// The fitted profile's text, for the machines the paths hold.
    public static func profileText(_ outcome: Outcome, historyPaths: [String]) -> String {
        let inputs = outcome.machines.map { source in
            CalibratedProfileWriter.MachineInput(
                source: source, observations: outcome.observations[source.name], rate: outcome.rates[source.name],
                base: outcome.baseProfile?.usage(forMachine: source.name, aliases: source.aliases, id: source.id).0 ?? MachineUsage(),
                express: outcome.express[source.name])
        }
        return CalibratedProfileWriter.render(inputs, base: outcome.baseProfile, historyPaths: historyPaths)
    }
}
