// SECURITY: reads the configuration files; with --connect, the store's password and one
// connection to the store (no writes); the web view's users file (hashes only, never printed).
import ArgumentParser
import Config
import Foundation
import PostgresStore
import Web

/// `chipwatch check-config`: validates every configuration file; exits 78 on an error.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration; exit 78 on an error, 0 otherwise.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Also connect to the store: the server answers, and which schema version it holds.")
    var connect = false

    func run() throws {
        let config = try global.loadConfig()
        print("\(config.path): ok (\(config.feeds.count) feeds in \(config.feedsPath))")
        if let dictionary = config.dictionary, let path = config.dictionaryPath {
            let words = dictionary.events.values.reduce(0) { $0 + $1.phrases.count + $1.headlineOnly.count + $1.weak.count }
            print("\(path): ok (\(dictionary.vendors.count) vendors, \(dictionary.products.count) products, "
                + "\(dictionary.agencies.count) agencies, \(words) event phrases)")
        }
        if let roadmap = config.roadmap, let path = config.roadmapPath { print("\(path): ok (\(roadmap.count) milestones)") }
        if let rules = config.rules, let path = config.rulesPath {
            print("\(path): ok (\(rules.rules.count) rules, \(rules.silences.count) silences)")
        }
        if let settings = config.store.postgres {
            print("store \(settings.url): PostgreSQL at \(settings.endpoint), tls \(settings.tls.rawValue), pool \(settings.pool)"
                  + (settings.password.map { ", password from \($0.description)" } ?? ", no password"))
        } else {
            print("store: the embedded SQLite file in \(global.stateDirectory)")
        }
        if let web = config.web {
            // serve refuses to start without a user, so a users file with none is an error here too.
            let users: WebUsers
            do { users = try WebUsers.load(path: web.usersFile) } catch {
                printError("chipwatch: configuration error\n\(error)")
                throw ExitCode(ExitStatus.config)
            }
            guard !users.names.isEmpty else {
                printError("chipwatch: configuration error\n\(web.usersFile): no user; add one with: chipwatch web adduser NAME")
                throw ExitCode(ExitStatus.config)
            }
            print("web: ok (listen \(web.host.contains(":") ? "[\(web.host)]" : web.host):\(web.port), \(users.names.count) users in \(web.usersFile)"
                  + (web.trustedProxies.isEmpty ? ")" : ", trusted proxies \(web.trustedProxies.joined(separator: ", ")))"))
        }
        guard connect else { return }
        if let store = try global.postgresStore(config.store.postgres) {
            let status = try runStoreOperation { try await store.status() }
            let current = PostgresStore.currentVersion
            let schema: String
            switch status.schemaVersion {
            case nil: schema = "empty (chipwatch store migrate sets it up)"
            case let version? where version == current: schema = "schema \(version), current"
            case let version? where version < current: schema = "schema \(version) (chipwatch store migrate brings it to \(current))"
            case let version?:
                printError("chipwatch: store \(store.settings.url): written by a newer chipwatch (schema \(version), this version knows \(current))")
                throw ExitCode(ExitStatus.config)
            }
            print("store \(store.settings.url): connected, PostgreSQL \(status.serverVersion), \(schema)")
        } else {
            let file = (global.stateDirectory as NSString).appendingPathComponent("chipwatch.sqlite")
            print(FileManager.default.fileExists(atPath: file) ? "store \(file): exists" : "store \(file): not created yet (the first run creates it)")
        }
    }
}
