import Testing
@testable import SFNCostKit

/// The YAML reader builds the located tree from libyaml's events (`YAMLEventReader`). Each expected
/// line and column below is counted by hand in the YAML text of its test (1-based; a node's position
/// is where its anchor, tag or first character is).
@Suite struct YAMLEventReaderTests {
    private func parse(_ text: String) throws -> SourceNode {
        try SourceDocument.parse(text, file: "t.yaml")
    }

    private func error(_ text: String) -> Diagnostic? {
        do {
            _ = try SourceDocument.parse(text, file: "t.yaml")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func valuesKeysAndElementsAreLocated() throws {
        // Line 3 is "  - x", the element starts at column 5; "b" is the key of line 2, column 1.
        let root = try parse("a: 1\nb:\n  - x\n  - {c: true}\n")
        #expect(root.location.line == 1 && root.location.column == 1)
        #expect(root.member("b")?.keyLocation.line == 2)
        let elements = try #require(root["b"]?.elements)
        #expect(elements.count == 2)
        #expect(elements[0].string == "x" && elements[0].location.line == 3 && elements[0].location.column == 5)
        // "  - {c: true}": the flow mapping opens at column 5, its value `true` at column 9.
        #expect(elements[1].location.column == 5)
        #expect(elements[1]["c"]?.bool == true && elements[1]["c"]?.location.column == 9)
        #expect(root.members?.map(\.key) == ["a", "b"])
    }

    /// Plain scalars are typed as JSON types them; every quoted or block scalar is a string.
    @Test func plainScalarsAreTypedQuotedOnesAreStrings() throws {
        let root = try parse("""
            s: [1e5, .5, +1, -0, 0x10, 1_000, yes, No, ~, Null, TRUE, False, "5", '~', 12e, e5, .inf, -.]
            e:
            """)
        let values = try #require(root["s"]?.elements)
        // 0x10 and 1_000 hold characters outside digits, signs, points and e; 12e does not parse as
        // a Double; e5 does not start with a digit, sign or point; .inf holds letters; -. does not parse.
        #expect(values.map(\.kindName) == ["a number", "a number", "a number", "a number", "a string", "a string",
                                           "a string", "a string", "null", "null", "a boolean", "a boolean",
                                           "a string", "a string", "a string", "a string", "a string", "a string"])
        #expect(values[0].double == 100_000)
        #expect(values[2].integer == 1)
        #expect(values[11].bool == false)
        #expect(values[12].string == "5" && values[13].string == "~")
        #expect(root["e"]?.isNull == true) // an empty value is null
    }

    @Test func localTagsAreKeptStandardOnesAreNot() throws {
        let root = try parse("""
            r: !Ref Bucket
            g: !GetAtt [Fn, Arn]
            s: !Sub {a: 1}
            t: !!str 5
            n: ! 7
            e: !Ref
            """)
        #expect(root["r"]?.tag == "!Ref" && root["r"]?.string == "Bucket")
        #expect(root["g"]?.tag == "!GetAtt" && root["g"]?.elements?.count == 2)
        #expect(root["s"]?.tag == "!Sub" && root["s"]?["a"]?.double == 1)
        // `!!str` is tag:yaml.org,2002:str: not kept, and the scalar is plain, so typed (a number).
        #expect(root["t"]?.tag == nil && root["t"]?.kindName == "a number")
        // The non-specific tag `!` is not kept either.
        #expect(root["n"]?.tag == nil)
        // A tag with no value is an empty plain scalar: null, tag kept.
        #expect(root["e"]?.tag == "!Ref" && root["e"]?.isNull == true)
    }

    @Test func literalBlocksAreMarked() throws {
        let root = try parse("l: |\n  one\n  two\nf: >\n  folded\nq: \"x\"\n")
        #expect(root["l"]?.isLiteralBlock == true && root["l"]?.string == "one\ntwo\n")
        #expect(root["f"]?.isLiteralBlock == false && root["f"]?.string == "folded\n")
        #expect(root["q"]?.isLiteralBlock == false)
    }

