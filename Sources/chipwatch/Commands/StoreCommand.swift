// SECURITY: prune rewrites document bodies in the store (no network, no credentials); migrate
// reads the store's password and changes its schema.
import ArgumentParser
import Core
import Foundation
import PostgresStore
import Store

/// `chipwatch store`: upkeep of the store itself.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Upkeep of the store.", subcommands: [StoreMigrate.self, StorePrune.self])
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
        if let store = try global.postgresStore(config) {
            let (from, to) = try runStoreOperation { try await store.migrate() }
            print(from == to ? "store migrate: \(store.settings.url): schema \(to), current"
                             : "store migrate: \(store.settings.url): schema \(from) -> \(to)")
        } else {
            let store = try global.openStore()
            print("store migrate: \(store.path): schema current")
        }
    }
}
