import Foundation

extension Directory {
    /// Every inconsistency in the directory, in file order; empty when it is usable.
    ///
    /// Checks time zones, duplicate codes, references between lists, that every region has its
    /// territorial unit `GU-<region>`, and that deadline terms are positive.
    public func validate() -> [DirectoryProblem] {
        deadlineProblems() + duplicateProblems() + timeZoneProblems() + unitProblems()
            + topicProblems() + territorialCoverageProblems()
    }

    /// The directory itself when `validate()` finds nothing.
    /// - Throws: `DirectoryValidationError` listing every problem.
    public func validated() throws(DirectoryValidationError) -> Directory {
        let problems = validate()
        guard problems.isEmpty else { throw DirectoryValidationError(problems: problems) }
        return self
    }

    /// The code of the territorial unit that serves a region.
    public static func territorialUnitCode(forRegion region: String) -> String { "GU-\(region)" }

    private func deadlineProblems() -> [DirectoryProblem] {
        let terms = [
            ("answer", deadlineDays.answer),
            ("expedited_answer", deadlineDays.expeditedAnswer),
            ("forward_out_of_competence", deadlineDays.forwardOutOfCompetence),
        ]
        return terms.filter { $0.1 <= 0 }.map { .nonPositiveDeadline(field: $0.0, days: $0.1) }
    }

    private func duplicateProblems() -> [DirectoryProblem] {
        Self.duplicates(regions.map(\.code)).map { .duplicateCode(list: .regions, code: $0) }
            + Self.duplicates(units.map(\.code)).map { .duplicateCode(list: .units, code: $0) }
            + Self.duplicates(agencies.map(\.code)).map { .duplicateCode(list: .agencies, code: $0) }
            + Self.duplicates(topics.map(\.code)).map { .duplicateCode(list: .topics, code: $0) }
    }

    private func timeZoneProblems() -> [DirectoryProblem] {
        let named =
            regions.map { (DirectoryProblem.List.regions, $0.code, $0.timeZone) }
            + units.map { (DirectoryProblem.List.units, $0.code, $0.timeZone) }
        return named.filter { TimeZone(identifier: $0.2) == nil }
            .map { .unknownTimeZone(list: $0.0, code: $0.1, identifier: $0.2) }
    }

    private func unitProblems() -> [DirectoryProblem] {
        units.compactMap { unit in
            if let code = unit.region {
                return region(code) == nil ? .unknownRegion(unit: unit.code, region: code) : nil
            }
            return unit.kind == .territorial ? .territorialUnitWithoutRegion(unit: unit.code) : nil
        }
    }

    private func topicProblems() -> [DirectoryProblem] {
        topics.flatMap { topic -> [DirectoryProblem] in
            var problems: [DirectoryProblem] = []
            if let code = topic.unit, unit(code) == nil {
                problems.append(.unknownUnit(topic: topic.code, unit: code))
            }
            if let code = topic.agency, agency(code) == nil {
                problems.append(.unknownAgency(topic: topic.code, agency: code))
            }
            if topic.competence == .central, topic.unit == nil {
                problems.append(.centralTopicWithoutUnit(topic: topic.code))
            }
            if topic.competence == .external, topic.agency == nil {
                problems.append(.externalTopicWithoutAgency(topic: topic.code))
            }
            return problems
        }
    }

    private func territorialCoverageProblems() -> [DirectoryProblem] {
        regions.filter { region in
            let unit = unit(Self.territorialUnitCode(forRegion: region.code))
            return unit?.kind != .territorial || unit?.region != region.code
        }
        .map { .missingTerritorialUnit(region: $0.code) }
    }

    private static func duplicates(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        var reported: Set<String> = []
        return codes.filter { !seen.insert($0).inserted && reported.insert($0).inserted }
    }
}
