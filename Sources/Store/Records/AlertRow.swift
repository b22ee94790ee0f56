import Core
import Foundation
import GRDB

/// A row of `alerts`: the alert as JSON (`body`) beside the columns the listings filter and
/// sort on, mapped by GRDB's Codable support (each column named once, in `CodingKeys`).
struct AlertRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "alerts"

    var id: Int64?
    var fingerprint: String
    var body: String
    var kind: String
    var rule: String
    var milestoneID: String?
    var vendor: String?
    var severity: String
    var status: String
    var firstFired: Date
    var firedAt: Date
    var resolvedAt: Date?
    var lastQueued: Date?
    var silencedBy: String?
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, fingerprint, body, kind, rule, vendor, severity, status
        case milestoneID = "milestone_id", firstFired = "first_fired", firedAt = "fired_at", resolvedAt = "resolved_at"
        case lastQueued = "last_queued", silencedBy = "silenced_by", updatedAt = "updated_at"
    }

    init(_ change: AlertChange, lastQueued: Date?, at now: Date) throws {
        let alert = change.alert
        fingerprint = alert.fingerprint
        body = try Store.encode(alert)
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

    /// Writes the alert's new state; an alert already stored keeps when it first fired, and,
    /// with `keepingLastQueued`, when it was last queued. Returns the row id.
    mutating func save(_ db: Database, keepingLastQueued: Bool) throws -> Int64 {
        let saved = try upsertAndFetch(db, onConflict: ["fingerprint"]) { _ in
            [Column(CodingKeys.firstFired).noOverwrite] + (keepingLastQueued ? [Column(CodingKeys.lastQueued).noOverwrite] : [])
        }
        id = saved.id
        return saved.id ?? 0
    }
}
