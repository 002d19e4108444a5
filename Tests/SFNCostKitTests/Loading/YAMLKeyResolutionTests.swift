import Foundation
import Testing
@testable import SFNCostKit

/// YAML keys are compared by their text, as the located tree holds them (as with Yams' basic
/// resolver), and plain scalars are typed by sfncost (`YAMLEventReader`).
@Suite struct YAMLKeyResolutionTests {
    /// A plain `1` and a quoted `"1"` are both the key "1" in the tree; two of them would leave
    /// `node["1"]` meaning whichever came first, so they are a duplicate key.
    @Test func plainAndQuotedSpellingsOfOneKeyAreADuplicate() {
        #expect(throws: InputError.self) { try SourceDocument.parse("a: 0\n\"1\": x\n1: y\n", file: "keys.yaml") }
        do {
            _ = try SourceDocument.parse("a: 0\n\"1\": x\n1: y\n", file: "keys.yaml")
        } catch {
            #expect(error.diagnostics.first?.code == "Input.DuplicateKey")
        }
    }

    /// Typing stays sfncost's: plain `1e5` is a number, `yes` a string, `true` a bool, `~` null,
    /// quoted `"5"` a string, and a `!Ref` tag is kept.
    @Test func plainScalarsAreTypedAsBefore() throws {
        let root = try SourceDocument.parse("n: 1e5\ny: yes\nb: true\nz: ~\nq: \"5\"\nr: !Ref Bucket\n", file: "types.yaml")
        #expect(root["n"]?.double == 100_000)
        #expect(root["y"]?.string == "yes")
        #expect(root["b"]?.bool == true)
        #expect(root["z"]?.isNull == true)
        #expect(root["q"]?.string == "5")
        #expect(root["r"]?.tag == "!Ref")
        #expect(root["r"]?.string == "Bucket")
    }
}