    /// An alias is a copy of its anchor's node, located where the anchor is; a later anchor of the
    /// same name shadows the earlier one; a merge key `<<` is an ordinary key (nothing is merged).
    @Test func aliasesCopyTheAnchoredNodeAndMergeKeysStayKeys() throws {
        let root = try parse("""
            one: &a 1
            base: &b
              Type: Pass
            copy: *b
            two: &a 2
            last: *a
            merged:
              <<: *b
              Comment: x
            """)
        #expect(root["copy"]?["Type"]?.string == "Pass")
        // The copy is located at the anchored mapping, which starts at its anchor `&b` (line 2,
        // column 7), not at `*b` (line 4).
        #expect(root["copy"]?.location.line == 2 && root["copy"]?.location.column == 7)
        #expect(root["copy"]?["Type"]?.location.line == 3 && root["copy"]?["Type"]?.location.column == 9)
        // `&a 2` (line 5, column 6) shadows `&a 1`.
        #expect(root["last"]?.double == 2 && root["last"]?.location.line == 5 && root["last"]?.location.column == 6)
        #expect(root["merged"]?.members?.map(\.key) == ["<<", "Comment"])
        #expect(root["merged"]?["Type"] == nil)
        #expect(root["merged"]?["<<"]?["Type"]?.string == "Pass")
    }

    /// An alias may be a key; it is the anchored scalar's text.
    @Test func aScalarAliasCanBeAKey() throws {
        let root = try parse("k: &k Name\n*k : v\n")
        #expect(root.members?.map(\.key) == ["k", "Name"])
        #expect(root["Name"]?.string == "v")
    }

    @Test func undefinedAndSelfReferringAliasesAreErrors() {
        // `*nowhere` starts at line 1, column 10.
        let undefined = error("StartAt: *nowhere\n")
        #expect(undefined?.code == "Input.Syntax" && undefined?.message == "not valid JSON or YAML: found undefined alias")
        #expect(undefined?.location?.line == 1 && undefined?.location?.column == 10)
        // An anchor names its node once the node is complete: inside itself it is not defined yet.
        // "a: &x [1, *x]": the alias is at column 11.
        let selfReferring = error("a: &x [1, *x]\n")
        #expect(selfReferring?.code == "Input.Syntax" && selfReferring?.location?.column == 11)
    }

    /// A duplicate is reported at its second occurrence, with the line of the first, however the key
    /// is quoted.
    @Test func duplicateKeysAreReportedAtTheSecondOccurrence() {
        let plain = error("StartAt: A\nStates:\n  A:\n    Type: Pass\n  A:\n    Type: Succeed\n")
        #expect(plain?.code == "Input.DuplicateKey")
        #expect(plain?.message == "duplicate key 'A' (first at line 3): a state name or field may appear only once")
        #expect(plain?.location?.line == 5 && plain?.location?.column == 3)
        // Single-quoted second spelling: line 2, column 1.
        let quoted = error("StartAt: A\n'StartAt': B\n")
        #expect(quoted?.message == "duplicate key 'StartAt' (first at line 1): a state name or field may appear only once")
        #expect(quoted?.location?.line == 2 && quoted?.location?.column == 1)
        // In a flow mapping: "x: {A: 1, B: 2, A: 3}" — the second A is at column 17.
        let flow = error("x: {A: 1, B: 2, A: 3}\n")
        #expect(flow?.location?.line == 1 && flow?.location?.column == 17)
        // A third occurrence does not move the report: the second (line 3) is named.
        let thrice = error("x: 1\ny: 2\nx: 3\nx: 4\n")
        #expect(thrice?.message == "duplicate key 'x' (first at line 1): a state name or field may appear only once")
        #expect(thrice?.location?.line == 3)
    }

    /// Of several duplicated keys in one mapping, the alphabetically first is named (as before).
    @Test func ofSeveralDuplicatesTheAlphabeticallyFirstIsNamed() {
        let both = error("Z: 1\nB: 2\nZ: 3\nB: 4\n")
        #expect(both?.message == "duplicate key 'B' (first at line 2): a state name or field may appear only once")
        #expect(both?.location?.line == 4)
    }

    /// Keys are the same when their text and tag are: `!Ref A` and `A` are two keys.
    @Test func aTaggedKeyIsADifferentKey() throws {
        let root = try parse("A: 1\n!Ref A: 2\n")
        #expect(root.members?.count == 2)
        #expect(error("!Ref A: 1\n!Ref A: 2\n")?.code == "Input.DuplicateKey")
        // `!!str` resolves to the string tag, as an untagged key does.
        #expect(error("A: 1\n!!str A: 2\n")?.code == "Input.DuplicateKey")
    }

