/// What an alert's change tells its receivers: it began (or began again), it ended, or it
/// still holds after the repeat interval. Stored and sent as its name.
public enum Notice: String, Sendable, Codable, CaseIterable {
    case firing, resolved, reminder
}
