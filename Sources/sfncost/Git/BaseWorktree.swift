import Foundation
import SFNCostKit

/// A git revision checked out in a temporary worktree (`git worktree add --detach`), for
/// `diff --base-ref`: the same paths are analysed there as in the working tree. The worktree and its
/// folder are always removed afterwards, also when the analysis fails.
struct BaseWorktree {
    /// The revision as the user wrote it, and the commit it names.
    var revision: String
    var commit: String
    /// The repository's top level (the working tree) and the current directory inside it, relative
    /// (empty when the current directory is outside that repository).
    var topLevel: String
    var prefix: String
    /// Whether sfncost runs inside the paths' repository. When it does not (`cd /tmp && sfncost diff
    /// --base-ref HEAD~1 /repo/sfn`), relative paths are made absolute (`absolute(_:)`) before they are
    /// moved into the checkout, since no place in the checkout stands for the current directory.
    var runsInside = true
    /// The current directory sfncost was started in.
    var startDirectory = FileManager.default.currentDirectoryPath

    /// Resolves `revision` in the repository that holds the named paths (the first one's; every path
    /// must be in it), wherever sfncost runs. Throws a message for the user: a path outside any
    /// repository, paths in different repositories, or a revision that names no commit.
    static func resolve(_ revision: String, paths: [String]) throws -> BaseWorktree {
        let cwd = FileManager.default.currentDirectoryPath
        let first = paths.first ?? "."
        let anchor = existingDirectory(of: absolute(first, from: cwd))
        let top = try Git.run(["rev-parse", "--show-toplevel"], in: anchor)
        guard top.status == 0, !top.trimmed.isEmpty else {
            throw Git.Failure(description: "--base-ref needs a git repository, and \(first) is not inside one (name a path in a git work tree, or compare two saved reports: sfncost diff base.json head.json)")
        }
        let topLevel = top.trimmed
        let canonicalTop = MachineIdentity.canonical(topLevel)
        for path in paths {
            let canonical = MachineIdentity.canonical(absolute(path, from: cwd))
            guard canonical == canonicalTop || canonical.hasPrefix(canonicalTop + "/") else {
                throw Git.Failure(description: "--base-ref compares one repository: \(path) is not in \(topLevel), the repository of \(first)")
            }
        }
        // The current directory's place in that repository, when it is in it: relative paths then
        // name the same files in the checkout as they do here.
        let here = try Git.run(["rev-parse", "--show-toplevel", "--show-prefix"], in: cwd)
        let lines = here.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let runsInside = here.status == 0 && lines.count >= 2 && MachineIdentity.canonical(lines[0]) == canonicalTop
        let prefix = runsInside ? lines[1].trimmingCharacters(in: .whitespaces) : ""
        let commit = try Git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: topLevel)
        guard commit.status == 0, !commit.trimmed.isEmpty else {
            throw Git.Failure(description: "--base-ref '\(revision)' names no commit in \(runsInside ? "this repository" : topLevel) (fetch it first, e.g. git fetch origin main)")
        }
        return BaseWorktree(revision: revision, commit: commit.trimmed, topLevel: topLevel, prefix: prefix,
                            runsInside: runsInside, startDirectory: cwd)
    }

    /// `path` made absolute against `directory`, standardised.
    static func absolute(_ path: String, from directory: String) -> String {
        ((path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)) as NSString).standardizingPath
    }

    /// `path` as the base analyses it: as given when sfncost runs inside the repository (the
    /// checkout's current directory is the same place), else absolute (then moved into the checkout
    /// by `inCheckout`).
    func basePath(_ path: String) -> String {
        runsInside ? path : Self.absolute(path, from: startDirectory)
    }

    /// The directory itself, or the folder of a file, or the nearest folder above that exists (a path
    /// the change deleted).
    private static func existingDirectory(of path: String) -> String {
        var directory = path
        var isDirectory: ObjCBool = false
        // Bounded by the path's depth: each step removes one component.
        for _ in 0..<256 {
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue { return directory }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { break }
            directory = parent
        }
        return "/"
    }

    /// Checks the commit out in a new temporary folder, runs `body` with the current directory set to
    /// the same place inside it (so relative paths name the same files), then removes it all.
    func withCheckout<T>(_ body: (_ checkout: String) throws -> T) throws -> T {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("sfncost-base-\(UUID().uuidString)").path
        try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let checkout = (folder as NSString).appendingPathComponent("base")
        let original = fileManager.currentDirectoryPath
        defer {
            _ = fileManager.changeCurrentDirectoryPath(original)
            _ = try? Git.run(["worktree", "remove", "--force", checkout], in: topLevel)
            try? fileManager.removeItem(atPath: folder)
            _ = try? Git.run(["worktree", "prune"], in: topLevel)
        }
        let added = try Git.run(["worktree", "add", "--detach", "--quiet", checkout, commit], in: topLevel)
        guard added.status == 0 else {
            throw Git.Failure(description: "cannot check out \(revision) in a temporary worktree: \(added.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        // The current directory may not exist at the base (a folder the change added): then nothing
        // below it existed either, and the paths are resolved from the checkout's top.
        let inside = (checkout as NSString).appendingPathComponent(prefix)
        var isDirectory: ObjCBool = false
        let directory = fileManager.fileExists(atPath: inside, isDirectory: &isDirectory) && isDirectory.boolValue ? inside : folder
        guard fileManager.changeCurrentDirectoryPath(directory) else {
            throw Git.Failure(description: "cannot enter the temporary worktree \(directory)")
        }
        return try body(checkout)
    }

    /// A path as the user gave it, as it reads inside the checkout: relative paths stay relative
    /// (the current directory is the same place in the checkout); absolute paths inside the
    /// repository move into the checkout; others stay as they are.
    func inCheckout(_ path: String, checkout: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let top = (topLevel as NSString).standardizingPath
        // As written, then with symbolic links resolved (git prints the top level resolved).
        for given in [(path as NSString).standardizingPath, MachineIdentity.canonical(path)] {
            if given == top { return checkout }
            if given.hasPrefix(top + "/") { return (checkout as NSString).appendingPathComponent(String(given.dropFirst(top.count + 1))) }
        }
        return path
    }
}
