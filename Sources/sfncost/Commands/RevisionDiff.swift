import Foundation
import SFNCostKit

/// `diff --base-ref REV PATH…`: the same paths analysed at a git revision (in a temporary worktree)
/// and in the working tree, compared like two saved reports.
struct RevisionDiff {
    var revision: String
    var paths: [String]
    var profile: String?
    var region: String?
    var pricing: String?

    /// What `diff --base-ref` compares: the diff, its two reports (the comment lists their states'
    /// visits), and each head machine's flowchart with what changed since the base marked (by id),
    /// drawn on demand: only for the changed machines whose sections the comment shows.
    struct Outcome {
        var diff: ReportDiff
        var base: Report
        var head: Report
        var flowchart: @Sendable (_ key: String) -> String?
    }

    func run() throws -> Outcome {
        let worktree: BaseWorktree
        do { worktree = try BaseWorktree.resolve(revision, paths: paths) } catch {
            Console.error("sfncost: error: \(error)")
            throw ExitStatus.badInput
        }
        // The working tree first: its problems are the user's to fix, and exit 2 as in `estimate`.
        let headOutcome = Estimator.run(request(paths: paths, profile: profile))
        Console.print(headOutcome.diagnostics)
        for failure in headOutcome.failures { Console.print(failure.diagnostics, minimum: .note) }
        guard let head = headOutcome.report, headOutcome.failures.isEmpty else { throw ExitStatus.badInput }

        let short = String(worktree.commit.prefix(12))
        let base: Report
        var baseAnalyses: [MachineAnalysis] = []
        do {
            base = try worktree.withCheckout { checkout in
                // A path that did not exist at the base holds no machines there: not an error.
                let present = paths.map { worktree.inCheckout(worktree.basePath($0), checkout: checkout) }
                    .filter { FileManager.default.fileExists(atPath: $0) }
                var baseProfile: String?
                if let named = self.profile {
                    let profile = worktree.basePath(named)
                    let then = worktree.inCheckout(profile, checkout: checkout)
                    if profile.hasPrefix("/") && then == profile {
                        baseProfile = profile
                        Console.error("sfncost: note: \(named) is outside the repository; the base (\(revision), \(short)) uses it too")
                    } else if FileManager.default.fileExists(atPath: then) {
                        baseProfile = then
                        Console.error("sfncost: note: the base (\(revision), \(short)) uses \(named) as it was at that revision")
                    } else {
                        // The current file, by an absolute path: the current directory is the checkout's.
                        baseProfile = URL(fileURLWithPath: profile, relativeTo: URL(fileURLWithPath: worktree.topLevel + "/" + worktree.prefix)).path
                        Console.error("sfncost: note: \(named) did not exist at \(revision) (\(short)); the base uses the current one")
                    }
                }
                let outcome = Estimator.run(request(paths: present, profile: baseProfile))
                // Warnings of the base are not the change's; failures are reported, as the base's.
                for failure in outcome.failures {
                    for diagnostic in failure.diagnostics where diagnostic.severity >= .warning {
                        Console.error("sfncost: at \(revision): " + diagnostic.description)
                    }
                }
                guard let report = outcome.report else {
                    throw Git.Failure(description: "the base (\(revision)) could not be analysed (see above)")
                }
                baseAnalyses = outcome.analyses
                return report
            }
        } catch let failure as Git.Failure {
            Console.error("sfncost: error: \(failure)")
            throw ExitStatus.badInput
        }
        if base.stateMachines.isEmpty && head.stateMachines.isEmpty {
            Console.error("sfncost: error: found no state machine in \(paths.joined(separator: ", ")), at \(revision) or in the working tree")
            throw ExitStatus.badInput
        }
        // A machine new since the base has every state new: empty base visits mark them so.
        let baseByKey = Dictionary(zip(base.stateMachines, baseAnalyses).map { (CommentOptions.key(id: $0.id, name: $0.name), $1) },
                                   uniquingKeysWith: { _, last in last })
        let headByKey = Dictionary(zip(head.stateMachines, headOutcome.analyses).map { (CommentOptions.key(id: $0.id, name: $0.name), $1) },
                                   uniquingKeysWith: { _, last in last })
        let flowchart: @Sendable (String) -> String? = { key in
            headByKey[key].map { MermaidFlowchart.markdownBlock($0, base: baseByKey[key].map(MermaidFlowchart.visits) ?? [:]) }
        }
        do {
            let diff = try ReportDiffer.diff(base: base, basePath: "\(revision) (\(short))", head: head, headPath: "working tree")
            return Outcome(diff: diff, base: base, head: head, flowchart: flowchart)
        } catch {
            Console.error("sfncost: \(error)")
            throw ExitStatus.badInput
        }
    }

    private func request(paths: [String], profile: String?) -> Estimator.Request {
        Estimator.Request(paths: paths, profilePath: profile, region: region, pricingDirectory: pricing)
    }
}
