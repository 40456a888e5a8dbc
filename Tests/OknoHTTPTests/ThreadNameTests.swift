import CLinux
import Foundation
import Testing

@Suite("Thread names")
struct ThreadNameTests {
    /// The calling thread's name as the system shows it.
    static func systemName() -> String {
        ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .newlines)
    }

    @Test(
        "a thread names itself; a name longer than Linux's 15 bytes is cut there",
        arguments: [("okno-writer", "okno-writer"), ("okno-deadline-scheduler", "okno-deadline-s")])
    func namesTheCallingThread(name: String, shown: String) async throws {
        let seen = try await onThread {
            clinux_name_current_thread(name)
            return Self.systemName()
        }
        #expect(seen == shown)
    }
}
