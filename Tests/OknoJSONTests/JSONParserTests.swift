import Testing

@testable import OknoJSON

@Suite("JSONParser accepting documents")
struct JSONParserTests {
    @Test(
        "parses every kind of value",
        arguments: [
            ("null", JSONValue.null),
            ("true", .bool(true)),
            ("false", .bool(false)),
            ("0", 0),
            ("-12", -12),
            (#""""#, ""),
            (#""text""#, "text"),
            ("[]", []),
            ("[1,\"two\",null]", [1, "two", nil]),
            ("{}", [:]),
            (#"{"a":1,"b":[true,{"c":null}]}"#, ["a": 1, "b": [true, ["c": nil]]]),
        ] as [(String, JSONValue)]
    )
    func parsesValues(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test(
        "allows the four whitespace characters around and between tokens",
        arguments: [" 1", "1 ", "\t\n\r 1 \r\n\t", " [ 1 , 2 ] ", "\n{\n\"a\"\t:\r[ ]\n}\n"]
    )
    func allowsWhitespace(text: String) throws {
        #expect(throws: Never.self) { try parse(text) }
    }

    @Test("keeps object members in document order")
    func keepsMemberOrder() throws {
        let object = try #require(try parse(#"{"z":1,"a":2,"m":3}"#).objectValue)
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test("accepts the same key in different objects")
    func acceptsSameKeyInSiblingObjects() throws {
        let value = try parse(#"{"a":{"a":1},"b":{"a":2}}"#)
        #expect(value["b"]?["a"] == 2)
    }

    @Test("accepts nesting of exactly maxDepth", arguments: [0, 1, 2, 32, 100])
    func acceptsNestingAtMaxDepth(maxDepth: Int) throws {
        #expect(throws: Never.self) { try parse(nestedArrays(maxDepth), maxDepth: maxDepth) }
        #expect(throws: Never.self) { try parse(nestedObjects(maxDepth), maxDepth: maxDepth) }
    }

    @Test("counts arrays and objects alike towards the depth")
    func countsMixedNesting() throws {
        #expect(throws: Never.self) { try parse(#"[{"a":[{}]}]"#, maxDepth: 4) }
        #expect(refusal(of: #"[{"a":[{}]}]"#, maxDepth: 3) == JSONError(.tooDeep, at: 7, "nesting deeper than 3"))
    }

    @Test("defaults maxDepth to 32")
    func defaultsMaxDepthTo32() {
        #expect(JSONParser.defaultMaxDepth == 32)
        #expect(refusal(of: nestedArrays(32)) == nil)
        #expect(refusal(of: nestedArrays(33))?.kind == .tooDeep)
    }

    @Test("parses an array slice, counting error offsets from the slice's start")
    func parsesArraySlice() throws {
        let bytes = Array(#"xx[1]"#.utf8)
        #expect(try JSONParser.parse(bytes[2...]) == [1])
        let broken = Array(#"xx[1,]"#.utf8)
        #expect(throws: JSONError(.syntax, at: 3, "expected a value")) { try JSONParser.parse(broken[2...]) }
    }

    @Test("parses contiguous and non-contiguous byte collections")
    func parsesOtherCollections() throws {
        #expect(try JSONParser.parse(#"{"a":[1]}"#.utf8) == ["a": [1]])
        #expect(try JSONParser.parse(#"{"a":[1]}"#.utf8.lazy.map { $0 }) == ["a": [1]])
    }
}
