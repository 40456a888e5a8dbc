import Foundation
import OknoDomain
import Testing

@Suite("Answer templates")
struct LifecycleTemplateTests {
    typealias F = LifecycleFixtures

    static let values = AnswerTemplate.Values(
        number: "2026-000042", registeredDate: date("2026-03-05"), applicantName: "Петрова Анна",
        topicTitle: "Палы травы", unitName: "ГУ (г. Москва)")

    @Test(
        "the contract's placeholders are valid; others are listed once, in order",
        arguments: [
            ("{{number}} {{registered_date}} {{applicant.name}} {{topic.title}} {{unit.name}}", []),
            ("Без подстановок", []),
            ("{{ number }}", []),
            ("{{name}} {{number}} {{date}} {{name}}", ["name", "date"]),
            ("{{applicant.email}}{{}}", ["applicant.email", ""]),
            ("{{Number}}", ["Number"]),
            ("не закрыто {{number", []),
        ] as [(String, [String])])
    func validate(body: String, unknown: [String]) {
        #expect(AnswerTemplate.validate(body) == unknown)
    }

    @Test(
        "rendering fills every known placeholder and leaves the rest as written",
        arguments: [
            ("№ {{number}} от {{registered_date}}", "№ 2026-000042 от 05.03.2026"),
            ("{{applicant.name}}: {{topic.title}}, {{ unit.name }}", "Петрова Анна: Палы травы, ГУ (г. Москва)"),
            ("{{number}}{{number}}", "2026-000042" + "2026-000042"),
            ("{{email}} и {{number", "{{email}} и {{number"),
            ("", ""),
        ])
    func render(body: String, text: String) {
        #expect(AnswerTemplate.render(body, Self.values) == text)
    }

    @Test("a draft from a template is rendered for the message, in its region's dates")
    func draftFromTemplate() throws {
        // 22:30Z on 29 November is already 30 November in Moscow.
        let message = F.message(.inProgress, registeredAt: instant("2026-11-29T22:30:00Z"))
        let command = TransitionCommand(.draftAnswer, ["template": "STANDARD"])
        let outcome = try #require(F.apply(command, to: message, by: F.executor).outcome)
        #expect(
            outcome.message.answerDraft
                == "Иванов Иван Иванович, на ваше обращение № 2026-000042 от 30.11.2026 (Лицензирование) "
                + "отвечает Департамент надзорной деятельности.")
        #expect(outcome.event.data == [EventField("template", .string("STANDARD"))])
    }
}
