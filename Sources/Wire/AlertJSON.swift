import Core
import Foundation

/// One line of `chipwatch alerts --format json` (`Tests/Fixtures/alerts.schema.json`).
public struct AlertJSON: Encodable, Sendable {
    public var view: AlertView
    /// "alert" in an export line, where lines of several kinds share one file; absent in the listing.
    public var type: String?

    public init(_ view: AlertView, type: String? = nil) {
        self.view = view
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case id, fingerprint, kind, rule, status, severity, summary, milestone, vendor, product, labels, evidence, type
        case oldState = "old_state", newState = "new_state", promisedWindow = "promised_window"
        case observedWindow = "observed_window", firedAt = "fired_at", firstFired = "first_fired"
        case resolvedAt = "resolved_at", silencedBy = "silenced_by", evidenceOmitted = "evidence_omitted"
    }

    public func encode(to encoder: Encoder) throws {
        let a = view.alert
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(view.id, forKey: .id)
        try c.encode(a.fingerprint, forKey: .fingerprint)
        try c.encode(a.kind.rawValue, forKey: .kind)
        try c.encode(a.rule, forKey: .rule)
        try c.encode(a.status.rawValue, forKey: .status)
        try c.encode(a.severity.rawValue, forKey: .severity)
        try c.encode(a.summary, forKey: .summary)
        try c.encodeOrNull(a.milestone, forKey: .milestone)
        try c.encodeOrNull(a.vendor, forKey: .vendor)
        try c.encodeOrNull(a.product, forKey: .product)
        try c.encodeOrNull(a.fromState, forKey: .oldState)
        try c.encodeOrNull(a.toState, forKey: .newState)
        try c.encodeOrNull(a.promisedWindow, forKey: .promisedWindow)
        try c.encodeOrNull(a.observedWindow, forKey: .observedWindow)
        try c.encode(a.labels, forKey: .labels)
        try c.encode(Timestamp.format(a.firedAt), forKey: .firedAt)
        try c.encode(Timestamp.format(view.firstFired), forKey: .firstFired)
        try c.encodeOrNull(view.resolvedAt.map(Timestamp.format), forKey: .resolvedAt)
        try c.encodeOrNull(view.silencedBy, forKey: .silencedBy)
        try c.encode(a.evidence.map(EvidenceJSON.init), forKey: .evidence)
        // Only when copies of the story were counted, not kept (`Alert.evidenceLimit`).
        try c.encodeIfPresent(a.evidenceOmitted, forKey: .evidenceOmitted)
        try c.encodeIfPresent(type, forKey: .type)
    }
}
