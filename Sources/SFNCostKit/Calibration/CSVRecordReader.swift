import Foundation

/// Reads a CSV file one record at a time, as RFC 4180 writes it: fields separated by commas, records
/// by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
/// The file is read in chunks, so a Cost and Usage Report of millions of rows is never held whole.
/// Every field carries its 1-based line and column (columns count Unicode scalars, as
/// `SourceLocation` does), so an error can point at it.
struct CSVRecordReader {
    /// A field's bytes; its text is decoded only when asked for, so the columns nobody reads (most
    /// of a CUR's) cost no string.
    struct Field {
        /// Empty for a field not kept (`keep`).
        var bytes: [UInt8]
        var line: Int
        var column: Int
        /// The field's length in bytes, kept or not: a blank line is one field of length 0.
        var length: Int

        /// The field as UTF-8 text; nil when it is not valid UTF-8.
        var decoded: String? { String(validating: bytes, as: UTF8.self) }
        /// The text, or `notUTF8` at the field.
        func text() throws(Problem) -> String {
            guard let text = decoded else { throw Problem.notUTF8(line: line, column: column) }
            return text
        }
        /// True when the field is exactly `text`, compared as bytes.
        func equals(_ text: String) -> Bool { bytes.elementsEqual(text.utf8) }
    }

    /// Why a file cannot be read as CSV; the reader stops at the first.
    enum Problem: Error {
        case unreadable(String)
        /// A quote inside an unquoted field, or text after a closing quote.
        case strayQuote(line: Int, column: Int)
        /// The file ended inside a quoted field that began here.
        case unterminatedQuote(line: Int, column: Int)
        /// A field longer than `maxFieldBytes`: no CUR column holds one, and a file without line
        /// breaks would otherwise be read into memory whole.
        case fieldTooLong(line: Int, column: Int)
        case notUTF8(line: Int, column: Int)
    }

    static let maxFieldBytes = 1 << 20
    private static let chunkSize = 1 << 20

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var index = 0
    private var atEnd = false
    private var line = 1
    private var column = 1
    private var started = false
    /// When set, only these fields (by position) keep their bytes; the others are read past, so a
    /// CUR's hundred-odd columns cost nothing but the ones used. Unset: every field is kept.
    var keep: [Bool]?

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Problem.unreadable("cannot be opened for reading") }
        self.handle = handle
    }

    /// The first bytes of the file, for recognising a compressed or binary file before reading it.
    static func leadingBytes(path: String, count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    private mutating func peek() throws -> UInt8? {
        if index >= buffer.count {
            if atEnd { return nil }
            let data: Data?
            do { data = try handle.read(upToCount: Self.chunkSize) } catch { throw Problem.unreadable(error.localizedDescription) }
            guard let data, !data.isEmpty else { atEnd = true; try? handle.close(); return nil }
            buffer = [UInt8](data)
            index = 0
        }
        return buffer[index]
    }

    private mutating func advance(_ byte: UInt8) {
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // A UTF-8 continuation byte belongs to the scalar already counted.
            column += 1
        }
    }

    /// The next record, or nil at the end of the file. A blank line is a record of one empty field.
    mutating func next() throws -> [Field]? {
        if !started {
            started = true
            // A UTF-8 byte-order mark (spreadsheet exports write one) is not part of the first header.
            if try peek() == 0xEF, index + 2 < buffer.count, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF { index += 3 }
        }
        guard try peek() != nil else { return nil }
        var fields: [Field] = []
        while true {
            let kept = keep.map { fields.count < $0.count && $0[fields.count] } ?? true
            let (field, ended) = try readField(keeping: kept)
            fields.append(field)
            if ended { return fields }
        }
    }

    /// One field; `ended` is true when the record ends after it (line break or end of file).
    private mutating func readField(keeping kept: Bool) throws -> (Field, ended: Bool) {
        let startLine = line, startColumn = column
        var bytes: [UInt8] = []
        var length = 0
        if try peek() == 0x22 {
            advance(0x22)
            while true {
                guard let byte = try peek() else { throw Problem.unterminatedQuote(line: startLine, column: startColumn) }
                advance(byte)
                if byte == 0x22 {
                    if try peek() == 0x22 { advance(0x22); if kept { bytes.append(0x22) }; continue }
                    break
                }
                if kept { bytes.append(byte) }
                length += 1
                if length > Self.maxFieldBytes { throw Problem.fieldTooLong(line: startLine, column: startColumn) }
            }
            // After the closing quote: a separator, a line break or the end; nothing else.
            guard let byte = try peek() else { return (Field(bytes: bytes, line: startLine, column: startColumn, length: length), true) }
            guard let ended = try consumeFieldEnd(byte) else { throw Problem.strayQuote(line: line, column: column) }
            return (Field(bytes: bytes, line: startLine, column: startColumn, length: length), ended)
        }
        while true {
            guard let byte = try peek() else { return (Field(bytes: bytes, line: startLine, column: startColumn, length: length), true) }
            // The plain run up to the next separator, line break or quote, taken from the chunk at once.
            var end = index
            while end < buffer.count, buffer[end] != 0x2C, buffer[end] != 0x0A, buffer[end] != 0x0D, buffer[end] != 0x22 { end += 1 }
            if end > index {
                let run = buffer[index..<end]
                if kept { bytes.append(contentsOf: run) }
                length += run.count
                column += run.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                index = end
                if length > Self.maxFieldBytes { throw Problem.fieldTooLong(line: startLine, column: startColumn) }
                continue
            }
            if let ended = try consumeFieldEnd(byte) {
                return (Field(bytes: bytes, line: startLine, column: startColumn, length: length), ended)
            }
            if byte == 0x22 { throw Problem.strayQuote(line: line, column: column) }
            advance(byte)
            if kept { bytes.append(byte) }
            length += 1
            if length > Self.maxFieldBytes { throw Problem.fieldTooLong(line: startLine, column: startColumn) }
        }
    }

    /// Consumes the separator or line break at the cursor (`byte`): false after a separator (the
    /// record goes on), true after a line break (LF, CR or CRLF); nil, consuming nothing, for any
    /// other byte. Shared by quoted and plain fields, which end the same way.
    private mutating func consumeFieldEnd(_ byte: UInt8) throws -> Bool? {
        switch byte {
        case 0x2C: advance(byte); return false
        case 0x0A: advance(byte); return true
        case 0x0D:
            advance(byte)
            if try peek() == 0x0A { advance(0x0A) }
            return true
        default: return nil
        }
    }
}
