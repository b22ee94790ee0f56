import Foundation
import PostgresStore
import Store
import Testing
import TestSupport

/// The PostgreSQL store against a real server (`.ci/postgres`): the schema and its numbered
/// migrations, `check-config --connect`, and each way of failing with the exit status and a
/// message naming the store.
@Suite("PostgreSQL store", .serialized)
struct PostgresStoreTests {
    let server: PrivatePostgres
    init() throws { server = try PrivatePostgres.shared.get() }

    @Test("store migrate builds the SQLite store's tables and columns, numbered alike; check-config --connect reports them")
    func migrateMatchesSQLite() throws {
        let dir = try TempDir()
        let database = try server.createDatabase()
        let config = try server.config(in: dir, store: server.socketStore(database, dir: dir))
        let empty = try CLI.run(["check-config", "--connect", "--config", config])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("PostgreSQL 15") || empty.stdout.contains("PostgreSQL 1"), "\(empty.stdout)")
        #expect(empty.stdout.contains("empty (chipwatch store migrate sets it up)"), "\(empty.stdout)")

        let migrated = try CLI.run(["store", "migrate", "--config", config])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("schema 0 -> 20"), "\(migrated.stdout)")
        let again = try CLI.run(["store", "migrate", "--config", config])
        #expect(again.stdout.contains("schema 20, current"), "\(again.stdout)")
        let connected = try CLI.run(["check-config", "--connect", "--config", config])
        #expect(connected.stdout.contains("schema 20, current"), "\(connected.stdout)")

        // The same tables and columns as a SQLite store this version creates.
        let sqlite = try TempDir()
        _ = try Store(directory: sqlite.path)
        let sqliteColumns = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'"):
                for row in db.execute("PRAGMA table_info(%s)" % t): print(t + "." + row[1])
            """, sqlite.path + "/chipwatch.sqlite"])
        let expected = Set(sqliteColumns.output.split(separator: "\n").map(String.init))
        let postgresColumns = try server.sql("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'chipwatch_schema'
            """, database: database)
        let actual = Set(postgresColumns.split(separator: "\n").map(String.init))
        #expect(expected.count > 100)
        #expect(actual.subtracting(expected).sorted() == [], "columns only in PostgreSQL")
        #expect(expected.subtracting(actual).sorted() == [], "columns only in SQLite")
        #expect(try server.sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM chipwatch_schema", database: database)
                == (1...20).map(String.init).joined(separator: ","))
    }

    @Test("two hosts migrating at once: one does it under the advisory lock, both succeed")
    func concurrentMigrations() throws {
        let dir = try TempDir()
        let database = try server.createDatabase()
        let config = try server.config(in: dir, store: server.socketStore(database, dir: dir))
        let results = ResultList()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            results.append(try? CLI.run(["store", "migrate", "--config", config]))
        }
        #expect(results.all.count == 3)
        for result in results.all { #expect(result?.status == 0, "\(result?.stderr ?? "no result")") }
        #expect(results.all.filter { $0?.stdout.contains("schema 0 -> 20") == true }.count == 1)
        #expect(try server.sql("SELECT count(*) FROM chipwatch_schema", database: database) == "20")
    }

    @Test("a wrong password, a missing database, a server without TLS: exit 78 naming the store, no password shown")
    func refusedConfiguration() throws {
        let dir = try TempDir()
        let database = try server.createDatabase()
        let config = try server.config(in: dir, store: server.socketStore(database, dir: dir))
        _ = try dir.write("pg-password", "not-the-password\n")
        let wrong = try CLI.run(["check-config", "--connect", "--config", config])
        #expect(wrong.status == 78)
        #expect(wrong.stderr.contains("refused the login of chipwatch"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("/\(database)"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("not-the-password") && !wrong.stdout.contains("not-the-password"))

        let missing = try server.config(in: dir, store: server.socketStore("no_such_database", dir: dir))
        let noDatabase = try CLI.run(["store", "migrate", "--config", missing])
        #expect(noDatabase.status == 78)
        #expect(noDatabase.stderr.contains("no_such_database") && noDatabase.stderr.contains("createdb"), "\(noDatabase.stderr)")

        let tls = try server.config(in: dir, store: """
            url: postgres://chipwatch@127.0.0.1:\(server.port)/\(database)
            password_file: \(dir.path)/pg-password
            tls: require
            """)
        let noTLS = try CLI.run(["check-config", "--connect", "--config", tls])
        #expect(noTLS.status == 78)
        #expect(noTLS.stderr.contains("does not offer TLS"), "\(noTLS.stderr)")
    }

    @Test("nothing listening: exit 74 naming the store and where it was looked for")
    func unreachable() throws {
        let dir = try TempDir()
        let port = try CLI.program("/usr/bin/env", ["python3", "-c",
            "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let config = try server.config(in: dir, store: """
            url: postgres://chipwatch@127.0.0.1:\(port)/chipwatch
            password_file: \(dir.path)/pg-password
            tls: disable
            """)
        let result = try CLI.run(["store", "migrate", "--config", config])
        #expect(result.status == 74)
        #expect(result.stderr.contains("store postgres://chipwatch@127.0.0.1:\(port)/chipwatch"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot reach the server at 127.0.0.1:\(port)"), "\(result.stderr)")
    }

    @Test("a store migrated by a newer chipwatch is refused by every stage, run, verify-log and review command; store prune refuses a PostgreSQL store")
    func newerSchemaAndStages() throws {
        let dir = try TempDir()
        let database = try server.createDatabase()
        let folder = server.folder
        let config = try server.config(in: dir, store: """
            url: postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(folder)
            password_file: \(dir.path)/pg-password
            """)
        #expect(try CLI.run(["store", "migrate", "--config", config]).status == 0)
        try server.sql("INSERT INTO chipwatch_schema (version, name) VALUES (99, 'v99-future')", database: database)
        let newer = try CLI.run(["store", "migrate", "--config", config])
        #expect(newer.status == 78)
        #expect(newer.stderr.contains("written by a newer chipwatch (schema 99"), "\(newer.stderr)")
        let check = try CLI.run(["check-config", "--connect", "--config", config])
        #expect(check.status == 78)

        let state = try TempDir()
        let fetch = try CLI.run(["fetch", "--config", config, "--state-dir", state.path])
        #expect(fetch.status == 78)
        #expect(fetch.stderr.contains("written by a newer chipwatch (schema 99"), "\(fetch.stderr)")
        for command in [["notify"], ["outbox"], ["verify-log"], ["run"], ["signals"], ["alerts"], ["milestones"]] {
            let refused = try CLI.run(command + ["--config", config, "--state-dir", state.path])
            #expect(refused.status == 78)
            #expect(refused.stderr.contains("written by a newer chipwatch (schema 99"), "\(command): \(refused.stderr)")
        }
        // A database an older chipwatch left (one step behind): every stage asks for the migration.
        let older = try server.createDatabase()
        let olderDir = try TempDir()
        let olderConfig = try server.config(in: olderDir, store: """
            url: postgres://chipwatch@localhost:\(server.port)/\(older)?host=\(folder)
            password_file: \(dir.path)/pg-password
            """)
        #expect(try CLI.run(["store", "migrate", "--config", olderConfig]).status == 0)
        try server.sql("DELETE FROM chipwatch_schema WHERE version = \(PostgresStore.currentVersion)", database: older)
        for command in [["parse"], ["notify"], ["signals"]] {
            let refused = try CLI.run(command + ["--config", olderConfig, "--state-dir", state.path])
            #expect(refused.status == 78)
            #expect(refused.stderr.contains("run chipwatch store migrate"), "\(command): \(refused.stderr)")
        }
        let prune = try CLI.run(["store", "prune", "--older-than", "30d", "--config", config, "--state-dir", state.path])
        #expect(prune.status == 78)
        #expect(prune.stderr.contains("store prune works on the embedded SQLite store only"), "\(prune.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.path + "/chipwatch.sqlite"))
    }
}

extension PostgresStoreTests {
    @Test("store copy moves the demo's store into an empty database and back, verified; refuses a target with rows and a broken audit log")
    func copyDemoStore() throws {
        let state = try TempDir()
        let demo = try CLI.run(["demo", "--state-dir", state.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let dir = try TempDir()
        _ = try dir.write("pg-password", server.password + "\n")
        let database = try server.createDatabase()
        let url = "postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)"
        let arguments = ["store", "copy", "--to", url, "--password-file", dir.path + "/pg-password", "--tls", "disable",
                         "--state-dir", state.path]
        let copied = try CLI.run(arguments)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("rows per table, counts and the audit chain verified"), "\(copied.stdout)")

        // Every table holds what the SQLite file holds, row for row.
        let counts = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('grdb_migrations', 'counts') ORDER BY name"):
                print("%s %d" % (t, db.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0]))
            """, state.path + "/chipwatch.sqlite"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let tables = counts.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(tables.count == 16)
        let target = try tables.map { "\($0) \(try server.sql("SELECT COUNT(*) FROM \($0)", database: database))" }.joined(separator: "\n")
        #expect(target == counts)
        #expect(try server.sql("SELECT COUNT(*) FROM signals", database: database) != "0")
        #expect(try server.sql("SELECT fetched_at FROM documents ORDER BY id LIMIT 1", database: database) == "2026-03-25 12:00:00+00")

        // And back into an empty SQLite store: every table as it was, the audit chain intact.
        let back = try TempDir()
        let from = ["store", "copy", "--from", url, "--password-file", dir.path + "/pg-password", "--tls", "disable"]
        let returned = try CLI.run(from + ["--state-dir", back.path])
        #expect(returned.status == 0, "\(returned.stderr)")
        let compared = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            a, b = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
            for (t,) in a.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'"):
                zero = " WHERE value <> 0" if t == "counts" else ""
                rows = lambda db: sorted(db.execute("SELECT * FROM %s%s" % (t, zero)).fetchall(), key=repr)
                print("%s %s" % (t, "same" if rows(a) == rows(b) else "differs"))
            """, state.path + "/chipwatch.sqlite", back.path + "/chipwatch.sqlite"]).output
        #expect(compared.split(separator: "\n").count == 17, "\(compared)")
        #expect(!compared.contains("differs"), "\(compared)")
        #expect(try CLI.run(["verify-log", "--state-dir", back.path]).stdout.contains("chain intact"))
        let occupied = try CLI.run(from + ["--state-dir", state.path])
        #expect(occupied.status == 78)
        #expect(occupied.stderr.contains("not empty"), "\(occupied.stderr)")

        let again = try CLI.run(arguments)
        #expect(again.status == 78)
        #expect(again.stderr.contains("not empty") && again.stderr.contains("store copy writes only into an empty store"), "\(again.stderr)")

        // A broken chain in the source: nothing is copied.
        let other = try server.createDatabase()
        let tampered = try CLI.program("/usr/bin/env", ["python3", "-c",
            "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(\"UPDATE audit_log SET body = body || ' ' WHERE seq = 2\"); db.commit()",
            state.path + "/chipwatch.sqlite"])
        #expect(tampered.status == 0, "\(tampered.output)")
        let broken = try CLI.run(["store", "copy", "--to", "postgres://chipwatch@localhost:\(server.port)/\(other)?host=\(server.folder)",
                                  "--password-file", dir.path + "/pg-password", "--tls", "disable", "--state-dir", state.path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("the audit log is broken"), "\(broken.stderr)")
        #expect(try server.sql("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", database: other) == "0")
    }
}

extension PostgresStoreTests {
    @Test("fetch, parse and extract on PostgreSQL: three parse and two extract processes share the work, each row once, a dead worker's row taken by the next; items and signals as on SQLite, one audit chain")
    func sharedStages() throws {
        let files = try TempDir()
        var feedsYAML = "feeds:\n"
        for feed in 1...60 {
            let items = (1...5).map { n in
                "<item><title>Feed \(feed) item \(n): Ascend 950PR shipments</title><link>https://news.example/\(feed)/\(n)</link>"
                    + "<guid>f\(feed)-i\(n)</guid><pubDate>Mon, 0\(n) Mar 2026 10:00:00 GMT</pubDate>"
                    + "<description>Huawei began shipping the Ascend 950PR, item \(n) of feed \(feed).</description></item>"
            }.joined()
            _ = try files.write("feed\(feed).xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed \(feed)</title>"
                                + "<link>https://news.example/\(feed)</link><description>d</description>\(items)</channel></rss>")
        }
        let server = try LoopbackServer(root: files.path)
        for feed in 1...60 { feedsYAML += "  - {id: feed-\(feed), url: '\(server.url("/files/feed\(feed).xml"))', tier: 2}\n" }
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", feedsYAML)
        _ = try dir.write("pg-password", self.server.password + "\n")
        let database = try self.server.createDatabase()
        let fetchBlock = "dictionary: \(Repository.root)/feeds/dictionary.yaml\n"
            + "fetch: {allow_private_networks: true, concurrency: 8, per_host: 8}\n"
        let postgres = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\n" + fetchBlock + """
            store:
              url: postgres://chipwatch@localhost:\(self.server.port)/\(database)?host=\(self.server.folder)
              password_file: \(dir.path)/pg-password
            """)
        #expect(try CLI.run(["store", "migrate", "--config", postgres]).status == 0)
        let state = try TempDir()
        let fetched = try CLI.run(["fetch", "--config", postgres, "--state-dir", state.path])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdout.contains("60 new"), "\(fetched.stdout)")

        // A worker that claimed the first document and then hangs: the others skip its row.
        let idle = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '\(database)' AND state = 'idle in transaction'"
        let holder = try self.server.holdSession("BEGIN;\nSELECT id FROM documents ORDER BY id LIMIT 1 FOR UPDATE;",
                                                 database: database, ready: idle)
        #expect(holder != nil)

        let results = ResultList()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            results.append(try? CLI.run(["parse", "--config", postgres, "--state-dir", state.path]))
        }
        #expect(try self.server.sql("SELECT COUNT(*) FROM documents WHERE parse_state = 'new'", database: database) == "1")
        // The hung worker dies (SIGKILL): the server drops its claim, and the next run takes the row.
        holder?.kill()
        for _ in 0..<250 where try self.server.sql(idle) != "0" { usleep(20_000) }
        let last = try CLI.run(["parse", "--config", postgres, "--state-dir", state.path])
        #expect(last.stdout.contains("parse: 1 documents"), "\(last.stdout) \(last.stderr)")
        results.append(last)
        var documents = 0
        for result in results.all {
            #expect(result?.status == 0, "\(result?.stderr ?? "no result")")
            let line = result?.stdout ?? ""
            if let range = line.range(of: #"parse: (\d+) documents"#, options: .regularExpression) {
                documents += Int(line[range].split(separator: " ")[1]) ?? 0
            }
        }
        #expect(documents == 60, "each document parsed by exactly one process: \(results.all.map { $0?.stdout ?? "" })")
        #expect(try self.server.sql("SELECT parse_state || ' ' || COUNT(*) FROM documents GROUP BY parse_state", database: database)
                == "parsed 60")
        #expect(try self.server.sql("SELECT COUNT(*) FROM items", database: database) == "300")
        let again = try CLI.run(["parse", "--config", postgres, "--state-dir", state.path])
        #expect(again.stdout.contains("parse: 0 documents"), "\(again.stdout)")

        // The same feeds on SQLite give the same items.
        let sqlite = try dir.write("sqlite.yaml", "feeds: feeds.yaml\n" + fetchBlock)
        let sqliteState = try TempDir()
        #expect(try CLI.run(["fetch", "--config", sqlite, "--state-dir", sqliteState.path]).status == 0)
        #expect(try CLI.run(["parse", "--config", sqlite, "--state-dir", sqliteState.path]).status == 0)
        let onSQLite = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for row in db.execute("SELECT feed_id, item_key, title, content_hash, published FROM items ORDER BY feed_id, item_key"):
                print("|".join(str(x) for x in row[:4]) + "|" + row[4][:19])
            """, sqliteState.path + "/chipwatch.sqlite"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let onPostgres = try self.server.sql("""
            SELECT feed_id || '|' || item_key || '|' || title || '|' || content_hash || '|' ||
                   to_char(published AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM items ORDER BY feed_id, item_key
            """, database: database)
        #expect(onSQLite.split(separator: "\n").count == 300)
        #expect(onPostgres == onSQLite)

        // Two extract processes share the 300 items: each extracted once, the signals a SQLite
        // run gives, one unbroken audit chain (checked by verify-log on a copy back to SQLite).
        let extractors = ResultList()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            extractors.append(try? CLI.run(["extract", "--config", postgres, "--state-dir", state.path]))
        }
        var extracted = 0
        for result in extractors.all {
            #expect(result?.status == 0, "\(result?.stderr ?? "no result")")
            let line = result?.stdout ?? ""
            if let range = line.range(of: #"extract: (\d+) items"#, options: .regularExpression) {
                extracted += Int(line[range].split(separator: " ")[1]) ?? 0
            }
        }
        #expect(extracted == 300, "\(extractors.all.map { $0?.stdout ?? "" })")
        #expect(try CLI.run(["extract", "--config", sqlite, "--state-dir", sqliteState.path]).status == 0)
        let sqliteSignals = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for row in db.execute("SELECT i.feed_id, i.item_key, s.seq, s.event, s.modality, COALESCE(s.product, '-'), COALESCE(s.stated_window, '-') FROM signals s JOIN items i ON i.id = s.item_id ORDER BY 1, 2, 3"):
                print(" ".join(str(x) for x in row))
            """, sqliteState.path + "/chipwatch.sqlite"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let postgresSignals = try self.server.sql("""
            SELECT i.feed_id || ' ' || i.item_key || ' ' || s.seq || ' ' || s.event || ' ' || s.modality || ' ' ||
                   COALESCE(s.product, '-') || ' ' || COALESCE(s.stated_window, '-')
            FROM signals s JOIN items i ON i.id = s.item_id ORDER BY i.feed_id, i.item_key, s.seq
            """, database: database)
        #expect(sqliteSignals.split(separator: "\n").count >= 300)
        #expect(postgresSignals == sqliteSignals)
        let copy = try TempDir()
        let back = try CLI.run(["store", "copy", "--from", "postgres://chipwatch@localhost:\(self.server.port)/\(database)?host=\(self.server.folder)",
                                "--password-file", dir.path + "/pg-password", "--tls", "disable", "--state-dir", copy.path])
        #expect(back.status == 0, "\(back.stderr)")
        let verified = try CLI.run(["verify-log", "--state-dir", copy.path])
        #expect(verified.stdout.contains("chain intact"), "\(verified.stdout) \(verified.stderr)")
    }
}

/// Results gathered from concurrent workers.
private final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLI.Result?] = []
    func append(_ result: CLI.Result?) { lock.withLock { results.append(result) } }
    var all: [CLI.Result?] { lock.withLock { results } }
}
