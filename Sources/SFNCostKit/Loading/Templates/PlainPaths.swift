/// `TemplateExtractor.definitionPath` for the paths templates nearly always hold, without Foundation:
/// `NSString`'s path methods cost tens of thousands of instructions a call (they bridge and
/// normalise), which was a fifth of extracting a template's machines.
enum PlainPaths {
    /// `relative` beside the file `path` (`dir/template.yaml` + `sm.json` → `dir/sm.json`), or nil
    /// when either is not plain: non-ASCII, empty, a doubled or trailing `/`. Those go to the
    /// `NSString` path, whose normalising this does not repeat; for plain paths that normalising
    /// has nothing to change, and the result is the same (`PlainPathsTests` compares the two).
    static func joined(_ relative: String, besideFile path: String) -> String? {
        guard isPlain(relative), isPlain(path) else { return nil }
        if relative.utf8.first == UInt8(ascii: "/") { return relative }
        // The file's directory: everything before its last `/`; `/` itself for a file at the root;
        // nothing for a bare file name, whose definitions are named as written.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return relative }
        if slash == path.utf8.startIndex { return "/" + relative }
        return String(path[..<slash]) + "/" + relative
    }

    /// Non-empty ASCII with no `//` and no trailing `/`.
    private static func isPlain(_ text: String) -> Bool {
        guard let last = text.utf8.last, last != UInt8(ascii: "/") else { return false }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte == 0 || (byte == UInt8(ascii: "/") && previous == byte) { return false }
            previous = byte
        }
        return true
    }
}
