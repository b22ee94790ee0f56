import Foundation

/// `feeds/rules.yaml`, the parts the evaluate stage reads: rules over signals, silences and
/// the alert timing settings. (Receivers and routes belong to the notify stage.)
public struct RuleSet: Sendable, Equatable {
    /// A rule over signals: every listed condition must hold; an empty list matches anything.
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var vendors: [String] = []
        public var products: [String] = []
        /// Product families ("Huawei Ascend"): a product matches when its family chain contains one.
        public var families: [String] = []
        public var events: [EventKind] = []
        /// Default: the modalities that are events (not denied, not recap).
        public var modalities: [Modality] = [.confirmed, .reported, .planned]
        public var tiers: [SourceTier] = []
        /// Any of these words in the evidence, ignoring case.
        public var keywords: [String] = []
        /// A regular expression over the evidence sentence.
        public var pattern: String?
        /// Only signals at least this confident (the extractor's probability of being right).
        public var minConfidence: Double?
        public var severity: Severity = .warning
        public var labels: [String: String] = [:]

        public init(name: String) { self.name = name }
    }

    /// Mutes alerts until `until`. Every given condition must hold.
    public struct Silence: Sendable, Equatable {
        public var milestone: String?
        public var vendor: String?
        public var rule: String?
        public var labels: [String: String] = [:]
        public var until: Date
        public var reason: String

        public init(until: Date, reason: String) {
            self.until = until
            self.reason = reason
        }
    }

    public var rules: [Rule] = []
    public var silences: [Silence] = []
    /// The same fingerprint is not sent again within this; a milestone that stays overdue is
    /// reminded of once per interval.
    public var repeatIntervalSeconds: Double = 7 * 86_400
    /// Alerts fired within this of the first of them go out as one notification (read by notify).
    public var groupWaitSeconds: Double = 30
    /// Companies whose export-control news alerts by default; nil means the roadmap's vendors.
    public var watchVendors: [String]?
    /// Severities of milestone transitions.
    public var transitionSeverity: [String: Severity] = RuleSet.defaultTransitionSeverity
    /// Where notifications go (read by the notify stage).
    public var receivers: [Receiver] = []
    public var routes: [Route] = []
    public var delivery = DeliverySettings()

    public static let defaultTransitionSeverity: [String: Severity] = [
        "shipped": .info, "shipped-late": .warning, "slipped": .warning, "overdue": .critical,
        "cancelled": .critical, "conflict": .warning,
    ]

    public init() {}
}

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
