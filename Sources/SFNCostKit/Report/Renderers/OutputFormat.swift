/// The output formats, one renderer each. Every renderer is a pure function of the `Report`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table
    case json

    public func render(_ report: Report) throws -> String {
        switch self {
        case .table: return TableRenderer().render(report)
        case .json: return try JSONRenderer.render(report)
        }
    }
}
