import Foundation
import Testing
@testable import SFNCostKit

/// The byte-level path spellings (`FilePaths+Spelling`), the `readdir` listing and the scan's known
/// canonical paths must give exactly what the Foundation expressions they stand for give.
@Suite struct FilePathsSpellingTests {
    /// Spellings where NSString's slash fixing or its `Character` walk could matter: the root, doubled
    /// and trailing slashes, dots, tilde, empty, non-ASCII (a combining mark after a `/`, a character
    /// that joins the `/` after it, CR LF), and plain ones.
    static let paths = [
        "/", "//", "///", "//a", "a//b", "a/", "a//", "\u{E9}/", "x/.", "/a/", ".", "..", "./", "../", "", "~", "~/x", "~root/x",
        "a/./b", "a/../b", "./a", "../a", "/a", "a", "ab", "a/b", "/a/b", "/a/b/c.json", "dir/template.yaml",
        "a b/c d.json", "a\\b/c", "a.b/c.d", "/.hidden/x", "x/.", "x/..", "caf\u{E9}/x.json", "x/caf\u{E9}.json",
        "\u{E9}", "e\u{301}", "\u{1F600}", "a/\u{301}b", "a\u{301}/b", "a/b\u{301}", "\u{600}/x", "a/\u{600}", "\r\n/x", "x/\r\n",
        "\u{1F600}/\u{1F600}", "a/b/c/d/e/f/g.yml", "tab\t/x", "%41/%2F",
    ]
    static let components = ["x", "x.json", "", "/", "/x", "x/", "x//y", ".", "..", "~", "\u{E9}", "\u{301}x", "a b"]

    /// NSString itself traps on these (a `//` before a last component of one non-ASCII character:
    /// its slash fixing reuses an index after shortening the string), so they are not in `paths`.
    /// The answers below are what its slash fixing means, worked out by hand: the `//` made one
    /// `/`, then the cut at the last `/`.
    @Test func slashRunsBeforeOneNonASCIICharacterDoNotTrap() {
        #expect(FilePaths.collapsingSlashRuns("x//\u{E9}") == "x/\u{E9}")
        #expect(FilePaths.collapsingSlashRuns("//x///\u{E9}//") == "/x/\u{E9}/")
        // ASCII text is left to NSString, whose answers it keeps (`//` alone is special there).
        #expect(FilePaths.collapsingSlashRuns("//x///y//") == "//x///y//")
        #expect(FilePaths.collapsingSlashRuns("a/b") == "a/b")
        // A `/` carrying a combining mark is one character that is not a slash: it stays.
        #expect(FilePaths.collapsingSlashRuns("a//\u{301}b") == "a//\u{301}b")
        #expect(FilePaths.lastComponent("x//\u{E9}") == "\u{E9}")
        #expect(FilePaths.lastComponent("/x//\u{1F600}") == "\u{1F600}")
        #expect(FilePaths.deletingLastComponent("x//\u{E9}") == "x")
        #expect(FilePaths.deletingLastComponent("/x//\u{E9}") == "/x")
        #expect(FilePaths.appending("y", to: "x//\u{E9}") == "x/\u{E9}/y")
        #expect(FilePaths.pathExtension(ofName: "x//\u{E9}") == "")
        #expect(TerraformPaths.deletingLastComponent("m//\u{E9}") == "m")
        #expect(TerraformPaths.lastComponent("m//\u{E9}") == "\u{E9}")
    }

