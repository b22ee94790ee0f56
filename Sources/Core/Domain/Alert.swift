import Foundation

/// What an alert is about and where it stands.
public struct Alert: Sendable, Equatable, Codable {
    /// `state` alerts (a milestone slipped or overdue) fire and later resolve; `event`
    /// alerts (shipped, cancelled, a conflicting date, a signal rule) fire once.
    public enum Kind: String, Sendable, Codable { case state, event }
    public enum Status: String, Sendable, Codable { case firing, resolved }

    public var fingerprint: String
    public var kind: Kind
    public var rule: String
    public var subject: String
    public var milestone: String?
    public var vendor: String?
    public var product: String?
    public var fromState: String?
    public var toState: String?
    public var promisedWindow: String?
    public var observedWindow: String?
    public var severity: Severity
    public var labels: [String: String]
    public var summary: String
    public var evidence: [EvidenceSnapshot]
    public var status: Status
    public var firedAt: Date

    public init(fingerprint: String, kind: Kind, rule: String, subject: String, milestone: String? = nil,
                vendor: String? = nil, product: String? = nil, fromState: String? = nil, toState: String? = nil,
                promisedWindow: String? = nil, observedWindow: String? = nil, severity: Severity,
                labels: [String: String], summary: String, evidence: [EvidenceSnapshot], status: Status = .firing,
                firedAt: Date) {
        self.fingerprint = fingerprint
        self.kind = kind
        self.rule = rule
        self.subject = subject
        self.milestone = milestone
        self.vendor = vendor
        self.product = product
        self.fromState = fromState
        self.toState = toState
        self.promisedWindow = promisedWindow
        self.observedWindow = observedWindow
        self.severity = severity
        self.labels = labels
        self.summary = summary
        self.evidence = evidence
        self.status = status
        self.firedAt = firedAt
    }

    /// Rule, subject and state, hashed: the identity repeat intervals and silences work on.
    public static func fingerprint(rule: String, subject: String, state: String) -> String {
        String(ContentHash.sha256Hex(Array("\(rule)\u{1F}\(subject)\u{1F}\(state)".utf8)).prefix(16))
    }

    /// The rule of date-conflict alerts.
    public static let conflictRule = "milestone-conflict"

    /// A signal rule fires once per story (its `StoryKey`, never a row id) and event.
    public static func signalFingerprint(rule: String, storyKey: String, event: String) -> String {
        fingerprint(rule: rule, subject: "story \(storyKey)", state: event)
    }

    /// A date conflict is one alert per milestone, story and stated window.
    public static func conflictFingerprint(milestone: String, storyKey: String, window: String?) -> String {
        fingerprint(rule: conflictRule, subject: "\(milestone):story \(storyKey)", state: window ?? "")
    }
}
