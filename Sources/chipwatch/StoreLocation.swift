import ArgumentParser
import Config
import Core
import Dispatch
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

    /// Stages and review commands run on the SQLite store only in this version: with a
    /// `store: url:` they stop at once rather than write a file nobody else reads.
    func refusePostgresForStages() throws {
        guard FileManager.default.fileExists(atPath: configPath),
              let settings = ChipwatchConfig.storeSettings(path: configPath)?.postgres else { return }
        printError("chipwatch: configuration error\nstore \(settings.url): this version runs its stages and review commands "
                   + "on the embedded SQLite store only; with a PostgreSQL store it sets up and checks the schema "
                   + "(chipwatch store migrate, chipwatch check-config --connect). Remove store.url to run on SQLite.")
        throw ExitCode(ExitStatus.config)
    }
}

/// Runs a PostgreSQL store operation from a synchronous command; a failure prints its message
/// and exits 74 (unreachable) or 78 (refused configuration, unusable schema).
func runStoreOperation<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    switch box.result! {
    case .success(let value):
        return value
    case .failure(let error as PostgresStoreError):
        printError("chipwatch: \(error)")
        throw ExitCode(error.kind == .unreachable ? ExitStatus.ioError : ExitStatus.config)
    case .failure(let error):
        printError("chipwatch: \(error)")
        throw ExitCode(ExitStatus.ioError)
    }
}

/// The result of a task, handed to the thread that waits for it (written once, before the signal).
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
