import Foundation

/// How AWS meters an Express execution: duration rounded up to the next 100 ms, memory in 64 MB
/// steps, GB = 1,024 MB (facts.md §2, pricing page).
public enum ExpressBilling {
    public static let durationStepSeconds = 0.1
    public static let memoryStepMB = 64

    /// Seconds billed for a run of `seconds`: rounded up to the next 0.1 s.
    public static func billedSeconds(_ seconds: Double) -> Double {
        // Even a run of Pass states is billed one step.
        guard seconds.isFinite else { return seconds }
        guard seconds > 0 else { return durationStepSeconds }
        // Beyond 2^53 ms a Double holds no tenths of a second to round to (and × 1000 could overflow).
        guard seconds < 9e12 else { return seconds }
        // Work in whole milliseconds first so 0.3 s does not bill as 0.4 s through binary rounding.
        let milliseconds = (seconds * 1000).rounded(.toNearestOrAwayFromZero)
        let steps = Swift.max(1, (milliseconds / 100).rounded(.up))
        return steps / 10
    }

    /// The largest billed memory sfncost represents: the largest multiple of 64 MB in an `Int`.
    /// Memory at this value has saturated (a hostile `memory_mb` or `payload_kb`): what it would
    /// cost is too large, never this figure's price.
    public static let saturatedMemoryMB = Int.max / memoryStepMB * memoryStepMB

    /// Memory billed: rounded up to a multiple of 64 MB, at least 64 MB; saturates at `saturatedMemoryMB`.
    public static func billedMemoryMB(_ megabytes: Double) -> Int {
        guard !megabytes.isNaN, megabytes > 0 else { return memoryStepMB }
        let steps = (megabytes / Double(memoryStepMB)).rounded(.up)
        // Compared as Doubles before converting: Int(Double) traps beyond Int.max.
        guard steps < Double(saturatedMemoryMB / memoryStepMB) else { return saturatedMemoryMB }
        return max(1, Int(steps)) * memoryStepMB
    }

    /// Memory billed for a whole number of MB (the profile's `memory_mb`), exactly, saturating.
    public static func billedMemoryMB(wholeMB megabytes: Int) -> Int {
        guard megabytes > 0 else { return memoryStepMB }
        let steps = megabytes / memoryStepMB + (megabytes % memoryStepMB == 0 ? 0 : 1)
        let (billed, overflow) = steps.multipliedReportingOverflow(by: memoryStepMB)
        return overflow ? saturatedMemoryMB : billed
    }

    /// True when `billedMemoryMB` saturated: the memory, and so any Express cost, is too large.
    public static func isSaturated(memoryMB: Int) -> Bool { memoryMB >= saturatedMemoryMB }

    /// AWS's estimate of an Express execution's memory (pricing page example):
    /// 50 MB + definition size + payload size × number of Parallel and Map states. The example
    /// ("50 MB + 50 KB + 32 KB × 400 = 62.85 MB") counts 1,000 KB to the MB, so this does too.
    public static func estimatedMemoryMB(definitionBytes: Int, payloadKB: Double, parallelAndMapStates: Int) -> Double {
        50 + Double(definitionBytes) / 1_000_000 + payloadKB / 1000 * Double(parallelAndMapStates)
    }
}
