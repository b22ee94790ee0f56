// SECURITY: prune rewrites document bodies in the store (no network, no credentials); migrate
// and copy read a PostgreSQL store's password and write to that store.
import ArgumentParser
import Config
import Core
import Foundation
import PostgresStore
import Store

/// `chipwatch store`: upkeep of the store itself.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Upkeep of the store.", subcommands: [StoreMigrate.self, StoreCopy.self, StorePrune.self])
}

/// `chipwatch store prune`: compresses parsed bodies stored whole, and empties the raw bodies
/// of documents older than the retention (`store: retention: documents:` or `--older-than`).
struct StorePrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Drop the raw bodies of old fetched documents (never items, signals or evidence); compress the rest.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clock: ClockOptions
    @Option(name: .customLong("older-than"), help: ArgumentHelp(
        "Drop bodies fetched longer ago than this (e.g. 90d); default: store.retention.documents.", valueName: "duration"))
    var olderThan: String?
    @Flag(help: "Then give the freed space back to the file system (rewrites the file; needs room for a copy).")
    var vacuum = false

    func validate() throws {
        if let olderThan, DurationText.seconds(olderThan) == nil {
            throw ValidationError("--older-than: \"\(olderThan)\" is not a duration such as 90d")
        }
    }

    func run() throws {
        let retention = try olderThan.flatMap(DurationText.seconds) ?? global.loadConfig().store.documentRetention
        let now = clock.date
        let store = try global.openStore()
        let summary = try store.pruneDocuments(fetchedBefore: retention.map { now.addingTimeInterval(-$0) }, at: now)
        if vacuum { try store.vacuum() }
        let kept = retention.map { "fetched in the last \(DurationText.text($0))" } ?? "all (no retention set)"
        print("store prune: \(summary.pruned) bodies dropped, \(summary.compressed) compressed; bodies kept: \(kept); "
              + "raw bodies \(megabytes(summary.bytesBefore)) -> \(megabytes(summary.bytesAfter))"
              + (summary.itemTexts > 0 ? "; \(summary.itemTexts) item texts compressed" : "")
              + (vacuum ? "; file vacuumed" : ""))
    }

    private func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}

/// `chipwatch store migrate`: brings the store's schema to this version's. PostgreSQL: each
/// numbered step in its own transaction, under an advisory lock, so hosts that start together
/// migrate once. SQLite: what every command does when it opens the file.
struct StoreMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring the store's schema to this version's (PostgreSQL or the SQLite file).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let config = try global.loadConfig()
        if let store = try global.postgresStore(config.store.postgres) {
            let (from, to) = try runStoreOperation { try await store.migrate() }
            print(from == to ? "store migrate: \(store.settings.url): schema \(to), current"
                             : "store migrate: \(store.settings.url): schema \(from) -> \(to)")
        } else {
            let store = try global.openStore()
            print("store migrate: \(store.path): schema current")
        }
    }
}

