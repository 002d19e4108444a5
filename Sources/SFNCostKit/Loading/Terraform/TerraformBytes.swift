import Foundation

/// Byte-level questions about the text the Terraform readers handle, asked through the string's
/// contiguous UTF-8 storage: walking a `String.UTF8View` with a generic algorithm (`allSatisfy`)
/// costs tens of instructions a byte, a loop over its buffer a few.
enum TerraformBytes {
    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        String.isASCII(bytes)
    }

    /// `text.contains(needle)` as Foundation answers it: `String.containsText`, which searches bytes
    /// where both are ASCII. (An empty needle is Foundation's: no match; `containsText` says it
    /// occurs everywhere.)
    static func contains(_ text: String, _ needle: String) -> Bool {
        needle.isEmpty ? text.contains(needle) : text.containsText(needle)
    }
}
