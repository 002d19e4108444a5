import Foundation
import Testing

/// `diff --base-ref REV PATH` takes the repository from PATH, not from the current directory: run
/// from outside it (`cd /tmp && sfncost diff --base-ref HEAD~1 /repo/sm`) it compares the same
/// machines as from inside. A PATH in no repository is exit 2 with a message naming it.
/// The repository and its figures are `ReviewEndToEndTests`' (fanout $0.325 → $0.60, extra added at
/// $0.05; over the head profile's max_increase of 50% and fanout's $0.50 budget: exit 1).
@Suite(.serialized) struct BaseRefOutsideRepositoryTests {
    private static func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func absolutePathsFromOutsideTheRepository() throws {
        let repo = try ReviewEndToEndTests.repository(), elsewhere = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: repo); try? FileManager.default.removeItem(atPath: elsewhere) }
        let result = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", repo + "/sm", "--profile", repo + "/usage.yml", "--format", "json"], in: elsewhere)
        #expect(result.status == 1, "\(result.stderr)")
        try ReviewEndToEndTests.checkDeltas(result.stdout)
        #expect(result.stderr.contains("uses \(repo)/usage.yml as it was at that revision"), "\(result.stderr)")
        // The temporary worktree is gone.
        #expect(try ReviewEndToEndTests.git(["worktree", "list", "--porcelain"], in: repo).components(separatedBy: "worktree ").count - 1 == 1)
    }

    /// Relative paths, from the folder that holds the repository (itself in no repository).
    @Test func relativePathsFromAboveTheRepository() throws {
        let repo = try ReviewEndToEndTests.repository()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let parent = (repo as NSString).deletingLastPathComponent, name = (repo as NSString).lastPathComponent
        let result = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", name + "/sm", "--profile", name + "/usage.yml", "--format", "json"], in: parent)
        #expect(result.status == 1, "\(result.stderr)")
        try ReviewEndToEndTests.checkDeltas(result.stdout)
        #expect(result.stderr.contains("uses \(name)/usage.yml as it was at that revision"), "\(result.stderr)")
    }

    /// Run inside a repository, naming a folder that is in none: the named folder decides, exit 2.
    @Test func aPathInNoRepositoryIsExitTwo() throws {
        let repo = try ReviewEndToEndTests.repository(), elsewhere = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: repo); try? FileManager.default.removeItem(atPath: elsewhere) }
        try ReviewEndToEndTests.extra.write(toFile: elsewhere + "/a.asl.json", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", elsewhere], in: repo)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--base-ref needs a git repository, and \(elsewhere) is not inside one"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // A second path in another place than the first's repository: exit 2 too.
        let mixed = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", "sm", elsewhere], in: repo)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("is not in"), "\(mixed.stderr)")
    }
}
