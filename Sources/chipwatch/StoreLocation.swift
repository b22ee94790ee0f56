import ArgumentParser
import Config
import Core
import Foundation
import Notify
import PostgresStore

/// Where the store is: the embedded SQLite file in the state directory, or the PostgreSQL
/// server a `store: url:` names (README, "More than one machine").
extension GlobalOptions {
    /// The PostgreSQL store the configuration names, its password read; nil for the SQLite file.
    /// A password that cannot be read exits 78 naming the store and where the password was looked for.
    func postgresStore(_ settings: PostgresSettings?) throws -> PostgresStore? {
        guard let settings else { return nil }
        var password: String?
        if let source = settings.password {
            do {
                password = try Secrets.read(source)
            } catch {
                printError("chipwatch: configuration error\nstore \(settings.url): password: \(error)")
                throw ExitCode(ExitStatus.config)
            }
        }
        return PostgresStore(settings: settings, password: password, logger: makeLogger("chipwatch.store"))
    }

    /// The PostgreSQL store the configuration names, connected and its schema checked (exit 74
    /// when unreachable, 78 when refused); nil when the store is the embedded SQLite file.
    func openPostgresStageStore() throws -> PostgresStageStore? {
        guard FileManager.default.fileExists(atPath: configPath),
              let settings = ChipwatchConfig.storeSettings(path: configPath)?.postgres,
              let store = try postgresStore(settings) else { return nil }
        let stageStore = PostgresStageStore(store: store)
        try runStoreCheck { try stageStore.connect() }
        // The state directory still holds this host's files (lock, metrics, alerts.atom, audit.head).
        do { try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true) } catch {
            printError("chipwatch: cannot create the state directory \(stateDirectory): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.ioError)
        }
        return stageStore
    }

    /// The store of the pipeline's stages: the SQLite file, or the PostgreSQL store the
    /// configuration names (work is claimed row by row there; see `takeSingleton`).
    func openStageStore() throws -> any FetchStore & ParseStore & PageStore & ExtractStore {
        try openPostgresStageStore() ?? openStore()
    }

    /// On a PostgreSQL store, takes the singleton `stage` runs under; false (after saying so)
    /// when a process on this or another host holds it: that process does the work.
    func takeSingleton(_ singleton: PostgresStageStore.Singleton, on store: PostgresStageStore, stage: String) throws -> Bool {
        let taken = try runStoreCheck { try store.take(singleton) }
        if !taken { print("\(stage): done by another host") }
        return taken
    }

    /// Where this host records the audit chain's last entry it saw (on SQLite, the store writes it).
    var auditHeadPath: String { (stateDirectory as NSString).appendingPathComponent("audit.head") }

    /// After a stage appended to the chain on PostgreSQL: this host's `audit.head`, so its
    /// `verify-log` notices entries later cut from the end. A failure only warns: the head is a check, not data.
    func recordAuditHead(_ store: PostgresStageStore) {
        do {
            guard let head = try store.auditHead() else { return }
            try head.text.write(toFile: auditHeadPath, atomically: true, encoding: .utf8)
        } catch {
            printError("chipwatch: cannot record the audit head in \(auditHeadPath): \(error)")
        }
    }

    /// The store the review commands read: the PostgreSQL store the configuration names, or the SQLite file.
    func openReviewStore() throws -> any ReviewStore {
        try openPostgresStageStore() ?? openStore()
    }

    /// The roadmap's milestone ids, only to list milestones in its order; nil when the
    /// configuration names none (a listing does not need the roadmap to be right, only its order).
    func roadmapForOrder() -> [String]? {
        guard FileManager.default.fileExists(atPath: configPath) else { return nil }
        return ChipwatchConfig.roadmapOrder(path: configPath)
    }

    /// What runs on the SQLite file only (`store prune`): with a `store: url:` it stops at
    /// once rather than work on a file nobody writes.
    func refuseSQLiteOnlyWithPostgres() throws {
        guard FileManager.default.fileExists(atPath: configPath),
              let settings = ChipwatchConfig.storeSettings(path: configPath)?.postgres else { return }
        printError("chipwatch: configuration error\nstore \(settings.url): store prune works on the embedded SQLite store "
                   + "only; a PostgreSQL store keeps document bodies as fetched.")
        throw ExitCode(ExitStatus.config)
    }
}

/// Runs a synchronous PostgreSQL stage-store call from a command; a failure prints its message
/// and exits 74 (unreachable) or 78 (refused configuration, unusable schema).
func runStoreCheck<T>(_ work: () throws -> T) throws -> T {
    do {
        return try work()
    } catch let error as PostgresStoreError {
        printError("chipwatch: \(error)")
        throw ExitCode(error.kind == .unreachable ? ExitStatus.ioError : ExitStatus.config)
    }
}

/// Runs a PostgreSQL store operation from a synchronous command; a failure prints its message
/// and exits 74 (unreachable) or 78 (refused configuration, unusable schema).
func runStoreOperation<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    do {
        return try PostgresBlocking.wait(work)
    } catch let error as PostgresStoreError {
        printError("chipwatch: \(error)")
        throw ExitCode(error.kind == .unreachable ? ExitStatus.ioError : ExitStatus.config)
    } catch {
        printError("chipwatch: \(error)")
        throw ExitCode(ExitStatus.ioError)
    }
}
