/// Deadline terms in calendar days, as set in the directory.
public struct DeadlineDays: Hashable, Sendable, Codable {
    /// Days to answer. Default: 30.
    public var answer: Int
    /// Days to answer an expedited topic. Default: 10.
    public var expeditedAnswer: Int
    /// Days to forward an out-of-competence message. Default: 7.
    public var forwardOutOfCompetence: Int

    public init(answer: Int = 30, expeditedAnswer: Int = 10, forwardOutOfCompetence: Int = 7) {
        self.answer = answer
        self.expeditedAnswer = expeditedAnswer
        self.forwardOutOfCompetence = forwardOutOfCompetence
    }

    enum CodingKeys: String, CodingKey {
        case answer
        case expeditedAnswer = "expedited_answer"
        case forwardOutOfCompetence = "forward_out_of_competence"
    }
}
