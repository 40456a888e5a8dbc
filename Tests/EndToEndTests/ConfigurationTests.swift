import Foundation
import OknoApp
import Testing

/// `okno serve --config`: the shipped example loads as documented, and bad settings are refused
/// with a message that names the key.
@Suite("Configuration file")
struct ConfigurationTests {
    /// The repository's `config.example.json`.
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config.example.json").path

    @Test func theShippedExampleLoadsWithItsDocumentedValues() throws {
        let configuration = try Configuration.load(path: Self.example)
        #expect(configuration.databaseReaders == 4)
        #expect(configuration.api.ratingWindowDays == 30)
        #expect(configuration.api.personalDataReadBatch == .milliseconds(50))
    }

    @Test(
        "a bad value is refused, naming its key",
        arguments: [
            (#"{"personal_data_reads_batch_ms": 0}"#, "personal_data_reads_batch_ms"),
            (#"{"personal_data_reads_batch_ms": "50"}"#, "personal_data_reads_batch_ms"),
            (#"{"database_readers": 0}"#, "database_readers"),
            (#"{"rating_window_days": -1}"#, "rating_window_days"),
            (#"{"deadline_shift": "sometimes"}"#, "deadline_shift"),
            (#"{"at_risk_days": {"thirty": 5}}"#, "at_risk_days.thirty"),
            (#"{"listen": "localhost"}"#, "listen"),
            (#"{"scheduler_interval": 60}"#, "scheduler_interval"),
        ])
    func badValuesAreRefused(json: String, key: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okno-config-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config.json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try Configuration.load(path: path)
        } throws: { error in
            String(describing: error).contains(key)
        }
    }
}
