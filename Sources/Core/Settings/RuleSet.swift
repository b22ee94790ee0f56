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
