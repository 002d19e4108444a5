import Foundation

/// What the CLI's gate decided, for the pull-request comment to show: the library never decides the
/// exit code, so the command passes its verdict in. `checks` says what was checked (so a pass means
/// something), `failures` why it failed; both are plain text, escaped when rendered. `exitStatus` is
/// what the job exits with when it fails: 1 for a gate, 2 when an input could not be analysed (no
/// machine found, an invalid definition), which outranks the gate.
public struct CommentGate: Sendable, Equatable {
    public var checks: [String]
    public var failures: [String]
    public var exitStatus: Int32

    public init(checks: [String], failures: [String], exitStatus: Int32 = 1) {
        self.checks = checks
        self.failures = failures
        self.exitStatus = exitStatus
    }

    public var passed: Bool { failures.isEmpty }

    /// The CLI's budget reasons begin with one of these (`BudgetGate.failures`): "budget" for an
    /// exceeded budget, what set it for one that cannot be checked.
    static let budgetTags = ["budget", "--budget", "--max-increase", "max_increase"].map { "failing (\($0)): " }

    /// "✅ **Gate passed**: …" or "❌ **Gate failed**: …", one Markdown line.
    var markdown: String {
        if passed {
            let what = checks.isEmpty ? "nothing was configured to fail the job" : "checked " + checks.map(DisplayText.markdown).joined(separator: "; ")
            return "✅ **Gate passed**: \(what)."
        }
        // The CLI's reasons read "failing (--flag): why" on stderr; here the heading already says it.
        // A budget's reason names its own limit and where it was set: its tag adds nothing, whether
        // "(budget)" (exceeded) or the source of one that cannot be checked ("(--budget)", …).
        let reasons = failures.map { reason -> String in
            if let tag = Self.budgetTags.first(where: reason.hasPrefix) { return String(reason.dropFirst(tag.count)) }
            return reason.hasPrefix("failing ") ? String(reason.dropFirst("failing ".count)) : reason
        }
        return "❌ **Gate failed** (the job exits \(exitStatus)): " + reasons.map(DisplayText.markdown).joined(separator: "; ") + "."
    }
}

/// How a comment is put together beyond the report itself.
public struct CommentOptions: Sendable {
    /// The gate's verdict, when the caller has one (the CLI always does).
    public var gate: CommentGate?
    /// The most characters (UTF-8 bytes, which are never fewer) the comment may take: GitHub rejects
    /// a comment over 65,536 characters; 60,000 leaves room for a CI step's own lines.
    public var sizeLimit: Int
    /// Extra Markdown per machine, keyed by `CommentOptions.key(id:name:)`, placed at the end of that
    /// machine's `<details>` (the hook for the Mermaid flowchart). Trusted as it is: the caller must
    /// have escaped every name in it.
    public var machineBlocks: [String: String]
    /// The same, made on demand: called only for the sections the comment measures (those it shows,
    /// and the first that no longer fits), so a capped comment of hundreds of machines does not draw
    /// every machine's flowchart. `machineBlocks` is looked up first.
    public var machineBlock: (@Sendable (_ key: String) -> String?)?

    public init(gate: CommentGate? = nil, sizeLimit: Int = 60_000, machineBlocks: [String: String] = [:],
                machineBlock: (@Sendable (_ key: String) -> String?)? = nil) {
        self.gate = gate
        self.sizeLimit = sizeLimit
        self.machineBlocks = machineBlocks
        self.machineBlock = machineBlock
    }

    /// The key of `machineBlocks`: the machine's id, else its name.
    public static func key(id: String?, name: String) -> String { id ?? name }

    /// The hidden first line by which a CI step finds (and updates) its own comment.
    public static let marker = "<!-- sfncost -->"
}