/// `chipwatch store copy`: moves an installation between the SQLite store of the state
/// directory and a PostgreSQL database, either way, into an empty target, in one transaction
/// that is verified before it commits.
struct StoreCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the SQLite store into an empty PostgreSQL store (--to) or back (--from); verify rows per table, counts and the audit chain.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Copy the state directory's SQLite store into this PostgreSQL database, "
                               + "postgres://USER@HOST[:PORT]/DATABASE (no password in it).", valueName: "url"))
    var to: String?
    @Option(help: ArgumentHelp("Copy this PostgreSQL database into the state directory's SQLite store, which must be empty.",
                               valueName: "url"))
    var from: String?
    @Option(name: .customLong("password-file"), help: ArgumentHelp("A file holding the database's password.", valueName: "path"))
    var passwordFile: String?
    @Option(name: .customLong("password-env"), help: ArgumentHelp("An environment variable holding it.", valueName: "name"))
    var passwordEnv: String?
    @Option(help: "require (default), verify-full, or disable (a Unix socket or loopback only).")
    var tls: String = "require"

    func validate() throws {
        if (to == nil) == (from == nil) { throw ValidationError("give one of --to (SQLite to PostgreSQL) or --from (back)") }
    }

    func run() throws {
        let url = to ?? from ?? ""
        let settings: PostgresSettings
        switch PostgresSettings.parseURL(url) {
        case .failure(let problem): throw ValidationError("\(to != nil ? "--to" : "--from"): \(problem.message)")
        case .success(let parsed):
            guard let mode = PostgresSettings.TLS(rawValue: tls) else { throw ValidationError("--tls: must be require, verify-full or disable") }
            if mode == .disable, !parsed.endpoint.isLocal {
                throw ValidationError("--tls disable is accepted only for a Unix socket or loopback; \(parsed.endpoint) is neither")
            }
            let password: SecretSource? = passwordFile.map(SecretSource.file) ?? passwordEnv.map(SecretSource.environment)
            settings = PostgresSettings(url: url, user: parsed.user, database: parsed.database, endpoint: parsed.endpoint,
                                        password: password, tls: mode, pool: 1)
        }
        guard let postgres = try global.postgresStore(settings) else { return }
        // The SQLite file of this state directory, whatever the configuration names as the store.
        let sqlite: Store
        do { sqlite = try Store(directory: global.stateDirectory) } catch {
            printError("chipwatch: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
        if to != nil {
            try copyIn(from: sqlite, to: postgres)
        } else {
            let (total, tables, entries) = try Self.copyOut(from: postgres, to: sqlite)
            print("store copy: \(postgres.settings.url) -> \(sqlite.path): \(total) rows in \(tables) tables, "
                  + "\(entries) audit entries; rows per table, counts and the audit chain verified")
        }
    }

    /// SQLite into an empty PostgreSQL database.
    private func copyIn(from source: Store, to target: PostgresStore) throws {
        let audit = try source.verifyAuditLog()
        guard audit.intact else {
            printError("chipwatch store copy: \(source.path): the audit log is broken (\(audit.problem ?? "?")); nothing copied")
            throw ExitCode(ExitStatus.dataError)
        }
        let copy = PostgresCopyTarget(store: target)
        try runStoreOperation { try await copy.begin() }
        do {
            let read = try source.readForCopy(table: { _ in }, rows: { table, rows in
                try runStoreOperation { try await copy.insert(table: table.name, columns: table.columns, rows: rows) }
            })
            let written = try runStoreOperation { try await copy.verify() }
            var problems: [String] = []
            for (table, count) in read.sorted(by: { $0.key < $1.key }) where written.rows[table] != count {
                problems.append("\(table): \(count) rows read, \(written.rows[table] ?? 0) in the target")
            }
            if written.counts != (try source.keptCounts()) { problems.append("the counts the triggers keep differ") }
            if written.auditEntries != audit.entries { problems.append("audit log: \(audit.entries) entries, \(written.auditEntries) copied") }
            if let problem = written.auditProblem { problems.append(problem) }
            try Self.refuse(problems)
            try runStoreOperation { try await copy.commit() }
            print("store copy: \(source.path) -> \(target.settings.url): \(read.values.reduce(0, +)) rows in \(read.count) tables, "
                  + "\(audit.entries) audit entries; rows per table, counts and the audit chain verified")
        } catch {
            _ = try? runStoreOperation { await copy.abort() }
            throw error
        }
    }

    /// A PostgreSQL database into the empty SQLite store, read in one snapshot and verified
    /// (also by `replay` on a PostgreSQL store). Returns the rows, tables and audit entries copied.
    static func copyOut(from source: PostgresStore, to target: Store) throws -> (rows: Int, tables: Int, entries: Int) {
        let copy = PostgresCopySource(store: source)
        try runStoreOperation { try await copy.begin() }
        defer { _ = try? runStoreOperation { await copy.close() } }
        var total = 0, tables = 0, entries = 0
        do {
            try target.writeFromCopy(begin: { table, keys in
                try runStoreOperation { try await copy.open(table: table.name, columns: table.columns, orderBy: keys) }
            }, next: {
                let rows = try runStoreOperation { try await copy.next() }
                total += rows.count
                return rows
            }, verify: { written in
                var problems: [String] = []
                for (table, count) in written.rows.sorted(by: { $0.key < $1.key }) {
                    let source = try runStoreOperation { try await copy.rowCount(table) }
                    if source != count { problems.append("\(table): \(source) rows in the source, \(count) written") }
                }
                if written.counts != (try runStoreOperation { try await copy.keptCounts() }) {
                    problems.append("the counts the triggers keep differ")
                }
                if let problem = written.auditProblem { problems.append(problem) }
                try refuse(problems)
                tables = written.rows.count
                entries = written.auditEntries
            })
        } catch let error as StoreError {
            printError("chipwatch store copy: \(error)")
            throw ExitCode(ExitStatus.config)
        }
        return (total, tables, entries)
    }

    private static func refuse(_ problems: [String]) throws {
        guard problems.isEmpty else {
            printError("chipwatch store copy: the copy does not verify, nothing kept:\n" + problems.joined(separator: "\n"))
            throw ExitCode(ExitStatus.dataError)
        }
    }
}
