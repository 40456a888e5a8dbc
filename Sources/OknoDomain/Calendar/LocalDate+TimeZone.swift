import Foundation

extension LocalDate {
    private static let secondsPerDay = 86_400

    /// The local date of an instant in a time zone.
    public static func of(_ instant: Date, in timeZone: TimeZone) -> LocalDate {
        let local = localSeconds(of: Int(instant.timeIntervalSince1970.rounded(.down)), in: timeZone)
        return LocalDate(daysSinceEpoch: floorDivide(local, secondsPerDay))
    }

    /// The first instant of this date in a time zone: local 00:00, as an absolute time.
    ///
    /// Uses the offset in force at that instant, not at some nearby one, so dates next to a
    /// change of a zone's offset (Europe/Volgograd 2020-12-27, Europe/Saratov 2016-12-04) come
    /// out right. When the clocks skip midnight, the day starts at the end of the skipped hour;
    /// when midnight happens twice, the day starts at the first one.
    public func startOfDay(in timeZone: TimeZone) -> Date {
        let midnight = daysSinceEpoch * Self.secondsPerDay
        // Offsets lie within ±14 h, so any instant showing local midnight lies within 15 h of
        // `midnight` read as UTC; the offsets at both ends of that window are the only candidates,
        // as no zone changes its offset twice within 30 hours.
        let before = midnight - Self.offset(at: midnight - 15 * 3600, in: timeZone)
        let after = midnight - Self.offset(at: midnight + 15 * 3600, in: timeZone)
        let exact = [before, after].filter { Self.localSeconds(of: $0, in: timeZone) == midnight }
        let start =
            exact.min()
            ?? Self.firstInstant(
                showingAtLeast: midnight, from: min(before, after), to: max(before, after), in: timeZone)
        return Date(timeIntervalSince1970: TimeInterval(start))
    }

    /// Binary search over a window without backward offset changes, where local time only grows.
    private static func firstInstant(
        showingAtLeast local: Int, from low: Int, to high: Int, in timeZone: TimeZone
    ) -> Int {
        var low = low
        var high = high
        while low < high {
            let middle = low + (high - low) / 2
            if localSeconds(of: middle, in: timeZone) >= local { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func offset(at seconds: Int, in timeZone: TimeZone) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func localSeconds(of seconds: Int, in timeZone: TimeZone) -> Int {
        seconds + offset(at: seconds, in: timeZone)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
