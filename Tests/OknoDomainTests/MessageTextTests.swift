import OknoDomain
import Testing

@Suite("MessageText")
struct MessageTextTests {
    @Test("surrounding whitespace and newlines are trimmed, inner ones kept")
    func trims() throws {
        let text = try MessageText(" \n\t Горит трава\n\nу дома 5 \r\n ")
        #expect(text.value == "Горит трава\n\nу дома 5")
    }

    @Test("8000 characters after trimming are accepted, counted as characters not bytes")
    func upperLimit() throws {
        let text = try MessageText("  " + String(repeating: "ж", count: 8000) + "\n")
        #expect(text.value.count == 8000)
        let emoji = String(repeating: "👨‍👩‍👧", count: 8000)
        #expect(try MessageText(emoji).value == emoji)
    }

    @Test("8001 characters are refused with the count, one byte or several each")
    func overLimit() throws {
        #expect(throws: MessageText.Problem.tooLong(characters: 8001)) {
            try MessageText(String(repeating: "a", count: 8001))
        }
        #expect(throws: MessageText.Problem.tooLong(characters: 8001)) {
            try MessageText(String(repeating: "ж", count: 8001))
        }
        #expect(try MessageText(String(repeating: "a", count: 8000)).value.utf8.count == 8000)
    }

    @Test("a single character is accepted")
    func lowerLimit() throws {
        #expect(try MessageText(" a ").value == "a")
    }

    @Test("empty or whitespace-only text is refused", arguments: ["", " ", "\n\r\n", "\t \u{00A0}\u{2003}"])
    func emptyRefused(raw: String) {
        #expect(throws: MessageText.Problem.empty) {
            try MessageText(raw)
        }
    }

    @Test("problems read as log lines")
    func descriptions() {
        #expect(MessageText.Problem.empty.description == "text is empty")
        #expect(
            MessageText.Problem.tooLong(characters: 8001).description
                == "text is 8001 characters long, at most 8000 allowed")
    }
}
