/// What a deadline is for; each kind has its own term and at-risk threshold.
public enum DeadlineKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Answer to the applicant: `DeadlineDays.answer` days.
    case answer
    /// Answer on an expedited topic: `DeadlineDays.expeditedAnswer` days.
    case expeditedAnswer = "expedited_answer"
    /// Forwarding an out-of-competence message: `DeadlineDays.forwardOutOfCompetence` days.
    case forward

    /// The term of this kind in calendar days.
    public func days(in terms: DeadlineDays) -> Int {
        switch self {
        case .answer: terms.answer
        case .expeditedAnswer: terms.expeditedAnswer
        case .forward: terms.forwardOutOfCompetence
        }
    }

    /// The answer kind for a topic: expedited or not.
    public static func answer(expedited: Bool) -> DeadlineKind {
        expedited ? .expeditedAnswer : .answer
    }
}
