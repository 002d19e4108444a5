import Foundation

/// Where SARIF artifact paths are relative to, and the stable fingerprints of results.
///
/// Code scanning places an alert by `artifactLocation.uri` relative to the repository: paths are made
/// relative to `root` (`--root`; by default the git top level, else the current directory) and
/// marked with `uriBaseId: "%SRCROOT%"`, whose absolute value is in `run.originalUriBaseIds`. A file
/// outside the root keeps an absolute `file://` URI and no base.
public struct SARIFOptions: Sendable {
    /// An absolute directory.
    public var root: String?
    /// What relative paths in the report are relative to (the directory sfncost ran in).
    public var workingDirectory: String

    public init(root: String? = nil, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.root = root
        self.workingDirectory = workingDirectory
    }

    public static let baseId = "%SRCROOT%"

    /// The artifact location of a path as the report gives it.
    func artifactLocation(_ path: String) -> [String: Any] {
        let (uri, baseId) = artifactURI(path)
        if let baseId { return ["uri": uri, "uriBaseId": baseId] }
        return ["uri": uri]
    }

    /// `artifactLocation`'s two members: the URI, and the base id when it is relative to the root.
    func artifactURI(_ path: String) -> (uri: String, baseId: String?) {
        artifactURI(resolved: resolve(path))
    }

    func artifactURI(resolved: (relative: String?, absolute: String)) -> (uri: String, baseId: String?) {
        if let relative = resolved.relative { return (SARIFRenderer.encode(relative), Self.baseId) }
        return ("file://" + SARIFRenderer.encode(resolved.absolute), nil)
    }

    /// The path relative to the root (nil when outside it), and the absolute path.
    public func resolve(_ path: String) -> (relative: String?, absolute: String) {
        resolve(path, base: rootBase)
    }

    /// The root standardized and ending in `/`: what a path inside it starts with.
    var rootBase: String? {
        guard let root else { return nil }
        var base = (root as NSString).standardizingPath
        if !base.hasSuffix("/") { base += "/" }
        return base
    }

    /// `resolve` with the root's `rootBase` given (worked out once by `SARIFPathCache`).
    func resolve(_ path: String, base: String?) -> (relative: String?, absolute: String) {
        let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        let standardized = (absolute as NSString).standardizingPath
        if let base, standardized.hasPrefix(base) { return (String(standardized.dropFirst(base.count)), standardized) }
        return (nil, standardized)
    }

    /// `run.originalUriBaseIds`: the root as an absolute `file://` URI ending in `/` (SARIF §3.14.14).
    var originalUriBaseIds: [String: Any]? {
        rootURI.map { [Self.baseId: ["uri": $0]] }
    }

    /// The URI of `originalUriBaseIds`, nil without a root.
    var rootURI: String? {
        guard let root else { return nil }
        var path = (root as NSString).standardizingPath
        if !path.hasSuffix("/") { path += "/" }
        return "file://" + SARIFRenderer.encode(path)
    }
}

/// `SARIFOptions.resolve`, remembered for each path during one rendering.
///
/// Why: `standardizingPath` resolves symbolic links (a `readlink` per component, and a few hundred
/// thousand instructions a call), and `resolve` standardizes the root as well as the path on every
/// call; a report names the same few files for all its findings. The file system does not change
/// under one rendering, so each path's answer is the one `resolve` gives the first time.
final class SARIFPathCache {
    let options: SARIFOptions
    private let base: String?
    private var resolved: [String: (relative: String?, absolute: String)] = [:]
    private var uris: [String: (uri: String, baseId: String?)] = [:]

    init(_ options: SARIFOptions) {
        self.options = options
        self.base = options.rootBase
    }

    func resolve(_ path: String) -> (relative: String?, absolute: String) {
        if let known = resolved[path] { return known }
        let answer = options.resolve(path, base: base)
        resolved[path] = answer
        return answer
    }

    /// `SARIFOptions.artifactURI`.
    func artifactURI(_ path: String) -> (uri: String, baseId: String?) {
        if let known = uris[path] { return known }
        let answer = options.artifactURI(resolved: resolve(path))
        uris[path] = answer
        return answer
    }
}

/// A result's identity across commits: rule, the machine's lasting id and state (as `diff` matches
/// findings), not the line, which moves when the file is edited. FNV-1a 64-bit: stable across runs and
/// platforms (Swift's `hashValue` is seeded per process). `v2`: the machine by its id; `v1` hashed
/// its display name, which two machines in different files can share and a rename changes (SARIF
/// §3.27.17: a changed computation gets a new version).
enum SARIFFingerprint {
    static let key = "sfncostFinding/v2"

    static func of(_ finding: Finding, machineID: String?) -> String {
        fnv1a(FindingIdentity.parts(finding, machineID: machineID).joined(separator: "\u{1F}"))
    }

    /// FNV-1a, 64 bits, as 16 hex digits (`StableHash`, which the Code Climate fingerprints use too).
    static func fnv1a(_ identity: String) -> String {
        StableHash.hex64(identity)
    }
}

/// What identifies a finding across commits, for the SARIF and Code Climate fingerprints: its rule, its
/// machine's lasting id (`MachineReport.id`: the declaring file relative to the git top, `#`, the
/// logical ID or address; see `MachineIdentity`) and its state. Not the display name: two machines in
/// different files may share it, and renaming it does not make the findings new. A report written
/// before ids falls back to the name.
enum FindingIdentity {
    static func parts(_ finding: Finding, machineID: String?) -> [String] {
        [finding.rule, machineID ?? finding.machine, finding.state ?? ""]
    }
}

/// `properties` of each rule descriptor: `tags` (what it is about) and `precision` (how often a result
/// is right), which code scanning shows and filters by.
enum SARIFRuleProperties {
    static func of(_ rule: Rule) -> [String: Any] {
        let (tags, precision) = values(rule)
        return ["tags": tags, "precision": precision]
    }

    /// The rule's tags and precision.
    static func values(_ rule: Rule) -> (tags: [String], precision: String) {
        var tags = ["step-functions"]
        let precision: String
        switch rule.id {
        case "SFN101", "SFN111", "SFN113", "SFN114", "SFN121":
            // Worst cases from the definition and the profile's maxima: exact for what is modelled.
            tags += ["service-limit", "reliability"]; precision = "high"
        case "SFN102", "SFN153", "SFN154":
            // Expected figures rest on the profile's odds and rates.
            tags += ["service-limit", "cost"]; precision = "medium"
        case "SFN112", "SFN141", "SFN142", "SFN143", "SFN144", "SFN146":
            // Read from the definition alone.
            tags += ["correctness"]; precision = "very-high"
        case "SFN131", "SFN132":
            tags += ["scalability", "cost"]; precision = "high"
        case "SFN145":
            tags += ["reliability"]; precision = "high"
        case "SFN151", "SFN152", "SFN171":
            tags += ["cost-model"]; precision = "very-high"
        case "SFN161", "SFN162":
            tags += ["quota", "scalability"]; precision = "medium"
        default:
            precision = "high"
        }
        return (tags, precision)
    }
}
