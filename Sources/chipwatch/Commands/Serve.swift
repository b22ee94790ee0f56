// SECURITY: listens on the network (the web: section's address, loopback by default); reads the
// store only (SQLite read-only mode) and the users file; never writes either; no secrets of
// notify. Every path but /login, its stylesheet and /healthz needs a user of the users file.
import ArgumentParser
import Config
import Core
import Foundation
import Hummingbird
import Store
import Web

/// `chipwatch serve`: the web view (board, signal log, explain pages, alerts, feeds, report, JSON API).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the board, the signal log, alerts, feeds and a JSON API over the store, read only, behind a login.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("users-file"), help: ArgumentHelp(
        "Read the users from this file instead of web.users_file (systemd: a LoadCredential= copy, %d/web-users).",
        valueName: "path"))
    var usersFile: String?

    func run() throws {
        let config = try global.loadConfig()
        guard var web = config.web else {
            printError("chipwatch: configuration error\n\(config.path): web: is required for serve (listen: 127.0.0.1:8640, users_file: ...)")
            throw ExitCode(ExitStatus.config)
        }
        if let usersFile { web.usersFile = usersFile }
        let users: WebUsers
        do { users = try WebUsers.load(path: web.usersFile) } catch {
            printError("chipwatch: configuration error\n\(error)")
            throw ExitCode(ExitStatus.config)
        }
        guard !users.names.isEmpty else {
            printError("chipwatch: configuration error\n\(web.usersFile): no user; add one with: chipwatch web adduser NAME")
            throw ExitCode(ExitStatus.config)
        }
        let site: WebSite
        if let shared = try global.openPostgresStageStore() {
            try runStoreCheck { try shared.setReadOnly() }
            site = WebSite(store: shared, concurrentReads: false, feeds: config.feeds, roadmap: config.roadmap ?? [],
                           rules: config.rules, users: users, settings: web)
        } else {
            let store: Store
            do { store = try Store(readOnlyDirectory: global.stateDirectory) } catch {
                printError("chipwatch: \(error)")
                throw ExitCode(ExitStatus.ioError)
            }
            site = WebSite(store: store, concurrentReads: true, feeds: config.feeds, roadmap: config.roadmap ?? [],
                           rules: config.rules, users: users, settings: web,
                           version: sqliteStoreVersion(directory: global.stateDirectory, fileName: Store.fileName))
        }
        let app = WebServer.application(site, logger: global.makeLogger("chipwatch.web")) { address in
            // Written unbuffered: a supervisor or a test waits for this line to know the port.
            FileHandle.standardOutput.write(Data("serve: listening on http://\(address) (\(users.names.count) users)\n".utf8))
        }
        // The server runs on its own event loops until SIGTERM or SIGINT; this thread waits.
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await app.runService() } catch { failure.error = error }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error {
            printError("chipwatch serve: \(error)")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

/// The server's error, handed from its task to the waiting thread (written before the signal).
private final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}

/// `chipwatch web adduser NAME`: reads a password on stdin and appends `NAME:bcrypt-hash` to the users file.
struct WebCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web", abstract: "Manage the web view's users.", subcommands: [AddUser.self])

    struct AddUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adduser", abstract: "Read a password on stdin (one line) and add NAME to the users file with its bcrypt hash.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user name (letters, digits, . _ - @).") var name: String

        func run() throws {
            let web: WebSettings
            do {
                guard let settings = try ChipwatchConfig.webSettings(path: global.configPath) else {
                    printError("chipwatch: configuration error\n\(global.configPath): web: is required (users_file: names the users file)")
                    throw ExitCode(ExitStatus.config)
                }
                web = settings
            } catch let error as ConfigError {
                printError("chipwatch: configuration error\n\(error)")
                throw ExitCode(ExitStatus.config)
            }
            let existing: WebUsers
            do { existing = try WebUsers.load(path: web.usersFile) } catch {
                printError("chipwatch: \(error)")
                throw ExitCode(ExitStatus.config)
            }
            guard !existing.names.contains(name) else {
                printError("chipwatch web adduser: \(name) is already in \(web.usersFile)")
                throw ExitCode(ExitStatus.dataError)
            }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                printError("chipwatch web adduser: no password on stdin")
                throw ExitCode(ExitStatus.dataError)
            }
            let line: String
            do { line = try WebUsers.line(name: name, password: password) } catch {
                printError("chipwatch web adduser: \(error)")
                throw ExitCode(ExitStatus.dataError)
            }
            do {
                try UsersFile.append(line, to: web.usersFile)
            } catch {
                printError("chipwatch web adduser: cannot write \(web.usersFile): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.ioError)
            }
            print("web: added \(name) to \(web.usersFile)")
        }
    }
}

/// Appends a line to the users file, creating it readable by its owner only (it holds hashes).
enum UsersFile {
    static func append(_ line: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}
