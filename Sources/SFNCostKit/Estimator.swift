import Foundation

/// The façade the CLI calls: inputs in, a `Report` (and what went wrong) out. Never prints.
public enum Estimator {
    /// The one version number: reports (`tool.version`), `--version`, release tarball names.
    public static let version = "0.2.0"
    public static let defaultRegion = "us-east-1"

    public struct Request: Sendable {
        public var paths: [String]
        public var profilePath: String?
        public var region: String?
        public var pricingDirectory: String?
        public var freeTier: Bool

        public init(paths: [String], profilePath: String? = nil, region: String? = nil,
                    pricingDirectory: String? = nil, freeTier: Bool = false) {
            self.paths = paths
            self.profilePath = profilePath
            self.region = region
            self.pricingDirectory = pricingDirectory
            self.freeTier = freeTier
        }
    }

    public struct Outcome: Sendable {
        /// Nil only when nothing could be analysed (bad profile, unknown region, no usable input).
        public var report: Report?
        public var analyses: [MachineAnalysis]
        /// Inputs that could not be read; the CLI exits 2 when there are any.
        public var failures: [InputError]
        public var diagnostics: [Diagnostic]
        /// Inputs that held no state machine, with why (for "found no state machine").
        public var passedOver: [InputCollector.PassedOver] = []
        /// Where each machine of the report came from (same order as `report.stateMachines`).
        public var sources: [MachineSource] = []
    }

    public static func run(_ request: Request) -> Outcome {
        var diagnostics: [Diagnostic] = []
        let profile: UsageProfile
        if let path = request.profilePath {
            do {
                let (loaded, warnings) = try ProfileLoader.load(path: path)
                profile = loaded
                diagnostics += warnings
            } catch {
                return Outcome(report: nil, analyses: [], failures: [error], diagnostics: diagnostics)
            }
        } else {
            profile = UsageProfile()
        }
        let table: PriceTable
        if let directory = request.pricingDirectory {
            do { table = try PriceTable.load(directory: directory) } catch {
                return Outcome(report: nil, analyses: [], failures: [error], diagnostics: diagnostics)
            }
        } else {
            table = PriceTable.embedded()
        }
        let region = request.region ?? profile.region ?? defaultRegion
        guard let prices = table.prices(for: region) else {
            // The profile's own `region:` line when the region came from there; the CLI option has no place.
            let location = request.region == nil ? profile.regionLocation ?? profile.file.map { SourceLocation(file: $0, line: 1, column: 1) } : nil
            return Outcome(report: nil, analyses: [], failures: [InputError("Pricing.UnknownRegion",
                table.unknownRegionMessage(region), at: location)], diagnostics: diagnostics)
        }

        var collected = InputCollector.collect(request.paths)
        let (unique, renames) = MachineNames.disambiguate(collected.machines)
        collected.machines = unique
        diagnostics += renames
        diagnostics += collected.diagnostics
        diagnostics += ProfileChecks.check(profile, machines: collected.machines)
        // Each machine is analysed on any core; results and warnings are joined in machine order.
        let analysed = OrderedParallelMap.map(collected.machines) { source in
            let (scheduled, unreadable) = ScheduledExecutions.rate(source.schedules)
            let analysis = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes,
                                                   profile: profile, templateType: source.declaredType, aliases: source.aliases,
                                                   id: source.id, scheduled: scheduled)
            return (analysis, unreadable)
        }
        let analyses = analysed.map(\.0)
        diagnostics += analysed.flatMap(\.1)
        let builder = ReportBuilder(prices: prices, origin: table.origin, freeTier: request.freeTier, toolVersion: version)
        // Sorted by place, so the same inputs always print the same warnings in the same order.
        diagnostics.sort { ($0.location?.file ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.file ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0) }
        // The report carries the inputs that failed too, so JSON, SARIF and annotations show them.
        let (built, usages) = builder.priced(analyses, diagnostics: diagnostics + collected.failures.flatMap(\.diagnostics)) { analysis, findings in
            RuleSuppression.apply(profile, to: analysis, findings: findings)
        }
        var report = built
        // What a Distributed Map would do, for each inline Map of a Standard machine (a Distributed
        // Map needs a Standard parent): each machine's on any core, joined in machine order.
        let sources = collected.machines
        let whatIfs = OrderedParallelMap.map(Array(analyses.indices)) { index -> [WhatIf] in
            guard analyses[index].declaredType == .standard else { return [] }
            return MapModeWhatIf.alternatives(for: analyses[index], source: sources[index], builder: builder,
                                              before: built.stateMachines[index], usage: usages[index])
        }
        for index in report.stateMachines.indices {
            report.stateMachines[index].id = sources[index].id
            report.stateMachines[index].whatIf = whatIfs[index]
        }
        report.budgets = BudgetLimits.resolve(profile, machines: collected.machines)
        return Outcome(report: report, analyses: analyses, failures: collected.failures, diagnostics: diagnostics,
                       passedOver: collected.passedOver, sources: collected.machines)
    }
}
