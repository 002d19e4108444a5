import Foundation
import Testing
@testable import SFNCostKit

/// `FilePaths` answers path questions without Foundation's URL machinery where the answer is sure,
/// and must give exactly what the Foundation expressions give on every input: here both are asked
/// about a tree of plain files, odd names, symbolic links (to files, to folders, relative, absolute,
/// chains, loops, dangling, targets with `..`) and paths with `.`, `..`, `//` and trailing slashes.
@Suite struct FilePathsTests {
    /// A temporary tree; `root` is its physical path (no symbolic link above it).
    final class Tree {
        let root: String

        init() throws {
            let temporary = FileManager.default.temporaryDirectory.path
            let made = (temporary as NSString).appendingPathComponent("sfncost-paths-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
            root = FilePaths.foundationCanonical(made)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func path(_ relative: String) -> String { root + "/" + relative }

        func file(_ relative: String) throws {
            let path = path(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        }

        func link(_ relative: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
        }
    }

    /// Names that a URL encodes, that Unicode normalises, or that look like path syntax.
    static let oddNames = [
        "plain.json", "with space.json", "pct%41%2F%zz.json", "semi;colon.yaml", "query?mark.yml",
        "hash#tag.json", "brackets[1].json", "back\\slash.json", "caf\u{E9}.json", "cafe\u{301}.json",
        "\u{1F600}.yaml", "tab\there.json", "...", "..x", "x..", "~tilde.json", "colon:name.json", "a+b=c&d.json",
    ]

    static func makeTree() throws -> Tree {
        let tree = try Tree()
        try tree.file("dir/file.json")
        try tree.file("dir/sub/deep.yaml")
        for name in oddNames { try tree.file("odd/\(name)") }
        try tree.file("space dir/caf\u{E9} dir/x.json")
        try tree.link("link-file", to: "dir/file.json")
        try tree.link("link-dir", to: "dir/sub")
        try tree.link("abs-link", to: tree.path("dir"))
        try tree.link("dir/sub/up", to: "../file.json")
        try tree.link("dir/sub/up-dir", to: "../../dir/./sub/")
        try tree.link("dot-target", to: "./dir//file.json")
        try tree.link("dangling", to: "nowhere/at/all")
        try tree.link("loop-a", to: "loop-b")
        try tree.link("loop-b", to: "loop-a")
        // Chains: 3 links, and 25 (more than Foundation's MAXSYMLINKS, fewer than realpath's 40).
        try tree.link("chain-1", to: "chain-2")
        try tree.link("chain-2", to: "chain-3")
        try tree.link("chain-3", to: "link-file")
        try tree.link("long-0", to: "dir/file.json")
        for index in 1...25 { try tree.link("long-\(index)", to: "long-\(index - 1)") }
        try tree.link("odd/link to caf\u{E9}", to: "caf\u{E9}.json")
        return tree
    }

    /// Every path asked about: each entry as named, through links, with `.`/`..`/slashes, missing.
    static func cases(_ tree: Tree) -> [String] {
        var relative = ["dir", "dir/file.json", "dir/sub/deep.yaml", "space dir/caf\u{E9} dir/x.json",
                        "link-file", "link-dir", "link-dir/deep.yaml", "link-dir/../file.json", "link-dir/..",
                        "abs-link/file.json", "abs-link/sub/../file.json", "dir/sub/up", "dir/sub/up-dir/deep.yaml",
                        "dot-target", "dangling", "dangling/x", "loop-a", "loop-a/x", "chain-1", "long-25", "long-19",
                        "long-20", "long-21", "odd/link to caf\u{E9}",
                        "dir/", "dir//", "dir/.", "dir/./file.json", "./dir/file.json", "dir//file.json",
                        "dir/sub/../file.json", "dir/../dir/file.json", "dir/../../", "missing", "missing/x.json",
                        "dir/missing.json", "dir/file.json/x", "dir/file.json/..", "dir/sub/../../missing/../dir"]
        relative += oddNames.map { "odd/" + $0 }
        var paths = relative.map(tree.path)
        paths += [tree.root, tree.root + "/", tree.root + "//dir", "/", "//", "///", "/tmp", "/tmp/", "/proc/self",
                  "/private/tmp", "/var/automount/x", "", ".", "..", "./", "~", "~/x", "~root", "nope/x.json"]
        // Relative to the current directory: its entries as named, and the tree reached by `..`s.
        let current = FileManager.default.currentDirectoryPath
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: current)) ?? []).sorted().prefix(6)
        paths += entries.flatMap { [$0, $0 + "/", "./" + $0] }
        let ups = String(repeating: "../", count: current.split(separator: "/").count)
        paths += [ups + tree.root.dropFirst() + "/dir/file.json", ups + tree.root.dropFirst() + "/link-file"]
        return paths
    }

