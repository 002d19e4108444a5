import Foundation
import Testing
@testable import SFNCostKit

/// `containsText` reads both strings' bytes in place (issue 13): against the copying path it
/// stands in for and against Foundation's answer, on inputs chosen to split them.
@Suite struct ByteSearchFastPathTests {
    static let needles = ["states:startExecution", ":states:::glue:", "ab", "a", "", "${", "é", "e\u{301}", "🙂", "\u{0}",
                          "a long needle longer than most of the haystacks below"]
    static let haystacks = ["", "a", "ab", "ba", "abab", "aab", "\u{0}ab", "${x}", "$", "a\u{301}b", "ａｂ", "é", "e\u{301}",
                            "arn:aws:states:::states:startExecution.sync:2", "states:startExecutio", "STATES:STARTEXECUTION",
                            "arn:${AWS::Partition}:states:::glue:startJobRun.sync", "states:startExecution\u{301}",
                            "🙂states:startExecution🙂", String(repeating: "ab", count: 40) + "states:startExecution",
                            String("xx states:startExecution yy".dropFirst(3))]

    @Test func inPlaceSearchIsTheCopyingSearchAndFoundations() {
        var inPlace = 0
        for needle in Self.needles {
            for haystack in Self.haystacks {
                // The copying path as it was; Foundation's answer too but for the empty needle
                // (which the byte search, as before, finds in any ASCII text).
                let expected = haystack.generalContainsText(needle)
                if !needle.isEmpty { #expect(expected == haystack.contains(needle), "\(haystack.debugDescription) / \(needle.debugDescription)") }
                #expect(haystack.containsText(needle) == expected, "\(haystack.debugDescription) / \(needle.debugDescription)")
                let fast = haystack.utf8.withContiguousStorageIfAvailable { bytes in
                    needle.utf8.withContiguousStorageIfAvailable { String.asciiContains(bytes, $0) } ?? nil
                } ?? nil
                if let fast {
                    inPlace += 1
                    #expect(fast == expected, "\(haystack.debugDescription) / \(needle.debugDescription)")
                } else {
                    // Only non-ASCII text leaves the byte search.
                    #expect(!(haystack + needle).utf8.allSatisfy { $0 < 0x80 })
                }
            }
        }
        #expect(inPlace > 100)
    }

    /// By hand: the empty needle is in any ASCII text; a longer needle in nothing shorter.
    @Test func byHand() {
        #expect("".containsText(""))
        #expect("abc".containsText(""))
        #expect(!"ab".containsText("abc"))
        #expect("arn:aws:states:::states:startExecution.sync:2".containsText("states:startExecution"))
        #expect(!"arn:aws:states:::states:startExecutio".containsText("states:startExecution"))
    }
}
