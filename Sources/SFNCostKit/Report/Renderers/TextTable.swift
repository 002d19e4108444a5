/// Aligned plain-text columns: left-aligned text, right-aligned numbers. Every cell is escaped for
/// display (`DisplayText.text`) before it is measured, so cells hold raw names and figures.
struct TextTable {
    enum Alignment { case left, right }
    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    func render(indent: String = "") -> String {
        let all = ([headers] + rows).map { $0.map(DisplayText.text) }
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell -> String in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return alignments[column] == .left ? cell + pad : pad + cell
            }
            return indent + padded.joined(separator: "  ").replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
        }
        return all.map(line).joined(separator: "\n")
    }
}

import Foundation
