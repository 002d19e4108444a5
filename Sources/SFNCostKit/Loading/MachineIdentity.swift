import Foundation

/// A machine's lasting identity (`MachineSource.id`): the path of the file that declares it, relative
/// to the scan root, then `#` and what names it in that file (logical ID, CDK construct path,
/// Terraform address, serverless key). A bare ASL file is its relative path alone.
///
/// The scan root is the top of the git work tree that holds the named path (a `.git` directory or
/// file above it), so a report from a base checkout (`git worktree add /tmp/base`) and one from the
/// pull request give every machine the same id whatever path each was run on. Outside a git work tree
/// it is the named directory (for a named file: its folder). Nothing else in the scan enters the id, so
/// adding another app does not rename a machine.
public enum MachineIdentity {
    /// The absolute, standardised path with symbolic links resolved: one spelling per file, so a file
    /// reached through a directory and named directly is recognised as one.
    /// (`FilePaths.canonical`: Foundation's `URL(fileURLWithPath:).standardizedFileURL
    /// .resolvingSymlinksInPath().path`, with a fast path for paths already in that form.)
    public static func canonical(_ path: String) -> String {
        FilePaths.canonical(path)
    }

    /// The scan root for a path named on the command line (see the type's comment).
    public static func scanRoot(forArgument path: String) -> String {
        var isDirectory: ObjCBool = false
        let absolute = canonical(path)
        let exists = FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
        let start = exists && isDirectory.boolValue ? absolute : FilePaths.deletingLastComponent(absolute)
        var directory = start
        // Bounded by the path's depth: each step removes one component.
        for _ in 0..<256 {
            if FileManager.default.fileExists(atPath: FilePaths.appending(".git", to: directory)) { return directory }
            let parent = FilePaths.deletingLastComponent(directory)
            if parent == directory || parent.isEmpty { break }
            directory = parent
        }
        return start
    }

    /// `file` relative to `root` when it lies below it, else its absolute path.
    public static func relative(_ file: String, to root: String) -> String {
        relative(file, canonical: canonical(file), to: root)
    }

    static func relative(_ file: String, canonical absolute: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// The id of `source`, found below `root`.
    /// `known`: a path and its canonical form already found, used when the source's file is that
    /// path (the same string, so the same answer).
    public static func id(for source: MachineSource, root: String, known: (path: String, canonical: String)? = nil) -> String {
        let path = source.declaringFile ?? source.machine.location.file
        let file = known.map { $0.path == path } == true
            ? relative(path, canonical: known!.canonical, to: root) : relative(path, to: root)
        guard let declaration = source.declaration, !declaration.isEmpty else { return file }
        return file + "#" + declaration
    }
}
