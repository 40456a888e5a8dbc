import Testing

@testable import OknoJSON

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test(
        "escapes quotes, backslashes and control characters only",
        arguments: [
            ("", #""""#),
            ("plain", #""plain""#),
            ("a\"b", #""a\"b""#),
            ("a\\b", #""a\\b""#),
            ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
            ("\u{00}", #""\u0000""#),
            ("\u{01}\u{1F}", #""\u0001\u001f""#),
            ("\u{0B}", #""\u000b""#),
            ("\u{7F} / '", "\"\u{7F} / '\""),
            ("Привет\n😀", "\"Привет\\n😀\""),
            ("\"\"", #""\"\"""#),
        ] as [(String, String)]
    )
    func escapesStrings(string: String, expected: String) {
        #expect(JSONValue.string(string).serializedString() == expected)
    }

    @Test("escapes object keys like strings")
    func escapesKeys() {
        #expect(JSONValue.object([("a\"\n", 1)]).serializedString() == #"{"a\"\n":1}"#)
    }

    @Test(
        "round-trips compact documents byte for byte",
        arguments: [
            "null",
            "[]",
            "{}",
            #"[[],{},[{}]]"#,
            #"{"a":[1,-0,2.5e-3,1E+2,true,false,null],"b":{"c":"\u0000 \" \\ \n"}}"#,
            #"{"Привет":"мир 😀","z":{"y":{"x":[]}}}"#,
            #"["\u001f","\b\f\r\t"]"#,
        ]
    )
    func roundTripsCompactDocuments(text: String) throws {
        #expect(try parse(text).serializedString() == text)
    }

    @Test(
        "writes compact output without whitespace and with unneeded escapes resolved",
        arguments: [
            (" { \"a\" : [ 1 , 2 ] } ", #"{"a":[1,2]}"#),
            (#""\u0041\/\u00e9\ud83d\ude00""#, #""A/é😀""#),
            (#""\u007f""#, "\"\u{7F}\""),
        ] as [(String, String)]
    )
    func writesCompactOutput(text: String, expected: String) throws {
        #expect(try parse(text).serializedString() == expected)
    }

    @Test("builds a response from literals in the order written")
    func buildsFromLiterals() throws {
        let value: JSONValue = [
            "id": 42,
            "name": "Окно",
            "ratio": 0.25,
            "tags": ["a", "b"],
            "active": true,
            "deleted": nil,
            "meta": .object([("z", 1), ("a", 2)]),
        ]
        let text =
            #"{"id":42,"name":"Окно","ratio":0.25,"tags":["a","b"],"active":true,"deleted":null,"meta":{"z":1,"a":2}}"#
        #expect(value.serializedString() == text)
        #expect(try parse(text) == value)
    }

    @Test("appends to an existing buffer")
    func appendsToBuffer() {
        var output = Array("data: ".utf8)
        JSONWriter.write([1, "x"], into: &output)
        #expect(String(decoding: output, as: UTF8.self) == #"data: [1,"x"]"#)
    }

    @Test("serializes to the same bytes as text")
    func serializesBytesAndText() {
        let value: JSONValue = ["k": "ё"]
        #expect(value.serialized() == Array(value.serializedString().utf8))
    }
}
