import Foundation
import SFNCostKit

/// GitHub Actions' job summary: with `--format github`, the Markdown report is appended to the file
/// `GITHUB_STEP_SUMMARY` names, so every finding the annotations could not show is one click away.
/// The CLI writes it; the library never writes.
enum StepSummary {
    /// GitHub refuses a step summary over 1 MiB ("supports content up to a size of 1024k"); what
    /// sfncost appends stays below that, cut at a line, with a note.
    static let limit = 1_000_000

    static func append(_ report: Report, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        let text = capped(MarkdownRenderer.render(report)) + "\n"
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            // The annotations are already out; a summary that cannot be written must not fail the gate.
            Console.error("sfncost: warning: cannot append the job summary to \(path) (GITHUB_STEP_SUMMARY): \(error.localizedDescription)")
        }
    }

    static func capped(_ markdown: String) -> String {
        guard markdown.utf8.count > limit else { return markdown }
        var kept = "", size = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let length = line.utf8.count + 1
            if size + length > limit - 400 { break }
            kept += line + "\n"
            size += length
        }
        return kept + "\n> The report was cut here: GitHub keeps at most 1 MiB of a step summary. The whole report: `sfncost estimate … --format markdown` (or `--format sarif` for code scanning).\n"
    }
}
