#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sfncost's exit codes: one enum, documented in `--help` and the README.
enum ExitStatus: Int32, Error {
    /// Analysed; no finding at or above `--fail-on`.
    case success = 0
    /// A finding at or above `--fail-on`.
    case gateFailed = 1
    /// Bad input or usage.
    case badInput = 2

    func exit() -> Never {
        fflush(nil)
        Glibc.exit(rawValue)
    }
}
