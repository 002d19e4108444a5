import Foundation

/// Cheap spellings of file paths for the load stage, each with the Foundation expression it stands
/// for kept beside it as the general path.
///
/// `URL(fileURLWithPath:).standardizedFileURL…path` costs about 100,000 instructions a call (URL
/// parsing, percent encoding, dot-segment removal, a symbolic-link walk), and the collector asks it
/// once per file. Most paths are already in the form Foundation would give back: absolute (or made so
/// with the current directory), no empty, `.` or `..` component, no trailing slash, no symbolic link
/// on the way. For those the answer is the path itself; every other path takes the Foundation
/// expression, so the answers are the same by construction (tests compare the two on tricky trees).
enum FilePaths {
    /// Foundation's files never span more than this (its `MAX_PATH_SIZE` is 1,026 bytes with the NUL);
    /// longer paths take the general path.
    private static let longestFastPath = 1_000

    // MARK: - Canonical (symbolic links resolved)

    /// The absolute, standardised path with symbolic links resolved (`MachineIdentity.canonical`).
    static func canonical(_ path: String) -> String {
        fastCanonical(path) ?? foundationCanonical(path)
    }

    /// The general path: what `canonical` must equal on every input.
    static func foundationCanonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The path itself when it is plain (see `plainAbsolute`) and `realpath(3)` gives it back
    /// unchanged: then no component is a symbolic link (one would have been replaced: a link that
    /// resolves to its own spelling is a loop, which `realpath` refuses), every component exists, and
    /// Foundation's walk, which `lstat`s each prefix and replaces links, changes nothing either.
    /// Nil whenever that is not sure.
    static func fastCanonical(_ path: String) -> String? {
        guard let absolute = plainAbsolute(path) else { return nil }
        guard let resolved = realpath(absolute, nil) else { return nil }
        defer { free(resolved) }
        return strcmp(resolved, absolute) == 0 ? absolute : nil
    }

    /// The canonical path of the entry `name` of a directory whose canonical path is `directory` (an
    /// answer of `fastCanonical`), when the entry is a regular file or a directory and not a symbolic
    /// link (the caller knows from `readdir`), and nil when that path would not be plain.
    ///
    /// Why this is `canonical(directoryPath + "/" + name)` without asking the file system: that
    /// path's plain absolute form is `directory + "/" + name` (the directory's was `directory`);
    /// `realpath(3)` resolves the directory part to `directory` (it did before) and keeps a last
    /// component that is not a link, so it gives the same string back, and `fastCanonical` answers
    /// with it. `name` is a directory entry: not empty, no `/`, no NUL.
    static func canonical(ofEntry name: String, inCanonicalDirectory directory: String) -> String? {
        let path = directory + "/" + name
        return isPlain(path) ? path : nil
    }

    // MARK: - Standardised (symbolic links kept)

    /// `URL(fileURLWithPath:).standardizedFileURL.path`: absolute, no `.`/`..` parts.
    static func standardized(_ path: String) -> String {
        plainAbsolute(path) ?? foundationStandardized(path)
    }

    /// The general path: what `standardized` must equal on every input.
    static func foundationStandardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    // MARK: - The plain form

    /// `path` made absolute with the current directory, when the result is already in Foundation's
    /// standard form, else nil: it starts with `/`, has no empty, `.` or `..` component and no
    /// trailing slash, holds no `%` (percent-encoded in a URL), no NUL and no `~` at the start (tilde
    /// expansion), and does not start with the automount prefixes that Foundation strips
    /// (`/private/`, `/var/automount/`). The root itself takes the general path.
    static func plainAbsolute(_ path: String) -> String? {
        guard let first = path.utf8.first, first != UInt8(ascii: "~") else { return nil }
        let absolute: String
        if first == UInt8(ascii: "/") {
            absolute = path
        } else {
            guard let directory = currentDirectory() else { return nil }
            absolute = directory + "/" + path
        }
        return isPlain(absolute) ? absolute : nil
    }

    /// The process's current directory as `getcwd(3)` gives it (what `FileManager` reads, and what
    /// Foundation makes a relative file URL absolute with), or nil.
    private static func currentDirectory() -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 4_097) { buffer -> String? in
            guard let base = buffer.baseAddress, getcwd(base, buffer.count) != nil else { return nil }
            return String(validatingCString: base)
        }
    }

    /// True for an absolute path in the form described at `plainAbsolute`.
    static func isPlain(_ absolute: String) -> Bool {
        var absolute = absolute   // `withUTF8` reads a native string's bytes in place
        return absolute.withUTF8 { bytes in
            guard bytes.count > 1, bytes.count <= longestFastPath, bytes.first == UInt8(ascii: "/"),
                  bytes.last != UInt8(ascii: "/") else { return false }
            if bytes.starts(with: "/private/".utf8) || bytes.starts(with: "/var/automount/".utf8) { return false }
            // Each component: its length and whether it is all dots, checked at the slash after it.
            var length = 0
            var dots = 0
            for byte in bytes.dropFirst() {
                switch byte {
                case UInt8(ascii: "/"):
                    if length == 0 || (dots == length && dots <= 2) { return false }
                    length = 0
                    dots = 0
                case 0, UInt8(ascii: "%"):
                    return false
                default:
                    length += 1
                    if byte == UInt8(ascii: ".") { dots += 1 }
                }
            }
            return !(dots == length && dots <= 2)
        }
    }

    // MARK: - Names

    /// `(name as NSString).pathExtension` for a single name (no `/`), which costs tens of thousands
    /// of instructions a call through the bridge: what follows the last `.`, unless that dot starts
    /// the name, or the name is `..`. Characters, not bytes, as NSString's own walk does. A name with
    /// a slash takes the general path.
    static func pathExtension(ofName name: String) -> String {
        if let answer = asciiPathExtension(ofName: name) { return answer }
        guard !name.utf8.contains(UInt8(ascii: "/")) else { return (collapsingSlashRuns(name) as NSString).pathExtension }
        guard name.utf16.count > 1, let dot = name.lastIndex(of: ".") else { return "" }
        if dot == name.startIndex || name == ".." { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// `pathExtension(ofName:)` for an ASCII name without `/`, by bytes (one character per byte, so
    /// the same cut as the walk by characters below), or nil for any other name.
    private static func asciiPathExtension(ofName name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "/") }) else { return nil }
            guard bytes.count > 1, let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return "" }
            if dot == 0 || bytes.elementsEqual("..".utf8) { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(dot + 1)...]), as: UTF8.self)
        }
    }
}
