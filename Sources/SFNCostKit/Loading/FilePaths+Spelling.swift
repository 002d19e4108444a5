import Foundation

/// `NSString`'s path methods without Foundation, for paths spelled plainly; the file system is not
/// asked. `lastPathComponent`, `deletingLastPathComponent` and `appendingPathComponent` cost tens of
/// thousands of instructions a call (each bridges the string and walks it by `Character` to fix its
/// slashes), and the load stage asks them for every file and directory entry.
///
/// A *plain spelling* is non-empty ASCII with no NUL, no `//` and no trailing `/` (so not the root
/// itself). For it NSString's slash fixing (collapsing `//`, dropping a trailing `/`) has nothing to
/// change and its `Character` walk sees one character per byte, so cutting at the last `/` byte gives
/// its answer. Everything else (non-ASCII, where a `/` can belong to a larger character; `//`; a
/// trailing `/`; empty) takes the NSString expression itself, kept beside each fast path.
/// `.`, `..` and `~` are plain here: these three methods treat them as ordinary text, and so does
/// this. (`FilePathsSpellingTests` compares both on tricky spellings.)
extension FilePaths {
    /// Non-empty ASCII with no NUL, no `//` and no trailing `/`.
    static func isPlainSpelling(_ path: String) -> Bool {
        var path = path   // `withUTF8` reads a native string's bytes in place
        return path.withUTF8 { bytes in
            guard let last = bytes.last, last != UInt8(ascii: "/") else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                if byte >= 0x80 || byte == 0 || (byte == UInt8(ascii: "/") && previous == byte) { return false }
                previous = byte
            }
            return true
        }
    }

    /// `(path as NSString).lastPathComponent`: `a/b/c.json` → `c.json`.
    static func lastComponent(_ path: String) -> String {
        guard isPlainSpelling(path) else { return (collapsingSlashRuns(path) as NSString).lastPathComponent }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// `(path as NSString).deletingLastPathComponent`: `a/b/c.json` → `a/b`, `/c.json` → `/`,
    /// `c.json` → the empty string.
    ///
    /// A one-character relative name (`a`, `é`, `./`, `a//`) gives the empty string: NSString means
    /// to ("relative path, single component") but traps on it instead (a precondition in its
    /// component walk wants at least two UTF-16 units once trailing slashes are gone), so such names
    /// never reach it.
    static func deletingLastComponent(_ path: String) -> String {
        guard isPlainSpelling(path) else {
            if isOneCharacterName(path) { return "" }
            return (collapsingSlashRuns(path) as NSString).deletingLastPathComponent
        }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// One UTF-16 unit other than `/`, then nothing but slashes.
    private static func isOneCharacterName(_ path: String) -> Bool {
        var end = path.utf8.endIndex
        while end > path.utf8.startIndex, path.utf8[path.utf8.index(before: end)] == UInt8(ascii: "/") {
            end = path.utf8.index(before: end)
        }
        return end > path.utf8.startIndex && path[..<end].utf16.count == 1
    }

    /// `(path as NSString).appendingPathComponent(component)`: `a/b` + `c.json` → `a/b/c.json`.
    static func appending(_ component: String, to path: String) -> String {
        guard isPlainSpelling(path), isPlainSpelling(component) else {
            return (collapsingSlashRuns(path) as NSString).appendingPathComponent(component)
        }
        return path + "/" + component
    }

    /// `relative` beside the file `path` (`dir/template.yaml` + `sm.json` → `dir/sm.json`), as
    /// `TemplateExtractor.definitionPath` spells it with NSString (`relative` as it is when absolute
    /// or when `path` has no folder, else appended to `path`'s folder), or nil when either is not a
    /// plain spelling: those take the NSString expression.
    static func joined(_ relative: String, besideFile path: String) -> String? {
        guard isPlainSpelling(relative), isPlainSpelling(path) else { return nil }
        if relative.utf8.first == UInt8(ascii: "/") { return relative }
        // The file's directory: everything before its last `/`; `/` itself for a file at the root;
        // nothing for a bare file name, whose definitions are named as written.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return relative }
        if slash == path.utf8.startIndex { return "/" + relative }
        return String(path[..<slash]) + "/" + relative
    }

    /// The path with each run of `/` characters made one, which is what NSString's own slash fixing
    /// sets out to do before these methods cut the path. swift-corelibs-foundation's version keeps
    /// using a string index after shortening the string, and traps (an illegal instruction, so a
    /// crash) when a `//` stands before a last component of one non-ASCII character (`x//é`, a name a
    /// user can give on the command line). Given a path without such runs it has nothing to shorten,
    /// and its answer is the one it means. Characters, not bytes, as NSString walks it: a `/` that
    /// carries a combining mark is not a slash there, and is not one here.
    ///
    /// Only a non-ASCII path with a run is rewritten: on ASCII text the index stays valid, NSString
    /// does not trap, and its answers (some of them special, such as `//` alone) are kept as they are.
    static func collapsingSlashRuns(_ path: String) -> String {
        var previous: UInt8 = 0
        var hasRun = false
        var isASCII = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") && previous == byte { hasRun = true }
            if byte >= 0x80 { isASCII = false }
            previous = byte
        }
        guard hasRun, !isASCII else { return path }
        var result = ""
        var afterSlash = false
        for character in path {
            if character == "/" {
                if afterSlash { continue }
                afterSlash = true
            } else {
                afterSlash = false
            }
            result.append(character)
        }
        return result
    }
}
