import Foundation
import TestSupport

/// A real PostgreSQL server for the store tests: the one `.ci/run` started (its folder in
/// `$CHIPWATCH_TEST_POSTGRES`), else a private one started here with `.ci/postgres` and stopped
/// when the last test using it ends. Each test takes a database of its own.
final class PrivatePostgres: @unchecked Sendable {
    let folder: String
    let port: Int
    let password: String
    private let owned: Bool

    /// One server per test process.
    static let shared: Result<PrivatePostgres, TestFailure> = {
        do { return .success(try PrivatePostgres()) } catch { return .failure(TestFailure("PostgreSQL: \(error)")) }
    }()

    private init() throws {
        if let given = ProcessInfo.processInfo.environment["CHIPWATCH_TEST_POSTGRES"], !given.isEmpty {
            folder = given
            owned = false
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("chipwatch-pg-\(UUID().uuidString)").path
            // system(3), not Foundation's Process: inside this once-only initializer Process never
            // saw the script end (its exit is reported through a run loop this thread blocks).
            let log = folder + ".log"
            let status = system("bash '\(Repository.root)/.ci/postgres' start '\(folder)' >'\(log)' 2>&1")
            guard status == 0 else {
                throw TestFailure(".ci/postgres start failed: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            try? FileManager.default.removeItem(atPath: log)
            owned = true
        }
        let portText = try String(contentsOfFile: folder + "/port", encoding: .utf8)
        guard let port = Int(portText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("no port in \(folder)/port")
        }
        self.port = port
        password = try String(contentsOfFile: folder + "/password", encoding: .utf8).trimmingCharacters(in: .newlines)
        atexit { PrivatePostgres.stopOwned() }
    }

    /// Stops a server this process started (registered with atexit: the shared value is never released).
    private static func stopOwned() {
        guard case .success(let server) = shared, server.owned else { return }
        _ = system("bash '\(Repository.root)/.ci/postgres' stop '\(server.folder)' >/dev/null 2>&1")
    }

    /// Runs SQL through psql as the superuser; returns its unaligned output.
    @discardableResult
    func sql(_ statement: String, database: String = "postgres") throws -> String {
        let run = try CLI.program("/usr/bin/psql", ["-h", folder, "-p", "\(port)", "-U", "chipwatch", "-d", database, "-AtqX",
                                                     "-v", "ON_ERROR_STOP=1", "-c", statement],
                                  environment: ["PGPASSWORD": password])
        guard run.status == 0 else { throw TestFailure("psql: \(statement): \(run.output)") }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A psql session on `database` that ran `statements` and stays open, holding its locks or
    /// its transaction, as a hung worker or another host would: returned once `ready` (a query
    /// answering one row) answers "1", or nil when it never did. `HeldSession.kill()` ends it.
    func holdSession(_ statements: String, database: String, ready: String) throws -> HeldSession? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-h", folder, "-p", "\(port)", "-U", "chipwatch", "-d", database, "-Xq"]
        process.environment = ["PGPASSWORD": password]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((statements + "\n").utf8))
        let session = HeldSession(process: process, input: input)
        for _ in 0..<500 {
            if try sql(ready, database: database) == "1" { return session }
            usleep(20_000)
        }
        session.kill()
        return nil
    }

    /// A new, empty database for one test.
    func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try sql("CREATE DATABASE \(name)")
        return String(name)
    }

    /// A chipwatch.yaml in `dir` for this server: the repository's feeds, `store:` as given.
    func config(in dir: TempDir, store: String) throws -> String {
        _ = try dir.write("pg-password", password + "\n")
        return try dir.write("chipwatch.yaml", """
            feeds: \(Repository.root)/feeds/feeds.yaml
            store:
            \(store.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """)
    }

    /// The `store:` lines for a database over the Unix socket, the password from a file in `dir`.
    func socketStore(_ database: String, dir: TempDir) -> String {
        let folder = self.folder.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self.folder
        return """
            url: postgres://chipwatch@\(folder):\(port)/\(database)
            password_file: \(dir.path)/pg-password
            """
    }
}

/// A psql session kept open by a test (`PrivatePostgres.holdSession`).
final class HeldSession: @unchecked Sendable {
    private let process: Process
    private let input: Pipe   // kept open: psql ends at the end of its input

    init(process: Process, input: Pipe) {
        self.process = process
        self.input = input
    }

    /// Ends the session with SIGKILL, as a dying host would (the server then drops its locks).
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        var status: Int32 = 0
        waitpid(process.processIdentifier, &status, 0)
    }
}
