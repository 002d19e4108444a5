/// The output formats, one renderer each. Every renderer is a pure function of the `Report`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table
    case json
    /// For pull-request comments: a summary table and the findings.
    case markdown
    /// SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…`), which annotate the pull request's files.
    case github
    /// GitLab Code Quality (Code Climate issues), for `artifacts: reports: codequality:`.
    case codeclimate
    /// An Infracost usage file (`version: 0.1`, `resource_usage:` by Terraform address).
    case infracostUsage = "infracost-usage"

    /// - Parameter addresses: Terraform resource addresses by machine name (for `infracost-usage`).
    public func render(_ report: Report, sarif: SARIFOptions = SARIFOptions(), addresses: [String: String] = [:]) throws -> String {
        switch self {
        case .table: return TableRenderer().render(report)
        case .json: return try JSONRenderer.render(report)
        case .markdown: return MarkdownRenderer.render(report)
        case .sarif: return try SARIFRenderer.render(report, options: sarif)
        case .github: return GitHubAnnotationsRenderer.render(report, paths: sarif)
        case .codeclimate: return try CodeClimateRenderer.render(report)
        case .infracostUsage: return InfracostUsageRenderer.render(report, addresses: addresses)
        }
    }

    /// `render`'s text as UTF-8 bytes, for the formats whose writers make bytes (JSON, SARIF): no
    /// string of megabytes is made only to be written. Nil for the others, and for a report the JSON
    /// writer leaves to `Codable` (a NaN figure): `render` then gives the text, or Foundation's error.
    public func renderedBytes(_ report: Report, sarif: SARIFOptions = SARIFOptions()) -> [UInt8]? {
        switch self {
        case .json: return JSONRenderer.textBytes(report)
        case .sarif: return SARIFText.bytes(report, options: sarif)
        default: return nil
        }
    }
}
