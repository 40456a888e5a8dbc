import Foundation

/// A performed transition: the message as it now is, and the event to record with it.
public struct TransitionOutcome: Hashable, Sendable {
    public var message: MessageSnapshot
    public var event: TransitionEvent

    public init(message: MessageSnapshot, event: TransitionEvent) {
        self.message = message
        self.event = event
    }
}

/// What happened, as the store persists it and the change feed publishes it.
public struct TransitionEvent: Hashable, Sendable {
    /// E.g. `message.assigned`, `message.answered`, `message.extended`.
    public var type: String
    public var action: LifecycleAction
    public var actor: LifecycleActor
    public var at: Date
    public var from: MessageStatus
    public var to: MessageStatus
    /// Details in a stable order: the request's fields (`unit`, `reason`, …, never the answer text),
    /// then what the effects recorded (`previous_unit`, `late`, `answer_due_date`, …).
    public var data: [EventField]

    public init(
        type: String, action: LifecycleAction, actor: LifecycleActor, at: Date, from: MessageStatus,
        to: MessageStatus, data: [EventField]
    ) {
        self.type = type
        self.action = action
        self.actor = actor
        self.at = at
        self.from = from
        self.to = to
        self.data = data
    }

    /// The value of a data field, if recorded.
    public subscript(_ name: String) -> EventValue? {
        data.first { $0.name == name }?.value
    }
}

/// One named detail of an event.
public struct EventField: Hashable, Sendable {
    public var name: String
    public var value: EventValue

    public init(_ name: String, _ value: EventValue) {
        self.name = name
        self.value = value
    }
}

/// A detail's value; instants serialise as RFC 3339 UTC, dates as `YYYY-MM-DD`.
public enum EventValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case instant(Date)
    case date(LocalDate)
}
