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

    /// The store of the fetch, parse and extract stages: the SQLite file, or the PostgreSQL
    /// store the configuration names (these stages run on either; work is claimed row by row there).
    func openStageStore() throws -> any FetchStore & ParseStore & PageStore & ExtractStore {
        guard FileManager.default.fileExists(atPath: configPath),
              let settings = ChipwatchConfig.storeSettings(path: configPath)?.postgres else { return try openStore() }
        guard let store = try postgresStore(settings) else { return try openStore() }
        let stageStore = PostgresStageStore(store: store)
        do {
            try stageStore.connect()
        } catch let error as PostgresStoreError {
            printError("chipwatch: \(error)")
            throw ExitCode(error.kind == .unreachable ? ExitStatus.ioError : ExitStatus.config)
        }
        return stageStore
    }

    /// Stages and review commands run on the SQLite store only in this version: with a
    /// `store: url:` they stop at once rather than write a file nobody else reads.
    func refusePostgresForStages() throws {
        guard FileManager.default.fileExists(atPath: configPath),
              let settings = ChipwatchConfig.storeSettings(path: configPath)?.postgres else { return }
        printError("chipwatch: configuration error\nstore \(settings.url): this version runs fetch, fetch-pages, parse and extract "
                   + "on a PostgreSQL store; the other stages and the review commands run on the embedded SQLite store only "
                   + "(chipwatch store copy moves a store either way). Remove store.url to run everything on SQLite.")
        throw ExitCode(ExitStatus.config)
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
