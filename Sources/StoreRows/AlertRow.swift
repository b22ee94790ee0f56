import Core
import Foundation

/// A row of `alerts`: the alert as JSON (`body`) beside the columns the listings filter and
/// sort on, mapped for either store (see `RowJSON`; each column named once, in `CodingKeys`).
package struct AlertRow: Codable, Sendable {

    package var id: Int64?
    package var fingerprint: String
    package var body: String
    package var kind: String
    package var rule: String
    package var milestoneID: String?
    package var vendor: String?
    package var severity: String
    package var status: String
    package var firstFired: Date
    package var firedAt: Date
    package var resolvedAt: Date?
    package var lastQueued: Date?
    package var silencedBy: String?
    package var updatedAt: Date

    package enum CodingKeys: String, CodingKey {
        case id, fingerprint, body, kind, rule, vendor, severity, status
        case milestoneID = "milestone_id", firstFired = "first_fired", firedAt = "fired_at", resolvedAt = "resolved_at"
        case lastQueued = "last_queued", silencedBy = "silenced_by", updatedAt = "updated_at"
    }

    package init(_ change: AlertChange, lastQueued: Date?, at now: Date) throws {
        let alert = change.alert
        fingerprint = alert.fingerprint
        body = try RowJSON.encode(alert)
        kind = alert.kind.rawValue
        rule = alert.rule
        milestoneID = alert.milestone
        vendor = alert.vendor
        severity = alert.severity.rawValue
        status = alert.status.rawValue
        firstFired = alert.firedAt
        firedAt = alert.firedAt
        resolvedAt = alert.status == .resolved ? now : nil
        self.lastQueued = lastQueued
        silencedBy = change.silencedBy
        updatedAt = now
    }
}

extension AlertRow {
    /// The alert as the review commands show it.
    package func view() throws -> AlertView {
        AlertView(id: id ?? 0, alert: try RowJSON.decode(Alert.self, body), firstFired: firstFired, resolvedAt: resolvedAt,
                  lastQueued: lastQueued, silencedBy: silencedBy)
    }
}
