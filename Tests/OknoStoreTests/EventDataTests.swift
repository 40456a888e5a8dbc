import Testing

@testable import OknoStore

@Suite("Event data as JSON")
struct EventDataTests {
    @Test("keys in the order given, scalars written compactly")
    func compact() {
        let data: EventData = ["status": "assigned", "rule": 7, "expedited": true, "agency": nil]
        #expect(data.json == #"{"status":"assigned","rule":7,"expedited":true,"agency":null}"#)
        #expect(EventData([]).json == "{}")
    }

    @Test(
        "strings escape quotes, backslashes and control characters, and keep other UTF-8 as it is",
        arguments: [
            ("plain", #""plain""#),
            ("Иванов «ёлка» 🔥", #""Иванов «ёлка» 🔥""#),
            (#"say "hi""#, #""say \"hi\"""#),
            (#"C:\path"#, #""C:\\path""#),
            ("a\nb\rc\td", #""a\nb\rc\td""#),
            ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001f"# + "\u{7F}\""),
            ("\"\\\nё\"", #""\"\\\nё\"""#),
        ])
    func escaping(value: String, expected: String) {
        let data: EventData = ["k": .string(value)]
        #expect(data.json == #"{"k":"# + expected + "}")
    }
}
