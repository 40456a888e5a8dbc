/// What a transition may look up besides the message: reference data, terms, templates, limits.
public struct TransitionContext: Sendable {
    /// Units and agencies that `route`, `reassign` and `forward` name must exist here; unit names and
    /// topic titles fill templates.
    public var directory: Directory
    /// Terms of a reopened message's new answer deadline. Default: the directory's.
    public var terms: DeadlineDays
    /// Non-working days that extended and renewed deadlines avoid. Default: none.
    public var calendar: WorkingCalendar
    /// The answer template with a code, for `draft_answer {"template"}`. Default: none known.
    public var template: @Sendable (String) -> AnswerTemplate?
    public var limits: TransitionLimits

    public init(
        directory: Directory,
        terms: DeadlineDays? = nil,
        calendar: WorkingCalendar = WorkingCalendar(),
        template: @escaping @Sendable (String) -> AnswerTemplate? = { _ in nil },
        limits: TransitionLimits = TransitionLimits()
    ) {
        self.directory = directory
        self.terms = terms ?? directory.deadlineDays
        self.calendar = calendar
        self.template = template
        self.limits = limits
    }
}

/// Lengths of free-text transition fields, in characters after trimming.
public struct TransitionLimits: Hashable, Sendable {
    /// Longest `reason` or `comment`. Default: 2,000.
    public var maxReasonLength: Int
    /// Longest answer draft, typed or rendered from a template. Default: 20,000.
    public var maxAnswerLength: Int

    public init(maxReasonLength: Int = 2000, maxAnswerLength: Int = 20_000) {
        self.maxReasonLength = maxReasonLength
        self.maxAnswerLength = maxAnswerLength
    }
}
