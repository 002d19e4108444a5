/// A hash that is the same on every platform and run (Swift's `Hasher` is seeded per process):
/// two 64-bit FNV-1a hashes of the UTF-8 bytes with different offset bases, as 32 hex digits. For
/// identity across reports, not for security.
enum StableHash {
    /// FNV-1a's standard 64-bit offset basis.
    static let standardBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hex128(_ text: String) -> String {
        hex(fnv1a(text, basis: standardBasis)) + hex(fnv1a(text, basis: 0x6c62_272e_07bb_0142))
    }

    /// 64-bit FNV-1a with the standard basis, as 16 hex digits.
    static func hex64(_ text: String) -> String {
        hex(fnv1a(text, basis: standardBasis))
    }

    static func fnv1a(_ text: String, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3   // wraps by design: FNV is defined modulo 2^64
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
