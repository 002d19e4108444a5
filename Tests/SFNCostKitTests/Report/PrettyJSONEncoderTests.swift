import Foundation
import Testing
@testable import SFNCostKit

/// `PrettyJSONEncoder` writes the bytes of Foundation's `JSONEncoder` (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`) followed by `DisplayText.jsonSafe`. Foundation's encoder is the reference
/// here, called directly (not through `JSONRenderer`), on reports, explanations and diffs built
/// through the library, and on hand-made values with hostile strings and numbers.
@Suite struct PrettyJSONEncoderTests {
    /// The reference: Foundation's encoder, then jsonSafe, as the renderer did before the encoder.
    static func reference<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return DisplayText.jsonSafe(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// The streaming encoder's text; nil when it left the value to Foundation.
    static func streamed<T: Encodable>(_ value: T) -> String? {
        PrettyJSONEncoder.encode(value, trailingNewline: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Written by the streaming encoder itself (not by the fallback) and equal to the reference.
    static func expectSame<T: Encodable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = try reference(value)
        let actual = try #require(streamed(value), "left to Foundation", sourceLocation: sourceLocation)
        if actual != expected {
            let difference = zip(actual.utf8, expected.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actual.utf8.count, expected.utf8.count)
            let context = { (text: String) in String(decoding: text.utf8.dropFirst(max(0, difference - 80)).prefix(160), as: UTF8.self) }
            Issue.record("differs at byte \(difference):\n--- streamed\n\(context(actual))\n--- Foundation\n\(context(expected))",
                         sourceLocation: sourceLocation)
        }
        // And through the public entry points.
        #expect(String(decoding: try JSONRenderer.encode(value), as: UTF8.self) == expected, sourceLocation: sourceLocation)
    }

    // MARK: Reports, explanations and diffs built through the library

    static let examples = ["daily-ingest", "s3-fanout", "quality-checks", "micro-batch"]

    static func exampleOutcome(_ name: String) -> Estimator.Outcome {
        let directory = Fixtures.path("examples/\(name)")
        let profile = directory + "/usage.yml"
        return Estimator.run(.init(paths: [directory],
                                   profilePath: FileManager.default.fileExists(atPath: profile) ? profile : nil))
    }

    @Test(arguments: examples)
    func exampleReportsExplanationsAndDiffs(_ name: String) throws {
        let outcome = Self.exampleOutcome(name)
        let report = try #require(outcome.report)
        #expect(!report.stateMachines.isEmpty)
        try Self.expectSame(report)
        #expect(try JSONRenderer.render(report) == Self.reference(report) + "\n")
        for (index, analysis) in outcome.analyses.enumerated() {
            try Self.expectSame(Explanation.build(analysis, report: report.stateMachines[index], pricing: report.pricing))
        }
        // Against the same machines with default usage, in another region with the free tier.
        let plain = try #require(Estimator.run(.init(paths: [Fixtures.path("examples/\(name)")], region: "eu-west-1", freeTier: true)).report)
        try Self.expectSame(plain)
        var budgeted = report
        budgeted.budgets = BudgetLimits(monthly: Money(Decimal(string: "12.5")!), maxIncrease: "10%", monthlySource: "usage.yml:3:5",
                                        machines: [.init(machine: report.stateMachines[0].name, monthly: Money(1), entry: "*", source: "usage.yml:9:7")])
        try Self.expectSame(budgeted)
        var diff = try ReportDiffer.diff(base: plain, basePath: "base.json", head: budgeted, headPath: "head.json")
        diff.budgetStatus = BudgetCheck.evaluate(diff)
        try Self.expectSame(diff)
    }

    /// The whole corpus as one report (Tests/Corpus: 440 ASL, SAM, CloudFormation, CDK and Terraform
    /// files), the report `estimate Tests/Corpus --format json` writes.
    @Test func corpusReport() throws {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("Tests/Corpus")]))
        let report = try #require(outcome.report)
        #expect(report.stateMachines.count > 300)
        try Self.expectSame(report)
        // What is written reads back, and is written again the same.
        let text = try JSONRenderer.render(report)
        let decoded = try JSONRenderer.decode(Data(text.utf8))
        #expect(decoded.stateMachines.count == report.stateMachines.count)
        #expect(try JSONRenderer.render(decoded) == text)
    }

    @Test func corpusExplanations() throws {
        let outcome = Estimator.run(.init(paths: [Fixtures.corpus("asl")]))
        let report = try #require(outcome.report)
        for (index, analysis) in outcome.analyses.enumerated() where index % 7 == 0 {
            try Self.expectSame(Explanation.build(analysis, report: report.stateMachines[index], pricing: report.pricing))
        }
    }

    @Test func hostileNamesReport() throws {
        let directory = try HostileInputs.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = Estimator.run(.init(paths: [directory.path]))
        let report = try #require(outcome.report)
        try Self.expectSame(report)
        try Self.expectSame(Explanation.build(outcome.analyses[0], report: report.stateMachines[0], pricing: report.pricing))
    }

    // MARK: Hand-made values

    /// Every escape Foundation or jsonSafe writes, and characters that must stay as they are.
    static let hostileStrings: [String] = {
        var strings = [
            "", "plain", "a/b/c", "\"quoted\"", "back\\slash", "\\u001b", "tab\there", "line\nbreak", "cr\rlf\n",
            "\u{8}\u{c}", "\u{0}", "\u{1}\u{1f}", "\u{1b}[31mred", "del\u{7f}", "c1\u{80}\u{85}\u{9f}", "nbsp\u{a0}",
            "ls\u{2028}ps\u{2029}", "bidi\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}", "isolates\u{2066}\u{2067}\u{2068}\u{2069}",
            "marks\u{200e}\u{200f}\u{61c}", "bom\u{feff}", "zwsp\u{200b}", "é", "e\u{301}", "Å\u{30a}", "日本語",
            "😀", "👩‍👩‍👧", "🏳️‍🌈", "\u{10ffff}", "\u{e000}", "\u{fffd}", "::error::x", "##[group]", "$x`y`",
            "mixed \"\\/\u{1}\u{7f}\u{202e}😀é\n",
        ]
        // Every C0 control, DEL and every C1 control on its own.
        strings += (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        strings += (0x7F...0x9F).map { String(Character(Unicode.Scalar($0)!)) }
        return strings
    }()

    @Test func hostileStrings() throws {
        try Self.expectSame(Self.hostileStrings)
        for string in Self.hostileStrings { try Self.expectSame(string) }
        // As keys too (a dictionary's keys are its object's keys, sorted by their UTF-8 bytes).
        try Self.expectSame(Dictionary(Self.hostileStrings.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Each character that needs an escape, at every offset of a longer plain ASCII string: the
    /// encoder skips plain text eight bytes at a time, and must still see it wherever it stands.
    @Test func escapesAtEveryOffset() throws {
        let specials = (0..<0x20).map { Unicode.Scalar(UInt8($0)) } + ["\"", "\\", "/", "\u{7f}", "\u{80}", "\u{9f}", "\u{a0}",
                                                                       "\u{61c}", "\u{200e}", "\u{2028}", "\u{202e}", "\u{2069}", "\u{feff}", "é", "😀"]
        var strings: [String] = []
        for special in specials {
            for offset in 0...17 {
                var scalars = String.UnicodeScalarView("abcdefghijklmnopqrstuvwx".unicodeScalars)
                scalars.insert(special, at: scalars.index(scalars.startIndex, offsetBy: offset))
                strings.append(String(scalars))
            }
        }
        try Self.expectSame(strings)
        for string in strings { #expect(Self.streamed(string) == (try Self.reference(string)), "\(string.debugDescription)") }
    }

    /// Every BMP scalar and some beyond, 512 to a string: each is escaped or copied as jsonSafe does.
    @Test func everyScalar() throws {
        var scalars = Array(0..<0xD800) + Array(0xE000..<0x10000) + Array(stride(from: 0x10000, through: 0x10FFFF, by: 997))
        scalars.append(0x10FFFF)
        var strings: [String] = []
        var index = 0
        while index < scalars.count {
            var string = String.UnicodeScalarView()
            for value in scalars[index..<min(index + 512, scalars.count)] { string.append(Unicode.Scalar(UInt32(value))!) }
            strings.append(String(string))
            index += 512
        }
        try Self.expectSame(strings)
    }

    static let doubles: [Double] = {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.5, 1e-7, 1e-4, 1e-5, 0.0001, 0.00001, 1e15, 1e16, 1e17, 1e21, 1e22, -1e21,
            123456789.123, 1234567890123456789, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 100, 1000000, 33_000.5, 206.9233805,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude,
            -.leastNonzeroMagnitude, 5e-324, 2.2250738585072009e-308, 1.8446744073709552e19, 2.5e198, 1e300, 1e-300,
            9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_993, -9_007_199_254_740_992,
            4_503_599_627_370_496, 4_503_599_627_370_495.5, Double(Int64.max), Double(Int64.min), Double(UInt64.max),
            .pi, -.pi, .ulpOfOne, 1 + .ulpOfOne, 0.999999999999, 1.5, 2.5, 12.0, -12.0,
        ]
        for exponent in -330...310 {
            values.append(Double("1e\(exponent)")!)
            values.append(Double("-4.9e\(exponent)")!)
            values.removeAll { !$0.isFinite }  // 1e309 and beyond
        }
        // Whole numbers and halves around every power of two up to 2^64 (the exponent threshold is 2^53).
        for power in 0...64 {
            let base = Double(sign: .plus, exponent: power, significand: 1)
            values += [base - 1, base, base + 1, base - 0.5, base + 0.5, -base, -(base + 1)]
        }
        // Deterministic pseudo-random bit patterns (an LCG): every kind of finite double.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while values.count < 6000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let value = Double(bitPattern: state)
            if value.isFinite { values.append(value) }
            values.append(Double(Int64(truncatingIfNeeded: state >> 11)) / 1024)
        }
        return values
    }()

    @Test func doubles() throws {
        try Self.expectSame(Self.doubles)
        // One at a time: a difference names the value.
        for value in Self.doubles {
            #expect(Self.streamed(value) == (try Self.reference(value)), "\(value)")
        }
        // Through a keyed container and a single-value wrapper too.
        try Self.expectSame(Self.doubles.map { Figure(expected: $0, worstCase: -$0) })
        try Self.expectSame(Self.doubles.map { StateVisits(scope: "s", state: "x", expectedVisits: $0) })
    }

    @Test func floatsAndIntegers() throws {
        let floats: [Float] = [0, -0.0, 1, 0.1, 1e-7, 1e21, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 16_777_216, 3.4e38, -2.5]
        try Self.expectSame(floats)
        for value in floats { #expect(Self.streamed(value) == (try Self.reference(value))) }
        try Self.expectSame(Integers())
        try Self.expectSame([Int.min, Int.max, 0, -1, 1, 10, -10, 999, 1000])
        try Self.expectSame([UInt64.max, 0, 1, 10_000_000_000_000_000_000])
        try Self.expectSame([Int8.min, Int8.max])
    }

    struct Integers: Encodable {
        var int = Int.min, int8 = Int8.min, int16 = Int16.min, int32 = Int32.min, int64 = Int64.min
        var uint = UInt.max, uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max
        var zero = 0, negative = -42, yes = true, no = false
    }

    @Test func decimals() throws {
        let texts = ["0", "-0", "1", "-1", "0.1", "0.00000001", "12.5", "123456789012345678901234567890.12345678",
                     "18446744073709551615", "1000001000001000001", "1e30", "-1e30", "1e-30", "99999999999999999999999999999999999999",
                     "3.14159265358979323846264338327950288", "0.000000000000000000000000000000000000001", "1e100", "-7.25e-90"]
        let values = texts.map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! } + [Decimal.greatestFiniteMagnitude, Decimal.leastNonzeroMagnitude]
        try Self.expectSame(values)
        for value in values { #expect(Self.streamed(value) == (try Self.reference(value)), "\(value)") }
        // Money (a decimal string) and a whole-number count (Figure writes a Decimal).
        try Self.expectSame(values.filter { abs($0) <= Representable.limit }.map { Money($0) })
        try Self.expectSame([Figure(expected: 1, worstCase: 1.8446744073709552e19, worstCaseCount: UInt64.max),
                             Figure(expected: nil, worstCase: nil, worstCaseTooLarge: true)])
    }

    /// Keys written out of order, the largest member first, in the middle or last, nested.
    struct Shuffled: Codable {
        var zebra: [Int]
        var apple: String
        var mango: [String: [Int]]
        var Banana: Int?  // omitted when nil (synthesized encodeIfPresent)
        var kiwi: [Shuffled]? = nil
        @NullEncoded var lime: [String]? = nil  // null when nil
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nothing = Nothing()
        var nested: [[String]] = [[], [""], ["a", "b"]]
    }

    /// Encodes nothing: Foundation writes an empty object.
    struct Nothing: Codable {
        init() {}
        init(from decoder: Decoder) throws {}
        func encode(to encoder: Encoder) throws {}
    }

    @Test func keyOrderEmptyContainersAndNil() throws {
        for size in [0, 1, 5, 40] {
            let small = Shuffled(zebra: Array(0..<size), apple: String(repeating: "x", count: size * 3),
                                 mango: ["b": Array(0..<size), "a": [], "B": [1], "aa": Array(0..<(size * 2))], Banana: size == 5 ? 5 : nil)
            var outer = small
            outer.kiwi = [small, small]
            outer.lime = ["lime"]
            outer.zebra = []
            try Self.expectSame(small)
            try Self.expectSame(outer)
            try Self.expectSame([outer])
        }
        try Self.expectSame(Nothing?.none)
        try Self.expectSame([Nothing()])
        try Self.expectSame([[Int]]())
        try Self.expectSame([[[Int]]]([[], [[]]]))
        try Self.expectSame([String: [String: Int]]())
        try Self.expectSame(["": [String: Int](), "x": ["y": 1]])
    }

    /// Dictionaries of random shapes (their order of encoding follows the hash seed): every way of
    /// reordering members, the largest anywhere.
    @Test func randomObjects() throws {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        indirect enum RandomNode: Encodable {
            case object([String: RandomNode]), array([RandomNode]), text(String), number(Double)
            func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .object(let members): try container.encode(members)
                case .array(let elements): try container.encode(elements)
                case .text(let text): try container.encode(text)
                case .number(let number): try container.encode(number)
                }
            }
        }
        let keys = ["a", "b", "ab", "B", "Z", "_", "a1", "a10", "a9", "é", "z", "\u{7f}", "\"", "state", "states", "stateMachines"]
        func node(_ depth: Int) -> RandomNode {
            switch depth > 4 ? 2 + next(2) : next(4) {
            case 0: return .object(Dictionary((0..<next(12)).map { _ in (keys[next(keys.count)], node(depth + 1)) }, uniquingKeysWith: { a, _ in a }))
            case 1: return .array((0..<next(6)).map { _ in node(depth + 1) })
            case 2: return .text(String(repeating: "y", count: next(200)))
            default: return .number(Double(next(1000)) / 8)
            }
        }
        for _ in 0..<300 { try Self.expectSame(node(0)) }
    }

    @Test func deepButSupportedNesting() throws {
        var value: Node = .leaf
        for _ in 0..<300 { value = .branch([value]) }
        try Self.expectSame(value)
    }

    indirect enum Node: Encodable {
        case leaf, branch([Node])
        func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            if case .branch(let children) = self { for child in children { try container.encode(child) } }
        }
    }

    // MARK: What is left to Foundation

    /// Left to Foundation by the streaming encoder, and written (or refused) by it exactly as before.
    static func expectLeftToFoundation<T: Encodable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(streamed(value) == nil, sourceLocation: sourceLocation)
        let expected = Result { try reference(value) }
        let actual = Result { String(decoding: try JSONRenderer.encode(value), as: UTF8.self) }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)):
            #expect(actual == expected, sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let actual)):
            #expect(String(describing: actual) == String(describing: expected), sourceLocation: sourceLocation)
        default:
            Issue.record("reference \(expected), renderer \(actual)", sourceLocation: sourceLocation)
        }
    }

    struct NestedContainers: Encodable {
        enum Keys: String, CodingKey { case outer, list, b, a }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .b)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .outer)
            try nested.encode("x", forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(2)
            try container.encode(3, forKey: .a)
        }
    }

    struct SuperEncoder: Encodable {
        enum Keys: String, CodingKey { case a }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            try "super".encode(to: container.superEncoder())
        }
    }

    struct ReadsCodingPath: Encodable {
        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(encoder.codingPath.map(\.stringValue).joined(separator: "."))
        }
    }

    struct DuplicateKey: Encodable {
        enum Keys: String, CodingKey { case b, a }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .b)
            try container.encode(2, forKey: .a)
            try container.encode(3, forKey: .b)
        }
    }

    struct WithData: Encodable { var data = Data([0, 1, 2, 255]); var url = URL(string: "https://example.com/a b")! }

    @Test func leftToFoundation() {
        Self.expectLeftToFoundation(NestedContainers())
        Self.expectLeftToFoundation(SuperEncoder())
        Self.expectLeftToFoundation(["x": ReadsCodingPath()])
        Self.expectLeftToFoundation(DuplicateKey())
        Self.expectLeftToFoundation(WithData())
        Self.expectLeftToFoundation(URL(string: "https://example.com/")!)
        Self.expectLeftToFoundation(Nothing())  // a top-level value that encodes nothing: Foundation throws
        // NaN and infinity: Foundation throws, naming the coding path.
        Self.expectLeftToFoundation([1, Double.nan])
        Self.expectLeftToFoundation(["a": Double.infinity])
        Self.expectLeftToFoundation(Figure(expected: -.infinity, worstCase: 1))
        Self.expectLeftToFoundation([Float.nan])
        // Deeper than Foundation's 512 containers: it throws.
        var deep: Node = .leaf
        for _ in 0..<600 { deep = .branch([deep]) }
        Self.expectLeftToFoundation(deep)
    }

    /// A report with a non-finite figure cannot be written (as before): the error is Foundation's.
    @Test func nonFiniteReportFigureIsAnError() throws {
        var report = try #require(Self.exampleOutcome("daily-ingest").report)
        report.stateMachines[0].executionsPerMonth = .nan
        #expect(throws: EncodingError.self) { try JSONRenderer.render(report) }
    }
}
