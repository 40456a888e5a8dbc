import OknoDomain
import Testing

@Suite("Directory validation")
struct DirectoryValidationTests {
    @Test("a consistent directory has no problems")
    func consistentDirectory() {
        #expect(Fixtures.directory().validate() == [])
    }

    @Test("an unknown IANA time zone is reported for regions and units")
    func unknownTimeZone() {
        let directory = Fixtures.directory(
            regions: [.init(code: "77", name: "г. Москва", timeZone: "Europe/Moskva"), Fixtures.regions[1]],
            units: Array(Fixtures.units.dropLast())
                + [.init(code: "GU-41", name: "ГУ", kind: .territorial, region: "41", timeZone: "Mars/Olympus")])
        #expect(
            directory.validate() == [
                .unknownTimeZone(list: .regions, code: "77", identifier: "Europe/Moskva"),
                .unknownTimeZone(list: .units, code: "GU-41", identifier: "Mars/Olympus"),
            ])
    }

    @Test("a duplicate code is reported once per list")
    func duplicateCodes() {
        let directory = Fixtures.directory(
            regions: Fixtures.regions + [Fixtures.regions[0], Fixtures.regions[0]],
            units: Fixtures.units + [Fixtures.units[0]],
            agencies: Fixtures.agencies + Fixtures.agencies,
            topics: Fixtures.topics + [Fixtures.topics[2]])
        #expect(
            directory.validate() == [
                .duplicateCode(list: .regions, code: "77"),
                .duplicateCode(list: .units, code: "AD"),
                .duplicateCode(list: .agencies, code: "LOCAL_GOV"),
                .duplicateCode(list: .topics, code: "ROADS"),
            ])
    }

    @Test("a unit's unknown region and a territorial unit without region are reported")
    func danglingUnitRegion() {
        let directory = Fixtures.directory(
            units: Fixtures.units + [
                .init(code: "GU-99", name: "ГУ", kind: .territorial, region: "99", timeZone: "Europe/Moscow"),
                .init(code: "GU-X", name: "ГУ", kind: .territorial, timeZone: "Europe/Moscow"),
            ])
        #expect(
            directory.validate() == [
                .unknownRegion(unit: "GU-99", region: "99"),
                .territorialUnitWithoutRegion(unit: "GU-X"),
            ])
    }

    @Test("a topic's unknown unit or agency, or a missing one, is reported")
    func danglingTopicReferences() {
        let directory = Fixtures.directory(topics: [
            .init(code: "A", title: "A", competence: .central, unit: "NOPE"),
            .init(code: "B", title: "B", competence: .external, agency: "NOPE"),
            .init(code: "C", title: "C", competence: .central),
            .init(code: "D", title: "D", competence: .external),
        ])
        #expect(
            directory.validate() == [
                .unknownUnit(topic: "A", unit: "NOPE"),
                .unknownAgency(topic: "B", agency: "NOPE"),
                .centralTopicWithoutUnit(topic: "C"),
                .externalTopicWithoutAgency(topic: "D"),
            ])
    }

    @Test("a region without its territorial unit GU-<region> is reported")
    func missingTerritorialUnit() {
        let misfiled = Directory.Unit(
            code: "GU-41", name: "ГУ", kind: .territorial, region: "77", timeZone: "Asia/Kamchatka")
        let directory = Fixtures.directory(units: Array(Fixtures.units.dropLast()) + [misfiled])
        #expect(directory.validate() == [.missingTerritorialUnit(region: "41")])
        #expect(
            Fixtures.directory(units: Array(Fixtures.units.dropLast())).validate() == [
                .missingTerritorialUnit(region: "41")
            ])
    }

    @Test("a zero or negative deadline term is reported", arguments: [0, -1])
    func nonPositiveDeadline(days: Int) {
        let directory = Fixtures.directory(
            deadlineDays: DeadlineDays(answer: days, expeditedAnswer: days, forwardOutOfCompetence: days))
        #expect(
            directory.validate() == [
                .nonPositiveDeadline(field: "answer", days: days),
                .nonPositiveDeadline(field: "expedited_answer", days: days),
                .nonPositiveDeadline(field: "forward_out_of_competence", days: days),
            ])
    }

    @Test("a one-day term is accepted")
    func oneDayTermIsPositive() {
        let days = DeadlineDays(answer: 1, expeditedAnswer: 1, forwardOutOfCompetence: 1)
        #expect(Fixtures.directory(deadlineDays: days).validate() == [])
    }

    @Test("validated() throws every problem with readable descriptions")
    func validatedThrowsAll() {
        let directory = Fixtures.directory(
            deadlineDays: DeadlineDays(answer: 0),
            topics: [.init(code: "C", title: "C", competence: .central)])
        #expect(
            throws: DirectoryValidationError(problems: [
                .nonPositiveDeadline(field: "answer", days: 0), .centralTopicWithoutUnit(topic: "C"),
            ])
        ) {
            try directory.validated()
        }
        let error = DirectoryValidationError(problems: directory.validate())
        #expect(
            error.description
                == "invalid directory: deadlines_days.answer: must be positive, got 0; topics C: a central topic needs a unit"
        )
    }

    @Test(
        "every problem names the offending entry",
        arguments: [
            (
                DirectoryProblem.unknownTimeZone(list: .regions, code: "77", identifier: "X/Y"),
                "regions 77: unknown time zone \"X/Y\""
            ),
            (.duplicateCode(list: .units, code: "AD"), "units: code AD appears more than once"),
            (.unknownRegion(unit: "GU-99", region: "99"), "units GU-99: region 99 is not in the directory"),
            (.territorialUnitWithoutRegion(unit: "GU-X"), "units GU-X: a territorial unit needs a region"),
            (.unknownUnit(topic: "A", unit: "B"), "topics A: unit B is not in the directory"),
            (.unknownAgency(topic: "A", agency: "B"), "topics A: agency B is not in the directory"),
            (.externalTopicWithoutAgency(topic: "D"), "topics D: an external topic needs an agency"),
            (.missingTerritorialUnit(region: "41"), "regions 41: no territorial unit GU-41 serves this region"),
        ])
    func problemDescriptions(problem: DirectoryProblem, description: String) {
        #expect(problem.description == description)
    }
}
