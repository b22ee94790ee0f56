import Core
import Foundation
import GRDB
import Wire

/// The append-only, hash-chained record of what chipwatch concluded: signals, milestone
/// transitions and alerts. Each entry's hash covers its sequence number, time, kind, body and
/// the previous entry's hash, so changing or removing any entry breaks every hash after it.
/// The last sequence number and hash are also written to `audit.head` beside the database
/// after each commit, so entries cut from the end are noticed too.
enum AuditLog {
    static let genesis = AuditChain.genesis

    static func hash(seq: Int64, at: String, kind: String, body: String, previous: String) -> String {
        AuditChain.hash(seq: seq, at: at, kind: kind, body: body, previous: previous)
    }

    /// Appends one entry inside the caller's transaction.
    static func append<Entry: AuditEntryJSON>(_ db: Database, _ entry: Entry, at: Date) throws {
        var chain = try Appender(db)
        try chain.append(db, entry, at: at)
    }

    /// Appends entries inside one transaction, reading the chain's last entry once (extract
    /// appends one entry per signal, so a lookup per entry repeated what one per batch knows).
    struct Appender {
        private var seq: Int64
        private var previous: String
        /// The last time written and its text: a batch's entries share one time.
        private var time: (at: Date, text: String)?

        init(_ db: Database) throws {
            let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
            seq = last?["seq"] as Int64? ?? 0
            previous = last?["hash"] as String? ?? AuditLog.genesis
        }

        mutating func append<Entry: AuditEntryJSON>(_ db: Database, _ entry: Entry, at: Date) throws {
            let kind = Entry.kind
            let text = String(decoding: WireJSON.bytes(entry), as: UTF8.self)
            if time?.at != at { time = (at, Timestamp.format(at)) }
            let stamp = time!.text
            let hash = AuditLog.hash(seq: seq + 1, at: stamp, kind: kind, body: text, previous: previous)
            try db.cachedStatement(sql: "INSERT INTO audit_log (seq, at, kind, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [seq + 1, stamp, kind, text, previous, hash])
            seq += 1
            previous = hash
        }
    }
}

extension Store {
    var auditHeadPath: String { ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("audit.head") }

    /// Records the chain's last entry outside the database (after a commit).
    func writeAuditHead() {
        guard let row = (try? pool.read { db in try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") }) ?? nil
        else { return }
        try? AuditChain.Head(seq: row["seq"], hash: row["hash"]).text.write(toFile: auditHeadPath, atomically: true, encoding: .utf8)
    }

    /// Recomputes the whole chain and names the first entry that was changed or removed.
    public func verifyAuditLog() throws -> AuditVerdict {
        // Read with a cursor in one snapshot: the chain is walked, never held in memory.
        try pool.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0
            var walk = AuditChain.Walk(head: (try? String(contentsOfFile: auditHeadPath, encoding: .utf8)).flatMap(AuditChain.Head.init(text:)))
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
            while let row = try rows.next(),
                  walk.take(seq: row["seq"], at: row["at"], kind: row["kind"], body: row["body"], prevHash: row["prev_hash"], hash: row["hash"]) {}
            return walk.verdict(entries: count)
        }
    }

    /// Audit entries from `seq` on, for `export` and tests: (seq, time, kind, body).
    public func auditEntries(after seq: Int64 = 0) throws -> [(seq: Int64, at: String, kind: String, body: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, kind, body FROM audit_log WHERE seq > ? ORDER BY seq", arguments: [seq])
                .map { ($0["seq"], $0["at"], $0["kind"], $0["body"]) }
        }
    }
}
