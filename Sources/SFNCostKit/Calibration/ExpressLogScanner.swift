import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks `aws logs filter-log-events --output json` output as a stream of bytes,
/// `{"events": [{…}, {…}, …], "searchedLogStreams": […], "nextToken": "…"}`, handing each element of
/// `events` to the caller as its bytes and where it starts. Only one event is held at a time, whatever the size
/// of the file (an export of thousands of Express executions runs to gigabytes); every other member is
/// skipped by bracket matching. Lines and columns are counted as `LocatedJSONReader` counts them
/// (a column counts Unicode scalars), so that an error inside an event names the file's own line.
struct ExpressLogScanner {
    /// An event larger than this is not a log event (CloudWatch Logs caps one at 256 KB; escaping can
    /// double it), and is not read into memory.
    static let maximumEventBytes = 4 * 1024 * 1024

    let file: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private(set) var line = 1
    private(set) var column = 1

    private init(file: String, descriptor: Int32) {
        self.file = file
        self.descriptor = descriptor
    }

    /// Opens the file (a regular file only: a FIFO or a device would never end).
    static func open(path: String) throws(InputError) -> ExpressLogScanner {
        let location = SourceLocation(file: path, line: 1, column: 1)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError("Input.Unreadable", "cannot read file: \(FileReader.reason(errno))", at: location)
        }
        if let kind = FileReader.nonRegularKind(info.st_mode) {
            throw InputError("Input.NotARegularFile", "not a regular file (\(kind)); name a file `aws logs filter-log-events --output json` wrote", at: location)
        }
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, O_RDONLY)
        #else
        let descriptor = Darwin.open(path, O_RDONLY)
        #endif
        guard descriptor >= 0 else {
            throw InputError("Input.Unreadable", "cannot read file: \(FileReader.reason(errno))", at: location)
        }
        return ExpressLogScanner(file: path, descriptor: descriptor)
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// Every element of the top-level `events` array, in file order; `nextToken` (when the export is
    /// one page of several) is returned with its location.
    mutating func forEachEvent(_ body: ([UInt8], SourceLocation) throws(InputError) -> Void) throws(InputError) -> SourceLocation? {
        let notExport = "is not `aws logs filter-log-events --output json` output: expected an object with an \"events\" array"
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw InputError("ExpressLogs.NotLogExport", "'\(file)' \(notExport)", at: here) }
        advance()
        var sawEvents = false
        var token: SourceLocation?
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { advance() } else {
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
                let keyBytes = try capture()
                let key = (try? JSONSerialization.jsonObject(with: Data(keyBytes), options: .fragmentsAllowed)) as? String
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
                advance()
                skipWhitespace()
                if key == "events" {
                    guard peek() == UInt8(ascii: "[") else {
                        throw InputError("ExpressLogs.NotLogExport", "\"events\" must be an array of log events", at: here)
                    }
                    sawEvents = true
                    advance()
                    skipWhitespace()
                    if peek() == UInt8(ascii: "]") { advance() } else {
                        while true {
                            skipWhitespace()
                            let start = here
                            try body(try capture(), start)
                            skipWhitespace()
                            guard let byte = peek() else { throw failure("unexpected end of file inside \"events\"") }
                            advance()
                            if byte == UInt8(ascii: "]") { break }
                            guard byte == UInt8(ascii: ",") else { throw failure("expected ',' or ']' after an event") }
                        }
                    }
                } else {
                    let valueAt = here
                    let bytes = try capture()
                    if key == "nextToken" || key == "NextToken",
                       let text = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) as? String, !text.isEmpty {
                        token = valueAt
                    }
                }
                skipWhitespace()
                guard let byte = peek() else { throw failure("unexpected end of file: the export is cut short") }
                advance()
                if byte == UInt8(ascii: "}") { break }
                guard byte == UInt8(ascii: ",") else { throw failure("expected ',' or '}' after a member") }
            }
        }
        skipWhitespace()
        if peek() != nil { throw failure("unexpected text after the JSON value") }
        guard sawEvents else { throw InputError("ExpressLogs.NotLogExport", "'\(file)' \(notExport)", at: SourceLocation(file: file, line: 1, column: 1)) }
        return token
    }

    // MARK: - Bytes

    private mutating func peek() -> UInt8? {
        if position >= buffer.count { refill() }
        return position < buffer.count ? buffer[position] : nil
    }

    private mutating func refill() {
        guard !finished else { return }
        // Keep nothing already consumed: the buffer never grows past one chunk.
        buffer.removeAll(keepingCapacity: true)
        position = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            #if canImport(Glibc)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            #else
            let count = chunk.withUnsafeMutableBytes { Darwin.read(descriptor, $0.baseAddress, $0.count) }
            #endif
            if count < 0, errno == EINTR { continue }
            if count <= 0 { finished = true; return }
            buffer.append(contentsOf: chunk[0..<count])
            return
        }
    }

    private mutating func advance() {
        let byte = buffer[position]
        position += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    /// The bytes of one JSON value (an object or array by bracket matching outside strings, a string
    /// to its closing quote, a scalar to the next delimiter); its syntax is checked by whoever parses it.
    private mutating func capture() throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        func take(_ byte: UInt8) throws(InputError) {
            bytes.append(byte)
            if bytes.count > Self.maximumEventBytes {
                throw InputError("Input.TooLarge", "a value of over \(Self.maximumEventBytes) bytes: no log event is this large", at: here)
            }
        }
        guard let first = peek() else { throw failure("unexpected end of file") }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") {
            var depth = 0
            var inString = false
            var escaped = false
            repeat {
                guard let byte = peek() else { throw failure("unexpected end of file: the export is cut short") }
                try take(byte)
                advance()
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                }
            } while depth > 0 || inString
        } else {
            while let byte = peek(), !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                                        || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                try take(byte)
                advance()
            }
            if bytes.isEmpty { throw failure("expected a value") }
        }
        return bytes
    }

    private func failure(_ message: String) -> InputError {
        InputError("ExpressLogs.BadJSON", "invalid JSON: \(message)", at: here)
    }
}
