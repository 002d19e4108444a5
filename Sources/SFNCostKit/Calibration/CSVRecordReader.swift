import Foundation

/// Reads a CSV file one record at a time, as RFC 4180 writes it: fields separated by commas, records
/// by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
/// The file is read in chunks, so a Cost and Usage Report of millions of rows is never held whole.
/// Every field carries its 1-based line and column (columns count Unicode scalars, as
/// `SourceLocation` does), so an error can point at it.
struct CSVRecordReader {
    struct Field {
        var text: String
        var line: Int
        var column: Int
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
            let (field, ended) = try readField()
            fields.append(field)
            if ended { return fields }
        }
    }

    /// One field; `ended` is true when the record ends after it (line break or end of file).
    private mutating func readField() throws -> (Field, ended: Bool) {
        let startLine = line, startColumn = column
        var bytes: [UInt8] = []
        func text() throws -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Problem.notUTF8(line: startLine, column: startColumn) }
            return text
        }
        if try peek() == 0x22 {
            advance(0x22)
            while true {
                guard let byte = try peek() else { throw Problem.unterminatedQuote(line: startLine, column: startColumn) }
                advance(byte)
                if byte == 0x22 {
                    if try peek() == 0x22 { advance(0x22); bytes.append(0x22); continue }
                    break
                }
                bytes.append(byte)
                if bytes.count > Self.maxFieldBytes { throw Problem.fieldTooLong(line: startLine, column: startColumn) }
            }
            // After the closing quote: a separator, a line break or the end; nothing else.
            guard let byte = try peek() else { return (Field(text: try text(), line: startLine, column: startColumn), true) }
            switch byte {
            case 0x2C: advance(byte); return (Field(text: try text(), line: startLine, column: startColumn), false)
            case 0x0A: advance(byte); return (Field(text: try text(), line: startLine, column: startColumn), true)
            case 0x0D:
                advance(byte)
                if try peek() == 0x0A { advance(0x0A) }
                return (Field(text: try text(), line: startLine, column: startColumn), true)
            default: throw Problem.strayQuote(line: line, column: column)
            }
        }
        while true {
            guard let byte = try peek() else { return (Field(text: try text(), line: startLine, column: startColumn), true) }
            switch byte {
            case 0x2C: advance(byte); return (Field(text: try text(), line: startLine, column: startColumn), false)
            case 0x0A: advance(byte); return (Field(text: try text(), line: startLine, column: startColumn), true)
            case 0x0D:
                advance(byte)
                if try peek() == 0x0A { advance(0x0A) }
                return (Field(text: try text(), line: startLine, column: startColumn), true)
            case 0x22: throw Problem.strayQuote(line: line, column: column)
            default:
                advance(byte)
                bytes.append(byte)
                if bytes.count > Self.maxFieldBytes { throw Problem.fieldTooLong(line: startLine, column: startColumn) }
            }
        }
    }
}
