import Testing

@testable import OknoJSON

@Suite("JSON strings")
struct JSONStringTests {
    @Test(
        "unescapes every escape sequence",
        arguments: [
            (#""\"""#, "\""),
            (#""\\""#, "\\"),
            (#""\/""#, "/"),
            (#""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"),
            (#""\u0041""#, "A"),
            (#""\u0000""#, "\u{00}"),
            (#""\u001f\u001F""#, "\u{1F}\u{1F}"),
            (#""\u00e9\u00E9""#, "éé"),
            (#""\uFFFF""#, "\u{FFFF}"),
            (#""a\nb\tc""#, "a\nb\tc"),
            (#""plain then \"escaped\"""#, "plain then \"escaped\""),
        ] as [(String, String)]
    )
    func unescapes(text: String, expected: String) throws {
        #expect(try parse(text) == .string(expected))
    }

    @Test(
        "decodes Russian text and emoji written as escapes",
        arguments: [
            (#""\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440""#, "Привет, мир"),
            (#""\u0401\u0451\u0419\u0439""#, "ЁёЙй"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\uD83D\uDC4B\uD83C\uDFFD""#, "👋🏽"),
            (#""\uD800\uDC00""#, "\u{10000}"),
            (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
            (#""\u0416 \ud83d\ude80 ok""#, "Ж 🚀 ok"),
        ] as [(String, String)]
    )
    func decodesEscapedUnicode(text: String, expected: String) throws {
        #expect(try parse(text) == .string(expected))
    }

    @Test(
        "keeps Russian text and emoji written as raw UTF-8",
        arguments: ["Привет, мир", "Съешь ещё этих мягких французских булок", "😀👋🏽🇷🇺", "ёлка 🎄 \u{7F}"]
    )
    func keepsRawUnicode(string: String) throws {
        let document = "\"" + string + "\""
        #expect(try parse(document) == .string(string))
        #expect(JSONValue.string(string).serializedString() == document)
    }

    @Test(
        "accepts UTF-8 at each edge of the well-formed ranges",
        arguments: [0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x1_0000, 0x10_FFFF] as [UInt32]
    )
    func acceptsWellFormedEdges(scalar: UInt32) throws {
        let string = String(Unicode.Scalar(scalar)!)
        #expect(try JSONParser.parse([0x22] + Array(string.utf8) + [0x22]) == .string(string))
    }

    @Test("unescapes object keys too")
    func unescapesKeys() throws {
        let object = try #require(try parse(#"{"\u043a\u043b\u044e\u0447":1}"#).objectValue)
        #expect(object.keys == ["ключ"])
    }

    @Test("reuses no state between strings of one document")
    func keepsStringsIndependent() throws {
        #expect(try parse(#"["a\nb","c","\u0064\"e"]"#) == ["a\nb", "c", "d\"e"])
    }
}
