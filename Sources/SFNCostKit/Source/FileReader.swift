import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input file safely: only a regular file (checked with `stat` before anything is read, so
/// `/dev/zero`, a FIFO or a directory named as a file gets a true message instead of a read that
/// never ends), and never more than a limit (the read stops one byte past it, so a file that grows
/// while it is read cannot exhaust memory). Errors name the path at 1:1 and say what is wrong.
public enum FileReader {
    /// The most any input file may hold.
    public static let maximumBytes = 64 * 1024 * 1024

    /// The file's bytes. `limit`: at most this many (default `maximumBytes`).
    public static func read(path: String, limit: Int = maximumBytes, code: String = "Input.Unreadable") throws(InputError) -> Data {
        Data(try readBytes(path: path, limit: limit, code: code))
    }

    /// The file's bytes as an array (what `read` returns as `Data`).
    static func readBytes(path: String, limit: Int = maximumBytes, code: String = "Input.Unreadable") throws(InputError) -> [UInt8] {
        let location = SourceLocation(file: path, line: 1, column: 1)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(code, "cannot read file: \(reason(errno))", at: location)
        }
        if let kind = nonRegularKind(info.st_mode) {
            throw InputError("Input.NotARegularFile", "not a regular file (\(kind)); name a file that holds a definition, or a directory to search", at: location)
        }
        if info.st_size > off_t(limit) {
            throw InputError("Input.TooLarge", "file is \(info.st_size) bytes; sfncost reads at most \(limit) bytes", at: location)
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(code, "cannot read file: \(reason(errno))", at: location)
        }
        defer { close(descriptor) }
        // Read straight into an array of the size `stat` gave, one byte over so that the read that
        // finds the end needs no second buffer; a file that grew since goes on in chunks, as far as
        // the limit allows.
        var data: [UInt8] = []
        data.reserveCapacity(Int(info.st_size) + 1)
        var room = Int(info.st_size) + 1
        while true {
            let filled = data.count
            data.append(contentsOf: repeatElement(0, count: room))
            var count: Int
            repeat {
                count = data.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, room) }
            } while count < 0 && errno == EINTR
            if count < 0 {
                throw InputError(code, "cannot read file: \(reason(errno))", at: location)
            }
            data.removeLast(room - count)
            if data.count > limit {
                throw InputError("Input.TooLarge", "file is over \(limit) bytes; sfncost reads at most \(limit) bytes", at: location)
            }
            if count == 0 { return data }
            room = count < room ? room - count : 64 * 1024
        }
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(descriptor, buffer, count)
        #else
        return Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// What a file that is not a regular file is, or nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// "no such file or directory", "permission denied", … (strerror, lower-cased as compilers print it).
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
