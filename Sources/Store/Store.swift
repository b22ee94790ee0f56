import Core
import Foundation
import GRDB
import GRDBSQLite
import StoreRows
import Synchronization

/// The embedded store: one SQLite file in the state directory, in WAL mode, shared by
/// every stage process. Stages reach it through Core protocols (`FetchStore`, ...).
public final class Store: Sendable {
    /// The database file's name inside the state directory.
    public static let fileName = "chipwatch.sqlite"

    let pool: DatabasePool
    /// Stories by day and SimHash, for the extract stage's lookups (`StoryIndex`).
    let storyIndex = Mutex(StoryIndex())
    /// Where the database lives.
    public let path: String

    /// Opens (creating if needed) the store in `directory` and brings its schema up to date.
    public init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(directory, "cannot create the state directory: \(error.localizedDescription)")
        }
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        var configuration = Configuration()
        // Another stage process may hold the write lock for a moment: wait rather than fail.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // Pages of 8 KB for a new file (a no-op on an existing one; it must precede the
            // switch to WAL): an item of about 2.4 KB took a 4 KB page alone, leaving 40% of
            // the items table empty; with 8 KB pages the waste is about 10%.
            try db.execute(sql: "PRAGMA page_size = 8192")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Keep the -wal and -shm files when the last connection closes (GRDB's advice for
            // read-only readers): `chipwatch serve` opens the store read-only, and under its
            // systemd unit the state directory is read-only too, where SQLite can read a WAL
            // database only if those two files already exist.
            var persist: CInt = 1
            let code = withUnsafeMutablePointer(to: &persist) { sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, $0) }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
        do {
            // Two processes opening a new file at once race: both switch it to WAL (one may get
            // "database is locked" at once, before any busy timeout applies), and both migrate
            // ("table already exists"). So opening and migrating run under an exclusive lock on
            // a sidecar file; once open, processes share the database as WAL allows.
            let file = path
            pool = try FileLock.withExclusiveLock(path: file + ".migrate-lock") {
                let pool = try DatabasePool(path: file, configuration: configuration)
                // A store a newer chipwatch has migrated has tables this version would misread:
                // it is refused by name, not opened. Asked on the writer: a reader opened
                // before the migration would keep the old columns of a `SELECT *`.
                let unknown = try pool.writeWithoutTransaction { db in
                    try Schema.migrator.appliedIdentifiers(db).subtracting(Schema.migrator.migrations).sorted()
                }
                guard unknown.isEmpty else {
                    throw StoreError.cannotOpen(file, "written by a newer chipwatch (schema \(unknown.joined(separator: ", "))); "
                                                + "run that version or a newer one")
                }
                try Schema.migrator.migrate(pool)
                return pool
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path, "\(error)")
        }
    }

    /// Opens the store in `directory` for reading only (`chipwatch serve`): SQLite's read-only
    /// mode, no migration. A store missing, or not yet brought to this version's schema by a
    /// stage, is refused by name.
    public init(readOnlyDirectory directory: String) throws {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.cannotOpen(path, "no store here yet; run chipwatch run (or any stage) first")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let current = try pool.read { try Schema.migrator.hasCompletedMigrations($0) }
            let unknown = try pool.read { try Schema.migrator.appliedIdentifiers($0).subtracting(Schema.migrator.migrations) }
            guard current, unknown.isEmpty else {
                throw StoreError.cannotOpen(path, unknown.isEmpty ? "its schema is older than this chipwatch; run a stage (chipwatch run) to migrate it"
                                                : "written by a newer chipwatch; run that version or a newer one")
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            // In a read-only directory SQLite reads a WAL database only when its -wal and -shm
            // files exist; a writer of this version keeps them (SQLITE_FCNTL_PERSIST_WAL).
            throw StoreError.cannotOpen(path, "\(error); a read-only state directory needs \(Self.fileName)-wal and -shm beside it: "
                                        + "run a stage of this chipwatch version once (it keeps them)")
        } catch {
            throw StoreError.cannotOpen(path, "\(error)")
        }
    }
}

/// The one way the store writes JSON columns (Core's `JSONWriter`): keys sorted (stable
/// bytes, so hashes and comparisons hold), slashes unescaped, dates as RFC 3339.
extension Store {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String { try JSONWriter.string(value) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try decoder.decode(type, from: Data(text.utf8)) }
    /// A typed value stored as its name.
    static func value<T: RawRepresentable<String>>(_ type: T.Type, _ row: Row, _ column: String, table: String) throws -> T {
        let raw: String = row[column]
        guard let value = T(rawValue: raw) else { throw StoreError.badValue(table, column, raw) }
        return value
    }
}

/// Errors of the store, each naming the database file.
public struct StoreError: Error, CustomStringConvertible {
    enum Kind { case cannotOpen, badValue }
    let kind: Kind
    let path: String
    let reason: String

    static func cannotOpen(_ path: String, _ reason: String) -> StoreError {
        StoreError(kind: .cannotOpen, path: path, reason: reason)
    }

    /// A stored value this version cannot read (written by a newer one, or edited by hand).
    static func badValue(_ table: String, _ column: String, _ value: String) -> StoreError {
        StoreError(kind: .badValue, path: "\(table).\(column)", reason: "unknown value \"\(value)\"")
    }

    public var description: String {
        switch kind {
        case .cannotOpen: "store: cannot open \(path): \(reason)"
        case .badValue: "store: \(path): \(reason)"
        }
    }
}

/// An advisory `flock` on a file, held for the duration of a closure.
enum FileLock {
    static func withExclusiveLock<T>(path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError.cannotOpen(path, "cannot open lock file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                throw StoreError.cannotOpen(path, "cannot lock: \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
