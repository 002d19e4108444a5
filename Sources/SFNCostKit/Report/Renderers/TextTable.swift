/// Aligned plain-text columns: left-aligned text, right-aligned numbers. Every cell is escaped for
/// display (`DisplayText.text`) before it is measured, so cells hold raw names and figures.
///
/// Linear in the size of the table: each cell is measured once, and trailing blanks are trimmed
/// from the end of a line without a regular expression (a `\s+$` search restarts at every blank of
/// a long padding, quadratic for a 100,000-character name in another row).
///
/// The whole table is written straight into the storage of its string, sized in advance (no array
/// of bytes grown cell by cell and then copied): appending cell by cell to a `String` (with a padding
/// string made for each cell) and trimming scalar by scalar with a Unicode property lookup cost more
/// than the rest of the table report together. `TextTableTests` compares it with the first layout.
struct TextTable {
    enum Alignment { case left, right }
    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    func render(indent: String = "") -> String {
        // Every cell escaped and measured once, header row first, in one flat array.
        var cells: [String] = []
        var lengths: [Int] = []
        cells.reserveCapacity((rows.count + 1) * headers.count)
        lengths.reserveCapacity((rows.count + 1) * headers.count)
        var rowStarts = [0]
        rowStarts.reserveCapacity(rows.count + 2)
        var widths = [Int](repeating: 0, count: headers.count)
        var size = 0  // the bytes of the whole table before trimming
        var indent = indent
        let indentBytes = indent.utf8.count
        for row in CollectionOfOne(headers) + rows {
            for (column, raw) in row.enumerated() {
                let cell = DisplayText.text(raw)
                let length = Self.width(cell)
                widths[column] = max(widths[column], length)
                cells.append(cell)
                lengths.append(length)
                size += cell.utf8.count - length + 2  // the bytes beyond its width, and a separator
            }
            rowStarts.append(cells.count)
            size += indentBytes + 1
        }
        size += widths.reduce(0, +) * (rowStarts.count - 1)
        return String(unsafeUninitializedCapacity: size) { buffer in
            guard let out = buffer.baseAddress else { return 0 }
            var count = 0
            indent.withUTF8 { indentUTF8 in
                for row in 0..<(rowStarts.count - 1) {
                    if row > 0 {
                        out[count] = UInt8(ascii: "\n")
                        count += 1
                    }
                    let lineStart = count
                    if let base = indentUTF8.baseAddress { (out + count).initialize(from: base, count: indentBytes) }
                    count += indentBytes
                    for index in rowStarts[row]..<rowStarts[row + 1] {
                        let column = index - rowStarts[row]
                        if column > 0 {
                            out[count] = 0x20
                            out[count + 1] = 0x20
                            count += 2
                        }
                        let pad = widths[column] - lengths[index]
                        if alignments[column] == .right {
                            (out + count).initialize(repeating: 0x20, count: pad)
                            count += pad
                        }
                        cells[index].withUTF8 { cell in
                            if let base = cell.baseAddress { (out + count).initialize(from: base, count: cell.count) }
                            count += cell.count
                        }
                        if alignments[column] == .left {
                            (out + count).initialize(repeating: 0x20, count: pad)
                            count += pad
                        }
                    }
                    count = Self.trimmedEnd(UnsafeBufferPointer(start: out, count: count), from: lineStart)
                }
            }
            return count
        }
    }

    /// The end of the line that starts at `lineStart` and ends at the end of `bytes` (UTF-8), without
    /// its trailing white-space scalars (`Unicode.Scalar.Properties.isWhitespace`). Padding is ASCII
    /// and passed over a byte at a time; a non-ASCII scalar (a cell may end in U+3000) is decoded and
    /// looked up.
    static func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, from lineStart: Int) -> Int {
        var end = bytes.count
        while end > lineStart {
            let last = bytes[end - 1]
            if last < 0x80 {
                guard last == 0x20 || (last >= 0x09 && last <= 0x0D) else { return end }
                end -= 1
                continue
            }
            // The start of the last scalar: back over continuation bytes (10xxxxxx).
            var start = end - 1
            while start > lineStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            guard let (scalar, length) = DisplayText.scalar(in: UnsafeBufferPointer(rebasing: bytes[start..<end]), at: 0),
                  start + length == end, scalar.properties.isWhitespace else { return end }
            end = start
        }
        return end
    }

    /// A cell's width in characters (`String.count`). Printable ASCII is one character a byte; the
    /// count of grapheme clusters is needed only for anything else.
    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy({ $0 &- 0x20 < 0x5F }) ? cell.utf8.count : cell.count
    }
}