    @Test func lastAndDeletingLastAreNSStrings() {
        for path in Self.paths {
            #expect(FilePaths.lastComponent(path) == (path as NSString).lastPathComponent, "\(path.debugDescription)")
            // NSString traps on a one-character relative name (see `deletingLastComponent`); the
            // answer it means is the empty string. (`e` + U+0301 is one character in two UTF-16
            // units: NSString answers it.)
            if ["a", ".", "~", "\u{E9}", "./", "a/", "a//", "\u{E9}/"].contains(path) {
                #expect(FilePaths.deletingLastComponent(path) == "", "\(path.debugDescription)")
                continue
            }
            #expect(FilePaths.deletingLastComponent(path) == (path as NSString).deletingLastPathComponent,
                    "\(path.debugDescription)")
        }
    }

    @Test func appendingIsNSStrings() {
        for path in Self.paths {
            for component in Self.components + Self.paths {
                #expect(FilePaths.appending(component, to: path) == (path as NSString).appendingPathComponent(component),
                        "\(path.debugDescription) + \(component.debugDescription)")
            }
        }
    }

    /// The fast path must be taken for the spellings the load stage meets (else the comparisons above
    /// test only the NSString path) and refused for the others.
    @Test func plainSpellingsAreExactlyTheSimpleOnes() {
        for plain in ["a", "a/b", "/a/b", ".", "..", "~", "a/./b", "dir/template.yaml", "a b/c"] {
            #expect(FilePaths.isPlainSpelling(plain), "\(plain)")
        }
        for refused in ["", "/", "a/", "//a", "a//b", "caf\u{E9}", "a/\u{301}b", "\u{600}/x", "a\u{0}b"] {
            #expect(!FilePaths.isPlainSpelling(refused), "\(refused.debugDescription)")
        }
    }

    /// The ASCII names take a byte walk in `pathExtension(ofName:)`; these are where it could cut
    /// elsewhere than NSString.
    @Test func asciiPathExtensionsAreNSStrings() {
        let names = ["a.json", ".json", ".", "..", "...", ".x", "x.", "a.b.c", "a\r\n.json", "\r\n", "a.\r\n",
                     "x..", "..x", "a b.yml", "a\u{0}.json", "A.JSON", "a.tf", "noext", "z"]
        for name in names {
            #expect(FilePaths.pathExtension(ofName: name) == (name as NSString).pathExtension, "\(name.debugDescription)")
        }
    }

    // MARK: - Listing and scanning

    /// A tree with plain files, odd names, links to files and folders (relative, absolute, dangling),
    /// a FIFO, hidden and skipped folders, and a folder with a non-ASCII name.
    static func makeTree() throws -> FilePathsTests.Tree {
        let tree = try FilePathsTests.makeTree()
        try tree.file("scan/a.json")
        try tree.file("scan/b.asl.yaml")
        try tree.file("scan/notes.txt")
        try tree.file("scan/sub/c.yml")
        try tree.file("scan/sub/deeper/d.tf")
        try tree.file("scan/other/caf\u{E9} dir/e.json")
        try tree.file("scan/pct%41/f.json")
        try tree.file("scan/.hidden/g.json")
        try tree.file("scan/node_modules/h.json")
        try tree.link("scan/link-file.json", to: "a.json")
        try tree.link("scan/abs-link.json", to: tree.path("scan/sub/c.yml"))
        try tree.link("scan/link-dir", to: "sub")
        try tree.link("scan/sub/up.json", to: "../a.json")
        try tree.link("scan/dangling.json", to: "nowhere.json")
        try tree.link("scan-link", to: "scan")
        #expect(mkfifo(tree.path("scan/pipe.json"), 0o600) == 0)
        return tree
    }

    /// Names and order are FileManager's; the types are `lstat`'s; a non-ASCII name hands the
    /// directory to FileManager.
    @Test func readdirListingIsFileManagersWithTypes() throws {
        let tree = try Self.makeTree()
        var directories = ["scan", "scan/sub", "scan/sub/deeper", "odd", "dir", "dir/sub"].map(tree.path) + [tree.root]
        directories += ["Tests/Corpus", "Tests/Corpus/templates", "Tests/Corpus/asl"]
        for directory in directories {
            let expected = try FileManager.default.contentsOfDirectory(atPath: directory)
            guard let entries = DirectoryListing.entries(of: directory) else {
                #expect(expected.contains { $0.utf8.contains { $0 >= 0x80 } }, "\(directory)")
                continue
            }
            #expect(entries.map(\.name) == expected, "\(directory)")
            for entry in entries {
                var status = stat()
                #expect(lstat(directory + "/" + entry.name, &status) == 0)
                let type = status.st_mode & S_IFMT
                let kind: DirectoryEntry.Kind = type == S_IFREG ? .regularFile : type == S_IFDIR ? .directory : .other
                #expect(entry.kind == kind, "\(directory)/\(entry.name)")
            }
        }
        #expect(DirectoryListing.entries(of: tree.path("odd")) == nil)   // names with é
        #expect(DirectoryListing.entries(of: tree.path("missing")) == nil)
        #expect(DirectoryListing.entries(of: tree.path("dir/file.json")) == nil)
    }

    /// Each known canonical path is Foundation's; links and odd folders get none; the files found are
    /// those of the listing that FileManager and `lstat` would give (the `list` parameter takes that
    /// path), in the same order, with the same passed-over entries.
    @Test func scanKnowsFoundationsCanonicalPaths() throws {
        let tree = try Self.makeTree()
        let ups = String(repeating: "../", count: FileManager.default.currentDirectoryPath.split(separator: "/").count)
        let relative = ups + tree.root.dropFirst() + "/scan"
        for directory in [tree.path("scan"), tree.path("scan-link"), tree.path("scan/"), relative, "Tests/Corpus/templates"] {
            var result = InputCollector.Result()
            let found = InputCollector.scan(directory, into: &result)
            var general = InputCollector.Result()
            let generalFound = InputCollector.scan(directory, into: &general) { try FileManager.default.contentsOfDirectory(atPath: $0) }
            #expect(found.map(\.path) == generalFound.map(\.path), "\(directory)")
            #expect(generalFound.allSatisfy { $0.canonical == nil })
            #expect(result.passedOver == general.passedOver)
            #expect(result.failures.count == general.failures.count)
            for file in found {
                if let canonical = file.canonical {
                    #expect(canonical == FilePaths.foundationCanonical(file.path), "\(file.path)")
                }
            }
            let known = found.filter { $0.canonical != nil }.map(\.path)
            if directory == tree.path("scan") {
                // The plain files below a plain folder: not links, nothing in a folder with an é name
                // (FileManager lists it) or with a `%` (not plain).
                #expect(known == ["a.json", "b.asl.yaml", "sub/c.yml", "sub/deeper/d.tf"].map { tree.path("scan/" + $0) })
                #expect(found.count == known.count + 7)   // 4 links, the FIFO, the é and % folders' files
            }
            if directory == tree.path("scan-link") || directory == tree.path("scan/") { #expect(known.isEmpty) }
            if directory == "Tests/Corpus/templates" { #expect(known.count == found.count && found.count > 100) }
        }
    }

    /// A file named directly, through a link and through its folder is read once; ids are the same
    /// whichever way the folder was named.
    @Test func filesNamedTwiceAreReadOnce() throws {
        let tree = try FilePathsTests.Tree()
        let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#
        try FileManager.default.createDirectory(atPath: tree.path("d/sub"), withIntermediateDirectories: true)
        try Data(definition.utf8).write(to: URL(fileURLWithPath: tree.path("d/sub/x.asl.json")))
        try tree.link("d/y.asl.json", to: "sub/x.asl.json")
        try tree.link("d-link", to: "d")
        let once = InputCollector.collect([tree.path("d"), tree.path("d/sub/x.asl.json"), tree.path("d-link/sub/x.asl.json")],
                                          parallel: false)
        // x.asl.json (also named directly and through d-link) and y.asl.json (a link to it, so the same file).
        #expect(once.machines.count == 1)
        #expect(once.machines.first?.machine.location.file == tree.path("d/sub/x.asl.json"))
        let throughLink = InputCollector.collect([tree.path("d-link")], parallel: false)
        #expect(throughLink.machines.map(\.id) == once.machines.map(\.id))
    }
}
