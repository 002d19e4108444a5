/// Aligned plain-text columns: left-aligned text, right-aligned numbers. Every cell is escaped for
/// display (`DisplayText.text`) before it is measured, so cells hold raw names and figures.
///
/// Linear in the size of the table: each cell is measured once, and trailing blanks are trimmed
/// from the end of a line without a regular expression (a `\s+$` search restarts at every blank of
/// a long padding, quadratic for a 100,000-character name in another row).
///
/// The whole table is written into one byte buffer and made a string once: appending cell by cell
/// to a `String` (with a padding string made for each cell) and trimming scalar by scalar with a
/// Unicode property lookup cost more than the rest of the table report together.
struct TextTable {
    enum Alignment { case left, right }
    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    func render(indent: String = "") -> String {
        let all = ([headers] + rows).map { $0.map(DisplayText.text) }
        let lengths = all.map { $0.map(Self.width) }
        let widths = headers.indices.map { column in lengths.map { $0[column] }.max() ?? 0 }
        var out: [UInt8] = []
        out.reserveCapacity(all.count * (indent.utf8.count + widths.reduce(0, +) + 2 * widths.count + 1))
        for (row, cells) in all.enumerated() {
            if row > 0 { out.append(UInt8(ascii: "\n")) }
            let lineStart = out.count
            out.append(contentsOf: indent.utf8)
            for (column, cell) in cells.enumerated() {
                if column > 0 { out.append(contentsOf: [0x20, 0x20]) }
                let pad = widths[column] - lengths[row][column]
                if alignments[column] == .left {
                    out.append(contentsOf: cell.utf8)
                    out.append(contentsOf: repeatElement(0x20, count: pad))
                } else {
                    out.append(contentsOf: repeatElement(0x20, count: pad))
                    out.append(contentsOf: cell.utf8)
                }
            }
            Self.trimTrailingWhitespace(&out, from: lineStart)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A cell's width in characters (`String.count`). Printable ASCII is one character a byte; the
    /// count of grapheme clusters is needed only for anything else.
    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy({ $0 &- 0x20 < 0x5F }) ? cell.utf8.count : cell.count
    }

    /// Removes the white-space scalars (`Unicode.Scalar.Properties.isWhitespace`) at the end of the
    /// line that starts at `lineStart` in `bytes` (UTF-8). Padding is ASCII and cut a byte at a time;
    /// a non-ASCII scalar (a cell may end in U+3000) is decoded and looked up.
    static func trimTrailingWhitespace(_ bytes: inout [UInt8], from lineStart: Int) {
        while bytes.count > lineStart {
            let last = bytes[bytes.count - 1]
            if last < 0x80 {
                guard last == 0x20 || (last >= 0x09 && last <= 0x0D) else { return }
                bytes.removeLast()
                continue
            }
            // The start of the last scalar: back over continuation bytes (10xxxxxx).
            var start = bytes.count - 1
            while start > lineStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            let scalar = bytes[start...].withUnsafeBufferPointer { DisplayText.scalar(in: $0, at: 0) }
            guard let (scalar, length) = scalar, start + length == bytes.count, scalar.properties.isWhitespace else { return }
            bytes.removeSubrange(start...)
        }
    }
}
