import Testing

@testable import OknoJSON

@Suite("JSONParser refusing documents")
struct JSONParserRefusalTests {
    @Test(
        "refuses grammar violations at the offending byte",
        arguments: [
            ("", 0),
            ("   ", 3),
            ("1 2", 2),
            ("{}x", 2),
            ("[1]]", 3),
            ("nullx", 4),
            ("[", 1),
            ("[1", 2),
            ("[1,]", 3),
            ("[1 2]", 3),
            ("[1,,2]", 3),
            ("{", 1),
            (#"{"a""#, 4),
            (#"{"a":"#, 5),
            (#"{"a" 1}"#, 5),
            (#"{"a":1,}"#, 7),
            (#"{"a":1 "b":2}"#, 7),
            ("{a:1}", 1),
            ("{1:1}", 1),
            ("'a'", 0),
            ("/* */1", 0),
            ("tru", 0),
            ("nul", 0),
            ("trUe", 2),
            ("True", 0),
            ("undefined", 0),
            ("\u{FEFF}1", 0),
            ("\u{00A0}1", 0),
            ("1\u{0B}", 1),
        ] as [(String, Int)]
    )
    func refusesGrammarViolations(text: String, offset: Int) {
        let error = refusal(of: text)
        #expect(error?.kind == .syntax)
        #expect(error?.offset == offset)
    }

    @Test(
        "refuses numbers outside the grammar",
        arguments: [
            ("01", 1),
            ("-01", 2),
            ("00", 1),
            ("[0123]", 2),
            ("+1", 0),
            ("-", 1),
            ("-a", 1),
            ("- 1", 1),
            (".5", 0),
            ("1.", 2),
            ("1.e5", 2),
            ("1e", 2),
            ("1e+", 3),
            ("1e-x", 3),
            ("0x10", 1),
            ("NaN", 0),
            ("Infinity", 0),
            ("-Infinity", 1),
        ] as [(String, Int)]
    )
    func refusesMalformedNumbers(text: String, offset: Int) {
        let error = refusal(of: text)
        #expect(error?.kind == .syntax)
        #expect(error?.offset == offset)
    }

    @Test(
        "refuses unterminated strings and bad escapes",
        arguments: [
            (#"""#, 1),
            (#""abc"#, 4),
            (#""\"#, 2),
            (#""\x""#, 2),
            (#""\U0041""#, 2),
            (#""\'""#, 2),
            (#""\u12G4""#, 5),
            (#""\u12""#, 5),
            (#""\u"#, 3),
            (#""\ud83d"#, 1),
        ] as [(String, Int)]
    )
    func refusesBadStrings(text: String, offset: Int) {
        let error = refusal(of: text)
        #expect(error?.kind == .syntax)
        #expect(error?.offset == offset)
    }

    @Test(
        "refuses lone and mismatched surrogate escapes",
        arguments: [
            #""\uD800""#,
            #""\uDBFF""#,
            #""\uDC00""#,
            #""\uDFFF""#,
            #""\uD800x""#,
            #""\uD800\n""#,
            #""\uD800\u0041""#,
            #""\uDBFF\uDBFF""#,
            #""\uDC00\uD800""#,
        ]
    )
    func refusesLoneSurrogates(text: String) {
        let error = refusal(of: text)
        #expect(error?.kind == .syntax)
        #expect(error?.offset == 1)
    }

    @Test(
        "refuses unescaped control characters in strings",
        arguments: [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F] as [UInt8]
    )
    func refusesControlCharacters(byte: UInt8) {
        let error = refusal(of: [0x22, 0x61, byte, 0x22])
        #expect(error?.kind == .syntax)
        #expect(error?.offset == 2)
    }

    @Test(
        "refuses malformed UTF-8 at the sequence's first byte",
        arguments: [
            ([0x22, 0x80, 0x22], 1),  // lone continuation byte
            ([0x22, 0xBF, 0x22], 1),
            ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong "/"
            ([0x22, 0xC1, 0xBF, 0x22], 1),  // overlong U+007F
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),  // overlong 3-byte
            ([0x22, 0xE0, 0x9F, 0xBF, 0x22], 1),  // overlong U+07FF
            ([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], 1),  // overlong 4-byte
            ([0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22], 1),  // overlong U+FFFF
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // encoded surrogate U+D800
            ([0x22, 0xED, 0xBF, 0xBF, 0x22], 1),  // encoded surrogate U+DFFF
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // U+110000
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),
            ([0x22, 0xFE, 0x22], 1),
            ([0x22, 0xFF, 0x22], 1),
            ([0x22, 0xC3, 0x22], 1),  // truncated 2-byte
            ([0x22, 0xE2, 0x82, 0x22], 1),  // truncated 3-byte
            ([0x22, 0xF0, 0x9F, 0x98, 0x22], 1),  // truncated 4-byte
            ([0x22, 0xE2, 0x82], 1),  // truncated by the end of input
            ([0x22, 0xC3, 0xA9, 0xE2, 0x28, 0xA1, 0x22], 3),  // bad after a good one
            ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], 3),  // after an escape
            ([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], 2),  // in a key
        ] as [([UInt8], Int)]
    )
    func refusesMalformedUTF8(bytes: [UInt8], offset: Int) {
        let error = refusal(of: bytes)
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.offset == offset)
    }

    @Test(
        "refuses bytes outside strings that are not JSON", arguments: [[0xFF], [0x5B, 0xC3, 0xA9, 0x5D]] as [[UInt8]])
    func refusesStrayBytes(bytes: [UInt8]) {
        #expect(refusal(of: bytes)?.kind == .syntax)
    }

    @Test("refuses nesting of maxDepth + 1 at the bracket that exceeds it", arguments: [0, 1, 2, 32, 100])
    func refusesNestingBeyondMaxDepth(maxDepth: Int) {
        let arrays = refusal(of: nestedArrays(maxDepth + 1), maxDepth: maxDepth)
        #expect(arrays?.kind == .tooDeep)
        #expect(arrays?.offset == maxDepth)
        let objects = refusal(of: nestedObjects(maxDepth + 1), maxDepth: maxDepth)
        #expect(objects?.kind == .tooDeep)
        #expect(objects?.offset == maxDepth * 5)
    }

    @Test(
        "refuses a repeated key, whether the object is small or large",
        arguments: [1, 7, 8, 9, 20]
    )
    func refusesDuplicateKeys(distinctKeys: Int) {
        let members = (0..<distinctKeys).map { #""k\#($0)":\#($0)"# }
        let text = "{" + members.joined(separator: ",") + #","k0":0}"#
        let error = refusal(of: text)
        #expect(error?.kind == .duplicateKey("k0"))
        #expect(error?.offset == text.utf8.count - 7)
    }

    @Test("compares keys after unescaping")
    func comparesUnescapedKeys() {
        #expect(refusal(of: #"{"a":1,"\u0061":2}"#)?.kind == .duplicateKey("a"))
    }

    @Test("describes the problem and offset without quoting the input")
    func describesWithoutQuotingInput() throws {
        let error = try #require(refusal(of: #"{"password":"hunter2","password":1}"#))
        #expect(error.kind == .duplicateKey("password"))
        #expect(error.description == "invalid JSON at byte 22: duplicate key in object")
        #expect(!error.description.contains("hunter2"))
    }
}
