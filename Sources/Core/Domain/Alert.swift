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
    /// The claims behind the alert in order of arrival, at most `evidenceLimit` of them.
    public var evidence: [EvidenceSnapshot]
    /// Further copies of the alert's story merged in after `evidence` was full: counted, not
    /// kept (nil when none), as Alertmanager's webhook counts `truncatedAlerts`. A story
    /// syndicated by hundreds of sites is one alert of bounded size, so reading and rewriting
    /// it costs the same however far it spreads.
    public var evidenceOmitted: Int?
    public var status: Status
    public var firedAt: Date

    public init(fingerprint: String, kind: Kind, rule: String, subject: String, milestone: String? = nil,
                vendor: String? = nil, product: String? = nil, fromState: String? = nil, toState: String? = nil,
                promisedWindow: String? = nil, observedWindow: String? = nil, severity: Severity,
                labels: [String: String], summary: String, evidence: [EvidenceSnapshot], evidenceOmitted: Int? = nil,
                status: Status = .firing, firedAt: Date) {
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
        self.evidenceOmitted = evidenceOmitted
        self.status = status
        self.firedAt = firedAt
    }

    /// How many claims an alert keeps: the first sources of its story (those that corroborated
    /// it among them); later copies are only counted.
    public static let evidenceLimit = 20

    /// Adds the claims not held yet, in order, while there is room; counts the rest.
    public mutating func merge(evidence more: [EvidenceSnapshot]) {
        for claim in more where !evidence.contains(claim) {
            if evidence.count < Alert.evidenceLimit {
                evidence.append(claim)
            } else {
                evidenceOmitted = (evidenceOmitted ?? 0) + 1
            }
        }
    }

    /// "and 182 more copies", or nil when every claim is kept.
    public var evidenceOmittedNote: String? {
        guard let omitted = evidenceOmitted, omitted > 0 else { return nil }
        return "and \(omitted) more cop\(omitted == 1 ? "y" : "ies") of the story, not listed"
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