    @Test func canonicalIsFoundationsAnswerOnEveryPath() throws {
        let tree = try Self.makeTree()
        for path in Self.cases(tree) {
            #expect(FilePaths.canonical(path) == FilePaths.foundationCanonical(path), "\(path.debugDescription)")
            #expect(MachineIdentity.canonical(path) == FilePaths.foundationCanonical(path), "\(path.debugDescription)")
        }
    }

    @Test func standardizedIsFoundationsAnswerOnEveryPath() throws {
        let tree = try Self.makeTree()
        for path in Self.cases(tree) {
            #expect(FilePaths.standardized(path) == FilePaths.foundationStandardized(path), "\(path.debugDescription)")
            #expect(TerraformWalk.standardized(path) == FilePaths.foundationStandardized(path), "\(path.debugDescription)")
        }
    }

    /// The fast path must actually be taken for plain paths (else the comparisons above test only the
    /// general path), and must be refused wherever a link or a dot part is involved.
    @Test func theFastPathIsTakenExactlyForPlainPaths() throws {
        let tree = try Self.makeTree()
        for plain in ["dir/file.json", "dir", "space dir/caf\u{E9} dir/x.json", "odd/caf\u{E9}.json",
                      "odd/cafe\u{301}.json", "odd/semi;colon.yaml", "odd/hash#tag.json", "odd/..."] {
            #expect(FilePaths.fastCanonical(tree.path(plain)) == tree.path(plain), "\(plain)")
        }
        for refused in ["link-file", "link-dir/deep.yaml", "abs-link/file.json", "dir/sub/up", "dangling", "loop-a",
                        "long-25", "dir/", "dir/./file.json", "dir/sub/../file.json", "dir//file.json", "missing",
                        "odd/pct%41%2F%zz.json"] {
            #expect(FilePaths.fastCanonical(tree.path(refused)) == nil, "\(refused)")
        }
        #expect(FilePaths.plainAbsolute("~/x") == nil)
        #expect(FilePaths.plainAbsolute("/") == nil)
        #expect(FilePaths.plainAbsolute("/a/b\u{0}c") == nil)
        #expect(FilePaths.plainAbsolute("/private/tmp/x") == nil)
        #expect(FilePaths.plainAbsolute("/a/b") == "/a/b")
        #expect(FilePaths.plainAbsolute("a/b") == FileManager.default.currentDirectoryPath + "/a/b")
    }

    @Test func pathExtensionIsNSStringsOnEveryName() {
        let names = ["a.json", "a.JSON", ".json", "..", ".", "", "a.", "a..json", "a.b.c", "a", "x.tar.gz", "a .json",
                     "...", "..a", "a.json ", "caf\u{E9}.json", "a.\u{301}json", "a\u{301}.yml", "\u{1F600}.tf",
                     "\u{444}\u{430}\u{439}\u{43B}.yaml", "a/b.json", "dir/", "a.j/son", "K.\u{212A}", ".a.b"]
            + Self.oddNames
        for name in names {
            #expect(FilePaths.pathExtension(ofName: name) == (name as NSString).pathExtension, "\(name.debugDescription)")
        }
    }

    /// `entryKind` stands for `destinationOfSymbolicLink` (is it a link) and `fileExists(atPath:
    /// isDirectory:)` (is it, or does it lead to, a directory).
    @Test func entryKindIsFileManagersAnswer() throws {
        let tree = try Self.makeTree()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: tree.root)) ?? []) + ["missing"]
        #expect(names.count > 30)
        for name in names {
            let path = tree.path(name)
            var isDirectory: ObjCBool = false
            let expected = ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil,
                            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
            let kind = InputCollector.entryKind(path)
            #expect(kind.isLink == expected.0 && kind.isDirectory == expected.1, "\(name)")
        }
    }

    /// Largest files start first; the results still come back in plan order.
    @Test func largestFilesStartFirstAndResultsKeepTheirOrder() throws {
        let tree = try Tree()
        for (name, size) in [("a.json", 10), ("b.json", 3_000), ("c.json", 200), ("d.json", 3_000)] {
            try Data(repeating: UInt8(ascii: " "), count: size).write(to: URL(fileURLWithPath: tree.path(name)))
        }
        let plan: [InputCollector.PlannedRead] = ["a.json", "b.json", "c.json", "d.json", "missing.json"].map {
            .file(path: tree.path($0), explicit: false, canonical: tree.path($0), root: tree.root)
        } + [.listing(InputCollector.Result())]
        // b and d (3,000 bytes, plan order between them), c (200), a (10), the missing file (0), the listing.
        #expect(InputCollector.largestFirst(plan) == [1, 3, 2, 0, 4, 5])

        let numbers = Array(0..<500)
        let reversed = Array(numbers.reversed())
        #expect(OrderedParallelMap.map(numbers, startOrder: reversed) { $0 * 3 } == numbers.map { $0 * 3 })
        // Not a permutation: ignored, the results are the same.
        #expect(OrderedParallelMap.map(numbers, startOrder: [0, 0, 1]) { $0 * 3 } == numbers.map { $0 * 3 })
    }
}
