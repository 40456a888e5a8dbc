import Testing

@testable import OknoHTTP

@Suite("Strict refusals")
struct RefusalParsingTests {
    @Test(arguments: Refusal.all)
    func refusesTheRequest(_ refusal: Refusal) {
        let events = parse(refusal.bytes)
        #expect(events.last == .failed(refusal.error), "\(events)")
    }

    @Test func mapsEveryRefusalToItsStatus() {
        let statuses = Dictionary(grouping: Refusal.all, by: \.status).mapValues { Set($0.map(\.error)) }
        #expect(statuses[501] == [.unknownMethod])
        #expect(statuses[505] == [.unsupportedVersion])
        #expect(statuses[414] == [.targetTooLong])
        #expect(statuses[431] == [.headerSectionTooLarge, .tooManyHeaders])
        #expect(statuses[413] == [.bodyTooLarge])
        #expect(statuses[417] == [.unsupportedExpectation])
        #expect(Set(statuses.keys) == [400, 413, 414, 417, 431, 501, 505])
    }
}
