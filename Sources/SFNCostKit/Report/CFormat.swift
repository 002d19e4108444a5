import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style number formatting straight through the C library, for the per-machine and
/// per-state paths that used `String(format:)`.
///
/// Foundation's `String(format:)` parses the format into a CFString and hands each numeric
/// conversion to the C library's `snprintf` in the C locale; calling `vsnprintf` directly prints
/// the same characters for ~1/10 of the instructions (callgrind: ~12,000-45,000 → ~2,000 a call,
/// 68 M instructions on the test corpus). Only numeric conversions belong here (`%f`, `%g`, `%e`
/// with a Double): never `%@`, and never `%d` with an Int, whose width Foundation and C read
/// differently. `CFormatTests` compares it with `String(format:)` on tricky values.
enum CFormat {
    /// `String(format: format, value)` for one Double and a numeric conversion.
    static func double(_ format: StaticString, _ value: Double) -> String {
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String? in
            // A StaticString's bytes are static, NUL-terminated storage.
            let cFormat = UnsafeRawPointer(format.utf8Start).assumingMemoryBound(to: CChar.self)
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, cFormat, $0) }
            guard written >= 0, Int(written) < buffer.count else { return nil }
            return String(cString: buffer.baseAddress!)
        }
        if let text { return text }
        // Longer than the buffer (a %f of a huge value) or an error: the general path.
        return String(format: format.description, value)
    }
}
