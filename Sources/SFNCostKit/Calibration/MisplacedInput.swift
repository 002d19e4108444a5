import Foundation

/// Which of calibrate's inputs a document is, told from its top-level key, so that a file given to
/// the wrong option gets a hint naming the right one: `list-executions.json` given to `--metrics`
/// says "give it with --executions" rather than only what it is not.
enum MisplacedInput {
    /// " (it looks like … output: give it with --OPTION)", or "" when the document is none of them
    /// or is what `expected` reads.
    static func hint(_ root: SourceNode, expected option: String) -> String {
        let kinds: [(key: String, what: String, option: String)] = [
            ("MetricDataResults", "`aws cloudwatch get-metric-data`", "--metrics"),
            ("executions", "`aws stepfunctions list-executions`", "--executions"),
        ]
        for kind in kinds where kind.option != option && root[kind.key] != nil {
            return " (it looks like \(kind.what) output: give it with \(kind.option))"
        }
        return ""
    }
}
