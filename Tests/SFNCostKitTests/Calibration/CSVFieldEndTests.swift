import Foundation
import Testing
@testable import SFNCostKit

/// How a field ends, quoted or plain: a comma (the record goes on), LF, CR or CRLF (the record
/// ends), the end of the file, or a stray quote. Expectations read off RFC 4180 by hand.
@Suite struct CSVFieldEndTests {
    static func records(_ text: String) throws -> [[String]] {
        let path = try BillReconciliationTests.temporary(text)
        var reader = try CSVRecordReader(path: path)
        var out: [[String]] = []
        while let record = try reader.next() { out.append(try record.map { try $0.text() }) }
        return out
    }

    @Test func everyLineBreakEndsQuotedAndPlainFieldsAlike() throws {
        // "a" CR, then b CRLF, then "c" LF, then d at the end of the file: four records of one field.
        #expect(try Self.records("\"a\"\rb\r\n\"c\"\nd") == [["a"], ["b"], ["c"], ["d"]])
        // Commas after a quoted and a plain field keep the record going; a trailing comma is an empty field.
        #expect(try Self.records("\"x\",y,\r\n") == [["x", "y", ""]])
        // A quoted field that ends the file.
        #expect(try Self.records("p,\"q\"") == [["p", "q"]])
    }

    /// Where the stray quote was refused, or nil when the text was read (or failed otherwise).
    static func strayQuote(_ text: String) -> [Int]? {
        do { _ = try records(text) } catch let CSVRecordReader.Problem.strayQuote(line, column) { return [line, column] } catch {}
        return nil
    }

    @Test func strayQuotesAreRefusedWhereTheyStand() {
        // Text after a closing quote: `"ab"` takes columns 1–4, so the stray `z` is column 5.
        #expect(Self.strayQuote("\"ab\"z,1\n") == [1, 5])
        // A quote inside a plain field on line 2: `a` is column 1, the quote column 2.
        #expect(Self.strayQuote("ok\na\"b\n") == [2, 2])
    }
}
