import Foundation

/// A throw-away folder of files for the repository-layout tests: written, then only read.
struct RepositoryFixture {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-repo-\(UUID().uuidString)")
        for (relative, text) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func path(_ relative: String = "") -> String {
        relative.isEmpty ? root.path : root.appendingPathComponent(relative).path
    }

    /// Two Pass states: 2 transitions an execution.
    static let twoPasses = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#

    /// A SAM template whose machine `logicalID` points to `uri`.
    static func samTemplate(_ logicalID: String = "StateMachine", uri: String = "statemachine/flow.asl.json",
                            extra: String = "") -> String {
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          \(logicalID):
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: \(uri)
        \(extra)
        """
    }
}
