import Foundation
import Testing
@testable import SFNCostKit

/// The byte scan for `DefinitionUri` values in a broken template must capture exactly what the
/// regular expression captures, in the same order.
@Suite struct DefinitionURIScanTests {
    static let texts = [
        "DefinitionUri: statemachine/flow.asl.json\n",
        "  \"DefinitionUri\": \"statemachine/flow.asl.json\",\n",
        "DefinitionUri : 'a.json' DefinitionUri:\"b.yaml\" DefinitionUri:c",
        "DefinitionUri:\n\t  \r\n  x.json",
        "DefinitionUri\":x DefinitionUri\" :y DefinitionUri \":z",
        "DefinitionUri: \"\" DefinitionUri: '' DefinitionUri: {Bucket: b} DefinitionUri: #c DefinitionUri:",
        "DefinitionUri: ${Var} DefinitionUri: a${Var}b DefinitionUri: a#b DefinitionUri: a}b{c",
        "DefinitionUri: fooDefinitionUri:bar DefinitionUri: x",
        "DefinitionUriDefinitionUri: x", "DDefinitionUri: y", "definitionuri: lower", "DefinitionUr: short",
        "DefinitionUri: \"\"x.json", "DefinitionUri: ''\"x\"", "DefinitionUri:\u{0C}formfeed", "DefinitionUri:",
        "DefinitionUri", "", "DefinitionUri: a:b:c/d.json,e", "DefinitionUri: [x.json]", "DefinitionUri:\u{01}ctrl",
        // Outside the scan (non-ASCII, vertical tab): the expression answers.
        "DefinitionUri: caf\u{E9}.json", "DefinitionUri:\u{0B}vt.json", "DefinitionUri:\u{A0}nbsp.json",
        "DefinitionUri: a\u{2003}b", "DefinitionUri: e\u{301}.json",
    ]

    @Test func theScanCapturesWhatTheExpressionCaptures() throws {
        var texts = Self.texts
        // The corpus's templates, broken or not: real layouts of the key.
        let folder = Fixtures.corpus("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            texts.append(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
        }
        var scanned = 0
        for text in texts {
            let expected = DefinitionURIScan.expressionValues(in: text)
            #expect(DefinitionURIScan.values(in: text) == expected, "\(text.prefix(80).debugDescription)")
            if let values = DefinitionURIScan.scannedValues(in: text) {
                #expect(values == expected, "\(text.prefix(80).debugDescription)")
                if !values.isEmpty { scanned += 1 }
            }
        }
        // The scan must have been used, and found values (else the comparison proves nothing).
        #expect(scanned > 50)
        #expect(DefinitionURIScan.scannedValues(in: "DefinitionUri: caf\u{E9}.json") == nil)
        #expect(DefinitionURIScan.scannedValues(in: "DefinitionUri:\u{0B}x") == nil)
        #expect(DefinitionURIScan.scannedValues(in: "DefinitionUri: fooDefinitionUri:bar DefinitionUri: x") == ["fooDefinitionUri:bar", "x"])
    }
}
