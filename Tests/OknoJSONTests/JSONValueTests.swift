import Testing

@testable import OknoJSON

@Suite("JSONValue")
struct JSONValueTests {
    static let sample: JSONValue = ["s": "text", "b": false, "n": 5, "a": [1], "o": ["k": nil], "z": nil]

    @Test("looks members up by key, and gives nil for a missing key or a non-object")
    func looksUpMembers() {
        #expect(Self.sample["s"] == "text")
        #expect(Self.sample["o"]?["k"] == .null)
        #expect(Self.sample["missing"] == nil)
        #expect(Self.sample["a"]?["k"] == nil)
        #expect(JSONValue.string("s")["s"] == nil)
    }

    @Test("gives each typed view only for its own case")
    func givesTypedViews() {
        #expect(Self.sample["s"]?.stringValue == "text")
        #expect(Self.sample["b"]?.boolValue == false)
        #expect(Self.sample["n"]?.int64Value == 5)
        #expect(Self.sample["n"]?.doubleValue == 5)
        #expect(Self.sample["a"]?.arrayValue == [1])
        #expect(Self.sample["o"]?.objectValue?.keys == ["k"])
        #expect(Self.sample["z"]?.isNull == true)

        #expect(Self.sample["n"]?.stringValue == nil)
        #expect(Self.sample["s"]?.boolValue == nil)
        #expect(Self.sample["s"]?.numberValue == nil)
        #expect(Self.sample["s"]?.int64Value == nil)
        #expect(Self.sample["s"]?.doubleValue == nil)
        #expect(Self.sample["o"]?.arrayValue == nil)
        #expect(Self.sample["a"]?.objectValue == nil)
        #expect(Self.sample["b"]?.isNull == false)
    }

    @Test("makes each case from its literal")
    func makesCasesFromLiterals() {
        #expect(nil as JSONValue == .null)
        #expect(true as JSONValue == .bool(true))
        #expect(7 as JSONValue == .number(JSONNumber(7)))
        #expect(2.5 as JSONValue == .number(JSONNumber(2.5)!))
        #expect("x" as JSONValue == .string("x"))
        #expect([1, "x"] as JSONValue == .array([.number(JSONNumber(1)), .string("x")]))
        #expect(["a": 1] as JSONValue == .object(JSONObject([(key: "a", value: 1)])))
    }

    @Test("counts key order and number spelling in equality")
    func comparesBySerializedForm() throws {
        #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"b":2,"a":1}"#))
        #expect(try parse("1") != parse("1.0"))
        #expect(try parse("[1.0]") == parse(" [ 1.0 ] "))
    }

    @Test("iterates object members in order")
    func iteratesMembers() throws {
        let object: JSONObject = ["b": 1, "a": 2]
        #expect(object.map(\.key) == ["b", "a"])
        #expect(object.count == 2)
        #expect(object[1].value == 2)
        #expect(object["a"] == 2)
        #expect(JSONObject([]).isEmpty)
    }
}
