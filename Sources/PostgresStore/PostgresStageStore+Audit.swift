import Core
import Foundation
import Logging
import PostgresNIO
import Wire

/// The audit log on PostgreSQL: one hash chain for every host. Appends are serialized by a
/// transaction-level advisory lock (`auditLock`) that extract and evaluate take; the chain is
/// checked as on SQLite (`AuditChain.Walk`), against the `audit.head` of the host that checks.
extension PostgresStageStore {
    /// The advisory-lock key of writes that extend the audit chain ("chipaud" in ASCII).
    static let auditLock: Int64 = 0x63_6869_7061_7564

    /// The chain's last entry (sequence number and hash; 0 and the genesis hash while empty),
    /// read once by a transaction holding `auditLock`, then carried along its appends.
    static func auditTail(_ c: PostgresConnection, _ log: Logger) async throws -> AuditChain.Head {
        var tail = AuditChain.Head(seq: 0, hash: AuditChain.genesis)
        for try await (seq, hash) in try await c.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                                       logger: log).decode((Int64, String).self) {
            tail = AuditChain.Head(seq: seq, hash: hash)
        }
        return tail
    }

    /// Appends one entry after `tail` (which it then names), inside a transaction holding `auditLock`.
    static func appendAudit<Entry: AuditEntryJSON>(_ entry: Entry, at now: Date, after tail: inout AuditChain.Head,
                                                   _ c: PostgresConnection, _ log: Logger) async throws {
        try await appendAudit([entry], at: now, after: &tail, c, log)
    }

    /// Appends entries in order after `tail` (which then names the last), in as few statements
    /// as the bind limit allows, inside a transaction holding `auditLock`.
    static func appendAudit<Entry: AuditEntryJSON>(_ entries: [Entry], at now: Date, after tail: inout AuditChain.Head,
                                                   _ c: PostgresConnection, _ log: Logger) async throws {
        guard !entries.isEmpty else { return }
        let time = Timestamp.format(now)
        var rows: [AuditRow] = []
        rows.reserveCapacity(entries.count)
        for entry in entries {
            let seq = tail.seq + 1
            let body = String(decoding: WireJSON.bytes(entry), as: UTF8.self)
            let hash = AuditChain.hash(seq: seq, at: time, kind: Entry.kind, body: body, previous: tail.hash)
            rows.append(AuditRow(seq: seq, at: time, kind: Entry.kind, body: body, prevHash: tail.hash, hash: hash))
            tail = AuditChain.Head(seq: seq, hash: hash)
        }
        for query in try PostgresRowCoding.insert(rows: rows, into: "audit_log") { try await c.query(query, logger: log) }
    }

    /// One row of `audit_log`.
    private struct AuditRow: Encodable {
        var seq: Int64
        var at: String
        var kind: String
        var body: String
        var prevHash: String
        var hash: String

        enum CodingKeys: String, CodingKey {
            case seq, at, kind, body, hash
            case prevHash = "prev_hash"
        }
    }

    /// The chain's last entry, for this host's `audit.head`; nil while the log is empty.
    public func auditHead() throws -> AuditChain.Head? {
        try withConnection { c, log in
            var head: AuditChain.Head?
            for try await (seq, hash) in try await c.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                                           logger: log).decode((Int64, String).self) {
                head = AuditChain.Head(seq: seq, hash: hash)
            }
            return head
        }
    }

    /// Recomputes the whole chain in one snapshot, streaming its rows, and names the first
    /// entry changed or removed; with `head` (this host's `audit.head`), entries cut from the end too.
    public func verifyAuditLog(head: AuditChain.Head?) throws -> AuditVerdict {
        try releaseClaim()
        return try withConnection { c, log in
            try await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: log)
            do {
                var count = 0
                for try await n in try await c.query("SELECT COUNT(*) FROM audit_log", logger: log).decode(Int.self) { count = n }
                var walk = AuditChain.Walk(head: head)
                for try await (seq, at, kind, body, previous, hash) in try await c.query("""
                    SELECT seq, at, kind, body, prev_hash, hash FROM audit_log ORDER BY seq
                    """, logger: log).decode((Int64, String, String, String, String, String).self) {
                    if !walk.take(seq: seq, at: at, kind: kind, body: body, prevHash: previous, hash: hash) { break }
                }
                try await c.query("COMMIT", logger: log)
                return walk.verdict(entries: count)
            } catch {
                await c.rollback(log, after: error)
                throw error
            }
        }
    }
}
