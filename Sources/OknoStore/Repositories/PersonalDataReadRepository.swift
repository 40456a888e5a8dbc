import Foundation

/// The `personal_data_reads` table: who read which applicant's personal data, when.
enum PersonalDataReadRepository {
    static func insert(_ entries: [PersonalDataReadLog.Entry], _ connection: Connection) throws {
        for entry in entries {
            try connection.run(
                "INSERT INTO personal_data_reads (message_id, actor, role, at) VALUES (?, ?, ?, ?)",
                [
                    .integer(entry.messageID), .text(entry.actor), .text(entry.role),
                    .integer(Instant.milliseconds(entry.at)),
                ])
        }
    }
}