    /// The innermost mapping is checked when it ends, so its duplicate is reported before one of an
    /// enclosing mapping, and a syntax error later in a mapping before that mapping's duplicate.
    @Test func errorsComeInTheComposersOrder() {
        let inner = error("S: 1\nS: 2\nT:\n  A: {Type: Pass, Type: Succeed}\n")
        // "  A: {Type: Pass, Type: Succeed}": the second Type is at column 19.
        #expect(inner?.location?.line == 4 && inner?.location?.column == 19)
        let syntax = error("S: 1\nS: 2\nT: [\n")
        #expect(syntax?.code == "Input.Syntax")
    }

    @Test func aKeyThatIsNotAScalarIsRejected() {
        // "? [a, b]": the key sequence starts at column 3.
        let complex = error("? [a, b]\n: 1\n")
        #expect(complex?.code == "Input.ComplexKey" && complex?.message == "object keys must be strings")
        #expect(complex?.location?.line == 1 && complex?.location?.column == 3)
        // An alias of a mapping as a key: located at the anchored mapping ("x: &m {a: 1}", column 4).
        let aliased = error("x: &m {a: 1}\n? *m\n: 2\n")
        #expect(aliased?.code == "Input.ComplexKey" && aliased?.location?.line == 1 && aliased?.location?.column == 4)
        // A syntax error anywhere comes before it.
        #expect(error("? {a: 1}\n: 1\nS: [\n")?.code == "Input.Syntax")
    }

    @Test func aSecondDocumentIsAnError() {
        // The second document starts at its `---`, line 2, column 1.
        let second = error("a: 1\n---\nb: 2\n")
        #expect(second?.code == "Input.Syntax" && second?.message == "not valid JSON or YAML: but found another document")
        #expect(second?.location?.line == 2 && second?.location?.column == 1)
        #expect(error("a: 1\n...\n")?.code == nil)
    }

    @Test func aStreamWithoutADocumentIsEmpty() {
        let comments = error("# only a comment\n")
        #expect(comments?.code == "Input.Empty" && comments?.message == "file holds no document")
    }

    @Test func syntaxErrorsAreLocated() {
        // "   End: true" is indented 3 where the mapping is at 4: libyaml stops at line 5, column 4.
        let indent = error("StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n")
        #expect(indent?.message == "not valid JSON or YAML: did not find expected key")
        #expect(indent?.location?.line == 5 && indent?.location?.column == 4)
        // A BEL inside a string: libyaml's reader refuses it without a position; line 2, column 5.
        let bell = error("a: 1\nb: \"\u{07}\"\n")
        #expect(bell?.code == "Input.ControlCharacter")
        #expect(bell?.message == "control character U+0007 (BEL) is not allowed in JSON or YAML text; inside a string write it as an escape (\\u0007)")
        #expect(bell?.location?.line == 2 && bell?.location?.column == 5)
    }

    /// Aliases that expand past the value limit are refused at the value that crosses it, counted
    /// value by value in document order (aliases at their full size). `a` holds 11 values (the list
    /// and its 10 scalars), `b` 1 + 10 × 11 = 111, `c` 1,111, … `f` 1,111,111; with the root,
    /// 1,234,567 values come before `g`, whose list is the 1,234,568th. Of the 2,000,000, 765,432 are
    /// left for the first `*f`: its list (1), six copies of `e` (666,666), then in the 7th: its list,
    /// eight `d` (88,888), in the 9th its list, eight `c` (8,888), in the 9th its list, eight `b`
    /// (888), in the 9th its list, eight `a` (88), in the 9th its list and eight `x`: 0 left. The
    /// 9th `x` of `a`'s list is over: line 1, column 8 + 2 × 8 = 24 (a copy is located at its anchor).
    @Test func anAliasBombIsRefusedAtTheValueOverTheLimit() {
        let text = """
            a: &a [x,x,x,x,x,x,x,x,x,x]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
            """
        let bomb = error(text)
        #expect(bomb?.code == "Input.TooLarge")
        #expect(bomb?.message == "document expands to more than 2000000 values (aliases?)")
        #expect(bomb?.location?.line == 1 && bomb?.location?.column == 24)
    }
}
