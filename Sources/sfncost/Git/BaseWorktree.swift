import Foundation

/// A git revision checked out in a temporary worktree (`git worktree add --detach`), for
/// `diff --base-ref`: the same paths are analysed there as in the working tree. The worktree and its
/// folder are always removed afterwards, also when the analysis fails.
struct BaseWorktree {
    /// The revision as the user wrote it, and the commit it names.
    var revision: String
    var commit: String
    /// The repository's top level (the working tree) and the current directory inside it, relative.
    var topLevel: String
    var prefix: String

    /// Resolves `revision` in the repository around the current directory. Throws a message for the
    /// user: outside a repository, or a revision that names no commit.
    static func resolve(_ revision: String) throws -> BaseWorktree {
        let cwd = FileManager.default.currentDirectoryPath
        let top = try Git.run(["rev-parse", "--show-toplevel"], in: cwd)
        guard top.status == 0 else {
            throw Git.Failure(description: "--base-ref needs a git repository, and \(cwd) is not inside one (run sfncost from the repository, or compare two saved reports: sfncost diff base.json head.json)")
        }
        let prefix = try Git.run(["rev-parse", "--show-prefix"], in: cwd).trimmed
        let commit = try Git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: cwd)
        guard commit.status == 0, !commit.trimmed.isEmpty else {
            throw Git.Failure(description: "--base-ref '\(revision)' names no commit in this repository (fetch it first, e.g. git fetch origin main)")
        }
        return BaseWorktree(revision: revision, commit: commit.trimmed, topLevel: top.trimmed, prefix: prefix)
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
        let top = (topLevel as NSString).standardizingPath, given = (path as NSString).standardizingPath
        if given == top { return checkout }
        if given.hasPrefix(top + "/") { return (checkout as NSString).appendingPathComponent(String(given.dropFirst(top.count + 1))) }
        return path
    }
}
