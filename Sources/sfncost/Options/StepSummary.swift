import Foundation
import SFNCostKit

/// GitHub Actions' job summary: with `--format github`, the Markdown report is appended to the file
/// `GITHUB_STEP_SUMMARY` names, so every finding the annotations could not show is one click away.
/// The CLI writes it; the library never writes.
enum StepSummary {
    static func append(_ report: Report, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        let text = MarkdownRenderer.render(report) + "\n"
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
}
