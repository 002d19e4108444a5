import Foundation
import Testing
@testable import SFNCostKit

/// `SourceLocation` keeps its file as an entry of the process-wide `FileNames` table instead of a
/// `String`. Every answer must be the one the stored `String` gave: this reference is the type as it
/// was (a stored name, everything synthesised), and each test compares the two on names where an
/// interned identity could go wrong.
@Suite struct SourceLocationFileNameTests {
    /// The library's type (Testing has a `SourceLocation` of its own).
    private typealias Location = SFNCostKit.SourceLocation

    private struct Reference: Hashable, Comparable, Codable {
        var file: String
        var line: Int
        var column: Int

        static func < (lhs: Reference, rhs: Reference) -> Bool {
            (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
        }
    }

    /// Empty; ASCII (small and heap-sized); `é` as one scalar and as `e` + U+0301 (equal `String`s,
    /// different bytes) and the same pair at the end of a long path; non-ASCII that sorts above and
    /// below ASCII; `//`, trailing `/`, `.`, `..`; a name with a NUL and one with a line break.
    static let names: [String] = [
        "", "a", "b.json", "Z", "caf\u{E9}.yaml", "cafe\u{301}.yaml",
        "templates/very/long/directory/name/caf\u{E9}.asl.json",
        "templates/very/long/directory/name/cafe\u{301}.asl.json",
        "\u{1F600}.yaml", "\u{FF21}", "a//b", "dir/", ".", "..", "a\u{0}b", "a\nb",
    ]

    static let positions = [(1, 1), (1, 2), (2, 1), (10, 5)]

    private static var pairs: [(Location, Reference)] {
        names.flatMap { name in
            positions.map { (Location(file: name, line: $0.0, column: $0.1), Reference(file: name, line: $0.0, column: $0.1)) }
        }
    }

    @Test func fileGivesBackTheSameBytes() {
        for name in Self.names {
            let location = Location(file: name, line: 3, column: 4)
            #expect(Array(location.file.utf8) == Array(name.utf8), "\(Array(name.utf8))")
            #expect(location.line == 3 && location.column == 4)
        }
        // The two spellings of café stay two spellings, whichever was interned first.
        #expect(Array(Location(file: "x/e\u{301}", line: 1, column: 1).file.utf8) == Array("x/e\u{301}".utf8))
        #expect(Array(Location(file: "x/\u{E9}", line: 1, column: 1).file.utf8) == Array("x/\u{E9}".utf8))
    }

    @Test func settingTheFileChangesOnlyTheFile() {
        var location = Location(file: "first.json", line: 7, column: 8)
        location.file = "cafe\u{301}.yaml"
        #expect(Array(location.file.utf8) == Array("cafe\u{301}.yaml".utf8))
        #expect(location == Location(file: "caf\u{E9}.yaml", line: 7, column: 8))
        #expect(location.line == 7 && location.column == 8)
    }

    @Test func equalityHashAndOrderAreTheStoredNames() {
        let pairs = Self.pairs
        for (left, leftReference) in pairs {
            #expect(left.hashValue == leftReference.hashValue, "\(leftReference)")
            #expect(left.description == "\(leftReference.file):\(leftReference.line):\(leftReference.column)")
            for (right, rightReference) in pairs {
                #expect((left == right) == (leftReference == rightReference), "\(leftReference) == \(rightReference)")
                #expect((left < right) == (leftReference < rightReference), "\(leftReference) < \(rightReference)")
            }
        }
        // The canonically equal spellings are one location, as equal Strings were.
        #expect(Location(file: "caf\u{E9}.yaml", line: 1, column: 1) == Location(file: "cafe\u{301}.yaml", line: 1, column: 1))
        #expect(Set(pairs.map(\.0)).count == Set(pairs.map(\.1)).count)
    }

    @Test func sortsAsTheStoredNamesSorted() {
        let pairs = Self.pairs.reversed()
        let sorted = pairs.map(\.0).sorted().map { "\($0.file)|\($0.line)|\($0.column)" }
        let expected = pairs.map(\.1).sorted().map { "\($0.file)|\($0.line)|\($0.column)" }
        // Canonically equal names are equal for the sort, so compare as the sort sees them.
        #expect(sorted.count == expected.count)
        for (got, want) in zip(sorted, expected) { #expect(got == want) }
    }

    @Test func encodesAndDecodesAsTheStoredName() throws {
        // Sorted keys: this JSONEncoder does not write keys in a fixed order otherwise.
        let plain = JSONEncoder()
        plain.outputFormatting = [.sortedKeys]
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys, .prettyPrinted]
        for (location, reference) in Self.pairs {
            #expect(try plain.encode(location) == plain.encode(reference))
            #expect(try sorted.encode(location) == sorted.encode(reference))
            let decoded = try JSONDecoder().decode(Location.self, from: plain.encode(reference))
            #expect(Array(decoded.file.utf8) == Array(reference.file.utf8))
            #expect(decoded.line == reference.line && decoded.column == reference.column)
        }
        // A missing or mistyped field fails as the synthesised decoder failed.
        for bad in [#"{"line":1,"column":1}"#, #"{"file":"a","line":"1","column":1}"#, #"{"file":1,"line":1,"column":1}"#] {
            let ours = Result { try JSONDecoder().decode(Location.self, from: Data(bad.utf8)) }
            let theirs = Result { try JSONDecoder().decode(Reference.self, from: Data(bad.utf8)) }
            guard case .failure(let ourError) = ours, case .failure(let theirError) = theirs else {
                Issue.record("\(bad) decoded")
                continue
            }
            #expect(String(describing: ourError) == String(describing: theirError))
        }
    }

    /// Names interned from many threads at once each come back as given (the table is shared).
    @Test func internsFromManyThreads() {
        let names = (0..<400).map { "threads/\($0 % 37)/n\u{E9}\($0 % 11).json" }
        let results = UnsafeMutableBufferPointer<Location?>.allocate(capacity: names.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            shared[index] = Location(file: names[index], line: index + 1, column: 1)
        }
        for (index, name) in names.enumerated() {
            #expect(results[index]?.file == name && results[index]?.line == index + 1)
        }
    }
}
